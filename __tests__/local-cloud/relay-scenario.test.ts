/**
 * A hand-written event-mode system on the local cloud: a Standard main machine that submits SQL WithEvent and waits on
 * a task token stored in DynamoDB, an Express relay started by an EventBridge rule on the statement's status change,
 * and an Express cleanup started by Step Functions status changes. Races and faults come from scenario files.
 */
import { PgliteEngine, RedshiftDataEmulator, Scenario, parseScenario, sequentialIds } from '../../lib/emulator';
import { LocalCloud } from '../../lib/local-cloud';

const PREFIX = 'deploy1/';
const TABLE = 'completions';
const OWNER_ROLE = 'arn:aws:iam::123456789012:role/statement-owner';
const RELAY_ROLE = 'arn:aws:iam::123456789012:role/relay';
const TERMINAL = ['FINISHED', 'FAILED', 'ABORTED'];

const main = {
  QueryLanguage: 'JSONata',
  StartAt: 'Submit',
  States: {
    Submit: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
      Arguments: {
        ClusterIdentifier: 'analytics',
        Database: 'dev',
        Sql: '{% $states.input.sql %}',
        WithEvent: true,
        StatementName: `{% '${PREFIX}' & $states.context.Execution.Name & '/0' %}`,
      },
      Assign: { id: '{% $states.result.Id %}', pause: '{% $states.input.pauseSeconds %}', timeout: '{% $states.input.timeoutSeconds %}' },
      Next: 'Pause',
    },
    // Stands for a slow registration, so a test can let the event arrive first.
    Pause: { Type: 'Wait', Seconds: '{% $pause %}', Next: 'Await' },
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken',
      Arguments: {
        TableName: TABLE,
        Key: { sid: { S: '{% $id %}' } },
        UpdateExpression: 'SET tt = :tt, #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(st)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':tt': { S: '{% $states.context.Task.Token %}' }, ':ttl': { N: '{% $string($floor($toMillis($now()) / 1000) + 86400) %}' } },
      },
      TimeoutSeconds: '{% $timeout %}',
      Output: '{% {"state": $states.result.state, "via": "event"} %}',
      Catch: [{ ErrorEquals: ['DynamoDb.ConditionalCheckFailedException', 'States.Timeout'], Next: 'Describe' }],
      Next: 'Route',
    },
    Describe: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
      Arguments: { Id: '{% $id %}' },
      Output: '{% {"state": $states.result.Status, "via": "describe"} %}',
      Next: 'Terminal?',
    },
    'Terminal?': {
      Type: 'Choice',
      Choices: [{ Condition: `{% $states.input.state in ${JSON.stringify(TERMINAL)} %}`, Next: 'Route' }],
      Default: 'Await',
    },
    Route: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $states.input.state = 'FINISHED' %}", Next: 'Done' }],
      Default: 'QueryFailed',
    },
    Done: { Type: 'Succeed' },
    QueryFailed: { Type: 'Fail', Error: 'RedshiftQuery.QueryFailed', Cause: "{% 'statement ended ' & $states.input.state %}" },
  },
};

const relay = {
  QueryLanguage: 'JSONata',
  StartAt: 'Mark',
  States: {
    Mark: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem',
      Arguments: {
        TableName: TABLE,
        Key: { sid: { S: '{% $states.input.detail.statementId %}' } },
        UpdateExpression: 'SET st = :st, ev = :ev',
        ExpressionAttributeValues: { ':st': { S: '{% $states.input.detail.state %}' }, ':ev': { S: '{% $string($states.input.detail) %}' } },
        ReturnValues: 'ALL_OLD',
      },
      Assign: { token: '{% $exists($states.result.Attributes.tt) ? $states.result.Attributes.tt.S : null %}', detail: '{% $states.input.detail %}' },
      Next: 'Waiting?',
    },
    'Waiting?': { Type: 'Choice', Choices: [{ Condition: '{% $token != null %}', Next: 'Send' }], Default: 'Recorded' },
    Send: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
      Arguments: { TaskToken: '{% $token %}', Output: '{% $string($detail) %}' },
      Catch: [{ ErrorEquals: ['Sfn.TaskTimedOutException', 'Sfn.InvalidTokenException', 'Sfn.TaskDoesNotExistException'], Next: 'Stale' }],
      End: true,
    },
    Recorded: { Type: 'Succeed' },
    Stale: { Type: 'Succeed' },
  },
};

