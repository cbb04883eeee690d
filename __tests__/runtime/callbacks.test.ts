import { DefinitionValidationError } from '../../lib/asl-validation';
import { VirtualClock } from '../../lib/clock';
import { AwsServiceHandler, createSfnService, runExecution, SfnCallbackError, TaskInvocation, TaskTokens } from '../../lib/runtime';
import { rejection } from '../helpers/rejection';
import { eventsOf, machine, secondsAt, types } from './helpers/run';

const CALLBACK = 'arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken';

/** An `sqs` service that hands every message (with its token) to `onMessage` and answers like SendMessage. */
function queue(onMessage: (body: any, invocation: TaskInvocation) => void): AwsServiceHandler {
  return {
    service: 'sqs',
    call: async (action, args, invocation) => {
      if (action !== 'sendMessage') throw new Error(`unexpected action ${action}`);
      onMessage(args.MessageBody, invocation);
      return { MessageId: 'm-1' };
    },
  };
}

function callbackState(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Task',
    Resource: CALLBACK,
    Arguments: { QueueUrl: 'q', MessageBody: { token: '{% $states.context.Task.Token %}', n: '{% $states.input.n %}' } },
    End: true,
    ...extra,
  };
}

describe('.waitForTaskToken', () => {
  test('passes a fresh token, records TaskSubmitted, and resumes with the SendTaskSuccess output', async () => {
    const clock = new VirtualClock();
    const tokens = new TaskTokens();
    const seen: { token: string; invocationToken?: string }[] = [];
    const service = queue((body, invocation) => {
      seen.push({ token: body.token, invocationToken: invocation.taskToken });
      void clock.sleep(30_000).then(() => tokens.sendTaskSuccess({ taskToken: body.token, output: JSON.stringify({ doubled: body.n * 2, quote: 'a"b\\c ${x} é' }) }));
    });
    const result = await runExecution(machine({ Wait: callbackState() }), { n: 21 }, { clock, taskTokens: tokens, services: [service] });

    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ doubled: 42, quote: 'a"b\\c ${x} é' });
    expect(seen[0]!.token.length).toBeGreaterThan(600);
    expect(seen[0]!.token.length).toBeLessThanOrEqual(2048);
    expect(seen[0]!.invocationToken).toBe(seen[0]!.token);
    expect(types(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const submitted = eventsOf(result, 'TaskSubmitted')[0]!;
    expect(submitted.details).toEqual({ resourceType: 'aws-sdk:sqs', resource: 'sendMessage.waitForTaskToken', output: '{"MessageId":"m-1"}' });
    expect(secondsAt(result, eventsOf(result, 'TaskSucceeded')[0]!)).toBe(30);
    expect(tokens.outstanding).toEqual([]);
    // Answered once: the token is spent.
    const again = await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: seen[0]!.token, output: '{}' }));
    expect(again.name).toBe('TaskTimedOut');
  });

  test('SendTaskFailure fails the task with exactly the sent error and cause; none sent means none recorded', async () => {
    const tokens = new TaskTokens();
    const failWith = (request: { error?: string; cause?: string }) =>
      queue((body) => void Promise.resolve().then(() => tokens.sendTaskFailure({ taskToken: body.token, ...request })));
    const failed = await runExecution(machine({ Wait: callbackState() }), { n: 1 }, { taskTokens: tokens, services: [failWith({ error: 'Relay.Failed', cause: 'boom' })] });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Relay.Failed', cause: 'boom' });
    expect(eventsOf(failed, 'TaskFailed')[0]!.details).toEqual({ resourceType: 'aws-sdk:sqs', resource: 'sendMessage.waitForTaskToken', error: 'Relay.Failed', cause: 'boom' });

    const caught = await runExecution(
      machine({ Wait: callbackState({ End: undefined, Next: 'Done', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }), Done: { Type: 'Succeed' }, Caught: { Type: 'Pass', Output: '{% $states.input %}', End: true } }),
      { n: 1 },
      { taskTokens: tokens, services: [failWith({})] },
    );
    expect(caught.status).toBe('SUCCEEDED');
    expect(eventsOf(caught, 'TaskFailed')[0]!.details).toEqual({ resourceType: 'aws-sdk:sqs', resource: 'sendMessage.waitForTaskToken' });
  });

  test('TimeoutSeconds ends the wait with States.Timeout; the token then answers TaskTimedOut', async () => {
    const tokens = new TaskTokens();
    let token = '';
    const result = await runExecution(machine({ Wait: callbackState({ TimeoutSeconds: 3600 }) }), { n: 1 }, { taskTokens: tokens, services: [queue((body) => (token = body.token))] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const timedOut = eventsOf(result, 'TaskTimedOut')[0]!;
    expect(timedOut.details).toMatchObject({ error: 'States.Timeout', resource: 'sendMessage.waitForTaskToken' });
    expect(secondsAt(result, timedOut)).toBe(3600);
    const late = await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: token, output: '{}' }));
    expect(late).toMatchObject({ name: 'TaskTimedOut', message: "Task Timed Out: 'Provided task does not exist anymore'" });
    expect((await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: 'never-issued', output: '{}' }))).name).toBe('InvalidToken');
  });

  test('each SendTaskHeartbeat re-arms HeartbeatSeconds; silence then fails with States.HeartbeatTimeout', async () => {
    const clock = new VirtualClock();
    const tokens = new TaskTokens();
    const service = queue((body) => {
      void (async () => {
        for (const at of [8, 8, 8]) {
          await clock.sleep(at * 1000);
          await tokens.sendTaskHeartbeat({ taskToken: body.token });
        }
      })();
    });
    const result = await runExecution(machine({ Wait: callbackState({ HeartbeatSeconds: 10, TimeoutSeconds: 100 }) }), { n: 1 }, { clock, taskTokens: tokens, services: [service] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    // Heartbeats at 8, 16 and 24 s keep it alive until 34 s.
    expect(secondsAt(result, eventsOf(result, 'TaskTimedOut')[0]!)).toBe(34);
    expect(eventsOf(result, 'TaskScheduled')[0]!.details).toMatchObject({ heartbeatInSeconds: 10, timeoutInSeconds: 100 });
  });

  test('a Retry gets a new token and the old one is no longer valid', async () => {
    const tokens = new TaskTokens();
    const received: string[] = [];
    const service = queue((body) => {
      received.push(body.token);
      if (received.length === 1) void Promise.resolve().then(() => tokens.sendTaskFailure({ taskToken: body.token, error: 'Again' }));
      else void Promise.resolve().then(() => tokens.sendTaskSuccess({ taskToken: body.token, output: '"second"' }));
    });
    const result = await runExecution(
      machine({ Wait: callbackState({ Retry: [{ ErrorEquals: ['Again'], IntervalSeconds: 1, MaxAttempts: 1 }] }) }),
      { n: 1 },
      { taskTokens: tokens, services: [service] },
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: 'second' });
    expect(new Set(received).size).toBe(2);
    expect((await rejection<SfnCallbackError>(tokens.sendTaskHeartbeat({ taskToken: received[0]! }))).name).toBe('TaskTimedOut');
  });

  test('a failing handler fails the task before any TaskSubmitted, with the service error name', async () => {
    const thrown = Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
    const result = await runExecution(
      machine({ Await: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem.waitForTaskToken', Arguments: { TableName: 't' }, End: true } }),
      {},
      { services: [{ service: 'dynamodb', call: async () => { throw thrown; } }] },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'DynamoDb.ConditionalCheckFailedException', cause: 'The conditional request failed' });
    expect(types(result)).not.toContain('TaskSubmitted');
  });

  test('aws-sdk:sfn:sendTaskSuccess from another execution answers the token; a stale token fails with Sfn.TaskTimedOutException', async () => {
    const clock = new VirtualClock();
    const tokens = new TaskTokens();
    const sfn = createSfnService(tokens);
    let token = '';
    const waiting = runExecution(machine({ Wait: callbackState() }), { n: 5 }, { clock, taskTokens: tokens, services: [queue((body) => (token = body.token))] });
    const sender = machine({
      Send: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
        Arguments: { TaskToken: '{% $states.input.token %}', Output: '{% $string({"from": "relay"}) %}' },
        End: true,
      },
    });
    await clock.sleep(1000);
    const sent = await runExecution(sender, { token }, { clock, taskTokens: tokens, services: [sfn] });
    expect(sent.status).toBe('SUCCEEDED');
    expect(await waiting).toMatchObject({ status: 'SUCCEEDED', output: { from: 'relay' } });

    const stale = await runExecution(sender, { token }, { clock, taskTokens: tokens, services: [sfn] });
    expect(stale).toMatchObject({ status: 'FAILED', error: 'Sfn.TaskTimedOutException', cause: "Task Timed Out: 'Provided task does not exist anymore'" });
    const invalid = await runExecution(sender, { token: 'nope' }, { clock, taskTokens: tokens, services: [sfn] });
    expect(invalid).toMatchObject({ status: 'FAILED', error: 'Sfn.InvalidTokenException', cause: "Invalid Token: 'Invalid token'" });
  });

  test('SendTaskSuccess checks its output: JSON, at most 256 KiB', async () => {
    const tokens = new TaskTokens();
    let token = '';
    const done = runExecution(machine({ Wait: callbackState({ TimeoutSeconds: 5 }) }), { n: 1 }, { taskTokens: tokens, services: [queue((body) => (token = body.token))] });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: token, output: '{not json' }))).name).toBe('InvalidOutput');
    expect((await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: token, output: JSON.stringify('x'.repeat(256 * 1024)) }))).name).toBe('ValidationException');
    expect((await rejection<SfnCallbackError>(tokens.sendTaskFailure({ taskToken: token, error: 'e'.repeat(257) }))).name).toBe('ValidationException');
    // Refused answers leave the task waiting: it times out.
    expect(await done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
});

