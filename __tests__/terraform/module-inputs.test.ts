import { readFileSync } from 'node:fs';
import { MODULE_MAIN_FILE } from '../../lib/module';
import { fakeAwsProviderBlock } from './helpers/fake-aws-provider';
import { createModuleWorkspace, MODULE_DIR } from './helpers/module-workspace';
import { OfflineAws, startOfflineAws } from './helpers/offline-aws';
import { terraform } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(180_000);

/** Valid values every module block starts from. */
const BASE: Readonly<Record<string, string>> = {
  state_machine_name: '"inputs-check"',
  default_cluster_id: '"analytics"',
  default_db: '"dev"',
};

/** One module block per bad value (HCL literals); Terraform reports every failed validation of one plan. */
interface InvalidCase {
  readonly name: string;
  readonly inputs: Readonly<Record<string, string | null>>;
  readonly message: string;
  /**
   * The rule refers to another variable. Terraform 1.11 evaluates those only once every single-variable rule of the
   * plan has passed, so these cases get a plan of their own.
   */
  readonly crossVariable?: boolean;
}

const INVALID_CASES: readonly InvalidCase[] = [
  { name: 'negative_initial_wait', inputs: { initial_wait_time: '-1' }, message: 'initial_wait_time must be a number of seconds from 0 to 86400' },
  { name: 'zero_base_wait', inputs: { base_wait_time: '0' }, message: 'base_wait_time must be a number of seconds from 1 to 86400' },
  { name: 'shrinking_multiplier', inputs: { wait_multiplier: '0.5' }, message: 'wait_multiplier must be a number from 1 to 1000' },
  { name: 'negative_max_wait', inputs: { max_wait: '-5' }, message: 'max_wait must be a number of seconds from 1 to 86400' },
  { name: 'fractional_retries', inputs: { max_retries: '1.5' }, message: 'max_retries must be a whole number from 0 to 1000' },
  { name: 'short_account', inputs: { results_role_aws_principals: '["12345"]' }, message: 'results_role_aws_principals must hold 12-digit AWS account IDs' },
  { name: 'malformed_arn', inputs: { results_role_aws_principals: '["123456789012", "arn:aws:iam::123:role/reader"]' }, message: 'results_role_aws_principals must hold' },
  { name: 'bad_name', inputs: { state_machine_name: '"nightly etl"' }, message: 'state_machine_name must be 1 to 80 letters' },
  { name: 'two_targets', inputs: { default_workgroup_name: '"analytics-wg"' }, message: 'default_workgroup_name and default_cluster_id cannot both be set', crossVariable: true },
  { name: 'no_target', inputs: { default_cluster_id: null }, message: 'default_cluster_id (a provisioned cluster) or default_workgroup_name (Redshift Serverless) must be set', crossVariable: true },
  { name: 'user_and_secret', inputs: { default_user: '"etl"', default_secret_arn: '"redshift/etl"' }, message: 'default_user cannot be set together with default_secret_arn', crossVariable: true },
  { name: 'bad_log_level', inputs: { logging_level: '"DEBUG"' }, message: 'logging_level must be one of ALL, ERROR, FATAL, OFF' },
  { name: 'bad_retention', inputs: { log_retention_days: '31' }, message: 'log_retention_days must be one of' },
  { name: 'bad_iam_path', inputs: { iam_path: '"data"' }, message: 'iam_path must start and end with "/"' },
  { name: 'zero_timeout', inputs: { default_timeout_seconds: '0' }, message: 'default_timeout_seconds must be null or a number of seconds from 1' },
  { name: 'bad_kms_key', inputs: { kms_key_arn: '"my-key"' }, message: 'kms_key_arn must be null or a KMS key ARN' },
  { name: 'kms_alias_arn', inputs: { kms_key_arn: '"arn:aws:kms:eu-west-1:123456789012:alias/redshift"' }, message: 'not an alias or alias ARN' },
  { name: 'bad_topic', inputs: { alarm_sns_topic_arn: '"alerts"' }, message: 'alarm_sns_topic_arn must be null or an SNS topic ARN' },
  // Redshift names: the construct's rules (lib/input-rules), quoting AWS.
  { name: 'slash_in_db', inputs: { default_db: '"dev/prod"' }, message: 'default_db must be a database name. AWS: "Must be 1 to 64 alphanumeric characters' },
  { name: 'quote_in_db', inputs: { default_db: '"dev\\"x"' }, message: 'default_db must be a database name.' },
  { name: 'public_user', inputs: { default_user: '"Public"' }, message: "default_user must be null or a database user name. AWS: \"Must be 1 to 64 alphanumeric characters or hyphens. The user name can't be PUBLIC." },
  { name: 'double_hyphen_cluster', inputs: { default_cluster_id: '"prod--dw"' }, message: 'default_cluster_id must be null or a cluster identifier. AWS: "Must contain from 1 to 63' },
  { name: 'long_cluster', inputs: { default_cluster_id: `"a${'b'.repeat(63)}"` }, message: 'default_cluster_id must be null or a cluster identifier.' },
  { name: 'underscore_workgroup', inputs: { default_cluster_id: null, default_workgroup_name: '"etl_wg"' }, message: 'default_workgroup_name must be null or a workgroup ARN' },
  { name: 'long_allowed_cluster', inputs: { allowed_cluster_id: `"a${'b'.repeat(63)}"` }, message: 'allowed_cluster_id must be null or a cluster identifier (1 to 63 characters' },
  { name: 'max_wait_below_base', inputs: { max_wait: '5' }, message: 'max_wait must be at least base_wait_time', crossVariable: true },
];

