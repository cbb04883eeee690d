import { VirtualClock } from '../../lib/clock';
import { runExecution, TaskInvocation } from '../../lib/runtime';
import {
  PgliteEngine,
  RedshiftDataEmulator,
  RedshiftDataEmulatorOptions,
  RedshiftDataError,
  sequentialIds,
  StatementStatusChangeEvent,
} from '../../lib/emulator';
import { rejection } from '../helpers/rejection';

/** One PGlite engine for the whole file; each test gets its own emulator (clock, scenario) and tables. */
const engine = new PgliteEngine();
const emulators: RedshiftDataEmulator[] = [];
afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  await engine.close();
});

function setup(options: RedshiftDataEmulatorOptions = {}) {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({ clock, sqlEngine: engine, ...options });
  emulators.push(emulator);
  return { clock, emulator, t0: clock.now() };
}

const cluster = { ClusterIdentifier: 'analytics', Database: 'dev' };
const ROLE_A = 'arn:aws:iam::123456789012:role/A';
const ROLE_B = 'arn:aws:iam::123456789012:role/B';

describe('statement lifecycle on the virtual clock', () => {
  test('moves SUBMITTED → PICKED → STARTED → FINISHED as time passes', async () => {
    const { clock, emulator, t0 } = setup({ scenario: { defaultDurationSeconds: 10, defaultQueuedSeconds: 2 } });
    const { Id, CreatedAt } = await emulator.executeStatement({ ...cluster, Sql: 'create table life1 (a int)' });
    expect(CreatedAt).toEqual(new Date(t0));
    const seen: Record<string, unknown>[] = [];
    for (const [ms, label] of [[0, 't0'], [2000, '+2s'], [100, '+2.1s'], [5000, '+7.1s'], [4900, '+12s']] as const) {
      clock.advance(ms);
      const d = await emulator.describeStatement({ Id });
      seen.push({ label, Status: d.Status, Duration: d.Duration, ResultRows: d.ResultRows, UpdatedAt: d.UpdatedAt.getTime() - t0 });
    }
    expect(seen).toEqual([
      { label: 't0', Status: 'SUBMITTED', Duration: -1, ResultRows: -1, UpdatedAt: 0 },
      { label: '+2s', Status: 'PICKED', Duration: -1, ResultRows: -1, UpdatedAt: 2000 },
      { label: '+2.1s', Status: 'STARTED', Duration: 100_000_000, ResultRows: -1, UpdatedAt: 2100 },
      { label: '+7.1s', Status: 'STARTED', Duration: 5_100_000_000, ResultRows: -1, UpdatedAt: 2100 },
      { label: '+12s', Status: 'FINISHED', Duration: 10_000_000_000, ResultRows: 0, UpdatedAt: 12000 },
    ]);
    // The SQL ran at submission: the table exists.
    await expect(emulator.query('dev', "select to_regclass('life1') is not null as exists")).resolves.toEqual([{ exists: 't' }]);
  });

  test('a SQL error ends FAILED with Redshift-style error text', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.executeStatement({ ...cluster, Sql: 'selec 1' });
    expect((await emulator.describeStatement({ Id })).Status).not.toBe('FAILED');
    clock.advance(1000);
    const d = await emulator.describeStatement({ Id });
    expect(d).toMatchObject({ Status: 'FAILED', Error: 'ERROR: syntax error at or near "selec"', ResultRows: -1, HasResultSet: false });
  });

  test('describes results: rows, size, HasResultSet, QueryString, target fields', async () => {
    const { clock, emulator } = setup();
    await emulator.query('dev', 'create table life2 (a int, b text)');
    const insert = await emulator.executeStatement({ ...cluster, DbUser: 'etl', Sql: "insert into life2 values (1, 'x'), (2, 'yy')" });
    const select = await emulator.executeStatement({ ...cluster, Sql: 'select * from life2 order by a' });
    clock.advance(1000);
    expect(await emulator.describeStatement({ Id: insert.Id })).toMatchObject({
      Status: 'FINISHED', ResultRows: 2, HasResultSet: false, DbUser: 'etl', ClusterIdentifier: 'analytics', Database: 'dev',
      QueryString: "insert into life2 values (1, 'x'), (2, 'yy')",
    });
    expect(await emulator.describeStatement({ Id: select.Id })).toMatchObject({ Status: 'FINISHED', ResultRows: 2, ResultSize: 5, HasResultSet: true });
  });
});

