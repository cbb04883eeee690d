import { buildDefinition } from '../../lib/definition';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { decodeField, fetchStatementResults, FetchResultsOptionError, runQueryList, StatementRows, submittingIdentity } from '../../lib/local-run';
import { RUN_DEFAULTS } from '../../lib/runtime';

const CONNECTION = { clusterIdentifier: 'local-cluster', database: 'dev', dbUser: 'awsuser' };
const RESULTS_ROLE = 'arn:aws:iam::123456789012:role/Results';

/** fetchStatementResults / runQueryList({ fetchResults }): the rows behind an execution output. */
describe('statement results', () => {
  let emulator: RedshiftDataEmulator;

  beforeAll(async () => {
    // Pages of 2 rows, so fetching 5 rows needs NextToken.
    emulator = new RedshiftDataEmulator({ resultPageRows: 2 });
    await emulator.query('dev', 'create table sr_t (n int, s varchar(10), f float8, b boolean, d date, x bytea)');
    await emulator.query('dev', "insert into sr_t values (1, 'a', 1.5, true, '2024-01-31', '\\x0102'), (2, null, null, false, null, null)");
  });
  afterAll(() => emulator.close());

  async function runWithResults(queries: unknown, fetchResults: { maxRows?: number } = {}, definitionOptions = {}) {
    return runQueryList(queries, { emulator, definitionOptions: { ...CONNECTION, ...definitionOptions }, fetchResults });
  }

  function getStatementResultCalls(since: number) {
    return emulator.callLog.slice(since).filter((call) => call.operation === 'GetStatementResult');
  }

  test('a select gives its column names and decoded rows; statements without a result set are skipped', async () => {
    const { result, results } = await runWithResults(['select n, s, f, b, d, x from sr_t order by n', 'create table sr_skip (n int)']);
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as { StatementId: string }[];
    expect(results).toEqual([
      {
        index: 0,
        statementId: output[0].StatementId,
        columns: ['n', 's', 'f', 'b', 'd', 'x'],
        rows: [
          [1, 'a', 1.5, true, '2024-01-31', Buffer.from([1, 2]).toString('base64')],
          [2, null, null, false, null, null],
        ],
        totalRows: 2,
        truncated: false,
      },
    ]);
  });

  test('follows NextToken across pages up to maxRows, and says when it stopped early', async () => {
    const before = emulator.callLog.length;
    const { results } = await runWithResults(['select generate_series(1, 5) as i', 'select generate_series(1, 5) as j'], { maxRows: 3 });
    expect(results?.map((r) => [(r as StatementRows).rows.flat(), (r as StatementRows).totalRows, (r as StatementRows).truncated])).toEqual([
      [[1, 2, 3], 5, true],
      [[1, 2, 3], 5, true],
    ]);
    // Two pages of 2 rows per statement reach 3 rows; the third page is never asked for.
    expect(getStatementResultCalls(before)).toHaveLength(4);

    const all = await runWithResults(['select generate_series(1, 5) as i'], { maxRows: 5 });
    expect(all.results?.[0]).toMatchObject({ rows: [[1], [2], [3], [4], [5]], totalRows: 5, truncated: false });
  });

  test('a batch: only the sub-statements with a result set, each under its own id', async () => {
    const { result, results } = await runWithResults([
      'select 1 as first',
      { ExecuteStatementParameters: { Sqls: ['create temp table sr_b (n int)', 'insert into sr_b values (7), (8)', 'select n from sr_b order by n'] } },
    ]);
    expect(result.status).toBe('SUCCEEDED');
    const batchId = (result.output as { StatementId: string }[])[1].StatementId;
    expect(results?.map((r) => [r.index, r.statementId, (r as StatementRows).columns, (r as StatementRows).rows])).toEqual([
      [0, (result.output as { StatementId: string }[])[0].StatementId, ['first'], [[1]]],
      [1, `${batchId}:3`, ['n'], [[7], [8]]],
    ]);
  });

  test('fetches as the results role the statements were submitted under', async () => {
    const before = emulator.callLog.length;
    const { results } = await runWithResults(['select 42 as answer'], {}, { resultsRoleArn: RESULTS_ROLE });
    expect(results?.[0]).toMatchObject({ columns: ['answer'], rows: [[42]] });
    expect(getStatementResultCalls(before).map((call) => call.identity)).toEqual([RESULTS_ROLE]);
  });

  test('another identity sees no statement: the entry carries the error, the others are still fetched', async () => {
    const { result } = await runWithResults(['select 1 as a', 'select 2 as b'], {}, { resultsRoleArn: RESULTS_ROLE });
    const output = result.output as { StatementId: string }[];
    const asOther = await fetchStatementResults(emulator, output, { identity: 'arn:aws:iam::123456789012:role/Other' });
    expect(asOther).toEqual([
      { index: 0, statementId: output[0].StatementId, error: expect.stringMatching(/^ResourceNotFoundException: Query does not exist/) },
      { index: 1, statementId: output[1].StatementId, error: expect.stringMatching(/^ResourceNotFoundException: /) },
    ]);
    expect(await fetchStatementResults(emulator, output, { identity: RESULTS_ROLE })).toMatchObject([{ rows: [[1]] }, { rows: [[2]] }]);
  });

  test('no results for a FAILED execution, and an invalid maxRows is rejected before anything runs', async () => {
    const failed = await runWithResults(['select 1 as ok', 'selec 2'], {}, { maxRetries: 0 });
    expect(failed.result.status).toBe('FAILED');
    expect(failed.results).toBeUndefined();

    const submitted = emulator.statements().length;
    for (const maxRows of [0, 2.5, -1]) {
      await expect(runWithResults(['select 1'], { maxRows })).rejects.toThrow(FetchResultsOptionError);
    }
    expect(emulator.statements()).toHaveLength(submitted);
  });

  test('without fetchResults nothing is fetched', async () => {
    const before = emulator.callLog.length;
    const run = await runQueryList(['select 1'], { emulator, definitionOptions: CONNECTION });
    expect(run.results).toBeUndefined();
    expect(getStatementResultCalls(before)).toEqual([]);
  });

  test('submittingIdentity: the literal Credentials.RoleArn of the submit tasks, else the execution role', () => {
    expect(submittingIdentity(buildDefinition({ resultsRoleArn: RESULTS_ROLE }))).toBe(RESULTS_ROLE);
    expect(submittingIdentity(JSON.stringify(buildDefinition({ resultsRoleArn: RESULTS_ROLE })))).toBe(RESULTS_ROLE);
    expect(submittingIdentity(buildDefinition({}))).toBe(RUN_DEFAULTS.roleArn);
    expect(submittingIdentity(buildDefinition({}), 'arn:aws:iam::1:role/Exec')).toBe('arn:aws:iam::1:role/Exec');
    const nested = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement', Credentials: { RoleArn: 'arn:aws:iam::1:role/InMap' } } } } } },
    };
    expect(submittingIdentity(nested)).toBe('arn:aws:iam::1:role/InMap');
    const dynamic = { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement', Credentials: { RoleArn: '{% $role %}' } } } };
    expect(submittingIdentity(dynamic)).toBe(RUN_DEFAULTS.roleArn);
  });

  test('decodeField: every Field kind to a plain value', () => {
    expect([{ isNull: true } as const, { longValue: 3 }, { doubleValue: 0.5 }, { booleanValue: false }, { stringValue: 'x' }, { blobValue: new Uint8Array([255]) }].map(decodeField)).toEqual([
      null,
      3,
      0.5,
      false,
      'x',
      '/w==',
    ]);
  });
});
