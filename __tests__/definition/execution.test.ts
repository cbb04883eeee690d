/** The generated state machine, run on the local runtime against the Redshift Data emulator (virtual time). */
import { buildDefinition, REDSHIFT_QUERY_ERRORS, STATE_NAMES } from '../../lib/definition';
import { runExecution } from '../../lib/runtime';
import { cycle, EXECUTION_ROLE, QueryRunner, taskTimes, waitDurations } from './helpers/run-queries';

const runner = new QueryRunner();
afterAll(() => runner.close());

describe('a successful query list', () => {
  test('runs a mixed list in order and returns one compact entry per item, never the SQL', async () => {
    // GIVEN every item form: plain SQL, string parameters, object parameters with named parameters, a batch
    const input = [
      'create table mixed_list (id int, name varchar(20))',
      { ExecuteStatementParameters: "insert into mixed_list values (1, 'one')", MaxRetries: 0 },
      { ExecuteStatementParameters: { Sql: 'insert into mixed_list values (:id, :name)', Parameters: [{ name: 'id', value: '2' }, { name: 'name', value: 'two' }] } },
      { ExecuteStatementParameters: { Sqls: ["insert into mixed_list values (3, 'three')", 'select count(*) from mixed_list'] } },
      'select * from mixed_list order by id',
    ];
    // WHEN
    const { result, emulator } = await runner.run(input);
    // THEN
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as Record<string, unknown>[];
    expect(output.map((entry) => entry.Index)).toEqual([0, 1, 2, 3, 4]);
    expect(output.every((entry) => entry.Status === 'FINISHED' && entry.Attempts === 1)).toBe(true);
    const submitted = emulator.statements();
    expect(output.map((entry) => entry.StatementId)).toEqual(submitted.map((s) => s.Id));
    expect(output[3]!.SubStatementIds).toEqual([`${submitted[3]!.Id}:1`, `${submitted[3]!.Id}:2`]);
    expect(output[4]).toMatchObject({ HasResultSet: true, ResultRows: 3 });
    expect(Object.keys(output[0]!).sort()).toEqual(['Attempts', 'Duration', 'HasResultSet', 'Index', 'ResultRows', 'StatementId', 'Status']);
    expect(JSON.stringify(result.output)).not.toMatch(/insert|mixed_list/i);
    expect(await runner.query('select id, name from mixed_list order by id')).toEqual([
      { id: '1', name: 'one' },
      { id: '2', name: 'two' },
      { id: '3', name: 'three' },
    ]);
    // Connection defaults were merged into every submission.
    expect(submitted.every((s) => s.ClusterIdentifier === 'test-cluster' && s.Database === 'dev')).toBe(true);
  });

  test('accepts {"Queries": [...]} as EventBridge input transformers produce it', async () => {
    const { result } = await runner.run({ Queries: ['select 1'] });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toHaveLength(1);
  });

  test('an empty list succeeds with an empty output and sends nothing', async () => {
    const { result, emulator } = await runner.run([]);
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: [] });
    expect(emulator.callLog).toHaveLength(0);
  });

  test('runs every Redshift Data call under the results role when one is configured', async () => {
    const role = 'arn:aws:iam::123456789012:role/RedshiftQueryResults';
    const { result, emulator } = await runner.run(['select 1', { ExecuteStatementParameters: { Sqls: ['select 2'] } }], {
      options: { resultsRoleArn: role, timeoutSeconds: 1 },
      scenario: { statements: [{ match: 'select 2', neverFinishes: true }] },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT);
    const operations = new Set(emulator.callLog.map((call) => call.operation));
    expect(operations).toEqual(new Set(['ExecuteStatement', 'BatchExecuteStatement', 'DescribeStatement', 'CancelStatement']));
    expect(emulator.callLog.every((call) => call.identity === role)).toBe(true);
  });

  test('without a results role the calls run under the execution role', async () => {
    const { emulator } = await runner.run(['select 1']);
    expect(emulator.callLog.map((call) => call.identity)).toEqual([EXECUTION_ROLE, EXECUTION_ROLE]);
  });
});