describe('BatchExecuteStatement', () => {
  test('runs sub-statements one after another with Ids <Id>:1..n', async () => {
    const { clock, emulator } = setup({ scenario: { defaultDurationSeconds: 2 } });
    const { Id } = await emulator.batchExecuteStatement({
      ...cluster,
      Sqls: ['create table batch1 (a int)', 'insert into batch1 values (1), (2), (3)', 'select count(*) as n from batch1'],
    });
    clock.advance(3000);
    const running = await emulator.describeStatement({ Id });
    expect(running.Status).toBe('STARTED');
    expect(running.QueryString).toBeUndefined();
    expect(running.SubStatements!.map((s) => [s.Id, s.Status])).toEqual([
      [`${Id}:1`, 'FINISHED'],
      [`${Id}:2`, 'STARTED'],
      [`${Id}:3`, 'SUBMITTED'],
    ]);
    clock.advance(3000);
    const done = await emulator.describeStatement({ Id });
    expect(done).toMatchObject({ Status: 'FINISHED', HasResultSet: true, Duration: 6_000_000_000 });
    expect(done.SubStatements!.map((s) => [s.Status, s.ResultRows, s.HasResultSet])).toEqual([
      ['FINISHED', 0, false],
      ['FINISHED', 3, false],
      ['FINISHED', 1, true],
    ]);
    expect(await emulator.describeStatement({ Id: `${Id}:2` })).toMatchObject({
      Id: `${Id}:2`, Status: 'FINISHED', QueryString: 'insert into batch1 values (1), (2), (3)', Database: 'dev',
    });
    const result = await emulator.getStatementResult({ Id: `${Id}:3` });
    expect(result.Records).toEqual([[{ longValue: 3 }]]);
  });

  test('rolls the whole transaction back when a sub-statement fails', async () => {
    const { clock, emulator } = setup();
    await emulator.query('dev', 'create table batch2 (a int primary key)');
    const { Id } = await emulator.batchExecuteStatement({
      ...cluster,
      Sqls: ['insert into batch2 values (1)', 'insert into batch2 values (1)', 'insert into batch2 values (2)'],
    });
    clock.advance(10_000);
    const d = await emulator.describeStatement({ Id });
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toBe('ERROR: duplicate key value violates unique constraint "batch2_pkey"');
    expect(d.SubStatements!.map((s) => s.Status)).toEqual(['FINISHED', 'FAILED', 'ABORTED']);
    await expect(emulator.query('dev', 'select count(*) as n from batch2')).resolves.toEqual([{ n: '0' }]);
  });

  test('fails VACUUM inside the batch transaction, as Redshift does', async () => {
    const { clock, emulator } = setup();
    await emulator.query('dev', 'create table batch3 (a int)');
    const plain = await emulator.batchExecuteStatement({ ...cluster, Sqls: ['insert into batch3 values (1)', 'VACUUM batch3'] });
    const redshiftOnly = await emulator.batchExecuteStatement({ ...cluster, Sqls: ['insert into batch3 values (1)', 'VACUUM SORT ONLY batch3'] });
    const alone = await emulator.executeStatement({ ...cluster, Sql: 'VACUUM batch3' });
    clock.advance(10_000);
    for (const Id of [plain.Id, redshiftOnly.Id]) {
      expect(await emulator.describeStatement({ Id })).toMatchObject({
        Status: 'FAILED',
        Error: 'ERROR: VACUUM cannot run inside a transaction block',
      });
    }
    expect((await emulator.describeStatement({ Id: alone.Id })).Status).toBe('FINISHED');
    await expect(emulator.query('dev', 'select count(*) as n from batch3')).resolves.toEqual([{ n: '0' }]);
  });

  test('AUTO_COMMIT keeps what finished before the failure', async () => {
    const { clock, emulator } = setup();
    await emulator.query('dev', 'create table batch4 (a int primary key)');
    const { Id } = await emulator.batchExecuteStatement({
      ...cluster,
      ExecutionMode: 'AUTO_COMMIT',
      Sqls: ['insert into batch4 values (1)', 'insert into batch4 values (1)'],
    });
    clock.advance(10_000);
    expect((await emulator.describeStatement({ Id })).Status).toBe('FAILED');
    await expect(emulator.query('dev', 'select count(*) as n from batch4')).resolves.toEqual([{ n: '1' }]);
  });

  test('binds batch Parameters in every statement that uses them', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.batchExecuteStatement({
      ...cluster,
      Sqls: ['create table batch5 (day date, n int)', 'insert into batch5 values (:day, :n)', 'select n from batch5 where day = :day'],
      Parameters: [{ name: 'day', value: '2026-01-01' }, { name: 'n', value: '5' }],
    });
    clock.advance(10_000);
    expect((await emulator.getStatementResult({ Id: `${Id}:3` })).Records).toEqual([[{ longValue: 5 }]]);
  });
});

