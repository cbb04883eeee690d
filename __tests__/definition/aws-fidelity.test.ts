/**
 * What real AWS does that the generated state machine must survive (issue 10 items 1, 7, 9, 10, 12; issue 13's
 * history limit), proven by running the definition on the local runtime against the Redshift Data emulator.
 */
import { buildDefinition, HISTORY_EVENT_LIMIT, REDSHIFT_QUERY_ERRORS, STATE_NAMES } from '../../lib/definition';
import { redriveExecution, runExecution } from '../../lib/runtime';
import { CONNECTION, cycle, QueryRunner, waitDurations } from './helpers/run-queries';

const runner = new QueryRunner();
afterAll(() => runner.close());

const STEP_FUNCTIONS_SUFFIX = /\(Service: RedshiftData, Status Code: \d{3}, Request ID: [0-9a-f-]{36}\)/;

function scheduledParameters(result: { history: readonly { type: string; details?: Readonly<Record<string, unknown>> }[] }, resource: string): unknown[] {
  return result.history
    .filter((event) => event.type === 'TaskScheduled' && event.details?.resource === resource)
    .map((event) => JSON.parse(event.details!.parameters as string));
}

describe('SQL parameters in PascalCase (item 1)', () => {
  test.each([
    ['name/value (the Data API wire form)', [{ name: 'id', value: '7' }, { name: 'label', value: `it's "quoted" \\ ${'${x}'} ünï 😀` }]],
    ['Name/Value (the Step Functions form)', [{ Name: 'id', Value: '7' }, { Value: `it's "quoted" \\ ${'${x}'} ünï 😀`, Name: 'label' }]],
  ])('given as %s, they are sent as Name/Value and reach the database', async (_form, parameters) => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: { Sql: 'select :id::int as id, :label as label', Parameters: parameters } }]);
    expect(result.status).toBe('SUCCEEDED');
    const [sent] = scheduledParameters(result, 'executeStatement') as { Parameters: unknown }[];
    expect(sent!.Parameters).toEqual([{ Name: 'id', Value: '7' }, { Name: 'label', Value: `it's "quoted" \\ ${'${x}'} ünï 😀` }]);
    // The service received its own member names.
    expect((emulator.callLog[0]!.request as { Parameters: unknown }).Parameters).toEqual([
      { name: 'id', value: '7' },
      { name: 'label', value: `it's "quoted" \\ ${'${x}'} ünï 😀` },
    ]);
  });
});

describe('every request member the state machine sends passes Step Functions\' member check (item 1)', () => {
  test('StatementName, WithEvent, ResultFormat, SessionKeepAliveSeconds and ClientToken reach the Data API', async () => {
    const esp = { Sql: 'select 1 as all_members', StatementName: 'nightly "load" ${x}', WithEvent: true, ResultFormat: 'CSV', SessionKeepAliveSeconds: 60 };
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: esp }]);
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.callLog[0]!.request).toEqual({
      ...esp, ClusterIdentifier: 'test-cluster', Database: 'dev', DbUser: 'admin', ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});

