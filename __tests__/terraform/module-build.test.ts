import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { REPO_ROOT } from './helpers/terraform-cli';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MODULE_MAIN_FILE,
  MODULE_VARIABLES,
  MODULE_VARIANTS,
  ModuleBuildError,
  renderInputsTable,
  renderOutputsTable,
  synthModuleFiles,
  variantModuleName,
  writeModuleDir,
} from '../../lib/module';

interface ModuleJson {
  terraform: { required_providers: { aws: { source: string; version: string } }; required_version: string; backend?: unknown };
  provider?: unknown;
  variable: Record<string, { type: string; description: string; default?: unknown; validation?: { condition: string; error_message: string }[] }>;
  output: Record<string, { description: string; value: string }>;
}

describe('synthModuleFiles', () => {
  const files = synthModuleFiles();
  const config = JSON.parse(files[MODULE_MAIN_FILE]!) as ModuleJson;

  test('is deterministic: a second synthesis gives byte-identical files', () => {
    expect(synthModuleFiles()).toEqual(files);
    const variantFiles = MODULE_VARIANTS.map((variant) => `modules/${variant.id}/${MODULE_MAIN_FILE}`);
    expect(Object.keys(files).sort()).toEqual(['README.md', 'VERSIONS.md', MODULE_MAIN_FILE, ...variantFiles].sort());
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

  test('each variant is an inner module with the same variables, no validations, and the construct\'s outputs', () => {
    const root = config as unknown as { module: Record<string, { source: string; count: string }> };
    for (const variant of MODULE_VARIANTS) {
      const inner = JSON.parse(files[`modules/${variant.id}/${MODULE_MAIN_FILE}`]!) as ModuleJson & { resource: Record<string, unknown> };
      expect(Object.keys(inner.variable).sort()).toEqual(Object.keys(config.variable).sort());
      expect(Object.values(inner.variable).some((v) => v.validation)).toBe(false);
      expect(inner.provider).toBeUndefined();
      expect(Object.keys(inner.output).sort()).toEqual(Object.keys(config.output).sort());
      expect(Object.keys(inner.resource)).toContain('aws_sfn_state_machine');
      expect(Object.keys(inner.resource)).not.toContain('aws_lambda_function');
      expect(root.module[variantModuleName(variant)]).toMatchObject({ source: `./modules/${variant.id}` });
      // Only KMS variants encrypt with a customer managed key.
      expect(JSON.stringify(inner.resource)).toContain(variant.kms ? 'CUSTOMER_MANAGED_KMS_KEY' : '"tracing_configuration"');
      if (!variant.kms) expect(JSON.stringify(inner.resource)).not.toContain('CUSTOMER_MANAGED_KMS_KEY');
    }
  });

  test('outputs the state machine ARN and name, the results role ARN and the execution role ARN', () => {
    expect(Object.keys(config.output).sort()).toEqual(['results_role_arn', 'role_arn', 'state_machine_arn', 'state_machine_name']);
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
