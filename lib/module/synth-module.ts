import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { canonicalJson } from './canonical-json';
import { ModuleBuildError } from './errors';
import { ModuleVersions, renderModuleReadme, renderVersionsNote, TerraformJsonDocumented } from './module-readme';
import { MODULE_AWS_PROVIDER_RANGE, MODULE_TERRAFORM_RANGE } from './portable-stack';
import { RedshiftQueryModuleStack } from './redshift-query-module-stack';
import { ModuleFiles } from './write-module-dir';

/** The module's resources (Terraform JSON syntax); the other files split the configuration by concern. */
export const MODULE_MAIN_FILE = 'main.tf.json';

/** Which top-level block of the configuration goes to which file (terraform-aws-modules layout). */
const FILE_OF_BLOCK: Readonly<Record<string, string>> = {
  variable: 'variables.tf.json',
  output: 'outputs.tf.json',
  terraform: 'versions.tf.json',
  moved: 'moved.tf.json',
};

/**
 * Synthesizes the module in memory and returns the module folder's files: `main.tf.json` (resources, data sources,
 * locals), `variables.tf.json`, `outputs.tf.json`, `versions.tf.json`, `moved.tf.json` (upgrades from the old variant
 * layout), each with sorted keys and no cdktf metadata (no absolute paths, byte-identical across runs and machines),
 * plus the README and the versions note.
 */
export function synthModuleFiles(): ModuleFiles {
  const app = new App({ outdir: '.', skipValidation: true });
  const config = synthStack(new RedshiftQueryModuleStack(app, 'redshift-query-module'));
  const byFile: Record<string, Record<string, unknown>> = {};
  for (const [block, value] of Object.entries(config)) {
    const file = FILE_OF_BLOCK[block] ?? MODULE_MAIN_FILE;
    byFile[file] = { ...byFile[file], [block]: value };
  }
  const files: Record<string, string> = {};
  for (const [file, content] of Object.entries(byFile)) files[file] = canonicalJson(content);
  const versions = moduleVersions();
  files['README.md'] = renderModuleReadme(config, versions);
  files['VERSIONS.md'] = renderVersionsNote(versions);
  return Object.fromEntries(Object.keys(files).sort().map((name) => [name, files[name]!]));
}

function synthStack(stack: TerraformStack): TerraformJsonDocumented & Record<string, unknown> {
  // Testing.synth runs aspects and validations, resolves tokens and drops the `//` metadata (construct paths).
  const config = JSON.parse(Testing.synth(stack, true)) as TerraformJsonDocumented & Record<string, unknown>;
  assertPortable(config);
  return config;
}

function moduleVersions(): ModuleVersions {
  const packageJson = readJson(join(__dirname, '..', '..', 'package.json'));
  return {
    packageName: String(packageJson.name),
    packageVersion: String(packageJson.version),
    cdktfVersion: String(readJson(require.resolve('cdktf/package.json')).version),
    providerBindingVersion: String(readJson(require.resolve('@cdktf/provider-aws/package.json')).version),
    requiredTerraform: MODULE_TERRAFORM_RANGE,
    requiredAwsProvider: MODULE_AWS_PROVIDER_RANGE,
  };
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** A module must not carry a provider, a backend or anything pointing into the machine that built it. */
function assertPortable(config: Record<string, unknown>): void {
  const terraform = (config.terraform ?? {}) as Record<string, unknown>;
  if (config.provider !== undefined) throw new ModuleBuildError('the module configuration must not contain a provider block');
  if (terraform.backend !== undefined) throw new ModuleBuildError('the module configuration must not contain a backend');
  const text = JSON.stringify(config);
  for (const local of [process.cwd(), __dirname]) {
    if (text.includes(local)) throw new ModuleBuildError(`the module configuration contains the local path ${local}`);
  }
}
