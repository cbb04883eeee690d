import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SynthesizedDefinitionError } from './errors';
import { isRecord } from './query-list-items';
import { parseJsonWithLocation } from './json-syntax';

const STACK_FILE = 'cdk.tf.json';
const STATE_MACHINE_TYPE = 'aws_sfn_state_machine';

export interface LoadSynthesizedDefinitionOptions {
  /** Stack to read when the path is a `cdktf.out` directory with several stacks. @default - the only stack that has a state machine */
  readonly stackName?: string;
  /** Terraform resource name of the state machine when the stack has several. @default - the only `aws_sfn_state_machine`, else the only one not of type EXPRESS */
  readonly resourceName?: string;
}

export interface SynthesizedDefinition {
  /** The parsed ASL definition, Terraform template escapes undone; interpolations such as `${aws_iam_role.results.arn}` stay as text. */
  readonly definition: Record<string, unknown>;
  /** The `cdk.tf.json` it came from. */
  readonly file: string;
  /** Terraform resource name, e.g. `redshift-query_state-machine_1A2B3C`. */
  readonly resourceName: string;
  /** The resource's `name` attribute when it is a plain string (may be a Terraform interpolation). */
  readonly stateMachineName?: string;
}

/**
 * Reads the state machine definition out of a cdktf synth output. `path` may be the `cdktf.out`
 * directory, a stack directory (`cdktf.out/stacks/<name>`) or a `cdk.tf.json` file.
 * @throws SynthesizedDefinitionError naming the file and what is missing
 */
export async function loadSynthesizedDefinition(
  path: string,
  options: LoadSynthesizedDefinitionOptions | string = {},
): Promise<SynthesizedDefinition> {
  const opts = typeof options === 'string' ? { stackName: options } : options;
  const file = await findStackFile(path, opts.stackName);
  const config = await readStackFile(file);
  return extractDefinition(config, file, opts.resourceName);
}

/**
 * Undoes Terraform's template escapes in a JSON string attribute: `$${` → `${`, `%%{` → `%{`. A value the construct
 * leaves to Terraform to encode (`${jsonencode(var.x)}`, in place of a JSON value) becomes the JSON string
 * `"${var.x}"`, so the text parses and the reference stays readable.
 */