/** Non-default but valid values: this block must plan without any error. */
const VALID_CASE: Readonly<Record<string, string>> = {
  initial_wait_time: '0',
  wait_multiplier: '1.5',
  max_retries: '0',
  default_user: '"etl"',
  allowed_cluster_id: '"*"',
  allowed_user_id: '"etl+batch"',
  results_role_aws_principals: '["123456789012", "arn:aws:iam::123456789012:role/reader", "arn:aws-cn:iam::123456789012:root"]',
  iam_path: '"/data/"',
  permissions_boundary: '"arn:aws:iam::aws:policy/PowerUserAccess"',
  default_timeout_seconds: '3600',
  alarm_sns_topic_arn: '"arn:aws:sns:eu-west-1:123456789012:alerts"',
  // null for a variable with a default means the default (the variables are non-nullable).
  max_wait: 'null',
  tags: 'null',
  name_prefix: 'null',
};

function moduleBlock(name: string, overrides: Readonly<Record<string, string | null>>, source = '../../dist/terraform-module'): string {
  const inputs: Record<string, string> = { ...BASE };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete inputs[key];
    else inputs[key] = value;
  }
  const lines = Object.entries(inputs).map(([key, value]) => `  ${key} = ${value}`);
  return `module "${name}" {\n  source = "${source}"\n${lines.join('\n')}\n}\n`;
}

/** Terraform's diagnostics, one string per `Error:` block, whitespace collapsed (it wraps lines at 78 columns). */
function errorBlocks(stderr: string): string[] {
  return stderr
    .split(/^Error: /m)
    .slice(1)
    .map((block) => block.replace(/[│├─╵╷]/g, ' ').replace(/\s+/g, ' '));
}

describeWithTerraform('Terraform module variable validation (terraform plan)', () => {
  let workspace: TerraformWorkspace;
  let aws: OfflineAws;
  let errors: string[];

  let fullModuleErrors: string[];

  beforeAll(async () => {
    workspace = createModuleWorkspace('inputs');
    aws = await startOfflineAws();
    // The module's variable blocks, exactly as built, without the resources: one plan checks every case fast.
    for (const file of ['variables.tf.json', 'versions.tf.json']) {
      workspace.writeFile(`variables-only/${file}`, readFileSync(workspace.path(`${MODULE_DIR}/${file}`), 'utf8'));
    }
    const blocks = (cases: readonly InvalidCase[]) => cases.map((c) => moduleBlock(c.name, c.inputs, '../../variables-only')).join('\n');
    const valid = moduleBlock('valid_non_defaults', VALID_CASE, '../../variables-only');
    workspace.writeFile('fixtures/inputs/main.tf', `${blocks(INVALID_CASES.filter((c) => !c.crossVariable))}\n${valid}`);
    workspace.writeFile('fixtures/cross-inputs/main.tf', blocks(INVALID_CASES.filter((c) => c.crossVariable)));
    // And the full module, given two bad values at once: both are reported, before any resource is planned.
    workspace.writeFile(
      'fixtures/full-module/main.tf',
      `${fakeAwsProviderBlock(aws.endpoints)}\n${moduleBlock('full', { initial_wait_time: '-1', results_role_aws_principals: '["arn:aws:iam::123:root"]' })}`,
    );
    const dirs = ['fixtures/inputs', 'fixtures/cross-inputs', 'fixtures/full-module'];
    await Promise.all(dirs.map((dir) => workspace.init(dir)));
    const [run, crossRun, fullRun] = await Promise.all(
      dirs.map((dir) => terraform(['plan', '-refresh=false', '-input=false', '-lock=false'], workspace.path(dir))),
    );
    for (const failed of [run, crossRun, fullRun]) expect(failed!.code).not.toBe(0);
    errors = [...errorBlocks(run!.stderr), ...errorBlocks(crossRun!.stderr)];
    fullModuleErrors = errorBlocks(fullRun!.stderr);
  }, 240_000);

  afterAll(async () => {
    await aws?.close();
    workspace?.dispose();
  });

  test.each(INVALID_CASES.map((c) => [c.name, c.message] as const))('fails when %s: the plan error names the variable', (name, message) => {
    // A rule on a variable the caller did not pass has no source location ("on  line 0"): find it by its message.
    const block = errors.find((error) => error.includes(`in module "${name}"`) || (!error.includes(' in module "') && error.includes(message)));
    expect(block).toBeDefined();
    expect(block).toContain('Invalid value for variable');
    expect(block).toContain(message);
  });

  test('reports nothing for valid non-default values, and nothing but the validation errors', () => {
    expect(errors.filter((error) => error.includes('in module "valid_non_defaults"'))).toEqual([]);
    expect(errors.filter((error) => !error.startsWith('Invalid value for variable'))).toEqual([]);
    expect(errors).toHaveLength(INVALID_CASES.length);
  });

  test('the full module fails the plan with both messages, naming the variables', () => {
    expect(fullModuleErrors).toHaveLength(2);
    expect(fullModuleErrors.join('\n')).toContain('initial_wait_time must be a number of seconds from 0 to 86400');
    expect(fullModuleErrors.join('\n')).toContain('results_role_aws_principals must hold 12-digit AWS account IDs');
    expect(fullModuleErrors.every((error) => error.startsWith('Invalid value for variable'))).toBe(true);
  });
});
