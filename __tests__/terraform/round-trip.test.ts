import { RedshiftDataEmulator } from '../../lib/emulator';
import { ExecutionResult, HistoryEvent, runExecution } from '../../lib/runtime';
import { FAKE_PROVIDER_OVERRIDE_FILE, fakeAwsProviderOverride } from './helpers/fake-aws-provider';
import { copyFixture, createModuleWorkspace } from './helpers/module-workspace';
import { FAKE_ACCOUNT_ID, OfflineAws, startOfflineAws } from './helpers/offline-aws';
import { changesOfType, onlyChangeOfType, PlanJson } from './helpers/plan-json';
import { terraform, terraformOk } from './helpers/terraform-cli';
import { describeWithTerraform } from './helpers/terraform-availability';
import { TerraformWorkspace } from './helpers/terraform-workspace';

// Each terraform process loads the 700 MB AWS provider; on a busy machine one command can take tens of seconds.
jest.setTimeout(180_000);

const FIXTURE = 'fixtures/round-trip';
/** The values the fixture gives the module (see fixtures/round-trip/main.tf), as Terraform decodes them. */
const DB_USER = 'etl_2.user+rt@corp-x';
const RETRY_ERROR_MATCH = 'ERROR: "dead" ünï \\$\\{x\\} %\\{y\\}';
const IAM_PATH = '/q"b\\c${d}/';
const LITERAL_SQL = `SELECT '\${x} %{y} "ünï"' AS literal_text;`;
/** Simulated run time of the statement whose polls the test follows. */
const LONG_RUNNING_SECONDS = 100;

async function planJson(workspace: TerraformWorkspace, planFile: string): Promise<PlanJson> {
  const dir = workspace.path(FIXTURE);
  await terraformOk(['plan', '-refresh=false', '-input=false', '-lock=false', `-out=${planFile}`], dir);
  return JSON.parse((await terraformOk(['show', '-json', planFile], dir)).stdout) as PlanJson;
}

/** Seconds each Wait state lasted, in execution order (from the history's Entered/Exited timestamps). */
function waitDurations(history: readonly HistoryEvent[]): number[] {
  const durations: number[] = [];
  let enteredAt: number | undefined;
  for (const event of history) {
    if (event.type === 'WaitStateEntered') enteredAt = event.timestamp;
    if (event.type === 'WaitStateExited' && enteredAt !== undefined) {
      durations.push((event.timestamp - enteredAt) / 1000);
      enteredAt = undefined;
    }
  }
  return durations;
}