describe('poll schedule', () => {
  test('defaults: wait 30 s, then poll every 15 s (BaseWaitTime, not InitialWaitTime: D2)', async () => {
    const { result } = await runner.run(['select 70'], { scenario: { statements: [{ match: 'select 70', durationSeconds: 70 }] } });
    expect(result.status).toBe('SUCCEEDED');
    expect(waitDurations(result, STATE_NAMES.WAIT_FOR_STATEMENT)).toEqual([30, 15, 15, 15]);
    expect(taskTimes(result, 'describeStatement')).toEqual([30, 45, 60, 75]);
  });

  test('BaseWaitTime × WaitMultiplier^k capped at MaxWait', async () => {
    const item = { ExecuteStatementParameters: 'select 100', InitialWaitTime: 5, BaseWaitTime: 10, WaitMultiplier: 2, MaxWait: 45 };
    const { result } = await runner.run([item], { scenario: { statements: [{ match: 'select 100', durationSeconds: 100 }] } });
    expect(waitDurations(result, STATE_NAMES.WAIT_FOR_STATEMENT)).toEqual([5, 10, 20, 40, 45]);
    expect(taskTimes(result, 'describeStatement')).toEqual([5, 15, 35, 75, 120]);
  });

  test('fractional settings are rounded up to whole seconds (D3)', async () => {
    const { result } = await runner.run(['select 20'], {
      options: { initialWaitTime: 0.5, baseWaitTime: 2.5, waitMultiplier: 1.5, maxWait: 6.2 },
      scenario: { statements: [{ match: 'select 20', durationSeconds: 20 }] },
    });
    // 0.5→1; then 2.5→3, 3.75→4, 5.625→6, 8.4375 capped at 6.2→7, 7
    expect(waitDurations(result, STATE_NAMES.WAIT_FOR_STATEMENT)).toEqual([1, 3, 4, 6, 7]);
  });

  test('deploy-time defaults apply, and an item overrides them', async () => {
    const { result } = await runner.run(['select 12', { ExecuteStatementParameters: 'select 12 as b', InitialWaitTime: 2 }], {
      options: { initialWaitTime: 4, baseWaitTime: 3 },
      scenario: { statements: [{ match: 'select 12', durationSeconds: 12 }] },
    });
    expect(waitDurations(result, STATE_NAMES.WAIT_FOR_STATEMENT)).toEqual([4, 3, 3, 3, 2, 3, 3, 3, 3]);
  });
});

