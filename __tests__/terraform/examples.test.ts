import { readFileSync } from 'node:fs';
import { FAKE_PROVIDER_OVERRIDE_FILE, fakeAwsProviderOverride } from './helpers/fake-aws-provider';
import { copyExample, createModuleWorkspace, HCL_EXAMPLES, MODULE_DIR } from './helpers/module-workspace';
import { OfflineAws, startOfflineAws } from './helpers/offline-aws';
import { changesOfType, onlyChangeOfType, PlanJson } from './helpers/plan-json';
import { terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(300_000);

describeWithTerraform('Terraform module and HCL examples (real terraform, offline)', () => {
  let workspace: TerraformWorkspace;
  let aws: OfflineAws;
  const plans = new Map<string, Promise<PlanJson>>();

  const validations = new Map<string, Promise<{ valid: boolean; warning_count: number }>>();

  /** `validate -json` of a folder, started once; a failure surfaces in the test that awaits it. */
  function validate(dir: string): Promise<{ valid: boolean; warning_count: number }> {
    let result = validations.get(dir);
    if (result === undefined) {
      result = terraformOk(['validate', '-json'], workspace.path(dir)).then((run) => JSON.parse(run.stdout) as { valid: boolean; warning_count: number });
      result.catch(() => undefined); // handled by the awaiting test
      validations.set(dir, result);
    }
    return result;
  }

  /** `plan -refresh=false -out`, then `show -json` of that plan; once per example. */
  function plan(example: string): Promise<PlanJson> {
    let result = plans.get(example);
    if (result === undefined) {
      const dir = `examples/${example}`;
      result = workspace
        .init(dir)
        .then(() => terraformOk(['plan', '-refresh=false', '-input=false', '-lock=false', '-out=tfplan'], workspace.path(dir)))
        .then(() => terraformOk(['show', '-json', 'tfplan'], workspace.path(dir)))
        .then((run) => JSON.parse(run.stdout) as PlanJson);
      result.catch(() => undefined); // handled by the awaiting test
      plans.set(example, result);
    }
    return result;
  }

  beforeAll(async () => {
    workspace = createModuleWorkspace('examples');
    aws = await startOfflineAws();
    for (const example of HCL_EXAMPLES) {
      copyExample(workspace, example);
      workspace.writeFile(`examples/${example}/${FAKE_PROVIDER_OVERRIDE_FILE}`, fakeAwsProviderOverride(aws.endpoints));
    }
    // Every terraform process loads the 700 MB provider: start them all together, each test awaits its own.
    await Promise.all([workspace.init(MODULE_DIR), ...HCL_EXAMPLES.map((example) => workspace.init(`examples/${example}`))]);
    for (const dir of [MODULE_DIR, ...HCL_EXAMPLES.map((example) => `examples/${example}`)]) validate(dir);
    for (const example of HCL_EXAMPLES) plan(example);
  }, 120_000);

  afterAll(async () => {
    await aws?.close();
    workspace?.dispose();
  });

  test('the built module folder passes terraform validate', async () => {
    expect(await validate(MODULE_DIR)).toMatchObject({ valid: true, warning_count: 0 });
  });

  test.each(HCL_EXAMPLES)('examples/%s passes terraform validate with no warning', async (example) => {
    expect(await validate(`examples/${example}`)).toMatchObject({ valid: true, warning_count: 0 });
  });

  test('examples/cluster-hcl plans offline: one cluster/DbUser state machine with the example settings, and its schedule', async () => {
    const result = await plan('cluster-hcl');
    const machine = onlyChangeOfType(result, 'aws_sfn_state_machine');
    expect(machine.change.actions).toEqual(['create']);
    // One module, no inner variant modules: the resource sits directly in the module.
    expect(machine.address).toMatch(/^module\.redshift_query\.aws_sfn_state_machine\.[A-Za-z0-9_]+$/);
    // The DbUser grant applies; the other sign-in modes' statements are not rendered.
    const resultsPolicy = changesOfType(result, 'aws_iam_role_policy').find((change) => change.address.includes('ResultsRolePolicy'))!;
    const statements = (JSON.parse(String(resultsPolicy.change.after?.policy)) as { Statement: { Sid: string }[] }).Statement.map((s) => s.Sid);
    expect(statements).toContain('GetClusterCredentialsForDbUser');
    expect(statements).not.toContain('ReadDatabaseSecret');
    expect(statements).not.toContain('GetServerlessCredentials');
    expect(machine.change.after).toMatchObject({ name: 'analytics-maintenance', type: 'STANDARD', tags: { Project: 'redshift-maintenance' } });
    expect(machine.change.after?.logging_configuration).toEqual([
      expect.objectContaining({ level: 'ERROR', include_execution_data: false }),
    ]);

    const schedule = onlyChangeOfType(result, 'aws_scheduler_schedule');
    expect(schedule.change.after).toMatchObject({ schedule_expression: 'cron(0 3 * * ? *)', schedule_expression_timezone: 'Europe/Amsterdam' });
    const target = (schedule.change.after?.target as { input: string }[])[0]!;
    expect(JSON.parse(target.input)).toEqual([
      'ANALYZE sales;',
      { ExecuteStatementParameters: { Sql: 'DELETE FROM staging_events WHERE loaded_at < DATEADD(day, -7, GETDATE());' }, MaxRetries: 0 },
      'VACUUM DELETE ONLY staging_events;',
    ]);
    // No alarm without a topic, and no Lambda anywhere.
    expect(changesOfType(result, 'aws_cloudwatch_metric_alarm')).toEqual([]);
    expect(changesOfType(result, 'aws_lambda_function')).toEqual([]);
  });

  test('examples/serverless-hcl plans offline: one workgroup/IAM-identity state machine with tracing and full logging', async () => {
    const result = await plan('serverless-hcl');
    const machine = onlyChangeOfType(result, 'aws_sfn_state_machine');
    expect(machine.address).toMatch(/^module\.redshift_query\.aws_sfn_state_machine\./);
    expect(machine.change.after).toMatchObject({ name: 'serverless-sql', tracing_configuration: [{ enabled: true }] });
    expect(machine.change.after?.logging_configuration).toEqual([expect.objectContaining({ level: 'ALL', include_execution_data: false })]);
    const logGroup = onlyChangeOfType(result, 'aws_cloudwatch_log_group');
    expect(logGroup.change.after).toMatchObject({ retention_in_days: 30 });
  });

  test('both plans had the AWS provider validate the planned definition through our static validator, without errors', async () => {
    const planned = await Promise.all(HCL_EXAMPLES.map(async (example) => JSON.parse(String(onlyChangeOfType(await plan(example), 'aws_sfn_state_machine').change.after?.definition)) as unknown));
    const validated = aws.validations.map((call) => call.definition);
    for (const definition of planned) expect(validated).toContainEqual(definition);
    for (const call of aws.validations) expect(call.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
  });

  test('the examples point at the built module folder, as a user copying them would after npm run build:module', () => {
    for (const example of HCL_EXAMPLES) {
      expect(readFileSync(workspace.path(`examples/${example}/main.tf`), 'utf8')).toContain('source = "../../dist/terraform-module"');
    }
  });
});
