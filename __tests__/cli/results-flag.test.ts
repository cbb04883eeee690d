import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, makeProgram, runCli } from '../../lib/cli';
import { buildDefinition } from '../../lib/definition';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { memoryIo, MemoryIo } from './helpers/memory-io';

const RESULTS_ROLE_TOKEN = '${aws_iam_role.results.arn}';

interface ReportedResult {
  index: number;
  statementId: string;
  columns: string[];
  rows: unknown[][];
  totalRows: number;
  truncated: boolean;
}

/** `--results` / `--max-rows` on `queries` and `synthesized`: the rows of the SELECTs, in the JSON and on stderr. */
describe('redshift-query --results', () => {
  let dir: string;
  let emulator: RedshiftDataEmulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-results-'));
    // Pages of 2 rows, so --max-rows 3 needs a second page.
    emulator = new RedshiftDataEmulator({ resultPageRows: 2 });
    await emulator.query('dev', 'create table cli_r (n int, name varchar(10))');
    await emulator.query('dev', "insert into cli_r values (1, 'one'), (20, null), (300, 'three')");
    await emulator.query('synthdb', 'create table cli_s (k varchar(5))');
    await emulator.query('synthdb', "insert into cli_s values ('syn')");
    const definition = JSON.stringify(
      buildDefinition({ clusterIdentifier: 'synth-cluster', database: 'synthdb', dbUser: 'etl', resultsRoleArn: RESULTS_ROLE_TOKEN }, { isUnresolved: (v) => v === RESULTS_ROLE_TOKEN }),
    );
    const stackDir = join(dir, 'cdktf.out', 'stacks', 'redshift-query-example');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_sfn_state_machine: { machine: { name: 'example', definition } } } }));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[]): Promise<{ code: ExitCode; io: MemoryIo; report: { status: string; output?: { StatementId: string }[]; results?: ReportedResult[] } }> {
    const io = memoryIo({ cwd: dir });
    const code = await runCli(argv, io, { emulator });
    return { code, io, report: io.stdout.text === '' ? { status: '' } : JSON.parse(io.stdout.text) };
  }

  function getStatementResultCalls(since: number) {
    return emulator.callLog.slice(since).filter((call) => call.operation === 'GetStatementResult');
  }

  test('queries --results: a select gives its column names and rows, in the JSON and as a table on stderr', async () => {
    const { code, io, report } = await cli(['queries', '--sql', 'select n, name from cli_r order by n', '--results']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toEqual([
      {
        index: 0,
        statementId: report.output![0].StatementId,
        columns: ['n', 'name'],
        rows: [
          [1, 'one'],
          [20, null],
          [300, 'three'],
        ],
        totalRows: 3,
        truncated: false,
      },
    ]);
    const table = io.stderr.lines.slice(io.stderr.lines.findIndex((line) => line.startsWith('Query #0 result')));
    expect(table).toEqual([
      `Query #0 result (StatementId ${report.output![0].StatementId}): 3 rows`,
      '  n | name',
      '----+------',
      '  1 | one',
      ' 20 | NULL',
      '300 | three',
      expect.stringMatching(/^Execution SUCCEEDED/),
    ]);
  });

  test('a batch with a select sub-statement: its rows under the sub-statement id', async () => {
    writeFileSync(join(dir, 'batch.json'), JSON.stringify([{ ExecuteStatementParameters: { Sqls: ['update cli_r set n = n where false', 'select count(*)::int as c from cli_r'] } }]));
    const batch = await cli(['queries', 'batch.json', '--results']);
    expect(batch.code).toBe(ExitCode.SUCCESS);
    expect(batch.report.results).toEqual([
      { index: 0, statementId: `${batch.report.output![0].StatementId}:2`, columns: ['c'], rows: [[3]], totalRows: 1, truncated: false },
    ]);
    expect(batch.io.stderr.lines).toContain(`Query #0 result (StatementId ${batch.report.output![0].StatementId}:2): 1 row`);
  });

  test('--max-rows truncates each statement and says so; it implies --results', async () => {
    const before = emulator.callLog.length;
    const { code, io, report } = await cli(['queries', '--sql', 'select generate_series(1, 5) as i', '--max-rows', '3']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toMatchObject([{ columns: ['i'], rows: [[1], [2], [3]], totalRows: 5, truncated: true }]);
    expect(io.stderr.lines).toContain(`Query #0 result (StatementId ${report.output![0].StatementId}): first 3 of 5 rows (truncated at --max-rows 3)`);
    expect(getStatementResultCalls(before)).toHaveLength(2);
  });

  test('without --results nothing is fetched and the JSON has no "results"', async () => {
    const before = emulator.callLog.length;
    const { code, io, report } = await cli(['queries', '--sql', 'select n from cli_r']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report).not.toHaveProperty('results');
    expect(getStatementResultCalls(before)).toEqual([]);
    expect(io.stderr.text).not.toContain('result (StatementId');
  });

  test('statements without a result set are skipped; --quiet keeps the rows in the JSON only', async () => {
    const { code, io, report } = await cli(['queries', '--sql', 'create temp table cli_tmp (n int)', '--sql', 'select 9 as nine', '--results', '--quiet']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toEqual([{ index: 1, statementId: report.output![1].StatementId, columns: ['nine'], rows: [[9]], totalRows: 1, truncated: false }]);
    expect(io.stderr.lines).toEqual([expect.stringMatching(/^Execution SUCCEEDED/)]);
  });

  test('no statement with a result set: "results" is an empty list and no table is printed', async () => {
    const { code, io, report } = await cli(['queries', '--sql', 'create temp table cli_none (n int)', '--results']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toEqual([]);
    expect(io.stderr.text).not.toContain('result (StatementId');
  });

  test('synthesized --results: fetched as the results role the definition submits under', async () => {
    const before = emulator.callLog.length;
    const { code, report } = await cli(['synthesized', 'cdktf.out', '--sql', 'select k from cli_s', '--results']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toMatchObject([{ columns: ['k'], rows: [['syn']], totalRows: 1, truncated: false }]);
    expect(getStatementResultCalls(before).map((call) => call.identity)).toEqual([RESULTS_ROLE_TOKEN]);
    expect(emulator.statements().at(-1)).toMatchObject({ Sql: 'select k from cli_s', identity: RESULTS_ROLE_TOKEN });
  });

  test('with its own emulator (--scenario): rows fetched before it closes; a failed fetch is reported in its entry only', async () => {
    writeFileSync(join(dir, 'throttle-once.json'), JSON.stringify({ api: [{ operation: 'GetStatementResult', error: 'ThrottlingException', firstCalls: 1 }] }));
    const { code, io, report } = await cli(['queries', '--sql', 'select 1 as a', '--sql', 'select 2 as b', '--scenario', 'throttle-once.json', '--results']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(report.results).toEqual([
      { index: 0, statementId: report.output![0].StatementId, error: expect.stringMatching(/^ThrottlingException: /) },
      { index: 1, statementId: report.output![1].StatementId, columns: ['b'], rows: [[2]], totalRows: 1, truncated: false },
    ]);
    expect(io.stderr.lines).toContain(`Query #0 result (StatementId ${report.output![0].StatementId}): not fetched: ${(report.results![0] as unknown as { error: string }).error}`);
  });

  test('a FAILED execution with --results: no "results", exit 1', async () => {
    const { code, report } = await cli(['queries', '--sql', 'selec 1', '--max-retries', '0', '--results']);
    expect(code).toBe(ExitCode.EXECUTION_FAILED);
    expect(report.status).toBe('FAILED');
    expect(report).not.toHaveProperty('results');
  });

  test.each(['0', '-2', '1.5', 'many', ''])('--max-rows %j is a usage error naming the flag, and nothing runs', async (value) => {
    const submitted = emulator.statements().length;
    const { code, io } = await cli(['queries', '--sql', 'select 1', '--results', '--max-rows', value]);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines[0]).toMatch(/^error: option '--max-rows <n>' argument '.*' is invalid\. Expected a whole number >= 1\.$/);
    expect(io.stdout.text).toBe('');
    expect(emulator.statements()).toHaveLength(submitted);
  });

  test('--help of queries and synthesized lists --results and --max-rows', () => {
    for (const name of ['queries', 'synthesized']) {
      const help = makeProgram({ io: memoryIo() }).commands.find((command) => command.name() === name)!.helpInformation();
      expect(help).toMatch(/--results\s/);
      expect(help).toMatch(/--max-rows <n>\s[^]*\(default:\s+100\)/);
    }
  });
});