describe('SQL features', () => {
  test('binds named parameters as strings the database casts', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.executeStatement({
      ...cluster,
      Sql: "select :n::int + 1 as next, :label as label, ':n' as literal",
      Parameters: [{ name: 'n', value: '41' }, { name: 'label', value: "it's" }],
    });
    clock.advance(1000);
    expect((await emulator.getStatementResult({ Id })).Records).toEqual([[{ longValue: 42 }, { stringValue: "it's" }, { stringValue: ':n' }]]);
  });

  test('fails with ValidationException when a placeholder has no parameter', async () => {
    const { emulator } = setup();
    const error = await rejection<RedshiftDataError>(emulator.executeStatement({ ...cluster, Sql: 'select :a, :b', Parameters: [{ name: 'a', value: '1' }] }));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(":b, but Parameters has no entry named 'b'");
    expect(emulator.statements()).toEqual([]);
  });

  test('simulates Redshift-only statements: FINISHED, 0 rows, no result set, nothing run', async () => {
    const { clock, emulator } = setup();
    const copy = await emulator.executeStatement({
      ...cluster,
      Sql: "COPY sales FROM 's3://my-bucket/sales/' IAM_ROLE 'arn:aws:iam::123456789012:role/Copy' FORMAT AS PARQUET",
    });
    const unload = await emulator.executeStatement({ ...cluster, Sql: "UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE default" });
    clock.advance(1000);
    for (const { Id } of [copy, unload]) {
      expect(await emulator.describeStatement({ Id })).toMatchObject({ Status: 'FINISHED', ResultRows: 0, HasResultSet: false });
    }
    expect(emulator.statements().map((s) => s.subStatements[0]!.simulated)).toEqual([
      expect.stringContaining('COPY from Amazon S3'),
      'UNLOAD',
    ]);
  });

  test('creates tables declared with Redshift attributes, and knows GETDATE/NVL', async () => {
    const { clock, emulator } = setup();
    const create = await emulator.executeStatement({
      ...cluster,
      Sql: 'create table feat1 (id bigint identity(1,1) encode az64, v varchar(10)) diststyle key distkey(id) compound sortkey(id)',
    });
    const insert = await emulator.executeStatement({ ...cluster, Sql: "insert into feat1 (v) values ('a'), ('b')" });
    const use = await emulator.executeStatement({
      ...cluster,
      Sql: "select nvl(null::text, 'd') as v, getdate() is not null as now_known, dateadd(day, 2, '2026-01-30'::date) as later, " +
        "datediff(day, '2026-01-01'::date, '2026-03-01'::date) as days, sysdate is not null as sys, max(id) as last_id from feat1",
    });
    clock.advance(1000);
    expect((await emulator.describeStatement({ Id: create.Id })).Status).toBe('FINISHED');
    expect((await emulator.describeStatement({ Id: insert.Id })).ResultRows).toBe(2);
    expect((await emulator.getStatementResult({ Id: use.Id })).Records).toEqual([
      [{ stringValue: 'd' }, { booleanValue: true }, { stringValue: '2026-02-01 00:00:00' }, { longValue: 59 }, { booleanValue: true }, { longValue: 2 }],
    ]);
    await expect(emulator.query('dev', "select to_regclass('feat1') is not null as e")).resolves.toEqual([{ e: 't' }]);
  });

  test('sequentialIds makes reproducible statement Ids that DescribeStatement accepts', async () => {
    const { clock, emulator } = setup({ idFactory: sequentialIds() });
    const first = await emulator.executeStatement({ ...cluster, Sql: 'select 1' });
    const second = await emulator.batchExecuteStatement({ ...cluster, Sqls: ['select 1', 'select 2'] });
    expect([first.Id, second.Id]).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
    clock.advance(5000);
    await expect(emulator.describeStatement({ Id: `${second.Id}:2` })).resolves.toMatchObject({ Status: 'FINISHED' });
  });

  test('one database per Database name', async () => {
    const { clock, emulator } = setup();
    await emulator.executeStatement({ ...cluster, Database: 'other_db', Sql: 'create table only_in_other (a int)' });
    clock.advance(1000);
    await expect(emulator.query('other_db', "select to_regclass('only_in_other') is not null as e")).resolves.toEqual([{ e: 't' }]);
    await expect(emulator.query('dev', "select to_regclass('only_in_other') is not null as e")).resolves.toEqual([{ e: 'f' }]);
  });
});