describeWithTerraform('Terraform round trip: the planned definition runs on the local runtime', () => {
  let workspace: TerraformWorkspace;
  let aws: OfflineAws;
  let plan: PlanJson;
  let resultsRoleArn: string;
  let definition: Record<string, unknown>;
  let executionInput: unknown;

  beforeAll(async () => {
    workspace = createModuleWorkspace('round-trip');
    aws = await startOfflineAws();
    copyFixture(workspace, 'round-trip');
    workspace.writeFile(`${FIXTURE}/${FAKE_PROVIDER_OVERRIDE_FILE}`, fakeAwsProviderOverride(aws.endpoints));
    await workspace.init(FIXTURE);
    plan = await planJson(workspace, 'round-trip.tfplan');

    const machine = onlyChangeOfType(plan, 'aws_sfn_state_machine');
    definition = JSON.parse(String(machine.change.after?.definition)) as Record<string, unknown>;
    const target = onlyChangeOfType(plan, 'aws_cloudwatch_event_target');
    executionInput = JSON.parse(String(target.change.after?.input));
    const resultsRole = changesOfType(plan, 'aws_iam_role').find((role) => role.address.includes('ResultsRole'))!;
    resultsRoleArn = `arn:aws:iam::${FAKE_ACCOUNT_ID}:role${IAM_PATH}${String(resultsRole.change.after?.name)}`;
  }, 300_000);

  afterAll(async () => {
    await aws?.close();
    workspace?.dispose();
  });

  test('the first plan already knows the definition (fixed results role name), and the provider had our server validate it', () => {
    const machine = onlyChangeOfType(plan, 'aws_sfn_state_machine');
    expect(machine.change.after_unknown?.definition).toBeFalsy();
    const resultsRole = changesOfType(plan, 'aws_iam_role').find((role) => role.address.includes('ResultsRole'))!;
    expect(resultsRole.change.after?.name).toMatch(/^rt-round-trip-[0-9a-f]{8}-results$/);
    expect(aws.validations.map((call) => call.definition)).toContainEqual(definition);
    for (const call of aws.validations) expect(call.diagnostics.filter((d) => d.severity === 'ERROR')).toEqual([]);
    expect(aws.sts.calls()).toBeGreaterThan(0);
  });

  test('kms_key_arn sets a customer managed key on the one state machine, and alarm_sns_topic_arn creates the alarm', () => {
    const machine = onlyChangeOfType(plan, 'aws_sfn_state_machine');
    expect(machine.address).toBe('module.redshift_query.aws_sfn_state_machine.redshift_query_StateMachine_B06B0F2B');
    expect(machine.change.after?.encryption_configuration).toEqual([
      expect.objectContaining({ type: 'CUSTOMER_MANAGED_KMS_KEY', kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/0b5e1f3c-7a1d-4c1e-9a0e-2f6b8d9c4e21' }),
    ]);
    const alarm = onlyChangeOfType(plan, 'aws_cloudwatch_metric_alarm');
    expect(alarm.change.after).toMatchObject({ alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:redshift-alerts'] });
  });

  test('fails the plan when ValidateStateMachineDefinition answers FAIL: the provider really consults our server', async () => {
    aws.forcedDiagnostics = [{ severity: 'ERROR', code: 'FORCED_BY_TEST', message: "State 'Defaults': rejected on purpose", location: '/States/Defaults' }];
    try {
      const run = await terraform(['plan', '-refresh=false', '-input=false', '-lock=false'], workspace.path(FIXTURE));
      expect(run.code).not.toBe(0);
      expect(run.stderr.replace(/\s+/g, ' ')).toContain("State 'Defaults': rejected on purpose");
    } finally {
      aws.forcedDiagnostics = undefined;
    }
  }, 120_000);

  test('numbers stay JSON numbers and strings arrive literally in the planned definition', () => {
    const text = JSON.stringify(definition);
    expect(text).toContain('"InitialWaitTime":7,');
    expect(text).toContain('"BaseWaitTime":11,');
    expect(text).toContain('"WaitMultiplier":2,');
    expect(text).toContain('"MaxWait":40,');
    expect(text).toContain('"MaxRetries":2,');
    expect(text).toContain('"TimeoutSeconds":5000,');
    expect(text).toContain(`"RetryErrorMatch":${JSON.stringify(RETRY_ERROR_MATCH)}`);
    expect(text).toContain(`"DbUser":${JSON.stringify(DB_USER)}`);
    // iam_path's quote, backslash and ${ reach the RoleArn exactly (jsonencode in the module, not text splicing).
    expect(text).toContain(`"RoleArn":${JSON.stringify(resultsRoleArn)}`);
    expect(executionInput).toEqual([LITERAL_SQL, { ExecuteStatementParameters: { Sql: "SELECT 'long_running' AS tag;" } }]);
  });

  describe('run on the runtime with the Redshift Data emulator', () => {
    let emulator: RedshiftDataEmulator;
    let result: ExecutionResult;

    beforeAll(async () => {
      emulator = new RedshiftDataEmulator({
        scenario: {
          statements: [
            { match: 'long_running', durationSeconds: LONG_RUNNING_SECONDS },
            { match: 'retry_me', fail: { error: 'ERROR: "dead" ünï ${x} %{y} lock detected' } },
            { match: 'no_retry', fail: { error: 'ERROR: permission denied for relation sales' } },
          ],
        },
      });
      result = await runExecution(definition, executionInput, { emulator });
    }, 120_000);

    afterAll(async () => {
      await emulator?.close();
    });

    test('the execution succeeds and the SQL with ${ and %{ reached the database literally', () => {
      expect(result.status).toBe('SUCCEEDED');
      const submitted = emulator.statements().map((statement) => statement.Sql);
      expect(submitted).toEqual([LITERAL_SQL, "SELECT 'long_running' AS tag;"]);
      expect(emulator.statements().every((statement) => statement.Status === 'FINISHED')).toBe(true);
    });

    test('every statement used the default cluster, database and DbUser, under the results role', () => {
      const executes = emulator.callLog.filter((call) => call.operation === 'ExecuteStatement').slice(0, 2);
      expect(executes).toHaveLength(2);
      for (const call of executes) {
        expect(call.request).toMatchObject({ ClusterIdentifier: 'rt-cluster', Database: 'dev', DbUser: DB_USER });
        expect(call.identity).toBe(resultsRoleArn);
      }
    });

    test('the poll schedule follows initial_wait_time, then base_wait_time x wait_multiplier^k capped at max_wait', () => {
      // GIVEN a statement running 100 s: checks at 7, then 7+11=18, +22=40, +40=80, +40=120 (finished).
      const long = emulator.statements().find((statement) => statement.Sql?.includes('long_running'))!;
      const waitsAfterSubmit = waitDurations(result.history).filter((seconds) => seconds > 0);
      const expectedLongWaits = [7, 11, 22, 40, 40];
      // THEN the first query's single poll waited initial_wait_time, the long one the schedule above.
      expect(waitsAfterSubmit).toEqual([7, ...expectedLongWaits]);
      expect(long.endsAt - long.createdAt).toBe(LONG_RUNNING_SECONDS * 1000);
    });

    test('retry_error_match and max_retries took effect: a matching failure is submitted 1 + 2 times, then the execution fails', async () => {
      // The emulator's scenario fails these two statements with a matching and a non-matching error.
      const retried = await runExecution(definition, ["SELECT 'retry_me';"], { emulator });
      const notRetried = await runExecution(definition, ["SELECT 'no_retry';"], { emulator });
      const submissions = (tag: string) =>
        emulator.callLog.filter((call) => call.operation === 'ExecuteStatement' && JSON.stringify(call.request).includes(tag)).length;
      expect(retried.status).toBe('FAILED');
      expect(submissions('retry_me')).toBe(3);
      expect(notRetried.status).toBe('FAILED');
      expect(submissions('no_retry')).toBe(1);
    }, 60_000);
  });
});
