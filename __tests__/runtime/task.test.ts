import { AwsServiceHandler, runExecution, TaskError, TaskInvocation } from '../../lib/runtime';
import { DescribeStatementRequest$, DescribeStatementResponse$, ExecuteStatementInput$, ExecuteStatementOutput$ } from '@aws-sdk/client-redshift-data';
import { eventsOf, machine, run, secondsAt, types } from './helpers/run';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const DESCRIBE = 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement';

function failingService(service: string, thrown: unknown): AwsServiceHandler {
  return { service, call: async () => { throw thrown; } };
}

describe('Task state', () => {
  test('calls the handler registered for the exact Resource with the evaluated Arguments', async () => {
    const calls: Array<{ args: unknown; invocation: TaskInvocation }> = [];
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Arguments: { FunctionName: 'f', Payload: { n: '{% $states.input.n * 2 %}' } }, Output: '{% $states.result.Payload %}', End: true } },
      { n: 21 },
      { taskHandlers: { [LAMBDA]: async (args, invocation) => { calls.push({ args, invocation }); return { Payload: { got: args.Payload.n } }; } } },
    );
    expect(result.output).toEqual({ got: 42 });
    expect(calls[0]!.args).toEqual({ FunctionName: 'f', Payload: { n: 42 } });
    expect(calls[0]!.invocation).toMatchObject({ resource: LAMBDA, stateName: 'T', retryCount: 0, executionName: 'test-execution' });
    expect(calls[0]!.invocation.credentials).toBeUndefined();
  });

  test('accepts Arguments as one expression building the whole object', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Arguments: "{% {'FunctionName': 'f', 'Payload': $states.input} %}", End: true } },
      { x: 1 },
      { taskHandlers: { [LAMBDA]: async (args) => args } },
    );
    expect(result.output).toEqual({ FunctionName: 'f', Payload: { x: 1 } });
  });

  test('passes the state input as arguments when Arguments is absent, and the result as output when Output is absent', async () => {
    const result = await run({ T: { Type: 'Task', Resource: LAMBDA, End: true } }, { a: 1 }, { taskHandlers: { [LAMBDA]: async (args) => ({ echoed: args }) } });
    expect(result.output).toEqual({ echoed: { a: 1 } });
  });

  test('dispatches aws-sdk resources to the service handler with the action name', async () => {
    const seen: string[] = [];
    const result = await run(
      { T: { Type: 'Task', Resource: DESCRIBE, Arguments: { Id: 'x' }, End: true } },
      {},
      { services: [{ service: 'redshiftdata', call: async (action, args) => { seen.push(`${action}:${args.Id}`); return { Status: 'FINISHED' }; } }] },
    );
    expect(result.output).toEqual({ Status: 'FINISHED' });
    expect(seen).toEqual(['describeStatement:x']);
  });

  test('taskHandlers win over a service handler for the same resource', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: DESCRIBE, End: true } },
      {},
      { taskHandlers: { [DESCRIBE]: async () => 'handler' }, emulator: { service: 'redshiftdata', call: async () => 'emulator' } },
    );
    expect(result.output).toBe('handler');
  });

  test('evaluates Credentials.RoleArn and passes it with the execution role', async () => {
    const seen: TaskInvocation[] = [];
    const result = await run(
      { T: { Type: 'Task', Resource: DESCRIBE, Credentials: { RoleArn: '{% $states.input.role %}' }, End: true } },
      { role: 'arn:aws:iam::444455556666:role/Results' },
      { roleArn: 'arn:aws:iam::111122223333:role/Exec', services: [{ service: 'redshiftdata', call: async (_action, _args, inv) => { seen.push(inv); return {}; } }] },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(seen[0]!.credentials).toEqual({ RoleArn: 'arn:aws:iam::444455556666:role/Results' });
    expect(seen[0]!.executionRoleArn).toBe('arn:aws:iam::111122223333:role/Exec');
    expect(eventsOf(result, 'TaskScheduled')[0]!.details!.taskCredentials).toEqual({ roleArn: 'arn:aws:iam::444455556666:role/Results' });
  });

  test('records TaskScheduled, TaskStarted, TaskSucceeded with AWS resource split and JSON payloads', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: DESCRIBE, Arguments: { Id: 'abc' }, End: true } },
      {},
      { services: [{ service: 'redshiftdata', call: async () => ({ Status: 'STARTED' }) }] },
    );
    expect(types(result)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(eventsOf(result, 'TaskScheduled')[0]!.details).toEqual({ resourceType: 'aws-sdk:redshiftdata', resource: 'describeStatement', region: 'us-east-1', parameters: '{"Id":"abc"}' });
    expect(eventsOf(result, 'TaskSucceeded')[0]!.details).toEqual({ resourceType: 'aws-sdk:redshiftdata', resource: 'describeStatement', output: '{"Status":"STARTED"}' });
  });

  test.each([
    ['redshiftdata', Object.assign(new Error('bad sql'), { name: 'ValidationException' }), 'RedshiftData.ValidationException'],
    ['redshiftdata', Object.assign(new Error('slow down'), { name: 'Throttling' }), 'RedshiftData.ThrottlingException'],
    ['dynamodb', Object.assign(new Error('x'), { name: 'ResourceNotFoundException' }), 'DynamoDb.ResourceNotFoundException'],
    ['acmpca', Object.assign(new Error('x'), { name: 'ResourceNotFoundException' }), 'Acmpca.ResourceNotFoundException'],
  ])('names a %s service error %p as %s', async (service, thrown, expected) => {
    const resource = `arn:aws:states:::aws-sdk:${service}:someAction`;
    const result = await run({ T: { Type: 'Task', Resource: resource, End: true } }, {}, { services: [failingService(service, thrown)] });
    expect(result.error).toBe(expected);
    expect(result.cause).toBe((thrown as Error).message);
    expect(eventsOf(result, 'TaskFailed')[0]!.details).toMatchObject({ error: expected, cause: (thrown as Error).message });
  });

  test('a thrown TaskError (or any value with error and cause) fails with exactly that Error and Cause', async () => {
    const viaClass = await run({ T: { Type: 'Task', Resource: LAMBDA, End: true } }, {}, { taskHandlers: { [LAMBDA]: async () => { throw new TaskError('Custom.Failure', 'details'); } } });
    expect([viaClass.error, viaClass.cause]).toEqual(['Custom.Failure', 'details']);
    const viaObject = await run({ T: { Type: 'Task', Resource: DESCRIBE, End: true } }, {}, { services: [failingService('redshiftdata', { error: 'My.Error', cause: 'why' })] });
    expect([viaObject.error, viaObject.cause]).toEqual(['My.Error', 'why']);
  });

  test('any other thrown value fails with States.TaskFailed and its message', async () => {
    const result = await run({ T: { Type: 'Task', Resource: LAMBDA, End: true } }, {}, { taskHandlers: { [LAMBDA]: async () => { throw new TypeError('handler bug'); } } });
    expect([result.error, result.cause]).toEqual(['States.TaskFailed', 'handler bug']);
  });

  test('a handler may return a plain value or throw synchronously, with or without a timeout', async () => {
    const plain = await run({ T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 5, End: true } }, {}, { taskHandlers: { [LAMBDA]: (() => 7) as never } });
    expect(plain.output).toBe(7);
    const thrown = await run({ T: { Type: 'Task', Resource: LAMBDA, End: true } }, {}, { taskHandlers: { [LAMBDA]: (() => { throw new TaskError('Sync.Error', 's'); }) as never } });
    expect([thrown.error, thrown.cause]).toEqual(['Sync.Error', 's']);
  });

  test('arguments over 256 KiB fail with States.DataLimitExceeded before the handler is called', async () => {
    let called = false;
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, Arguments: { big: "{% $pad('', 262144, 'x') %}" }, End: true } },
      {},
      { taskHandlers: { [LAMBDA]: async () => { called = true; return 1; } } },
    );
    expect(result.error).toBe('States.DataLimitExceeded');
    expect(result.cause).toMatch(/^The Arguments payload of the task 'T' has a size of 262154 bytes/);
    expect(called).toBe(false);
  });

  test('a resource nobody serves fails with States.Runtime naming the resource and what to register', async () => {
    const result = await run({ T: { Type: 'Task', Resource: DESCRIBE, End: true } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain("'arn:aws:states:::aws-sdk:redshiftdata:describeStatement' of the state 'T'");
    expect(result.cause).toContain("service handler for 'redshiftdata'");
  });

  test('a handler mutating its arguments changes neither the definition constants nor the state data', async () => {
    const states = {
      T: { Type: 'Task', Resource: LAMBDA, Arguments: { fixed: { n: 1 }, fromInput: '{% $states.input.obj %}' }, Output: '{% $states.input %}', End: true },
    };
    const mutate = async (args: { fixed: { n: number }; fromInput: { m: number } }) => {
      args.fixed.n = 99;
      args.fromInput.m = 99;
      return {};
    };
    const seen: unknown[] = [];
    const definition = machine(states);
    await runExecution(definition, { obj: { m: 1 } }, { taskHandlers: { [LAMBDA]: mutate as never } });
    const second = await runExecution(definition, { obj: { m: 1 } }, { taskHandlers: { [LAMBDA]: async (args) => { seen.push(JSON.parse(JSON.stringify(args))); return mutate(args); } } });
    expect(seen[0]).toEqual({ fixed: { n: 1 }, fromInput: { m: 1 } });
    expect(second.output).toEqual({ obj: { m: 1 } });
  });

  test('the state never shares objects with the handler: the result is a JSON copy', async () => {
    const shared = { when: new Date(Date.UTC(2026, 0, 2)), list: [1] };
    const result = await run({ T: { Type: 'Task', Resource: LAMBDA, End: true } }, {}, { taskHandlers: { [LAMBDA]: async () => shared } });
    shared.list.push(2);
    expect(result.output).toEqual({ when: '2026-01-02T00:00:00.000Z', list: [1] });
  });

  test('TimeoutSeconds fails the task with States.Timeout on the virtual clock and aborts the handler signal', async () => {
    let aborted = false;
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% 30 %}', End: true } },
      {},
      {
        taskHandlers: {
          [LAMBDA]: (_args, invocation) =>
            new Promise((_resolve, reject) => {
              invocation.signal.addEventListener('abort', () => { aborted = true; reject(invocation.signal.reason); });
            }),
        },
      },
    );
    expect(result.error).toBe('States.Timeout');
    expect(aborted).toBe(true);
    const timedOut = eventsOf(result, 'TaskTimedOut')[0]!;
    expect(secondsAt(result, timedOut)).toBe(30);
    expect(eventsOf(result, 'TaskScheduled')[0]!.details!.timeoutInSeconds).toBe(30);
    // As AWS records it (LocalStack's timeouts/test_timeouts.snapshot.json, test_fixed_timeout_service_lambda):
    // the error alone, no cause, in TaskTimedOut and in ExecutionFailed.
    expect(timedOut.details).toEqual({ resourceType: 'lambda', resource: 'invoke', error: 'States.Timeout' });
    expect(result.cause).toBeUndefined();
    expect(eventsOf(result, 'ExecutionFailed')[0]!.details).toEqual({ error: 'States.Timeout' });
  });

  test('HeartbeatSeconds shorter than TimeoutSeconds fails with States.HeartbeatTimeout', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 100, HeartbeatSeconds: 10, End: true } },
      {},
      { taskHandlers: { [LAMBDA]: (_a, inv) => inv.clock.sleep(50_000).then(() => 'late') } },
    );
    expect(result.error).toBe('States.HeartbeatTimeout');
    expect(result.durationMs).toBe(10_000);
  });

  test('a task that finishes within TimeoutSeconds succeeds and leaves no timer behind', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 100, End: true } },
      {},
      { taskHandlers: { [LAMBDA]: (_a, inv) => inv.clock.sleep(5_000).then(() => 'done') } },
    );
    expect(result.output).toBe('done');
    expect(result.durationMs).toBe(5_000);
  });

  test('a TimeoutSeconds expression that is not a positive integer fails with States.QueryEvaluationError', async () => {
    const result = await run({ T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% -1 %}', End: true } }, {}, { taskHandlers: { [LAMBDA]: async () => 1 } });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain("specified for the field 'TimeoutSeconds' must evaluate to an integer between 1 and 99999999, but returned -1");
  });
});

