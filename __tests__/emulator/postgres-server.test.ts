import { Client } from 'pg';
import { VirtualClock } from '../../lib/clock';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { findPostgresBin, LocalPostgres, startLocalPostgres } from './local-postgres';

/**
 * The emulator on a real PostgreSQL server (`postgresUrl`). Needs PostgreSQL binaries (initdb, pg_ctl);
 * without them the tests are skipped with a message, except under CI=true where they fail.
 */
const bin = findPostgresBin();
const missing = 'PostgreSQL binaries (initdb, pg_ctl) not found: set PG_BIN or install PostgreSQL to run the postgresUrl tests';
if (!bin && process.env.CI === 'true') throw new Error(`${missing} (required under CI=true)`);
if (!bin) console.warn(`Skipping __tests__/emulator/postgres-server.test.ts: ${missing}`);

(bin ? describe : describe.skip)('RedshiftDataEmulator with postgresUrl (real PostgreSQL server)', () => {
  let server: LocalPostgres;
  let emulator: RedshiftDataEmulator;
  const clock = new VirtualClock();
  const cluster = { ClusterIdentifier: 'analytics', Database: 'warehouse' };

  beforeAll(async () => {
    server = await startLocalPostgres(bin!);
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE warehouse');
    await admin.end();
    emulator = new RedshiftDataEmulator({ clock, postgresUrl: server.url });
  });
  afterAll(async () => {
    await emulator?.close();
    server?.stop();
  });

  test('runs statements in the database named by the request, with typed results', async () => {
    const { Id } = await emulator.executeStatement({
      ...cluster,
      Sql: "select current_database() as db, :n::int8 * 2 as twice, 1.25::float8 as f, nvl(null::text, 'x') as v",
      Parameters: [{ name: 'n', value: '21' }],
    });
    clock.advance(1000);
    expect(await emulator.describeStatement({ Id })).toMatchObject({ Status: 'FINISHED', ResultRows: 1, HasResultSet: true });
    const { Records, ColumnMetadata } = await emulator.getStatementResult({ Id });
    expect(Records).toEqual([[{ stringValue: 'warehouse' }, { longValue: 42 }, { doubleValue: 1.25 }, { stringValue: 'x' }]]);
    expect(ColumnMetadata.map((c) => c.typeName)).toEqual(['name', 'int8', 'float8', 'text']);
  });

  test('rolls a failed batch back on the server', async () => {
    await emulator.query('warehouse', 'create table pg_batch (a int primary key)');
    const { Id } = await emulator.batchExecuteStatement({ ...cluster, Sqls: ['insert into pg_batch values (1)', 'insert into pg_batch values (1)'] });
    clock.advance(5000);
    expect(await emulator.describeStatement({ Id })).toMatchObject({
      Status: 'FAILED',
      Error: 'ERROR: duplicate key value violates unique constraint "pg_batch_pkey"',
    });
    await expect(emulator.query('warehouse', 'select count(*) as n from pg_batch')).resolves.toEqual([{ n: '0' }]);
  });

  test('a statement on a database the server lacks ends FAILED with the server error', async () => {
    const { Id } = await emulator.executeStatement({ ...cluster, Database: 'nope', Sql: 'select 1' });
    clock.advance(1000);
    expect(await emulator.describeStatement({ Id })).toMatchObject({ Status: 'FAILED', Error: 'FATAL: database "nope" does not exist' });
  });
});
