import { readdirSync } from 'node:fs';
import { runCli } from '../../lib/cli';
import { memoryIo } from '../cli/helpers/memory-io';
import { copyExample, createModuleWorkspace } from './helpers/module-workspace';
import { PlanJson } from './helpers/plan-json';
import { TERRAFORM_CLI_CONFIG } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(240_000);

/** The command a user runs on their own root module: `redshift-query plan-offline [dir]`, with the real terraform. */
describeWithTerraform('redshift-query plan-offline', () => {
  let workspace: TerraformWorkspace;
  const savedConfig = process.env.TF_CLI_CONFIG_FILE;

  beforeAll(() => {
    // What a user with a provider mirror does: their CLI config reaches terraform through the environment.
    process.env.TF_CLI_CONFIG_FILE = TERRAFORM_CLI_CONFIG;
    workspace = createModuleWorkspace('plan-offline');
    copyExample(workspace, 'cluster-hcl');
    workspace.writeFile(
      'broken/main.tf',
      `terraform {
  backend "s3" {
    bucket = "my-real-state"
    key    = "prod/terraform.tfstate"
    region = "eu-west-1"
  }
}

data "aws_caller_identity" "me" {}

resource "aws_sfn_state_machine" "broken" {
  name       = "broken"
  role_arn   = "arn:aws:iam::\${data.aws_caller_identity.me.account_id}:role/sfn"
  definition = jsonencode({ StartAt = "First", States = { First = { Type = "Pass", Next = "Missing" } } })
}
`,
    );
  });

  afterAll(() => {
    if (savedConfig === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = savedConfig;
    workspace?.dispose();
  });

  test('plans examples/cluster-hcl with no AWS account: definitions validated locally, the account configurable, the folder untouched', async () => {
    const dir = workspace.path('examples/cluster-hcl');
    const before = readdirSync(dir).sort();
    const io = memoryIo({ cwd: workspace.root });

    const code = await runCli(['plan-offline', 'examples/cluster-hcl', '--json', '--account-id', '210987654321'], io);

    expect({ code, stderr: code === 0 ? '' : io.stderr.text }).toEqual({ code: 0, stderr: '' });
    const plan = JSON.parse(io.stdout.text) as PlanJson;
    const machines = (plan.resource_changes ?? []).filter((change) => change.type === 'aws_sfn_state_machine' && change.mode === 'managed');
    // The main machine, and event mode's relay and cleanup Express machines beside it.
    expect(machines.filter((machine) => !machine.name.includes('Companions'))).toHaveLength(1);
    expect(machines).toHaveLength(3);
    for (const machine of machines) expect(machine.change.actions).toEqual(['create']);
    // data "aws_caller_identity" answered by the emulator: the account reaches the planned IAM policies.
    expect(JSON.stringify(plan.resource_changes)).toContain('arn:aws:iam::210987654321:');
    expect(io.stderr.lines.at(-1)).toMatch(/^Offline plan of examples\/cluster-hcl succeeded: [1-9]\d* state machine definitions? validated$/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  test('a definition our validator rejects fails the plan (exit 1) with its message; a root with no provider block and an S3 backend works offline', async () => {
    const before = readdirSync(workspace.path('broken')).sort();
    const io = memoryIo({ cwd: workspace.root });

    const code = await runCli(['plan-offline', 'broken'], io);

    expect(code).toBe(1);
    expect(io.stderr.text).toContain("Next 'Missing' does not name a state"); // our validator's diagnostic, through the provider
    expect(io.stderr.text).not.toMatch(/S3|credential|NoCredentialProviders/i);
    expect(io.stderr.lines.at(-1)).toBe('Offline plan of broken FAILED (see terraform\'s output above)');
    expect(readdirSync(workspace.path('broken')).sort()).toEqual(before);
  });

  test('a folder with no Terraform files is a usage error (exit 2) naming it, and nothing is written', async () => {
    workspace.writeFile('empty/README.md', 'nothing here');
    const io = memoryIo({ cwd: workspace.root });
    expect(await runCli(['plan-offline', 'empty'], io)).toBe(2);
    expect(io.stderr.lines).toEqual([`error: ${workspace.path('empty')} has no .tf or .tf.json file: pass the folder of your Terraform root module`]);
    expect(readdirSync(workspace.path('empty'))).toEqual(['README.md']);
  });
});
