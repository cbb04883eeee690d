import { LEGACY_VARIANT_MODULES } from '../../lib/module';
import { fakeAwsProviderBlock } from './helpers/fake-aws-provider';
import { createModuleWorkspace, MODULE_DIR } from './helpers/module-workspace';
import { FAKE_ACCOUNT_ID, OfflineAws, startOfflineAws } from './helpers/offline-aws';
import { PlanJson, ResourceChange } from './helpers/plan-json';
import { AttributeTypes, attributeTypesOf, PlanWithValues, stateFromPlan } from './helpers/state-from-plan';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { terraformEnv, terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(300_000);

const ROOT = 'root';
const SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${FAKE_ACCOUNT_ID}:secret:redshift/etl-AbCdEf`;
const PARTIAL_SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${FAKE_ACCOUNT_ID}:secret:redshift/etl`;
const KEY_ARN = `arn:aws:kms:eu-west-1:${FAKE_ACCOUNT_ID}:key/0b5e1f3c-7a1d-4c1e-9a0e-2f6b8d9c4e21`;
const WORKGROUP_ARN = `arn:aws:redshift-serverless:eu-west-1:${FAKE_ACCOUNT_ID}:workgroup/0d3f3d4e-1111-2222-3333-444455556666`;

type Settings = Record<string, string | boolean | null>;

/** Deployed first: a cluster with DbUser credentials, ERROR logging, no key, no tracing. */
const DEPLOYED: Settings = { default_cluster_id: 'analytics', default_user: 'etl' };
/** Every change of target, sign-in, key, logging and tracing the old layout could only make by replacement. */
const CHANGES: readonly (readonly [string, Settings])[] = [
  ['cluster + DbUser -> workgroup + IAM identity, with a KMS key, logging OFF, tracing on',
    { default_workgroup_name: WORKGROUP_ARN, kms_key_arn: KEY_ARN, logging_level: 'OFF', tracing: true }],
  ['DbUser -> secret ARN, logging ALL', { default_cluster_id: 'analytics', default_secret_arn: SECRET_ARN, logging_level: 'ALL' }],
  ['DbUser -> partial secret ARN (no 6-character suffix)', { default_cluster_id: 'analytics', default_secret_arn: PARTIAL_SECRET_ARN }],
];

/** The secret resource the results role may read, as Terraform decided it at plan time (issue 10, item 3). */
const EXPECTED_SECRET_RESOURCE: Readonly<Record<string, string>> = {
  [SECRET_ARN]: SECRET_ARN,
  [PARTIAL_SECRET_ARN]: `${PARTIAL_SECRET_ARN}-??????`,
};

const ROOT_MODULE = `
variable "settings" {
  type = any
}

module "redshift_query" {
  source = "../${MODULE_DIR}"

  state_machine_name     = "in-place"
  default_db             = "dev"
  default_cluster_id     = try(var.settings.default_cluster_id, null)
  default_workgroup_name = try(var.settings.default_workgroup_name, null)
  default_user           = try(var.settings.default_user, null)
  default_secret_arn     = try(var.settings.default_secret_arn, null)
  kms_key_arn            = try(var.settings.kms_key_arn, null)
  logging_level          = try(var.settings.logging_level, null)
  tracing                = try(var.settings.tracing, null)
}
`;

/** Resources whose replacement would lose running executions or break callers holding their ARNs. */
const KEPT = ['aws_sfn_state_machine', 'aws_iam_role'];

/** `terraform providers schema -json` (the shared helper puts -no-color after the first word, which this subcommand refuses). */
async function providerSchema(cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)('terraform', ['providers', 'schema', '-json'], { cwd, env: terraformEnv(), maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

function destroyed(plan: PlanJson): ResourceChange[] {
  return (plan.resource_changes ?? []).filter((change) => change.mode === 'managed' && change.change.actions.includes('delete'));
}

describeWithTerraform('changing module variables updates in place; the old variant layout moves without replacement', () => {
  let workspace: TerraformWorkspace;
  let aws: OfflineAws;
  let deployed: PlanWithValues & PlanJson;
  let types: AttributeTypes;
  let planCount = 0;

  /** `plan -refresh=false` of the root with `settings` against `state` (a state file text), as JSON. */
  async function plan(settings: Settings, state?: string): Promise<PlanWithValues & PlanJson> {
    const id = ++planCount;
    const dir = workspace.path(ROOT);
    workspace.writeFile(`${ROOT}/settings-${id}.tfvars.json`, JSON.stringify({ settings }));
    const stateArgs: string[] = [];
    if (state !== undefined) {
      workspace.writeFile(`${ROOT}/state-${id}.tfstate`, state);
      stateArgs.push(`-state=state-${id}.tfstate`);
    }
    await terraformOk(['plan', '-refresh=false', '-input=false', '-lock=false', `-var-file=settings-${id}.tfvars.json`, ...stateArgs, `-out=plan-${id}`], dir);
    return JSON.parse((await terraformOk(['show', '-json', `plan-${id}`], dir)).stdout) as PlanWithValues & PlanJson;
  }

  beforeAll(async () => {
    workspace = createModuleWorkspace('in-place');
    aws = await startOfflineAws();
    workspace.writeFile(`${ROOT}/main.tf`, `${fakeAwsProviderBlock(aws.endpoints)}\n${ROOT_MODULE}`);
    await workspace.init(ROOT);
    const [schema, first] = await Promise.all([providerSchema(workspace.path(ROOT)), plan(DEPLOYED)]);
    types = attributeTypesOf(schema);
    deployed = first;
  }, 300_000);

  afterAll(async () => {
    await aws?.close();
    workspace?.dispose();
  });

  const isMainStateMachine = (change: ResourceChange) => change.type === 'aws_sfn_state_machine' && !change.address.includes('Companions');
  /** The 0.1 layout had no event-mode companions: a state of it holds none. */
  const withoutCompanions = (state: string) => {
    const parsed = JSON.parse(state) as { resources: { name: string }[] };
    return JSON.stringify({ ...parsed, resources: parsed.resources.filter((resource) => !resource.name.includes('Companions')) });
  };

  test('the first plan creates one state machine, two roles and the log group, no inner modules', () => {
    const all = (deployed.resource_changes ?? []).filter((change) => change.mode === 'managed').map((change) => change.address).sort();
    expect(all.every((address) => address.startsWith('module.redshift_query.aws_'))).toBe(true);
    // Event mode's companions (relay, cleanup, table, rules and their roles) are planned beside them.
    expect(all.filter((address) => address.includes('aws_sfn_state_machine') && address.includes('Companions'))).toHaveLength(2);
    const created = all.filter((address) => !address.includes('Companions'));
    expect(created.filter((address) => address.includes('aws_sfn_state_machine'))).toHaveLength(1);
    expect(created.filter((address) => address.includes('aws_iam_role.'))).toHaveLength(2);
    expect(created.filter((address) => address.includes('aws_cloudwatch_log_group'))).toHaveLength(1);
  });

  test('planning the deployed settings again against their state changes nothing that matters', async () => {
    const again = await plan(DEPLOYED, stateFromPlan(deployed, FAKE_ACCOUNT_ID, types));
    expect(destroyed(again).map((change) => change.address)).toEqual([]);
    const machine = again.resource_changes!.find(isMainStateMachine)!;
    expect(machine.change.actions).not.toContain('create');
  });

  test.each(CHANGES)('%s: the state machine and both roles are updated in place, never replaced', async (_name, settings) => {
    const changed = await plan(settings, stateFromPlan(deployed, FAKE_ACCOUNT_ID, types));
    const replaced = destroyed(changed).filter((change) => KEPT.includes(change.type));
    expect(replaced.map((change) => `${change.address} ${change.change.actions.join('/')}`)).toEqual([]);
    const machine = changed.resource_changes!.find(isMainStateMachine)!;
    expect(machine.change.actions).toEqual(['update']);
    const secret = settings.default_secret_arn;
    if (typeof secret === 'string') {
      const policy = changed.resource_changes!.find((change) => change.address.includes('ResultsRolePolicy'))!;
      const statements = (JSON.parse(String(policy.change.after?.policy)) as { Statement: { Sid: string; Resource: string | string[] }[] }).Statement;
      const read = statements.find((statement) => statement.Sid === 'ReadDatabaseSecret')!;
      expect(read.Resource).toEqual(EXPECTED_SECRET_RESOURCE[secret]);
      expect(statements.map((statement) => statement.Sid)).not.toContain('GetClusterCredentialsForDbUser');
    }
  });

  test.each(['cluster_db_user', 'workgroup_iam_kms'])(
    'a state of the old layout (module.%s[0]) moves to the single module: nothing is destroyed or created',
    async (variant) => {
      expect(LEGACY_VARIANT_MODULES).toContain(variant);
      // The old layout: every resource inside module.<variant>[0]; the log group had no count there.
      const state = withoutCompanions(
        stateFromPlan(deployed, FAKE_ACCOUNT_ID, types, (resource) => ({
          module: resource.module ? `${resource.module}.module.${variant}[0]` : resource.module,
          index: resource.type === 'aws_cloudwatch_log_group' ? undefined : resource.index,
        })),
      );
      const upgraded = await plan(DEPLOYED, state);
      expect(destroyed(upgraded).map((change) => change.address)).toEqual([]);
      const managed = (upgraded.resource_changes ?? []).filter((change) => change.mode === 'managed');
      // Only what the old layout never had is created: event mode's companions.
      const created = managed.filter((change) => change.change.actions.includes('create')).map((change) => change.address);
      expect(created.filter((address) => !address.includes('Companions'))).toEqual([]);
      expect(created.length).toBeGreaterThan(0);
      const machine = managed.find(isMainStateMachine) as ResourceChange & { previous_address?: string };
      expect(machine.previous_address).toBe(`module.redshift_query.module.${variant}[0].aws_sfn_state_machine.redshift_query_StateMachine_B06B0F2B`);
    },
  );
});
