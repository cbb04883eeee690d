import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { REPO_ROOT } from './helpers/terraform-cli';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LEGACY_RESOURCES,
  LEGACY_VARIANT_MODULES,
  MODULE_MAIN_FILE,
  MODULE_VARIABLES,
  ModuleBuildError,
  renderInputsTable,
  renderOutputsTable,
  synthModuleFiles,
  writeModuleDir,
} from '../../lib/module';

interface ModuleJson {
  terraform: { required_providers: { aws: { source: string; version: string } }; required_version: string; backend?: unknown };
  provider?: unknown;
  variable: Record<string, { type: string; description: string; default?: unknown; validation?: { condition: string; error_message: string }[] }>;
  output: Record<string, { description: string; value: string }>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  moved: { from: string; to: string }[];
  module?: unknown;
}

/**
 * The variant layout (0.1) published 813,533 bytes (root + 10 inner modules + README), 10 x 56,027 of them the
 * definition. The definition has grown since; the target is a fifth of that layout with today's definition.
 */
const VARIANT_LAYOUT_BYTES = 813_533;
const VARIANT_LAYOUT_DEFINITION_BYTES = 56_027;

describe('synthModuleFiles', () => {
  const files = synthModuleFiles();
  // The configuration is split by concern (terraform-aws-modules layout); Terraform reads the folder as one.
  const config = Object.assign(
    {},
    ...Object.entries(files).filter(([name]) => name.endsWith('.tf.json')).map(([, content]) => JSON.parse(content) as object),
  ) as ModuleJson;

  test('is deterministic: a second synthesis gives byte-identical files', () => {
    expect(synthModuleFiles()).toEqual(files);
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'VERSIONS.md', MODULE_MAIN_FILE, 'moved.tf.json', 'outputs.tf.json', 'variables.tf.json', 'versions.tf.json'].sort(),
    );
    expect(Object.keys(JSON.parse(files['variables.tf.json']!))).toEqual(['variable']);
    expect(Object.keys(JSON.parse(files['outputs.tf.json']!))).toEqual(['output']);
    expect(Object.keys(JSON.parse(files['versions.tf.json']!))).toEqual(['terraform']);
  });

  /** Resources of a type that belong to the main machine (not to event mode's companions). */
  const mainResources = (type: string) =>
    Object.entries(config.resource[type] ?? {})
      .filter(([id]) => !id.includes('Companions'))
      .map(([, resource]) => resource);

  test('one module: no inner modules, one resource of each kind, at most a fifth of the variant layout', () => {
    expect(config.module).toBeUndefined();
    for (const type of ['aws_sfn_state_machine', 'aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm']) {
      expect(mainResources(type)).toHaveLength(1);
    }
    expect(mainResources('aws_iam_role')).toHaveLength(2);
    // Event mode's companions (the completion mode is a plan-time variable): the relay and cleanup Express machines.
    const companionMachines = Object.entries(config.resource.aws_sfn_state_machine!).filter(([id]) => id.includes('Companions'));
    expect(companionMachines.map(([, machine]) => (machine as { type: string }).type)).toEqual(['EXPRESS', 'EXPRESS']);
    expect(Object.keys(config.resource)).not.toContain('aws_lambda_function');
    // Optional resources by count: the log group follows logging_level, the alarm the topic.
    expect(Object.values(config.resource.aws_cloudwatch_log_group!)[0]!.count).toBe('${!(var.logging_level == "OFF") ? 1 : 0}');
    expect(Object.values(config.resource.aws_cloudwatch_metric_alarm!)[0]!.count).toBe('${(var.alarm_sns_topic_arn != null) ? 1 : 0}');
    const bytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    const [machine] = mainResources('aws_sfn_state_machine') as { definition: string }[];
    const definitionBytes = JSON.stringify(machine!.definition).length;
    expect(bytes).toBeLessThanOrEqual((VARIANT_LAYOUT_BYTES + 10 * (definitionBytes - VARIANT_LAYOUT_DEFINITION_BYTES)) / 5);
  });

  test('the definition appears once, with every deploy-time value JSON-encoded by Terraform in place', () => {
    const [machine] = mainResources('aws_sfn_state_machine') as { definition: string }[];
    const interpolations = [...new Set(machine!.definition.match(/(?<!\$)\$\{[^}]*\}/g))];
    expect(interpolations.length).toBeGreaterThan(5);
    for (const interpolation of interpolations) expect(interpolation).toMatch(/^\$\{jsonencode\((var|local)\.[a-zA-Z0-9_]+\)\}$/);
    for (const name of ['default_cluster_id', 'default_workgroup_name', 'default_db', 'default_user', 'default_secret_arn', 'retry_error_match', 'max_wait']) {
      expect(machine!.definition).toContain(`\${jsonencode(var.${name})}`);
    }
  });

  test('moved blocks bring every resource of every old variant (module.<variant>[0]) to its one new address', () => {
    for (const [key, oldAddress] of Object.entries(LEGACY_RESOURCES)) {
      const chain = config.moved.filter((block) => block.from.endsWith(`].${oldAddress}`) || block.to.endsWith(oldAddress) || block.to.startsWith(oldAddress));
      const froms = chain.map((block) => block.from);
      for (const variant of LEGACY_VARIANT_MODULES) expect(froms).toContain(`module.${variant}[0].${oldAddress}`);
      // One destination per block (Terraform refuses two moves to one address); the chain ends at the new resource.
      const tos = chain.map((block) => block.to);
      expect(new Set(tos).size).toBe(tos.length);
      expect(tos.filter((to) => !to.startsWith('module.'))).toEqual([key === 'logGroup' ? `${oldAddress}[0]` : oldAddress]);
    }
  });

  test('has no provider block, no backend, no cdktf metadata and no path of this machine', () => {
    expect(config.provider).toBeUndefined();
    expect(config.terraform.backend).toBeUndefined();
    for (const content of Object.values(files)) {
      expect(content).not.toContain(process.cwd());
      expect(content).not.toContain(tmpdir());
      expect(content).not.toMatch(/"\/\/"/);
    }
  });

  test('keeps required_providers with a loosened range and requires Terraform 1.9', () => {
    expect(config.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: '~> 5.100' });
    expect(config.terraform.required_version).toBe('>= 1.9');
  });

  test('declares every variable of the spec with type and description, and a default unless required', () => {
    expect(Object.keys(config.variable).sort()).toEqual(MODULE_VARIABLES.map((v) => v.name).sort());
    for (const spec of MODULE_VARIABLES) {
      const variable = config.variable[spec.name]!;
      expect(variable.type).toBe(spec.type);
      expect(variable.description.length).toBeGreaterThan(10);
      if (spec.default === undefined) expect(variable).not.toHaveProperty('default');
      else expect(variable.default).toEqual(spec.default);
    }
    // Only the name and the database are required (plus a cluster or a workgroup, checked by validation).
    expect(MODULE_VARIABLES.filter((v) => v.default === undefined).map((v) => v.name)).toEqual(['state_machine_name', 'default_db']);
  });

  test('every validation message names its variable, and no condition or message is an accidental template', () => {
    for (const [name, variable] of Object.entries(config.variable)) {
      for (const validation of variable.validation ?? []) {
        expect(validation.error_message).toContain(name);
        expect(validation.error_message).not.toMatch(/[$%]\{/);
        // A JSON-syntax condition is only an expression when it is one whole `${...}` template.
        expect(validation.condition).toMatch(/^\$\{.*\}$/s);
        expect(validation.condition).toContain(`var.${name}`);
      }
    }
  });

  test('outputs the state machine ARN and name, the results role ARN, the execution role ARN and the key policy statements', () => {
    expect(Object.keys(config.output).sort()).toEqual(['kms_key_policy_statements_json', 'results_role_arn', 'role_arn', 'state_machine_arn', 'state_machine_name']);
    for (const output of Object.values(config.output)) expect(output.description.length).toBeGreaterThan(10);
  });

  test('the README tables document every variable (type, default, required) and every output', () => {
    const readme = files['README.md']!;
    for (const [name, variable] of Object.entries(config.variable)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(`\`${variable.type}\``);
      expect(row).toMatch('default' in variable ? /\| no \|$/ : /\| n\/a \| yes \|$/);
    }
    expect(readme).toContain('| `max_retries` | How many times a FAILED statement is submitted again, with decorrelated-jitter delays (0 = never). | `number` | `10` | no |');
    expect(readme).toContain('| `default_cluster_id` |');
    expect(readme).toMatch(/\| `default_cluster_id` \| .* \| `string` \| `null` \| no \|/);
    for (const name of Object.keys(config.output)) expect(readme).toContain(`| \`${name}\` |`);
  });

  test('docs/terraform.md shows the generated inputs and outputs tables verbatim (regenerate them when variables change)', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'terraform.md'), 'utf8');
    expect(docs).toContain(renderInputsTable(config));
    expect(docs).toContain(renderOutputsTable(config));
  });

  test('the versions note names the Terraform and provider requirements', () => {
    expect(files['VERSIONS.md']).toContain('Terraform: >= 1.9');
    expect(files['VERSIONS.md']).toContain('hashicorp/aws: ~> 5.100');
  });
});