const cleanup = {
  QueryLanguage: 'JSONata',
  StartAt: 'Settle',
  States: {
    Settle: { Type: 'Wait', Seconds: 10, Next: 'List' },
    List: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:redshiftdata:listStatements',
      Arguments: { StatementName: `{% '${PREFIX}' & $states.input.detail.name & '/' %}`, Status: 'ALL' },
      Output: "{% [$states.result.Statements[Status in ['SUBMITTED', 'PICKED', 'STARTED']].Id] %}",
      Next: 'CancelEach',
    },
    CancelEach: {
      Type: 'Map',
      Items: '{% $states.input %}',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Cancel',
        States: {
          Cancel: {
            Type: 'Task',
            Resource: 'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement',
            Arguments: { Id: '{% $states.input %}' },
            Catch: [{ ErrorEquals: ['RedshiftData.ValidationException'], Next: 'AlreadyEnded' }],
            End: true,
          },
          AlreadyEnded: { Type: 'Succeed' },
        },
      },
      End: true,
    },
  },
};

// The first PGlite database takes tens of seconds on a loaded machine.
jest.setTimeout(180_000);

const engine = new PgliteEngine();
const clouds: { cloud: LocalCloud; redshiftData: RedshiftDataEmulator }[] = [];
afterAll(async () => {
  for (const { cloud, redshiftData } of clouds) {
    cloud.close();
    await redshiftData.close();
  }
  await engine.close();
});

