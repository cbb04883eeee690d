import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { TerraformVariable, Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest'; // types of the cdktf jest matchers
import { ConstructValidationError, type RedshiftQueryStepFunction } from '../../lib/construct';
import { CLUSTER_USER, isCompanion, only, resourceName, statementsOf, synth } from './synth-helpers';

Testing.setupJest();

const withTrigger = (configure: (construct: RedshiftQueryStepFunction) => void, props = CLUSTER_USER) => synth(props, configure);

function failure(configure: (construct: RedshiftQueryStepFunction) => void, props = CLUSTER_USER): ConstructValidationError {
  try {
    withTrigger(configure, props);
  } catch (error) {
    if (error instanceof ConstructValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConstructValidationError');
}

describe('addSchedule', () => {
  test('an EventBridge rule starts the state machine with the query list as constant input', () => {
    const { text, json } = withTrigger((c) => c.addSchedule({ schedule: 'cron(0 3 * * ? *)', queries: ['VACUUM sales'], retryPolicy: { maximumRetryAttempts: 3 } }));
    const stateMachine = resourceName(json, 'aws_sfn_state_machine', 'StateMachine');
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { schedule_expression: 'cron(0 3 * * ? *)' });
    const target = only(json, 'aws_cloudwatch_event_target');
    expect(target.arn).toBe(`\${aws_sfn_state_machine.${stateMachine}.arn}`);
    expect(JSON.parse(target.input)).toEqual({ Queries: ['VACUUM sales'] });
    expect(target.retry_policy).toEqual({ maximum_retry_attempts: 3 });
  });

  test('the trigger role may start this state machine only', () => {
    const { json } = withTrigger((c) => c.addSchedule({ schedule: 'rate(1 hour)', queries: ['VACUUM'] }));
    const stateMachine = resourceName(json, 'aws_sfn_state_machine', 'StateMachine');
    const policy = Object.entries(json.resource.aws_iam_role_policy).find(([name]) => name.includes('TriggerRolePolicy'))![1];
    expect(statementsOf(json, policy.policy)).toEqual([
      // The exact ARN (the name is fixed), known before the machine exists.
      expect.objectContaining({ actions: ['states:StartExecution'], resources: [expect.stringMatching(new RegExp(`:stateMachine:${json.resource.aws_sfn_state_machine[stateMachine].name}$`))] }),
    ]);
  });

  test('scheduler options make an EventBridge Scheduler schedule with timezone, window, DLQ and its send permission', () => {
    const dlq = 'arn:aws:sqs:us-east-1:123456789012:redshift-dlq';
    const { text, json } = withTrigger((c) =>
      c.addSchedule({ schedule: 'cron(30 6 ? * MON-FRI *)', queries: ['ANALYZE'], scheduler: { timezone: 'Europe/Paris', flexibleWindowMinutes: 15 }, deadLetterQueueArn: dlq }),
    );
    expect(Object.keys(json.resource.aws_cloudwatch_event_rule ?? {}).filter((id) => !isCompanion(id))).toEqual([]);
    expect(text).toHaveResourceWithProperties(SchedulerSchedule, {
      schedule_expression_timezone: 'Europe/Paris',
      flexible_time_window: { mode: 'FLEXIBLE', maximum_window_in_minutes: 15 },
    });
    expect(only(json, 'aws_scheduler_schedule').target.dead_letter_config).toEqual({ arn: dlq });
    const dlqPolicy = Object.entries(json.resource.aws_iam_role_policy).find(([name]) => name.includes('DeadLetterPolicy'))![1];
    expect(statementsOf(json, dlqPolicy.policy)).toEqual([expect.objectContaining({ actions: ['sqs:SendMessage'], resources: [dlq] })]);
  });

  test('SQL with ${ and %{ reaches AWS literally: the constant input is escaped for Terraform', () => {
    const sql = "INSERT INTO audit VALUES ('${user}', '%{ if x }')";
    const { json } = withTrigger((c) => c.addSchedule({ schedule: 'rate(1 day)', queries: [sql] }));
    const input: string = only(json, 'aws_cloudwatch_event_target').input;
    expect(input).toContain("'$${user}', '%%{ if x }'");
    // Undoing Terraform's escapes gives back the exact SQL.
    expect(JSON.parse(input.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'))).toEqual({ Queries: [sql] });
  });

  test.each<[string, Parameters<RedshiftQueryStepFunction['addSchedule']>[0], string, RegExp]>([
    ['a malformed rate', { schedule: 'rate(1 days)', queries: ['VACUUM'] }, 'addSchedule.schedule', /must read 'rate\(1 day\)'.*the unit must be singular/],
    ['a 5-field cron', { schedule: 'cron(0 3 * * ?)', queries: ['VACUUM'] }, 'addSchedule.schedule', /six required fields/],
    ['cron with both day fields', { schedule: 'cron(0 3 * * MON *)', queries: ['VACUUM'] }, 'addSchedule.schedule', /you must use a \? \(question mark\) in the other/],
    ['at() on a rule', { schedule: 'at(2030-01-01T00:00:00)', queries: ['VACUUM'] }, 'addSchedule.schedule', /EventBridge rules do not take \(only rate\(\) and cron\(\)\)/],
    ['an empty list', { schedule: 'rate(1 day)', queries: [] }, 'addSchedule.queries', /non-empty array/],
    ['an empty SQL', { schedule: 'rate(1 day)', queries: ['VACUUM', '  '] }, 'addSchedule.queries[1]', /empty SQL/],
    ['Sql and Sqls', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'a', Sqls: ['b'] } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.Sql', /exactly one of Sql/],
    ['41 batch statements', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sqls: Array(41).fill('SELECT 1') } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.Sqls', /1 to 40/],
    ['a typo in a field', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: 'VACUUM', MaxRetry: 2 }] }, 'addSchedule.queries[0].MaxRetry', /not a query field/],
    ['fractional MaxRetries', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: 'VACUUM', MaxRetries: 0.5 }] }, 'addSchedule.queries[0].MaxRetries', /an integer from 0 to 1000\b/],
    ['a zero BaseWaitTime', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: 'VACUUM', BaseWaitTime: 0 }] }, 'addSchedule.queries[0].BaseWaitTime', /above 0/],
    ['a misspelt statement parameter', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { SQL: 'VACUUM' } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.SQL', /not an ExecuteStatement/],
    ['an input over 8 KiB', { schedule: 'rate(1 day)', queries: [`SELECT '${'x'.repeat(8200)}'`] }, 'addSchedule.queries', /8192/],
    ['a bad timezone', { schedule: 'rate(1 day)', queries: ['VACUUM'], scheduler: { timezone: 'Mars/Olympus' } }, 'addSchedule.scheduler.timezone', /IANA/],
    ['a window over a day', { schedule: 'rate(1 day)', queries: ['VACUUM'], scheduler: { flexibleWindowMinutes: 1441 } }, 'addSchedule.scheduler.flexibleWindowMinutes', /<= 1440/],
    ['a bad retry policy', { schedule: 'rate(1 day)', queries: ['VACUUM'], retryPolicy: { maximumEventAgeSeconds: 30 } }, 'addSchedule.retryPolicy.maximumEventAgeSeconds', />= 60/],
    ['a DLQ that is not SQS', { schedule: 'rate(1 day)', queries: ['VACUUM'], deadLetterQueueArn: 'arn:aws:sns:us-east-1:123456789012:t' }, 'addSchedule.deadLetterQueueArn', /SQS queue ARN/],
  ])('fails on %s, naming the option', (_name, options, prop, message) => {
    const error = failure((c) => c.addSchedule(options));
    expect(error.prop).toBe(prop);
    expect(error.message).toMatch(message);
  });

  test('a query must name its target and database when the construct has no defaults', () => {
    const props = { allowedClusterId: '*', allowedDbName: '*' };
    expect(failure((c) => c.addSchedule({ schedule: 'rate(1 day)', queries: ['VACUUM'] }), props).prop).toBe('addSchedule.queries[0]');
    expect(failure((c) => c.addSchedule({ schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', Database: 'dev' } }] }), props).prop)
      .toBe('addSchedule.queries[0].ExecuteStatementParameters.ClusterIdentifier');
    expect(() => withTrigger((c) => c.addSchedule({ schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', ClusterIdentifier: 'a', Database: 'dev' } }] }), props)).not.toThrow();
  });

  test('accepts a resumed statement (StatementId only) and TimeoutSeconds null, as the state machine does', () => {
    expect(() =>
      withTrigger((c) => c.addSchedule({ schedule: 'rate(1 day)', queries: [{ StatementId: 'a1b2' }, { ExecuteStatementParameters: 'VACUUM', TimeoutSeconds: null }] })),
    ).not.toThrow();
  });
});

describe('trigger validation', () => {
  test('a rejected trigger creates nothing, not even the shared trigger role', () => {
    const { json } = withTrigger((c) => {
      expect(() => c.addSchedule({ schedule: 'rate(0 days)', queries: ['VACUUM'] })).toThrow(ConstructValidationError);
      expect(() => c.addEventTrigger({ eventPattern: { source: ['x'] } })).toThrow(ConstructValidationError);
    });
    expect(Object.keys(json.resource.aws_iam_role).filter((name) => name.includes('TriggerRole'))).toEqual([]);
    expect(Object.keys(json.resource.aws_cloudwatch_event_rule ?? {}).filter((id) => !isCompanion(id))).toEqual([]);
  });
});

describe('addEventTrigger', () => {
  test('queriesPath becomes an input transformer producing {"Queries": <list>} (never the raw event)', () => {
    const { text } = withTrigger((c) => c.addEventTrigger({ eventPattern: { source: ['my.app'], 'detail-type': ['Load finished'] }, queriesPath: '$.detail.queries' }));
    expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { event_pattern: '{"source":["my.app"],"detail-type":["Load finished"]}' });
    expect(text).toHaveResourceWithProperties(CloudwatchEventTarget, {
      input_transformer: { input_paths: { queries: '$.detail.queries' }, input_template: '{"Queries": <queries>}' },
    });
  });

  test('a constant query list is passed as input; a custom template is escaped for Terraform', () => {
    const constant = withTrigger((c) => c.addEventTrigger({ eventPattern: { source: ['aws.s3'] }, queries: ['ANALYZE'] }));
    expect(JSON.parse(only(constant.json, 'aws_cloudwatch_event_target').input)).toEqual({ Queries: ['ANALYZE'] });

    const custom = withTrigger((c) =>
      c.addEventTrigger({
        eventPattern: { source: ['aws.s3'] },
        inputTransformer: { inputPaths: { key: '$.detail.object.key' }, inputTemplate: `{"Queries": ["COPY t FROM 's3://b/<key>' FORMAT '\${x}'"]}` },
      }),
    );
    expect(only(custom.json, 'aws_cloudwatch_event_target').input_transformer.input_template).toBe(`{"Queries": ["COPY t FROM 's3://b/<key>' FORMAT '$\${x}'"]}`);
  });

  test.each<[string, Parameters<RedshiftQueryStepFunction['addEventTrigger']>[0], string, RegExp]>([
    ['no input at all (D16)', { eventPattern: { source: ['aws.s3'] } }, 'addEventTrigger.queries', /raw event/],
    ['two inputs', { eventPattern: { source: ['aws.s3'] }, queries: ['A'], queriesPath: '$.detail.q' }, 'addEventTrigger.queries', /exactly one/],
    ['an empty pattern', { eventPattern: {}, queries: ['A'] }, 'addEventTrigger.eventPattern', /non-empty object/],
    ['a template without Queries', { eventPattern: { source: ['x'] }, inputTransformer: { inputTemplate: '{"Sql": "A"}' } }, 'addEventTrigger.inputTransformer.inputTemplate', /"Queries"/],
    ['an undefined placeholder', { eventPattern: { source: ['x'] }, inputTransformer: { inputTemplate: '{"Queries": [<q>]}' } }, 'addEventTrigger.inputTransformer.inputTemplate', /<q>/],
    ['a template that is not JSON', { eventPattern: { source: ['x'] }, inputTransformer: { inputPaths: { q: '$.q' }, inputTemplate: '{"Queries": [<q>' } }, 'addEventTrigger.inputTransformer.inputTemplate', /not JSON/],
    ['a bad path', { eventPattern: { source: ['x'] }, queriesPath: 'detail.queries' }, 'addEventTrigger.queriesPath', /JSON path/],
  ])('fails on %s, naming the option', (_name, options, prop, message) => {
    const error = failure((c) => c.addEventTrigger(options));
    expect(error.prop).toBe(prop);
    expect(error.message).toMatch(message);
  });
});

describe('Scheduler schedules with a customer managed key', () => {
  const key = 'arn:aws:kms:us-east-1:123456789012:key/0b5e1f3c-7a1d-4c1e-9a0e-2f6b8d9c4e21';
  const keyPolicies = (json: ReturnType<typeof synth>['json']) =>
    Object.entries(json.resource.aws_iam_role_policy).filter(([name]) => name.includes('KeyPolicy')).map(([, policy]) => policy);
  const schedule = (c: RedshiftQueryStepFunction) => c.addSchedule({ schedule: 'cron(0 3 * * ? *)', queries: ['VACUUM'], scheduler: { timezone: 'Europe/Paris' } });

  test('the schedule is encrypted with the key, and the trigger role may decrypt its input (kms:Decrypt on the key)', () => {
    const { json } = withTrigger(schedule, { ...CLUSTER_USER, kmsKeyArn: key });
    expect(only(json, 'aws_scheduler_schedule').kms_key_arn).toBe(key);
    const [policy] = keyPolicies(json);
    expect(statementsOf(json, policy!.policy)).toEqual([expect.objectContaining({ actions: ['kms:Decrypt'], resources: [key] })]);
    expect(policy!.count).toBeUndefined();
  });

  test('without a key there is no decrypt grant; with a plan-time key the grant exists only when the key is set', () => {
    expect(keyPolicies(withTrigger(schedule).json)).toEqual([]);
    const { json } = synth(
      (stack) => ({ ...CLUSTER_USER, kmsKeyArn: new TerraformVariable(stack, 'kms_key_arn', { type: 'string' }).stringValue }),
      schedule,
    );
    expect(keyPolicies(json)[0]!.count).toBe('${(var.kms_key_arn != null) ? 1 : 0}');
  });
});