/** `readonly name?:` members of one interface of lib/construct/props.ts. */
function interfaceMembers(source: string, name: string): string[] {
  const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1];
  if (body === undefined) throw new Error(`interface ${name} not found in lib/construct/props.ts`);
  return [...body.matchAll(/^\s*readonly (\w+)\??:/gm)].map((match) => match[1]!);
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

describe('module variables mirror the construct props', () => {
  test('every prop of RedshiftQueryStepFunction is a variable (nested logging/alarm props flattened), and nothing else', () => {
    const source = readFileSync(join(REPO_ROOT, 'lib', 'construct', 'props.ts'), 'utf8');
    const nested: Record<string, string> = { logging: 'RedshiftQueryLoggingProps', alarm: 'RedshiftQueryAlarmProps' };
    const expected = interfaceMembers(source, 'RedshiftQueryStepFunctionProps').flatMap((prop) =>
      nested[prop] ? interfaceMembers(source, nested[prop]!).map((member) => `${prop}_${snake(member)}`) : [snake(prop)],
    );
    expect(MODULE_VARIABLES.map((variable) => variable.name).sort()).toEqual(expected.sort());
  });
});

describe('writeModuleDir', () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), 'rqsf-module-write-'));
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  test('replaces the folder with exactly the given files and leaves no temporary folder', () => {
    const outDir = join(parent, 'terraform-module');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'stale.tf.json'), '{}');
    writeModuleDir(outDir, { 'main.tf.json': '{"a":1}\n', 'README.md': '# m\n' });
    expect(readdirSync(outDir).sort()).toEqual(['README.md', 'main.tf.json']);
    expect(readFileSync(join(outDir, 'main.tf.json'), 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(parent)).toEqual(['terraform-module']);
  });

  test('fails when a file name leaves the folder, and leaves the previous module untouched', () => {
    const outDir = join(parent, 'terraform-module');
    writeModuleDir(outDir, { 'main.tf.json': 'old\n' });
    expect(() => writeModuleDir(outDir, { 'main.tf.json': 'new\n', '../escape.txt': 'x' })).toThrow(ModuleBuildError);
    expect(() => writeModuleDir(outDir, { '../escape.txt': 'x' })).toThrow(/must be relative and stay inside the module folder/);
    expect(readFileSync(join(outDir, 'main.tf.json'), 'utf8')).toBe('old\n');
    expect(existsSync(join(parent, 'escape.txt'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['terraform-module']);
  });
});