describe('AWS SDK request and response members (Step Functions takes and gives PascalCase)', () => {
  const EXECUTE = 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement';
  /** A service handler with the Redshift Data SDK's schemas: it records the wire request and answers in wire names. */
  function redshiftData(calls: unknown[]): AwsServiceHandler {
    return {
      service: 'redshiftdata',
      operationShapes: (action) =>
        action === 'executeStatement' ? { input: ExecuteStatementInput$, output: ExecuteStatementOutput$ }
        : action === 'describeStatement' ? { input: DescribeStatementRequest$, output: DescribeStatementResponse$ }
        : undefined,
      call: async (action, args) => {
        calls.push(args);
        return action === 'describeStatement'
          ? { Id: args.Id, Status: 'FINISHED', QueryParameters: [{ name: 'id', value: '2' }], SubStatements: [{ Id: `${args.Id}:1` }] }
          : { Id: 'd9b6c0c9-0747-4bf4-b142-e8883122f766' };
      },
    };
  }

  test('PascalCase members at every depth reach the service under its wire names', async () => {
    const calls: unknown[] = [];
    const args = { Sql: 'select :id', ClusterIdentifier: 'c', Database: 'dev', WithEvent: true, SessionKeepAliveSeconds: 60, StatementName: 'n', ResultFormat: 'JSON', ClientToken: 't', Parameters: [{ Name: 'id', Value: '2' }] };
    const result = await run({ T: { Type: 'Task', Resource: EXECUTE, Arguments: args, End: true } }, {}, { services: [redshiftData(calls)] });
    expect(result.status).toBe('SUCCEEDED');
    expect(calls).toEqual([{ ...args, Parameters: [{ name: 'id', value: '2' }] }]);
    // History shows what the state machine wrote.
    expect(JSON.parse(eventsOf(result, 'TaskScheduled')[0]!.details!.parameters as string)).toEqual(args);
  });

  test.each([
    ['a camelCase nested member (the wire name)', { Sql: 'select :id', Parameters: [{ name: 'id', value: '2' }] }, 'name'],
    ['a camelCase top-level member', { sql: 'select 1' }, 'sql'],
    ['an unknown member', { Sql: 'select 1', Foo: 1 }, 'Foo'],
  ])('%s fails with States.Runtime before anything is scheduled or sent', async (_case, args, field) => {
    const calls: unknown[] = [];
    const result = await run({ T: { Type: 'Task', Resource: EXECUTE, Arguments: args, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true }, Caught: { Type: 'Succeed' } }, {}, { services: [redshiftData(calls)] });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    // AWS's wording (recorded AWS behaviour, LocalStack snapshot test_apigetway_task_service).
    expect(result.cause).toBe(
      `An error occurred while executing the state 'T' (entered at the event id #2). The Arguments '${JSON.stringify(args)}' could not be used to start the Task: [The field "${field}" is not supported by Step Functions]`,
    );
    expect(types(result)).not.toContain('TaskScheduled');
    expect(calls).toHaveLength(0);
  });

  test('the response comes back with PascalCase members, nested ones included', async () => {
    const result = await run(
      { T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement', Arguments: { Id: 'x' }, End: true } },
      {},
      { services: [redshiftData([])] },
    );
    expect(result.output).toEqual({ Id: 'x', Status: 'FINISHED', QueryParameters: [{ Name: 'id', Value: '2' }], SubStatements: [{ Id: 'x:1' }] });
  });

  test('a service handler without schemas gets the arguments untouched', async () => {
    const calls: unknown[] = [];
    const service: AwsServiceHandler = { service: 'redshiftdata', call: async (_action, args) => { calls.push(args); return { anyCase: 1 }; } };
    const result = await run({ T: { Type: 'Task', Resource: EXECUTE, Arguments: { sql: 'x' }, End: true } }, {}, { services: [service] });
    expect(calls).toEqual([{ sql: 'x' }]);
    expect(result.output).toEqual({ anyCase: 1 });
  });
});