describe('state machine types and StopExecution', () => {
  test('an EXPRESS machine refuses .waitForTaskToken and .sync with AWS wording, naming the Resource', async () => {
    for (const [resource, suffix] of [
      [CALLBACK, '.waitForTaskToken'],
      ['arn:aws:states:::states:startExecution.sync:2', '.sync'],
    ] as const) {
      const definition = machine({ P: { Type: 'Parallel', Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } }], End: true } });
      const error = await rejection<DefinitionValidationError>(runExecution(definition, {}, { stateMachineType: 'EXPRESS' }));
      expect(error).toBeInstanceOf(DefinitionValidationError);
      expect(error.errors).toEqual([
        expect.objectContaining({ code: 'SCHEMA_VALIDATION_FAILED', message: `Express state machine does not support '${suffix}' service integration`, location: '/States/P/Branches[0]/States/T/Resource' }),
      ]);
    }
  });

  test('an EXPRESS execution times out after 5 minutes; its ARN has the express form', async () => {
    const result = await runExecution(machine({ W: { Type: 'Wait', Seconds: 600, End: true } }), {}, { stateMachineType: 'EXPRESS', executionName: 'e1', stateMachineName: 'relay' });
    expect(result).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', durationMs: 300_000 });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:relay:e1:[0-9a-f-]{36}$/);
    const short = await runExecution(machine({ W: { Type: 'Wait', Seconds: 600, End: true } }, 'W', { TimeoutSeconds: 60 }), {}, { stateMachineType: 'EXPRESS' });
    expect(short).toMatchObject({ status: 'TIMED_OUT', durationMs: 60_000 });
  });

  test('stopSignal aborts the execution at once: ABORTED, ExecutionAborted with error and cause, waiting token invalidated', async () => {
    const clock = new VirtualClock();
    const tokens = new TaskTokens();
    const stop = new AbortController();
    let token = '';
    let handlerSignal: AbortSignal | undefined;
    const service = queue((body, invocation) => {
      token = body.token;
      handlerSignal = invocation.signal;
      void clock.sleep(60_000).then(() => stop.abort({ error: 'Operator.Stop', cause: 'stopped by "ops" \\ ${now}' }));
    });
    const result = await runExecution(machine({ Wait: callbackState({ TimeoutSeconds: 3600 }) }), { n: 1 }, { clock, taskTokens: tokens, services: [service], stopSignal: stop.signal });
    expect(result).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop', cause: 'stopped by "ops" \\ ${now}', durationMs: 60_000 });
    const last = result.history[result.history.length - 1]!;
    expect(last).toMatchObject({ type: 'ExecutionAborted', details: { error: 'Operator.Stop', cause: 'stopped by "ops" \\ ${now}' } });
    expect(handlerSignal?.aborted).toBe(true);
    expect((await rejection<SfnCallbackError>(tokens.sendTaskSuccess({ taskToken: token, output: '{}' }))).name).toBe('TaskTimedOut');
    expect(tokens.outstanding).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  test('StopExecution without error or cause records an empty ExecutionAborted', async () => {
    const stop = new AbortController();
    stop.abort();
    const result = await runExecution(machine({ W: { Type: 'Wait', Seconds: 10, End: true } }), {}, { stopSignal: stop.signal });
    expect(result.status).toBe('ABORTED');
    expect(result.error).toBeUndefined();
    expect(result.history[result.history.length - 1]).toMatchObject({ type: 'ExecutionAborted', details: {} });
  });
});