describe('retries of FAILED statements', () => {
  const failing = (times: number, error = 'ERROR: deadlock detected') => ({
    statements: [{ match: 'flaky', fail: { error, times } }],
  });

  test('waits the decorrelated-jitter delay before each re-submit (D1), within [base, min(cap, 3 × previous)]', async () => {
    const { result, emulator } = await runner.run(
      [{ ExecuteStatementParameters: 'select 1 as flaky', MaxRetries: 6, BaseWaitTime: 10, MaxWait: 200 }],
      { scenario: failing(5), runOptions: { random: cycle(0.999, 0, 0.5, 0.999, 0.999) } },
    );
    expect(result.status).toBe('SUCCEEDED');
    const sleeps = waitDurations(result, STATE_NAMES.WAIT_BEFORE_RESUBMIT);
    // random 0.999 → the top of [10, 30]; 0 → 10; 0.5 of [10, 30] → 20; then 60; then 180
    expect(sleeps).toEqual([30, 10, 20, 60, 180]);
    // Each re-submit happens exactly when its jitter wait ends.
    const waitEnds = result.history.filter((e) => e.type === 'WaitStateExited' && e.details?.name === STATE_NAMES.WAIT_BEFORE_RESUBMIT);
    const submits = taskTimes(result, 'executeStatement');
    expect(submits.slice(1)).toEqual(waitEnds.map((e) => (e.timestamp - result.startTime) / 1000));
    expect(emulator.statements()).toHaveLength(6);
    expect((result.output as { Attempts: number; Errors: string[] }[])[0]).toMatchObject({
      Attempts: 6,
      Errors: Array(5).fill('ERROR: deadlock detected'),
    });
  });

  test('jitter delays stay within bounds for any random sequence and never exceed MaxWait', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const { result } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', MaxRetries: 8, BaseWaitTime: 5, MaxWait: 60 }], {
      scenario: failing(8),
      runOptions: { random },
    });
    const sleeps = waitDurations(result, STATE_NAMES.WAIT_BEFORE_RESUBMIT);
    expect(sleeps).toHaveLength(8);
    let previous = 5;
    for (const sleep of sleeps) {
      expect(Number.isInteger(sleep)).toBe(true);
      expect(sleep).toBeGreaterThanOrEqual(Math.min(5, 60));
      expect(sleep).toBeLessThanOrEqual(Math.min(60, previous * 3));
      previous = sleep;
    }
  });

  test.each([
    ['.*deadlock', true],
    ['', true],
    ['ERROR: dead', true],
    ['deadlock', false], // anchored at the start, like Python re.match
    ['.*timeout', false],
  ])('RetryErrorMatch %j retries "ERROR: deadlock detected": %s', async (pattern, retried) => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', RetryErrorMatch: pattern, BaseWaitTime: 1 }], {
      scenario: failing(1),
    });
    expect(emulator.statements()).toHaveLength(retried ? 2 : 1);
    if (retried) {
      expect(result.status).toBe('SUCCEEDED');
    } else {
      expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
      expect(result.cause).toContain(`does not match RetryErrorMatch "${pattern}"`);
    }
  });

  test('a deploy-time RetryErrorMatch applies to items without their own', async () => {
    const { result, emulator } = await runner.run(['select 1 as flaky'], {
      options: { retryErrorMatch: '.*serializ' },
      scenario: failing(1),
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
    expect(emulator.statements()).toHaveLength(1);
  });

  test('MaxRetries 0 fails at the first FAILED with a Cause naming index, StatementId, attempts and the error', async () => {
    const { result, emulator } = await runner.run(['select 1', { ExecuteStatementParameters: 'select 1 as flaky', MaxRetries: 0 }], {
      scenario: failing(5, 'ERROR: relation "x" does not exist'),
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
    const id = emulator.statements()[1]!.Id;
    expect(result.cause).toBe(
      `Query at index 1 (StatementId ${id}) failed after 1 attempt: ERROR: relation "x" does not exist [not retried: MaxRetries 0 reached]`,
    );
    expect(emulator.statements()).toHaveLength(2);
  });

  test('gives up after MaxRetries retries', async () => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', MaxRetries: 2, BaseWaitTime: 1 }], {
      scenario: failing(10),
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
    expect(result.cause).toContain('failed after 3 attempts');
    expect(result.cause).toContain('MaxRetries 2 reached');
    expect(emulator.statements()).toHaveLength(3);
  });

  test('ABORTED fails at once and is never retried', async () => {
    const { result, emulator } = await runner.run(['select 1 as gone'], { scenario: { statements: [{ match: 'gone', abort: true }] } });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_ABORTED);
    expect(result.cause).toContain(`Query at index 0 (StatementId ${emulator.statements()[0]!.Id}) was aborted`);
    expect(emulator.statements()).toHaveLength(1);
  });

  test('a batch with a failing sub-statement rolls back the whole transaction', async () => {
    await runner.query('create table batch_rollback (id int)');
    const { result, emulator } = await runner.run([
      { ExecuteStatementParameters: { Sqls: ['insert into batch_rollback values (1)', 'insert into no_such_table values (1)'] }, MaxRetries: 0 },
    ]);
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_FAILED);
    expect(result.cause).toContain('no_such_table');
    expect(emulator.statements()[0]!.operation).toBe('BatchExecuteStatement');
    expect(await runner.query('select count(*)::int as n from batch_rollback')).toEqual([{ n: '0' }]);
  });

  test('a failed batch is re-submitted as a batch', async () => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: { Sqls: ['select 1', 'select 2 as flaky'] }, BaseWaitTime: 1 }], {
      scenario: failing(1),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.statements().map((s) => s.operation)).toEqual(['BatchExecuteStatement', 'BatchExecuteStatement']);
    expect(waitDurations(result, STATE_NAMES.WAIT_BEFORE_BATCH_RESUBMIT)).toHaveLength(1);
  });
});