function system(scenarioJson: unknown) {
  const scenario: Scenario = parseScenario(scenarioJson, 'test-scenario.json');
  const redshiftData = new RedshiftDataEmulator({ scenario, sqlEngine: engine, idFactory: sequentialIds() });
  const cloud = new LocalCloud({ redshiftData, ...(scenario.events ? { eventFaults: scenario.events } : {}) });
  clouds.push({ cloud, redshiftData });
  cloud.dynamoDb.createTable({ TableName: TABLE, KeySchema: [{ AttributeName: 'sid', KeyType: 'HASH' }], TimeToLiveAttribute: 'ttl' });
  const mainArn = cloud.createStateMachine({ name: 'main', definition: main, roleArn: OWNER_ROLE }).stateMachineArn;
  const relayArn = cloud.createStateMachine({ name: 'relay', definition: relay, roleArn: RELAY_ROLE, type: 'EXPRESS' }).stateMachineArn;
  const cleanupArn = cloud.createStateMachine({ name: 'cleanup', definition: cleanup, roleArn: OWNER_ROLE, type: 'EXPRESS' }).stateMachineArn;
  cloud.eventBridge.putRule({
    Name: 'statement-done',
    EventPattern: { source: ['aws.redshift-data'], 'detail-type': ['Redshift Data Statement Status Change'], detail: { statementName: [{ prefix: PREFIX }] } },
  });
  cloud.eventBridge.putTargets({ Rule: 'statement-done', Targets: [{ Id: 'relay', Arn: relayArn }] });
  cloud.eventBridge.putRule({
    Name: 'main-stopped',
    EventPattern: { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'], detail: { status: ['ABORTED', 'TIMED_OUT', 'FAILED'], stateMachineArn: [mainArn] } },
  });
  cloud.eventBridge.putTargets({ Rule: 'main-stopped', Targets: [{ Id: 'cleanup', Arn: cleanupArn }] });
  const start = (name: string, { pauseSeconds = 0, timeoutSeconds = 7200 } = {}) =>
    cloud.startExecution({ stateMachineArn: mainArn, name, input: JSON.stringify({ sql: 'select 1', pauseSeconds, timeoutSeconds }) }).executionArn;
  const runsOf = (arn: string) => cloud.listExecutions({ stateMachineArn: arn });
  return { cloud, redshiftData, mainArn, relayArn, cleanupArn, start, runsOf };
}

const seconds = (result: { durationMs: number }) => result.durationMs / 1000;

describe('event mode on the local cloud', () => {
  test('the event wakes the main machine through the relay: 3 states, a handful of events', async () => {
    const { cloud, start, runsOf, relayArn } = system({ defaultDurationSeconds: 3600 });
    const arn = start('hour-long');
    const report = await cloud.settle();
    expect(report.stuck).toEqual([]);
    const result = await cloud.result(arn);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { state: 'FINISHED', via: 'event' } });
    expect(seconds(result)).toBe(3600);
    expect(result.history.map((e) => e.type)).toContain('TaskSubmitted');
    expect(result.transitions).toBeLessThanOrEqual(6);
    expect(runsOf(relayArn).map((r) => [r.status, r.history.some((e) => e.type === 'TaskSucceeded' && e.details?.resource === 'sendTaskSuccess')])).toEqual([['SUCCEEDED', true]]);
    const usage = cloud.usage();
    expect(usage.standard).toMatchObject({ executions: 1, transitions: result.transitions, historyEvents: result.history.length });
    expect(usage.express.executions).toBe(1);
    expect(usage.express.billedDurationMs % 100).toBe(0);
    expect(usage.eventBridge).toMatchObject({ deliveries: 1, lost: 0 });
    // Two Standard status events (RUNNING, SUCCEEDED) and one Redshift event reached the bus.
    expect(usage.eventBridge.serviceEventsReceived).toBe(3);
    expect(usage.dynamoDb.conditionalCheckFailures).toBe(0);
  });

  test('event before the token: the registration fails its condition and one DescribeStatement settles it', async () => {
    const { cloud, start, runsOf, relayArn } = system({ defaultDurationSeconds: 5 });
    const arn = start('late-register', { pauseSeconds: 30 });
    expect((await cloud.settle()).stuck).toEqual([]);
    const result = await cloud.result(arn);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { state: 'FINISHED', via: 'describe' } });
    expect(seconds(result)).toBe(30);
    const failedTask = result.history.find((e) => e.type === 'TaskFailed');
    expect(failedTask?.details).toMatchObject({ error: 'DynamoDb.ConditionalCheckFailedException' });
    // The relay found no token and stopped there.
    expect(runsOf(relayArn).map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(runsOf(relayArn)[0]!.history.some((e) => e.type === 'SucceedStateEntered' && e.details?.name === 'Recorded')).toBe(true);
  });

  test('duplicate events: the second relay finds a spent token, catches Sfn.TaskTimedOutException, and the main finished once', async () => {
    const { cloud, start, runsOf, relayArn } = system({ defaultDurationSeconds: 60, events: { duplicate: [{ pattern: { source: ['aws.redshift-data'] } }], duplicateDelaySeconds: 5 } });
    const arn = start('dup');
    expect((await cloud.settle()).stuck).toEqual([]);
    expect(await cloud.result(arn)).toMatchObject({ status: 'SUCCEEDED', output: { via: 'event' } });
    const relays = runsOf(relayArn);
    expect(relays.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const secondSend = relays[1]!.history.find((e) => e.type === 'TaskFailed');
    expect(secondSend?.details).toMatchObject({ error: 'Sfn.TaskTimedOutException' });
  });

  test('lost event: TimeoutSeconds falls back to DescribeStatement, re-arming while the statement still runs', async () => {
    const { cloud, start, runsOf, relayArn } = system({ defaultDurationSeconds: 1500, events: { lose: [{ pattern: { source: ['aws.redshift-data'] } }] } });
    const arn = start('lost', { timeoutSeconds: 600 });
    expect((await cloud.settle()).stuck).toEqual([]);
    const result = await cloud.result(arn);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { state: 'FINISHED', via: 'describe' } });
    // Timeouts at 600 and 1200 s find it STARTED; the one at 1800 s finds it FINISHED.
    expect(seconds(result)).toBe(1800);
    expect(result.history.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(3);
    expect(runsOf(relayArn)).toEqual([]);
    expect(cloud.eventBridge.usage.lost).toBe(1);
  });

  test('late event after the fallback: the relay meets a closed token and ends quietly', async () => {
    const { cloud, start, runsOf, relayArn } = system({ defaultDurationSeconds: 60, events: { delaySeconds: 900 } });
    const arn = start('late-event', { timeoutSeconds: 600 });
    expect((await cloud.settle()).stuck).toEqual([]);
    expect(await cloud.result(arn)).toMatchObject({ status: 'SUCCEEDED', output: { via: 'describe' } });
    const relays = runsOf(relayArn);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.startDate.getTime() - (await cloud.result(arn)).startTime).toBe(960_000);
    expect(relays[0]!.history.find((e) => e.type === 'TaskFailed')?.details).toMatchObject({ error: 'Sfn.TaskTimedOutException' });
  });

  test('StopExecution while waiting: ABORTED, the cleanup machine cancels the running statement, the relay ends quietly', async () => {
    const { cloud, redshiftData, start, runsOf, relayArn, cleanupArn } = system({ statements: [{ match: 'select', neverFinishes: true }] });
    const arn = start('stopped');
    await cloud.clock.sleep(100_000);
    cloud.stopExecution({ executionArn: arn, error: 'Operator.Stop', cause: 'maintenance' });
    expect((await cloud.settle()).stuck).toEqual([]);
    const result = await cloud.result(arn);
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'maintenance' });
    expect(seconds(result)).toBe(100);
    const cleanups = runsOf(cleanupArn);
    expect(cleanups.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(redshiftData.statements().map((s) => s.Status)).toEqual(['ABORTED']);
    // Cancelling emits the statement's event; the relay finds the stopped execution's token invalid.
    const relays = runsOf(relayArn);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.history.find((e) => e.type === 'TaskFailed')?.details).toMatchObject({ error: 'Sfn.TaskTimedOutException' });
    expect(cloud.taskTokens.outstanding).toEqual([]);
  });

  test('a failed statement routes to the Fail state; the cleanup finds nothing left to cancel', async () => {
    const { cloud, start, runsOf, cleanupArn } = system({ statements: [{ match: 'select', durationSeconds: 20, fail: { error: 'ERROR: division by zero' } }] });
    const arn = start('failing');
    expect((await cloud.settle()).stuck).toEqual([]);
    expect(await cloud.result(arn)).toMatchObject({ status: 'FAILED', error: 'RedshiftQuery.QueryFailed', cause: 'statement ended FAILED' });
    const cleanups = runsOf(cleanupArn);
    expect(cleanups.map((r) => r.status)).toEqual(['SUCCEEDED']);
    expect(cleanups[0]!.history.filter((e) => e.type === 'TaskScheduled' && e.details?.resource === 'cancelStatement')).toEqual([]);
  });

  test('settle() reports an execution that nothing can wake', async () => {
    const { cloud } = system({});
    const lonely = cloud.createStateMachine({
      name: 'lonely',
      definition: { QueryLanguage: 'JSONata', StartAt: 'W', States: { W: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem.waitForTaskToken', Arguments: { TableName: TABLE, Item: { sid: { S: 'x' } } }, End: true } } },
    });
    const { executionArn } = cloud.startExecution({ stateMachineArn: lonely.stateMachineArn, name: 'forever' });
    const report = await cloud.settle();
    expect(report.stuck.map((r) => [r.executionArn, r.status])).toEqual([[executionArn, 'RUNNING']]);
    cloud.stopExecution({ executionArn });
    expect((await cloud.settle()).stuck).toEqual([]);
  });
});
