import { EventBridgeEvent } from '../../lib/eventbridge';
import { LocalCloud, SfnApiError } from '../../lib/local-cloud';

const ROLE = 'arn:aws:iam::123456789012:role/owner';

function jsonata(states: Record<string, unknown>, startAt = Object.keys(states)[0]!) {
  return { QueryLanguage: 'JSONata', StartAt: startAt, States: states };
}

/** Collects every `aws.states` event the cloud publishes, through an ordinary rule and a Pass machine target. */
function withStatusRecorder(cloud: LocalCloud) {
  const recorder = cloud.createStateMachine({ name: 'recorder', type: 'EXPRESS', definition: jsonata({ P: { Type: 'Pass', End: true } }) });
  cloud.eventBridge.putRule({ Name: 'all-status', EventPattern: { source: ['aws.states'], detail: { stateMachineArn: [{ 'anything-but': recorder.stateMachineArn }] } } });
  cloud.eventBridge.putTargets({ Rule: 'all-status', Targets: [{ Id: 'r', Arn: recorder.stateMachineArn }] });
  return {
    events: () =>
      cloud
        .listExecutions({ stateMachineArn: recorder.stateMachineArn })
        .map((r) => JSON.parse(r.input) as EventBridgeEvent),
  };
}

describe('LocalCloud', () => {
  test('Standard executions publish RUNNING then their final status with the documented detail fields; Express ones publish none', async () => {
    const cloud = new LocalCloud();
    const recorder = withStatusRecorder(cloud);
    const standard = cloud.createStateMachine({ name: 'main', roleArn: ROLE, definition: jsonata({ W: { Type: 'Wait', Seconds: 30, Next: 'F' }, F: { Type: 'Fail', Error: 'Boom', Cause: 'q"uote ${x}' } }) });
    const express = cloud.createStateMachine({ name: 'quick', type: 'EXPRESS', definition: jsonata({ P: { Type: 'Pass', End: true } }) });
    const { executionArn } = cloud.startExecution({ stateMachineArn: standard.stateMachineArn, name: 'run-1', input: '{"a":1}' });
    cloud.startExecution({ stateMachineArn: express.stateMachineArn });
    await cloud.settle();
    const events = recorder.events();
    expect(events.map((e) => [e.source, e['detail-type'], (e.detail as { status: string }).status])).toEqual([
      ['aws.states', 'Step Functions Execution Status Change', 'RUNNING'],
      ['aws.states', 'Step Functions Execution Status Change', 'FAILED'],
    ]);
    const start = Date.UTC(2026, 0, 1);
    expect(events[0]).toMatchObject({ resources: [executionArn], time: '2026-01-01T00:00:00Z', detail: { executionArn, stateMachineArn: standard.stateMachineArn, name: 'run-1', startDate: start, stopDate: null, input: '{"a":1}', output: null, error: null, cause: null, inputDetails: { included: true } } });
    expect(events[1]!.detail).toMatchObject({ status: 'FAILED', startDate: start, stopDate: start + 30_000, error: 'Boom', cause: 'q"uote ${x}', output: null });
  });

  test('an execution that reaches its TimeoutSeconds publishes TIMED_OUT', async () => {
    const cloud = new LocalCloud();
    const recorder = withStatusRecorder(cloud);
    const machine = cloud.createStateMachine({ name: 'slow', definition: { ...jsonata({ W: { Type: 'Wait', Seconds: 3600, End: true } }), TimeoutSeconds: 60 } });
    const { executionArn } = cloud.startExecution({ stateMachineArn: machine.stateMachineArn });
    await cloud.settle();
    expect(await cloud.result(executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', durationMs: 60_000 });
    expect(recorder.events().map((e) => (e.detail as { status: string }).status)).toEqual(['RUNNING', 'TIMED_OUT']);
  });

  test('CreateStateMachine refuses callbacks in an EXPRESS machine and bad names, with Step Functions error names', () => {
    const cloud = new LocalCloud();
    const callback = jsonata({ T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken', Arguments: {}, End: true } });
    let error: unknown;
    try {
      cloud.createStateMachine({ name: 'relay', type: 'EXPRESS', definition: callback });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SfnApiError);
    expect(error).toMatchObject({ name: 'InvalidDefinition' });
    expect((error as Error).message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration at /States/T/Resource'");
    expect(cloud.createStateMachine({ name: 'main', definition: callback }).stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:main');
    expect(() => cloud.createStateMachine({ name: 'main', definition: callback })).toThrow(expect.objectContaining({ name: 'StateMachineAlreadyExists' }));
    expect(() => cloud.createStateMachine({ name: 'has space', definition: callback })).toThrow(expect.objectContaining({ name: 'InvalidName' }));
  });

  test('StartExecution: idempotent for a running Standard execution with the same name and input, ExecutionAlreadyExists otherwise', async () => {
    const cloud = new LocalCloud();
    const machine = cloud.createStateMachine({ name: 'm', definition: jsonata({ W: { Type: 'Wait', Seconds: 5, End: true } }) });
    const first = cloud.startExecution({ stateMachineArn: machine.stateMachineArn, name: 'same', input: '{}' });
    expect(cloud.startExecution({ stateMachineArn: machine.stateMachineArn, name: 'same', input: '{}' })).toEqual(first);
    expect(() => cloud.startExecution({ stateMachineArn: machine.stateMachineArn, name: 'same', input: '{"x":1}' })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
    await cloud.settle();
    expect(() => cloud.startExecution({ stateMachineArn: machine.stateMachineArn, name: 'same', input: '{}' })).toThrow(expect.objectContaining({ name: 'ExecutionAlreadyExists' }));
    expect(() => cloud.startExecution({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:nope' })).toThrow(expect.objectContaining({ name: 'StateMachineDoesNotExist' }));
    expect(() => cloud.startExecution({ stateMachineArn: machine.stateMachineArn, input: '{bad' })).toThrow(expect.objectContaining({ name: 'InvalidExecutionInput' }));
    expect(cloud.describeExecution({ executionArn: first.executionArn })).toMatchObject({ status: 'SUCCEEDED', output: '{}', type: 'STANDARD' });
  });

  test('aws-sdk:sfn:startExecution and stopExecution work between machines on one clock', async () => {
    const cloud = new LocalCloud();
    const child = cloud.createStateMachine({ name: 'child', definition: jsonata({ W: { Type: 'Wait', Seconds: 3600, End: true } }) });
    const parent = cloud.createStateMachine({
      name: 'parent',
      definition: jsonata({
        Start: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:startExecution', Arguments: { StateMachineArn: child.stateMachineArn, Name: 'kid', Input: '{"from":"parent"}' }, Assign: { arn: '{% $states.result.ExecutionArn %}' }, Next: 'Later' },
        Later: { Type: 'Wait', Seconds: 60, Next: 'Stop' },
        Stop: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:stopExecution', Arguments: { ExecutionArn: '{% $arn %}', Cause: 'parent says stop' }, Next: 'Look' },
        Look: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sfn:describeExecution', Arguments: { ExecutionArn: '{% $arn %}' }, Output: '{% $states.result.Status %}', End: true },
      }),
    });
    const { executionArn } = cloud.startExecution({ stateMachineArn: parent.stateMachineArn });
    expect((await cloud.settle()).stuck).toEqual([]);
    expect(await cloud.result(executionArn)).toMatchObject({ status: 'SUCCEEDED', output: 'ABORTED' });
    const kid = cloud.listExecutions({ stateMachineArn: child.stateMachineArn })[0]!;
    expect(kid).toMatchObject({ name: 'kid', status: 'ABORTED', cause: 'parent says stop', input: '{"from":"parent"}' });
    expect(kid.stopDate!.getTime() - kid.startDate.getTime()).toBe(60_000);
  });

  test('usage prices Standard by transitions and Express by requests and 100 ms steps', async () => {
    const cloud = new LocalCloud();
    const express = cloud.createStateMachine({ name: 'e', type: 'EXPRESS', definition: jsonata({ W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } }) });
    for (let i = 0; i < 3; i++) cloud.startExecution({ stateMachineArn: express.stateMachineArn });
    await cloud.settle();
    expect(cloud.usage().express).toEqual({ executions: 3, transitions: 6, durationMs: 3000, billedDurationMs: 3000 });
    expect(cloud.usage().standard.executions).toBe(0);
  });

  test('a rule target that is not a machine of the cloud is a FAILED delivery, not a crash', async () => {
    const cloud = new LocalCloud();
    cloud.eventBridge.putRule({ Name: 'r', EventPattern: { source: ['app'] } });
    cloud.eventBridge.putTargets({ Rule: 'r', Targets: [{ Id: 't', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ghost' }] });
    cloud.eventBridge.putEvents({ Entries: [{ Source: 'app', DetailType: 'x', Detail: '{}' }] });
    await cloud.settle();
    expect(cloud.eventBridge.deliveries[0]).toMatchObject({ status: 'FAILED' });
    expect(cloud.eventBridge.deliveries[0]!.error).toContain('ghost');
  });
});