describe('GetStatementResult', () => {
  test('maps Postgres types to typed cells and column metadata', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.executeStatement({
      ...cluster,
      Sql: "select 1::int2 s, 2::int4 i, 3000000000::int8 l, 1.5::float4 f, 2.25::float8 d, 12.30::numeric(10,2) n, true b, 'x'::varchar(5) v, null::text z, '\\x0102'::bytea bin, date '2026-01-02' dt, timestamp '2026-01-02 03:04:05' ts",
    });
    clock.advance(1000);
    const result = await emulator.getStatementResult({ Id });
    expect(result.TotalNumRows).toBe(1);
    expect(result.NextToken).toBeUndefined();
    expect(result.Records[0]).toEqual([
      { longValue: 1 }, { longValue: 2 }, { longValue: 3000000000 }, { doubleValue: 1.5 }, { doubleValue: 2.25 },
      { stringValue: '12.30' }, { booleanValue: true }, { stringValue: 'x' }, { isNull: true },
      { blobValue: Uint8Array.from([1, 2]) }, { stringValue: '2026-01-02' }, { stringValue: '2026-01-02 03:04:05' },
    ]);
    expect(result.ColumnMetadata.map((c) => [c.name, c.typeName])).toEqual([
      ['s', 'int2'], ['i', 'int4'], ['l', 'int8'], ['f', 'float4'], ['d', 'float8'], ['n', 'numeric'], ['b', 'bool'],
      ['v', 'varchar'], ['z', 'text'], ['bin', 'bytea'], ['dt', 'date'], ['ts', 'timestamp'],
    ]);
    expect(result.ColumnMetadata[2]).toMatchObject({ label: 'l', nullable: 1, precision: 19, isSigned: true });
  });

  test('pages with NextToken by rows and by bytes', async () => {
    const { clock, emulator } = setup({ resultPageRows: 4, resultPageBytes: 30 });
    const byRows = await emulator.executeStatement({ ...cluster, Sql: 'select g from generate_series(1, 10) g' });
    const byBytes = await emulator.executeStatement({ ...cluster, Sql: "select repeat('x', 10) as s from generate_series(1, 7)" });
    clock.advance(1000);
    const pages: number[][] = [];
    let token: string | undefined;
    do {
      const page = await emulator.getStatementResult({ Id: byRows.Id, ...(token ? { NextToken: token } : {}) });
      expect(page.TotalNumRows).toBe(10);
      pages.push(page.Records.map((r) => (r[0] as { longValue: number }).longValue));
      token = page.NextToken;
    } while (token);
    expect(pages).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);

    const sizes: number[] = [];
    token = undefined;
    do {
      const page = await emulator.getStatementResult({ Id: byBytes.Id, ...(token ? { NextToken: token } : {}) });
      sizes.push(page.Records.length);
      token = page.NextToken;
    } while (token);
    expect(sizes).toEqual([3, 3, 1]);
  });

  test('GetStatementResultV2 serves statements run with ResultFormat CSV, and only those', async () => {
    const { clock, emulator } = setup({ resultPageRows: 2 });
    const csv = await emulator.executeStatement({
      ...cluster,
      ResultFormat: 'CSV',
      Sql: `select * from (values (1, 'plain'), (2, 'a,b'), (3, null)) as t(n, "say ""hi""")`,
    });
    const json = await emulator.executeStatement({ ...cluster, Sql: 'select 1' });
    clock.advance(1000);
    const first = await emulator.getStatementResultV2({ Id: csv.Id });
    expect(first).toMatchObject({ Records: [{ CSVRecords: 'n,"say ""hi"""\n1,plain\n2,"a,b"\n' }], TotalNumRows: 3, ResultFormat: 'CSV' });
    const second = await emulator.getStatementResultV2({ Id: csv.Id, NextToken: first.NextToken! });
    expect(second.Records).toEqual([{ CSVRecords: '3,\n' }]);
    expect(second.NextToken).toBeUndefined();
    await expect(emulator.getStatementResult({ Id: csv.Id })).rejects.toThrow(/ran with ResultFormat CSV; fetch its result with GetStatementResultV2/);
    await expect(emulator.getStatementResultV2({ Id: json.Id })).rejects.toThrow(/ran with ResultFormat JSON; fetch its result with GetStatementResult$/);
  });

  test.each([
    ['the statement is still running', 'running', /is STARTED; call DescribeStatement until its Status is FINISHED/],
    ['the statement has no result set', 'noResult', /returned no result set \(HasResultSet is false\)/],
    ['the statement failed', 'failed', /statement .* is FAILED/],
    ['the Id is a batch parent', 'batch', /is a batch; fetch the result of one of its sub-statements with Id .*:N \(N from 1 to 2\)/],
    ['the NextToken belongs to another statement', 'badToken', /NextToken .* is not valid for this request/],
  ])('fails with ValidationException when %s', async (_name, kind, message) => {
    const { clock, emulator } = setup({ resultPageRows: 1 });
    let id: string;
    let nextToken: string | undefined;
    if (kind === 'running') {
      id = (await emulator.executeStatement({ ...cluster, Sql: 'select 1' })).Id;
      clock.advance(500);
    } else {
      const sql = kind === 'noResult' ? 'create table if not exists noresult (a int)' : kind === 'failed' ? 'select nope' : 'select generate_series(1, 3)';
      id = kind === 'batch'
        ? (await emulator.batchExecuteStatement({ ...cluster, Sqls: ['select 1', 'select 2'] })).Id
        : (await emulator.executeStatement({ ...cluster, Sql: sql })).Id;
      clock.advance(5000);
      if (kind === 'badToken') {
        const other = await emulator.executeStatement({ ...cluster, Sql: 'select generate_series(1, 3)' });
        clock.advance(5000);
        nextToken = (await emulator.getStatementResult({ Id: other.Id })).NextToken;
      }
    }
    const error = await rejection<RedshiftDataError>(emulator.getStatementResult({ Id: id, ...(nextToken ? { NextToken: nextToken } : {}) }));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(message);
  });
});

