import { buildDefinition } from '../../lib/definition';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { QueryProgressEvent, runQueryList } from '../../lib/local-run';

const CONNECTION = { clusterIdentifier: 'local-cluster', database: 'dev', dbUser: 'awsuser' };

/** runQueryList with the generated definition: the progress stream follows the real state machine. */
describe('runQueryList (generated definition)', () => {
  let emulator: RedshiftDataEmulator;

  beforeAll(() => {
    emulator = new RedshiftDataEmulator({
      scenario: {
        statements: [
          { match: 'flaky_once', fail: { error: 'ERROR: 1023 DETAIL: Serializable isolation violation', times: 1 } },
          { match: 'hangs_forever', neverFinishes: true },
          { match: 'slow_hour', durationSeconds: 3600 },
        ],
      },
    });
  });
  afterAll(() => emulator.close());

  async function run(queries: unknown, definitionOptions = {}) {
    const progress: QueryProgressEvent[] = [];
    const { result } = await runQueryList(queries, {
      emulator,
      definitionOptions: { ...CONNECTION, ...definitionOptions },
      onProgress: (event) => progress.push(event),
    });
    return { result, progress, types: progress.map((e) => `${e.type}${'index' in e ? ` ${e.index}` : ''}`) };
  }

  test('runs a mixed list (string, object, batch) and reports every item', async () => {
    const { result, types, progress } = await run([
      'create table rql_t (n int)',
      { ExecuteStatementParameters: { Sql: 'insert into rql_t values (1)' }, InitialWaitTime: 5 },
      { ExecuteStatementParameters: { Sqls: ['insert into rql_t values (2)', 'insert into rql_t values (3)'] } },
    ]);
    expect(result.status).toBe('SUCCEEDED');
    expect(types).toEqual([
      'execution-started',
      ...[0, 1, 2].flatMap((i) => [`item-started ${i}`, `submitted ${i}`, `polling ${i}`, `item-finished ${i}`]),
      'execution-finished',
    ]);
    expect(progress.find((e) => e.type === 'submitted' && e.index === 2)).toMatchObject({ batch: true });
    // Statement ids in the progress are those of the execution output.
    const submittedIds = progress.flatMap((e) => (e.type === 'submitted' ? [e.statementId] : []));
    expect(submittedIds).toEqual((result.output as { StatementId: string }[]).map((entry) => entry.StatementId));
    expect(await emulator.query('dev', 'select count(*) as n from rql_t')).toEqual([{ n: '3' }]);
  });

  test('reports the failed attempt, the wait and the re-submission of a retried item', async () => {
    const { result, types, progress } = await run(['select 1 as flaky_once']);
    expect(result.status).toBe('SUCCEEDED');
    expect(types).toEqual([
      'execution-started',
      'item-started 0',
      'submitted 0',
      'polling 0',
      'attempt-failed 0',
      'retrying 0',
      'submitted 0',
      'polling 0',
      'item-finished 0',
      'execution-finished',
    ]);
    expect(progress.find((e) => e.type === 'attempt-failed')).toMatchObject({ error: 'ERROR: 1023 DETAIL: Serializable isolation violation' });
    expect(progress.find((e) => e.type === 'item-finished')).toMatchObject({ attempts: 2, polls: 2 });
  });

  test('counts the polls of an hour-long statement with the defaults (30 s, then every 15 s)', async () => {
    const { result, progress } = await run(['select 1 as slow_hour']);
    expect(result.status).toBe('SUCCEEDED');
    const finished = progress.find((e) => e.type === 'item-finished');
    // The statement finishes at 3600 s: polls at 30, 45, ..., 3600 s.
    expect(finished).toMatchObject({ polls: 1 + (3600 - 30) / 15 });
  });

  test('reports the cancellation of a statement that exceeds its TimeoutSeconds', async () => {
    const { result, types, progress } = await run([{ ExecuteStatementParameters: 'select 1 as hangs_forever', TimeoutSeconds: 120 }]);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('RedshiftQuery.QueryTimedOut');
    expect(types.slice(-3)).toEqual(['cancelling 0', 'item-failed 0', 'execution-finished']);
    expect(progress.find((e) => e.type === 'item-failed')).toMatchObject({ error: 'RedshiftQuery.QueryTimedOut' });
  });

  test('resumes an item by StatementId without submitting it again', async () => {
    const first = await run(['select 7']);
    const statementId = (first.result.output as { StatementId: string }[])[0]!.StatementId;
    const before = emulator.statements().length;
    const { result, progress } = await run([{ StatementId: statementId }, 'select 8']);
    expect(result.status).toBe('SUCCEEDED');
    expect(emulator.statements().length).toBe(before + 1);
    expect(progress.filter((e) => e.type === 'item-started')).toEqual([
      expect.objectContaining({ index: 0, resumed: true, label: `resume ${statementId}` }),
      expect.objectContaining({ index: 1, resumed: false, label: 'select 8' }),
    ]);
  });

  test('an invalid list fails with RedshiftQuery.InvalidInput, no item started and no SQL sent', async () => {
    const before = emulator.statements().length;
    const { result, types } = await run(['select 1', { ExecuteStatementParameters: { Sql: 'select 2' }, MaxRetries: 'many' }]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'RedshiftQuery.InvalidInput' });
    expect(types).toEqual(['execution-started', 'execution-finished']);
    expect(emulator.statements().length).toBe(before);
  });

  test('runs a given definition instead of building one', async () => {
    const definition = buildDefinition({ ...CONNECTION, initialWaitTime: 2 });
    const { result } = await runQueryList(['select 1'], { emulator, definition });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.durationMs).toBe(2000);
  });
});