export function unescapeTerraformTemplate(text: string): string {
  return text
    .replace(/(?<!\$)\$\{jsonencode\(([^()"]*)\)\}/g, (_all, reference: string) => JSON.stringify(`\${${reference}}`))
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

async function findStackFile(path: string, stackName: string | undefined): Promise<string> {
  const kind = await pathKind(path);
  if (kind === 'missing') throw new SynthesizedDefinitionError(`${path} does not exist (run \`npm run synth\` first to create cdktf.out)`, path);
  if (kind === 'file') return path;
  if ((await pathKind(join(path, STACK_FILE))) === 'file') {
    if (stackName !== undefined && basename(path) !== stackName) {
      throw new SynthesizedDefinitionError(`${path} is the stack directory of '${basename(path)}', not of stack '${stackName}'`, path);
    }
    return join(path, STACK_FILE);
  }
  const stacksDir = join(path, 'stacks');
  if ((await pathKind(stacksDir)) !== 'directory') {
    throw new SynthesizedDefinitionError(`${path} holds neither ${STACK_FILE} nor a stacks/ directory: expected a cdktf.out directory, a stack directory or a ${STACK_FILE} file`, path);
  }
  const stacks = await stacksWithFile(stacksDir);
  if (stackName !== undefined) {
    if (!stacks.includes(stackName)) {
      throw new SynthesizedDefinitionError(`${path} has no stack '${stackName}' (stacks: ${stacks.join(', ') || 'none'})`, path);
    }
    return join(stacksDir, stackName, STACK_FILE);
  }
  if (stacks.length === 0) throw new SynthesizedDefinitionError(`${stacksDir} contains no stack with a ${STACK_FILE}`, path);
  if (stacks.length === 1) return join(stacksDir, stacks[0]!, STACK_FILE);
  const withStateMachine: string[] = [];
  for (const stack of stacks) {
    const text = await readFile(join(stacksDir, stack, STACK_FILE), 'utf8');
    if (text.includes(`"${STATE_MACHINE_TYPE}"`)) withStateMachine.push(stack);
  }
  if (withStateMachine.length === 1) return join(stacksDir, withStateMachine[0]!, STACK_FILE);
  throw new SynthesizedDefinitionError(
    `${path} has ${withStateMachine.length || 'no'} stacks with a state machine (${(withStateMachine.length ? withStateMachine : stacks).join(', ')}): name one with --stack`,
    path,
  );
}

async function stacksWithFile(stacksDir: string): Promise<string[]> {
  const entries = await readdir(stacksDir, { withFileTypes: true });
  const stacks: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await pathKind(join(stacksDir, entry.name, STACK_FILE))) === 'file') stacks.push(entry.name);
  }
  return stacks.sort();
}

async function readStackFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SynthesizedDefinitionError(`cannot read ${file}: ${(error as Error).message}`, file, { cause: error });
  }
  const parsed = parseJsonWithLocation(text);
  if (!parsed.ok) throw new SynthesizedDefinitionError(`${file} is not valid JSON at ${parsed.message}`, file);
  if (!isRecord(parsed.value)) throw new SynthesizedDefinitionError(`${file} is not a Terraform JSON configuration (expected an object)`, file);
  return parsed.value;
}

function extractDefinition(config: Record<string, unknown>, file: string, resourceName: string | undefined): SynthesizedDefinition {
  const resources = isRecord(config.resource) ? config.resource[STATE_MACHINE_TYPE] : undefined;
  const names = isRecord(resources) ? Object.keys(resources) : [];
  if (!isRecord(resources) || names.length === 0) {
    throw new SynthesizedDefinitionError(`${file} has no ${STATE_MACHINE_TYPE} resource`, file);
  }
  let name: string;
  if (resourceName !== undefined) {
    if (!names.includes(resourceName)) {
      throw new SynthesizedDefinitionError(`${file} has no ${STATE_MACHINE_TYPE}.${resourceName} (found: ${names.join(', ')})`, file);
    }
    name = resourceName;
  } else if (names.length === 1) {
    name = names[0]!;
  } else if (names.filter((n) => isRecord(resources[n]) && resources[n].type !== 'EXPRESS').length === 1) {
    // The construct's relay and cleanup companions are Express machines; the query machine is the one Standard.
    name = names.find((n) => isRecord(resources[n]) && resources[n].type !== 'EXPRESS')!;
  } else {
    throw new SynthesizedDefinitionError(`${file} has several ${STATE_MACHINE_TYPE} resources (${names.join(', ')}): name one`, file);
  }
  const resource = resources[name];
  const where = `${STATE_MACHINE_TYPE}.${name} in ${file}`;
  const definitionText = isRecord(resource) ? resource.definition : undefined;
  if (typeof definitionText !== 'string') {
    throw new SynthesizedDefinitionError(`${where} has no definition string`, file);
  }
  if (/^\$\{[^}]*\}$/.test(definitionText.trim())) {
    throw new SynthesizedDefinitionError(`${where} has a definition computed by Terraform (${definitionText.trim()}); only a literal JSON definition can run locally`, file);
  }
  const unescaped = unescapeTerraformTemplate(definitionText);
  const parsed = parseJsonWithLocation(unescaped);
  if (!parsed.ok) throw new SynthesizedDefinitionError(`the definition of ${where} is not valid JSON at ${parsed.message}`, file);
  if (!isRecord(parsed.value)) throw new SynthesizedDefinitionError(`the definition of ${where} is not a JSON object`, file);
  const stateMachineName = isRecord(resource) && typeof resource.name === 'string' ? resource.name : undefined;
  return { definition: parsed.value, file, resourceName: name, stateMachineName };
}

async function pathKind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