describe('ClientToken idempotency', () => {
  test('the same token and request within 8 hours return the same statement without running the SQL again', async () => {
    const { clock, emulator } = setup();
    await emulator.query('dev', 'create table idem1 (a int)');
    const request = { ...cluster, Sql: 'insert into idem1 values (1)', ClientToken: 'exec-1-query-0-attempt-0' };
    const first = await emulator.executeStatement(request);
    clock.advance(7 * 3600 * 1000);
    const again = await emulator.executeStatement({ ...request });
    expect(again.Id).toBe(first.Id);
    expect(again.CreatedAt).toEqual(first.CreatedAt);
    await expect(emulator.query('dev', 'select count(*) as n from idem1')).resolves.toEqual([{ n: '1' }]);
    expect(emulator.statements()).toHaveLength(1);
    expect(emulator.statements()[0]!.submissions).toBe(2);

    clock.advance(3600 * 1000 + 1);
    const later = await emulator.executeStatement({ ...request });
    expect(later.Id).not.toBe(first.Id);
    await expect(emulator.query('dev', 'select count(*) as n from idem1')).resolves.toEqual([{ n: '2' }]);
  });

  test('a submission refused with ExecuteStatementException leaves nothing: a retry with the same token runs the SQL once', async () => {
    // A server fault means the statement was not registered (the emulator fails before creating it), so the token is
    // not spent; the retry creates the statement, and a later replay of that token returns it.
    const { emulator } = setup({ scenario: { api: [{ operation: 'ExecuteStatement', error: 'ExecuteStatementException', firstCalls: 1 }] } });
    await emulator.query('dev', 'create table idem_fault (a int)');
    const request = { ...cluster, Sql: 'insert into idem_fault values (1)', ClientToken: 'fault-token' };
    const refused = await rejection<RedshiftDataError>(emulator.executeStatement(request));
    expect(refused).toMatchObject({ name: 'ExecuteStatementException', httpStatus: 500, isServerFault: true });
    expect(emulator.statements()).toHaveLength(0);
    const created = await emulator.executeStatement({ ...request });
    const replayed = await emulator.executeStatement({ ...request });
    expect(replayed.Id).toBe(created.Id);
    await expect(emulator.query('dev', 'select count(*) as n from idem_fault')).resolves.toEqual([{ n: '1' }]);
  });

  test('concurrent submissions with one token run the SQL once', async () => {
    const { emulator } = setup();
    await emulator.query('dev', 'create table idem2 (a int)');
    const request = { ...cluster, Sql: 'insert into idem2 values (1)', ClientToken: 'concurrent' };
    const [a, b, c] = await Promise.all([emulator.executeStatement(request), emulator.executeStatement(request), emulator.executeStatement(request)]);
    expect(new Set([a.Id, b.Id, c.Id]).size).toBe(1);
    await expect(emulator.query('dev', 'select count(*) as n from idem2')).resolves.toEqual([{ n: '1' }]);
    const different = await rejection<RedshiftDataError>(Promise.all([emulator.executeStatement({ ...request, ClientToken: 't2' }), emulator.executeStatement({ ...request, Sql: 'select 1', ClientToken: 't2' })]));
    expect(different.name).toBe('ValidationException');
  });

  test('fails with ValidationException when the token is reused for a different request', async () => {
    const { emulator } = setup();
    const first = await emulator.executeStatement({ ...cluster, Sql: 'select 1', ClientToken: 'tok' });
    const error = await rejection<RedshiftDataError>(emulator.executeStatement({ ...cluster, Sql: 'select 2', ClientToken: 'tok' }));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(`ClientToken "tok" was already used within the last 8 hours for a different request (statement ${first.Id})`);
    const byOtherRole = await rejection<RedshiftDataError>(emulator.executeStatement({ ...cluster, Sql: 'select 1', ClientToken: 'tok' }, ROLE_B));
    expect(byOtherRole.name).toBe('ValidationException');
    expect(emulator.statements()).toHaveLength(1);
  });
});