describe('bounded retries (items 7 and 9)', () => {
  test('a retried item keeps only the last 5 error texts', async () => {
    const { result } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky7', BaseWaitTime: 1, MaxWait: 1, MaxRetries: 8 }], {
      scenario: { statements: [{ match: 'flaky7', fail: { error: 'ERROR: attempt failed', times: 7 } }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    const [entry] = result.output as { Attempts: number; Errors: string[] }[];
    expect(entry!.Attempts).toBe(8);
    expect(entry!.Errors).toEqual(Array(5).fill('ERROR: attempt failed'));
  });

  test('a BaseWaitTime that rounds to 0 still waits at least 1 s before each re-submit', async () => {
    const { result } = await runner.run([{ ExecuteStatementParameters: 'select 1 as tiny', InitialWaitTime: 0, BaseWaitTime: 1e-7, MaxWait: 1e-7, MaxRetries: 3 }], {
      scenario: { statements: [{ match: 'tiny', fail: { error: 'ERROR: boom', times: 3 } }] },
      runOptions: { random: cycle(0, 0.5, 0.99) },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(waitDurations(result, STATE_NAMES.WAIT_BEFORE_RESUBMIT)).toEqual([1, 1, 1]);
  });
});

describe('API errors as Step Functions reports them (item 10)', () => {
  test('ExecuteStatementException is a server fault: retried with the same ClientToken, the SQL runs once', async () => {
    await runner.query('create table submitted_once (id int)');
    const { result, emulator } = await runner.run(['insert into submitted_once values (1)'], {
      scenario: { api: [{ operation: 'ExecuteStatement', error: 'ExecuteStatementException', firstCalls: 2 }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    const submits = emulator.callLog.filter((call) => call.operation === 'ExecuteStatement');
    expect(submits.map((call) => call.errorCode)).toEqual(['ExecuteStatementException', 'ExecuteStatementException', undefined]);
    expect(new Set(submits.map((call) => (call.request as { ClientToken: string }).ClientToken)).size).toBe(1);
    expect(await runner.query('select count(*)::int as n from submitted_once')).toEqual([{ n: '1' }]);
  });

  test('BatchExecuteStatementException is retried the same way', async () => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: { Sqls: ['select 1', 'select 2'] } }], {
      scenario: { api: [{ operation: 'BatchExecuteStatement', error: 'BatchExecuteStatementException', firstCalls: 1 }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.statements()).toHaveLength(1);
  });

  test.each([
    ['AccessDeniedException', 'User is not authorized to perform this action'],
    ['ExpiredTokenException', 'The security token included in the request is expired'],
  ] as const)('%s surfaces as RedshiftData.RedshiftDataException and fails at once', async (code, message) => {
    const { result, emulator } = await runner.run(['select 1'], { scenario: { api: [{ operation: 'ExecuteStatement', error: code, message }] } });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED);
    expect(result.cause).toContain(`Query at index 0: ExecuteStatement failed on attempt 1: RedshiftData.RedshiftDataException: ${message} (Service: RedshiftData, Status Code: 400`);
    expect(emulator.callLog).toHaveLength(1);
    expect(result.durationMs).toBe(0);
  });

  test('throttling (also RedshiftDataException) is recognised by its Cause and retried with back-off', async () => {
    const { result, emulator } = await runner.run(['select 1'], {
      scenario: { api: [{ operation: 'DescribeStatement', error: 'ThrottlingException', message: 'Rate exceeded', firstCalls: 2 }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.callLog.map((call) => call.errorCode ?? 'ok')).toEqual(['ok', 'ThrottlingException', 'ThrottlingException', 'ok']);
    expect(waitDurations(result, STATE_NAMES.WAIT_AFTER_THROTTLING)).toHaveLength(2);
  });

  test('throttling that never stops fails the item after 6 throttled retries, naming the error', async () => {
    const { result, emulator } = await runner.run(['select 1'], {
      scenario: { api: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', message: 'Rate exceeded' }] },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED);
    expect(result.cause).toMatch(/^Query at index 0: ExecuteStatement failed on attempt 1: RedshiftData\.RedshiftDataException: Rate exceeded /);
    expect(result.cause).toMatch(STEP_FUNCTIONS_SUFFIX);
    expect(emulator.callLog).toHaveLength(7);
  });

  test('DatabaseConnectionException on cancel is retried, so a timed-out statement is really cancelled', async () => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as stuck_cancel', TimeoutSeconds: 40 }], {
      scenario: {
        statements: [{ match: 'stuck_cancel', neverFinishes: true }],
        api: [{ operation: 'CancelStatement', error: 'DatabaseConnectionException', firstCalls: 1 }],
      },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT);
    expect(result.cause).toMatch(/the statement was cancelled$/);
    expect(emulator.callLog.filter((call) => call.operation === 'CancelStatement')).toHaveLength(2);
    expect(emulator.statements()[0]!.Status).toBe('ABORTED');
  });
});

describe('redrive (item 11)', () => {
  test('a server fault left after the API retries fails in the task, so a redrive submits that item again', async () => {
    await runner.query('create table redriven (id int)');
    const emulator = runner.emulator({ api: [{ operation: 'ExecuteStatement', error: 'InternalServerException', firstCalls: 7 }] });
    const definition = buildDefinition(CONNECTION);
    const input = [{ ExecuteStatementParameters: { Sqls: ['insert into redriven values (1)'] } }, 'insert into redriven values (2)'];
    const failed = await runExecution(definition, input, { emulator, executionName: 'redrive-test' });
    // The batch item ran; the second item's ExecuteStatement failed 1 + 6 times.
    expect(failed.error).toBe('RedshiftData.InternalServerException');
    expect(failed.cause).toMatch(STEP_FUNCTIONS_SUFFIX);
    expect(failed.redrivePoint?.stateName).toBe(STATE_NAMES.SUBMIT);

    const redriven = await redriveExecution(definition, failed, { emulator });
    expect(redriven.status).toBe('SUCCEEDED');
    expect((redriven.output as { Index: number }[]).map((entry) => entry.Index)).toEqual([0, 1]);
    expect(await runner.query('select id from redriven order by id')).toEqual([{ id: '1' }, { id: '2' }]);
    // The first item was not run again: one batch, one single statement.
    expect(emulator.statements().map((s) => s.Sqls?.length ?? 1)).toEqual([1, 1]);
  });

  test('errors that a redrive cannot fix still end in a RedshiftQuery error naming the query', async () => {
    const { result } = await runner.run(['select 1'], { scenario: { api: [{ operation: 'ExecuteStatement', error: 'ValidationException', message: 'bad' }] } });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED);
    expect(result.redrivePoint?.stateName).toBe(STATE_NAMES.SUBMIT_FAILED);
  });
});

describe('large batches (item 12)', () => {
  test('a batch of 40 statements with 100 KiB of SQL completes: DescribeStatement stays under 256 KiB', async () => {
    const sqls = Array.from({ length: 40 }, (_, i) => `select ${i} as n, '${'x'.repeat(2_530)}' as pad`);
    const bytes = sqls.reduce((sum, sql) => sum + Buffer.byteLength(sql), 0);
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThanOrEqual(102_400);
    const { result } = await runner.run([{ ExecuteStatementParameters: { Sqls: sqls } }]);
    expect(result.status).toBe('SUCCEEDED');
    const described = result.history.filter((event) => event.type === 'TaskSucceeded' && event.details?.resource === 'describeStatement');
    const largest = Math.max(...described.map((event) => Buffer.byteLength(event.details!.output as string)));
    // Every sub-statement echoes its SQL; even if AWS also echoed the whole batch at the top level, 2 × 102,400 bytes
    // plus 40 sub-statement records stay under the 256 KiB a task result may have.
    expect(largest).toBeGreaterThan(bytes);
    expect(largest + bytes).toBeLessThan(256 * 1024);
  });
});

describe('history limit (issue 13)', () => {
  test('a statement that never finishes, without TimeoutSeconds, is cancelled after 24 h with a RedshiftQuery error', async () => {
    const { result, emulator } = await runner.run(['select 1 as forever'], { scenario: { statements: [{ match: 'forever', neverFinishes: true }] } });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT);
    const id = emulator.statements()[0]!.Id;
    expect(result.cause).toBe(`Query at index 0 (StatementId ${id}, attempt 1) was still STARTED after 86400 s, the longest a Data API statement runs; the statement was cancelled`);
    expect(result.history.length).toBeLessThan(HISTORY_EVENT_LIMIT);
    expect(emulator.statements()[0]!.Status).toBe('ABORTED');
  });

  test('retries that would overflow the history stop with RedshiftQuery.QueryFailed naming the query', async () => {
    const fast = { InitialWaitTime: 1, BaseWaitTime: 1, MaxWait: 1, MaxRetries: 1000 };
    // 1,000 retries of the first item (16,000 events) leave room for only about 500 of the second.
    const input = [{ ExecuteStatementParameters: 'select 1 as fails_1000_times', ...fast }, { ExecuteStatementParameters: 'select 2 as always_fails', ...fast }];
    const { result } = await runner.run(input, {
      scenario: { statements: [{ match: 'fails_1000_times', fail: { error: 'ERROR: not yet', times: 1000 } }, { match: 'always_fails', fail: { error: 'ERROR: nope' } }] },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
    expect(result.cause).toMatch(/^Query at index 1 \(StatementId [0-9a-f-]{36}\) failed after \d+ attempts: ERROR: nope \[not retried: another attempt would not fit in the 25,000 history events of the execution\]$/);
    expect(result.history.length).toBeLessThan(HISTORY_EVENT_LIMIT);
  }, 180_000);
});