describe('timeouts', () => {
  test('TimeoutSeconds exceeded → CancelStatement, then RedshiftQuery.QueryTimedOut', async () => {
    const { result, emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as stuck', TimeoutSeconds: 100 }], {
      scenario: { statements: [{ match: 'stuck', neverFinishes: true }] },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.QUERY_TIMED_OUT);
    const id = emulator.statements()[0]!.Id;
    expect(result.cause).toBe(`Query at index 0 (StatementId ${id}, attempt 1) was still STARTED after TimeoutSeconds 100; the statement was cancelled`);
    const cancels = emulator.callLog.filter((call) => call.operation === 'CancelStatement');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]!.request).toEqual({ Id: id });
    // Polls are shortened so the deadline is checked on time: 30, 45, …, 90, then 100.
    expect(taskTimes(result, 'describeStatement')).toEqual([30, 45, 60, 75, 90, 100]);
    expect(taskTimes(result, 'cancelStatement')).toEqual([100]);
    expect(emulator.statements()[0]!.Status).toBe('ABORTED');
  });
});

describe('resume and idempotency', () => {
  test('an item with a StatementId is polled, not submitted again', async () => {
    const emulator = runner.emulator({ defaultDurationSeconds: 50 });
    const { Id } = await emulator.executeStatement({ Sql: 'select 42', ClusterIdentifier: 'test-cluster', Database: 'dev', DbUser: 'admin' }, EXECUTION_ROLE);
    const result = await runExecution(buildDefinition({ clusterIdentifier: 'test-cluster' }), [{ StatementId: Id, BaseWaitTime: 20 }], { emulator });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([expect.objectContaining({ Index: 0, StatementId: Id, Status: 'FINISHED', Attempts: 1, ResultRows: 1 })]);
    // The only ExecuteStatement is the test's own; the execution polls at once, then every BaseWaitTime.
    expect(emulator.callLog.map((call) => call.operation)).toEqual(['ExecuteStatement', ...Array(4).fill('DescribeStatement')]);
    expect(taskTimes(result, 'describeStatement')).toEqual([0, 20, 40, 60]);
  });

  test('an unknown StatementId fails with RedshiftQuery.StatusCheckFailed naming the item', async () => {
    const { result } = await runner.run(['select 1', { StatementId: '00000000-0000-4000-8000-000000000000' }]);
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.STATUS_CHECK_FAILED);
    expect(result.cause).toMatch(/^Query at index 1: DescribeStatement of StatementId 00000000-0000-4000-8000-000000000000 failed: RedshiftData\.ResourceNotFoundException/);
  });

  test('throttling on submit is retried with the same ClientToken and runs the SQL once', async () => {
    await runner.query('create table throttled_once (id int)');
    const { result, emulator } = await runner.run(['insert into throttled_once values (1)'], {
      scenario: { api: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', firstCalls: 2 }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    const submits = emulator.callLog.filter((call) => call.operation === 'ExecuteStatement');
    expect(submits.map((call) => call.errorCode)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
    const tokens = new Set(submits.map((call) => (call.request as { ClientToken: string }).ClientToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).toMatch(/^[0-9a-f]{64}$/);
    expect(emulator.statements()).toHaveLength(1);
    expect(await runner.query('select count(*)::int as n from throttled_once')).toEqual([{ n: '1' }]);
  });

  test('a SQL-level retry submits with a new ClientToken', async () => {
    const { emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', BaseWaitTime: 1 }], {
      scenario: { statements: [{ match: 'flaky', fail: { error: 'ERROR: boom', times: 1 } }] },
    });
    const tokens = emulator.statements().map((s) => s.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  test('ValidationException on submit is not retried and fails with RedshiftQuery.SubmitFailed', async () => {
    const { result, emulator } = await runner.run(['select 1'], {
      scenario: { api: [{ operation: 'ExecuteStatement', error: 'ValidationException', message: 'Cluster not found' }] },
    });
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.SUBMIT_FAILED);
    expect(result.cause).toMatch(
      /^Query at index 0: ExecuteStatement failed on attempt 1: RedshiftData\.ValidationException: Cluster not found \(Service: RedshiftData, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/,
    );
    expect(emulator.callLog).toHaveLength(1);
  });
});

describe('ClientToken', () => {
  test('is the same for the same execution, redrive count, item and attempt, and changes with a redrive', async () => {
    const tokenOf = async (redriveCount: number) => {
      const { emulator } = await runner.run(['select 1'], { runOptions: { redriveCount } });
      return emulator.statements()[0]!.ClientToken;
    };
    const first = await tokenOf(0);
    expect(await tokenOf(0)).toBe(first);
    const redriven = await tokenOf(1);
    expect(redriven).toMatch(/^[0-9a-f]{64}$/);
    expect(redriven).not.toBe(first);
  });
});