describe('identity scoping', () => {
  test('only the submitting identity can describe, fetch, cancel and list a statement', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.executeStatement({ ...cluster, Sql: 'select 1' }, ROLE_A);
    clock.advance(1000);
    await expect(emulator.describeStatement({ Id }, ROLE_A)).resolves.toMatchObject({ Status: 'FINISHED' });
    for (const call of [
      emulator.describeStatement({ Id }, ROLE_B),
      emulator.getStatementResult({ Id }, ROLE_B),
      emulator.cancelStatement({ Id }, ROLE_B),
    ]) {
      const error = await rejection<RedshiftDataError>(call);
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toContain(`no statement ${Id} is visible to ${ROLE_B}`);
    }
    expect((await emulator.listStatements({}, ROLE_A)).Statements.map((s) => s.Id)).toEqual([Id]);
    expect((await emulator.listStatements({}, ROLE_B)).Statements).toEqual([]);
  });

  test('call() uses the Task Credentials role, else the execution role, and answers plain JSON', async () => {
    const { clock, emulator } = setup();
    const invocation = (credentials?: { RoleArn: string }): TaskInvocation => ({
      resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
      stateName: 'Submit',
      ...(credentials ? { credentials } : {}),
      executionRoleArn: ROLE_A,
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:sm:e1',
      executionName: 'e1',
      retryCount: 0,
      clock,
      signal: new AbortController().signal,
    });
    const submitted = (await emulator.call('executeStatement', { ...cluster, Sql: 'select 1' }, invocation({ RoleArn: ROLE_B }))) as Record<string, unknown>;
    expect(submitted).toEqual({ Id: expect.any(String), CreatedAt: '2026-01-01T00:00:00.000Z', ClusterIdentifier: 'analytics', Database: 'dev' });
    clock.advance(1000);
    const described = (await emulator.call('describeStatement', { Id: submitted.Id }, invocation({ RoleArn: ROLE_B }))) as Record<string, unknown>;
    expect(described).toMatchObject({ Status: 'FINISHED', UpdatedAt: '2026-01-01T00:00:01.000Z' });
    // Failures come as Step Functions reports them: RedshiftData.<modelled exception>, Cause with the service suffix.
    const denied = await rejection<{ error: string; cause: string }>(emulator.call('describeStatement', { Id: submitted.Id }, invocation()));
    expect(denied.error).toBe('RedshiftData.ResourceNotFoundException');
    expect(denied.cause).toMatch(/ \(Service: RedshiftData, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
    expect(emulator.callLog.map((c) => [c.operation, c.identity, c.errorCode])).toEqual([
      ['ExecuteStatement', ROLE_B, undefined],
      ['DescribeStatement', ROLE_B, undefined],
      ['DescribeStatement', ROLE_A, 'ResourceNotFoundException'],
    ]);
    await expect(emulator.call('describeTable', {}, invocation())).rejects.toMatchObject({ error: 'RedshiftData.ValidationException', cause: expect.stringMatching(/no action 'describeTable'/) });
  });
});

describe('CancelStatement', () => {
  test('aborts a running statement and refuses to cancel a finished one', async () => {
    const { clock, emulator } = setup({ scenario: { defaultDurationSeconds: 60 } });
    const { Id } = await emulator.executeStatement({ ...cluster, Sql: 'select 1' });
    clock.advance(30_000);
    await expect(emulator.cancelStatement({ Id })).resolves.toEqual({ Status: true });
    clock.advance(60_000);
    expect(await emulator.describeStatement({ Id })).toMatchObject({ Status: 'ABORTED', Duration: 30_000_000_000, ResultRows: -1 });
    const again = await rejection<RedshiftDataError>(emulator.cancelStatement({ Id }));
    expect(again.name).toBe('ValidationException');
    expect(again.message).toBe(`Could not cancel a query that is already in ABORTED state with ID: ${Id}`);

    const done = await emulator.executeStatement({ ...cluster, Sql: 'select 2' });
    clock.advance(60_000);
    const finished = await rejection<RedshiftDataError>(emulator.cancelStatement({ Id: done.Id }));
    expect(finished.message).toBe(`Could not cancel a query that is already in FINISHED state with ID: ${done.Id}`);
  });

  test('aborts every unfinished sub-statement of a batch', async () => {
    const { clock, emulator } = setup({ scenario: { defaultDurationSeconds: 10 } });
    const { Id } = await emulator.batchExecuteStatement({ ...cluster, Sqls: ['select 1', 'select 2', 'select 3'] });
    clock.advance(15_000);
    const sub = await rejection<RedshiftDataError>(emulator.cancelStatement({ Id: `${Id}:2` }));
    expect(sub.message).toContain(`cancel the whole batch with its Id ${Id}`);
    await emulator.cancelStatement({ Id });
    clock.advance(60_000);
    const d = await emulator.describeStatement({ Id });
    expect(d.Status).toBe('ABORTED');
    expect(d.SubStatements!.map((s) => s.Status)).toEqual(['FINISHED', 'ABORTED', 'ABORTED']);
  });
});

describe('scenario faults', () => {
  test('fail.times fails the first N submissions with the given text, then runs for real', async () => {
    const { clock, emulator } = setup({
      scenario: { statements: [{ match: 'insert into fault1', fail: { error: 'ERROR: 1023 DETAIL: Serializable isolation violation', times: 2 } }] },
    });
    await emulator.query('dev', 'create table fault1 (a int)');
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await emulator.executeStatement({ ...cluster, Sql: 'INSERT INTO fault1 VALUES (1)' })).Id);
    clock.advance(1000);
    const described = await Promise.all(ids.map((Id) => emulator.describeStatement({ Id })));
    expect(described.map((d) => [d.Status, d.Error])).toEqual([
      ['FAILED', 'ERROR: 1023 DETAIL: Serializable isolation violation'],
      ['FAILED', 'ERROR: 1023 DETAIL: Serializable isolation violation'],
      ['FINISHED', undefined],
    ]);
    await expect(emulator.query('dev', 'select count(*) as n from fault1')).resolves.toEqual([{ n: '1' }]);
  });

  test('durations, abort and neverFinishes per matching SQL; first matching rule wins', async () => {
    const { clock, emulator } = setup({
      scenario: {
        statements: [
          { match: 'long', durationSeconds: 3600 },
          { match: 'kill', abort: true, durationSeconds: 5 },
          { match: 'hang', neverFinishes: true },
          { match: 'long|kill|hang', fail: { error: 'never used' } },
        ],
      },
    });
    const long = await emulator.executeStatement({ ...cluster, Sql: "select 'long'" });
    const kill = await emulator.executeStatement({ ...cluster, Sql: "select 'kill'" });
    const hang = await emulator.executeStatement({ ...cluster, Sql: "select 'hang'" });
    clock.advance(3599_000);
    expect((await emulator.describeStatement({ Id: long.Id })).Status).toBe('STARTED');
    expect((await emulator.describeStatement({ Id: kill.Id })).Status).toBe('ABORTED');
    clock.advance(1000);
    expect(await emulator.describeStatement({ Id: long.Id })).toMatchObject({ Status: 'FINISHED', Duration: 3_600_000_000_000 });
    clock.advance(100 * 24 * 3600 * 1000);
    expect((await emulator.describeStatement({ Id: hang.Id })).Status).toBe('STARTED');
    await emulator.cancelStatement({ Id: hang.Id });
    expect((await emulator.describeStatement({ Id: hang.Id })).Status).toBe('ABORTED');
    expect(emulator.statements().map((s) => s.subStatements[0]!.scenarioRule)).toEqual([0, 1, 2]);
  });

  test('API faults are thrown before anything runs and are logged', async () => {
    const { emulator } = setup({
      scenario: {
        api: [
          { operation: 'ExecuteStatement', error: 'ThrottlingException', firstCalls: 2 },
          { operation: 'ListStatements', error: 'InternalServerException', message: 'injected' },
        ],
      },
    });
    await emulator.query('dev', 'create table fault3 (a int)');
    const request = { ...cluster, Sql: 'insert into fault3 values (1)' };
    const first = await rejection<RedshiftDataError>(emulator.executeStatement(request));
    expect(first).toMatchObject({ name: 'ThrottlingException', httpStatus: 400, message: 'Rate exceeded (injected by the emulator scenario)' });
    await expect(emulator.executeStatement(request)).rejects.toMatchObject({ name: 'ThrottlingException' });
    await expect(emulator.query('dev', 'select count(*) as n from fault3')).resolves.toEqual([{ n: '0' }]);
    expect(emulator.statements()).toEqual([]);
    await emulator.executeStatement(request);
    await expect(emulator.listStatements()).rejects.toMatchObject({ name: 'InternalServerException', httpStatus: 500, message: 'injected' });
    expect(emulator.callLog.map((c) => c.errorCode ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok', 'InternalServerException']);
  });

  test('fails with ActiveStatementsExceededException beyond maxActiveStatements on one cluster', async () => {
    const { clock, emulator } = setup({ scenario: { maxActiveStatements: 2, defaultDurationSeconds: 10 } });
    await emulator.executeStatement({ ...cluster, Sql: 'select 1' });
    await emulator.executeStatement({ ...cluster, Sql: 'select 2' });
    const error = await rejection<RedshiftDataError>(emulator.executeStatement({ ...cluster, Sql: 'select 3' }));
    expect(error.name).toBe('ActiveStatementsExceededException');
    expect(error.message).toContain('Active statements exceeded the allowed quota (2)');
    await expect(emulator.executeStatement({ ClusterIdentifier: 'other', Database: 'dev', Sql: 'select 3' })).resolves.toHaveProperty('Id');
    clock.advance(10_000);
    await expect(emulator.executeStatement({ ...cluster, Sql: 'select 3' })).resolves.toHaveProperty('Id');
  });
});

describe('events, waits, sessions, listing', () => {
  test('WithEvent publishes the status change event at the end time', async () => {
    const { clock, emulator, t0 } = setup({ scenario: { statements: [{ match: 'slow', durationSeconds: 30 }, { match: 'hang', neverFinishes: true }] } });
    const events: StatementStatusChangeEvent[] = [];
    const unsubscribe = emulator.eventBus.subscribe((event) => events.push(event));
    const fast = await emulator.executeStatement({ ...cluster, Sql: 'select 1 union select 2', WithEvent: true, StatementName: 'fast-one' }, ROLE_A);
    const slow = await emulator.executeStatement({ ...cluster, Sql: "select 'slow'", WithEvent: true }, ROLE_A);
    const quiet = await emulator.executeStatement({ ...cluster, Sql: 'select 3' }, ROLE_A);
    const hang = await emulator.executeStatement({ WorkgroupName: 'wg-main', Database: 'dev', Sql: "select 'hang'", WithEvent: true }, ROLE_A);
    await clock.sleep(5000);
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      version: '0',
      id: expect.any(String),
      'detail-type': 'Redshift Data Statement Status Change',
      source: 'aws.redshift-data',
      account: '123456789012',
      time: new Date(t0 + 1000).toISOString(),
      region: 'us-east-1',
      resources: ['arn:aws:redshift:us-east-1:123456789012:cluster:analytics'],
      detail: {
        principal: ROLE_A,
        statementName: 'fast-one',
        statementId: fast.Id,
        redshiftQueryId: expect.any(Number),
        state: 'FINISHED',
        rows: 2,
        expireAt: Math.floor((t0 + 1000) / 1000) + 24 * 3600,
      },
    });
    await clock.sleep(60_000);
    expect(events.map((e) => [e.detail.statementId, e.detail.state, e.time])).toEqual([
      [fast.Id, 'FINISHED', new Date(t0 + 1000).toISOString()],
      [slow.Id, 'FINISHED', new Date(t0 + 30_000).toISOString()],
    ]);
    await emulator.cancelStatement({ Id: hang.Id }, ROLE_A);
    expect(events[2]).toMatchObject({
      resources: [expect.stringMatching(/^arn:aws:redshift-serverless:us-east-1:123456789012:workgroup\/[0-9a-f-]{36}$/)],
      detail: { statementId: hang.Id, state: 'ABORTED', rows: -1 },
    });
    expect(events.some((e) => e.detail.statementId === quiet.Id)).toBe(false);
    expect(emulator.eventBus.events).toHaveLength(3);
    unsubscribe();
  });

  test('WaitTimeSeconds waits on the clock for the statement to end, at most that long', async () => {
    const { clock, emulator, t0 } = setup({ scenario: { statements: [{ match: 'slow', durationSeconds: 100 }] } });
    await emulator.executeStatement({ ...cluster, Sql: 'select 1', WaitTimeSeconds: 30 });
    expect(clock.now() - t0).toBe(1000);
    await emulator.executeStatement({ ...cluster, Sql: "select 'slow'", WaitTimeSeconds: 30 });
    expect(clock.now() - t0).toBe(31_000);
  });

  test('a session keeps its target for later statements until it expires', async () => {
    const { clock, emulator } = setup();
    const first = await emulator.executeStatement({ ...cluster, Sql: 'select 1', SessionKeepAliveSeconds: 60 });
    expect(first.SessionId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await emulator.executeStatement({ Sql: 'select 2', SessionId: first.SessionId! });
    expect(second).toMatchObject({ ClusterIdentifier: 'analytics', Database: 'dev', SessionId: first.SessionId });
    clock.advance(62_000);
    const expired = await rejection<RedshiftDataError>(emulator.executeStatement({ Sql: 'select 3', SessionId: first.SessionId! }));
    expect(expired.message).toContain('does not exist or has expired');
  });

  test('ListStatements filters and pages, newest first', async () => {
    const { clock, emulator } = setup({ scenario: { statements: [{ match: 'hang', neverFinishes: true }] } });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await emulator.executeStatement({ ...cluster, Sql: `select ${i}`, StatementName: `nightly-${i}` })).Id);
      clock.advance(1000);
    }
    const hang = await emulator.batchExecuteStatement({ ...cluster, Sqls: ["select 'hang'"], StatementName: 'adhoc' });
    clock.advance(1000);
    const page1 = await emulator.listStatements({ MaxResults: 2, StatementName: 'nightly' });
    expect(page1.Statements.map((s) => s.Id)).toEqual([ids[4], ids[3]]);
    const page2 = await emulator.listStatements({ MaxResults: 2, StatementName: 'nightly', NextToken: page1.NextToken! });
    expect(page2.Statements.map((s) => s.Id)).toEqual([ids[2], ids[1]]);
    const running = await emulator.listStatements({ Status: 'STARTED' });
    expect(running.Statements).toEqual([
      expect.objectContaining({ Id: hang.Id, IsBatchStatement: true, QueryStrings: ["select 'hang'"], StatementName: 'adhoc' }),
    ]);
  });

  test('statements and results are forgotten 24 hours after they end', async () => {
    const { clock, emulator } = setup();
    const { Id } = await emulator.executeStatement({ ...cluster, Sql: 'select 1' });
    clock.advance(1000 + 24 * 3600 * 1000 - 1);
    await expect(emulator.getStatementResult({ Id })).resolves.toHaveProperty('TotalNumRows', 1);
    clock.advance(1);
    await expect(emulator.describeStatement({ Id })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('as the runtime service emulator', () => {
  test('a submit → wait → describe loop sees the statement finish on the shared virtual clock', async () => {
    const { emulator, t0 } = setup({ scenario: { statements: [{ match: 'nightly', durationSeconds: 3600 }] } });
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Submit',
      States: {
        Submit: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
          Arguments: { ClusterIdentifier: 'analytics', Database: 'dev', Sql: "select 'nightly' as job" },
          Assign: { id: '{% $states.result.Id %}', polls: 0 },
          Next: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 900, Next: 'Describe' },
        Describe: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
          Arguments: { Id: '{% $id %}' },
          Assign: { polls: '{% $polls + 1 %}' },
          Output: '{% $states.result %}',
          Next: 'Done?',
        },
        'Done?': {
          Type: 'Choice',
          Choices: [{ Condition: "{% $states.input.Status = 'FINISHED' %}", Next: 'Fetch' }],
          Default: 'Wait',
        },
        Fetch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:getStatementResult',
          Arguments: { Id: '{% $id %}' },
          // Step Functions hands back SDK responses in PascalCase, nested members included (wire: stringValue).
          Output: '{% {"polls": $polls, "job": $states.result.Records[0][0].StringValue} %}',
          End: true,
        },
      },
    };
    const result = await runExecution(definition, {}, { emulator, skipValidation: true });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ polls: 4, job: 'nightly' });
    expect(result.durationMs).toBe(3600_000);
    expect(emulator.clock.now() - t0).toBe(3600_000);
    expect(emulator.callLog.map((c) => c.operation)).toEqual([
      'ExecuteStatement', 'DescribeStatement', 'DescribeStatement', 'DescribeStatement', 'DescribeStatement', 'GetStatementResult',
    ]);
  });
});
