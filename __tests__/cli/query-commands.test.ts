import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runCli } from '../../lib/cli';
import { buildDefinition } from '../../lib/definition';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { memoryIo, MemoryIo } from './helpers/memory-io';

const RESULTS_ROLE_TOKEN = '${aws_iam_role.results.arn}';

describe('redshift-query queries / definition / synthesized', () => {
  let dir: string;
  let emulator: RedshiftDataEmulator;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-queries-'));
    emulator = new RedshiftDataEmulator();
    writeFileSync(join(dir, 'queries.json'), JSON.stringify(['create table cli_q (n int)', { ExecuteStatementParameters: { Sql: 'insert into cli_q values (1)' } }]));
    // A cdktf-like synth output: the definition as a JSON string, a Terraform reference as the results role.
    const definition = JSON.stringify(buildDefinition({ clusterIdentifier: 'synth-cluster', database: 'synthdb', dbUser: 'etl', resultsRoleArn: RESULTS_ROLE_TOKEN }, { isUnresolved: (v) => v === RESULTS_ROLE_TOKEN }));
    const stackDir = join(dir, 'cdktf.out', 'stacks', 'redshift-query-example');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_sfn_state_machine: { machine: { name: 'example', definition } } } }));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], stdin?: string): Promise<{ code: ExitCode; io: MemoryIo }> {
    const io = memoryIo({ cwd: dir, stdin });
    return { code: await runCli(argv, io, { emulator }), io };
  }

  test('queries: runs a file through the generated state machine, progress on stderr, result on stdout', async () => {
    const { code, io } = await cli(['queries', 'queries.json']);
    expect(code).toBe(ExitCode.SUCCESS);
    const report = JSON.parse(io.stdout.text);
    expect(report.status).toBe('SUCCEEDED');
    expect(report.output).toHaveLength(2);
    expect(io.stderr.lines[0]).toMatch(/^Running 2 queries \(execution .+\)$/);
    expect(io.stderr.lines).toContain('[#0 of 2] start: create table cli_q (n int)');
    expect(io.stderr.lines.filter((line) => /^\[#\d of 2\] FINISHED after 1 poll, 1 attempt, 30s simulated$/.test(line))).toHaveLength(2);
    expect(io.stderr.lines.at(-1)).toMatch(/^Execution SUCCEEDED/);
    // The local defaults: cluster local-cluster, database dev, user awsuser.
    expect(emulator.statements().at(-1)).toMatchObject({ ClusterIdentifier: 'local-cluster', Database: 'dev' });
  });

  test('queries: --sql items and deploy-time flags reach the state machine', async () => {
    const { code, io } = await cli(['queries', '--sql', 'select 1', '--sql', 'select 2', '--database', 'other', '--initial-wait-time', '3', '--name', 'flags-1']);
    expect(code).toBe(ExitCode.SUCCESS);
    const report = JSON.parse(io.stdout.text);
    expect(report.durationMs).toBe(6000);
    expect(report.executionArn).toMatch(/:flags-1$/);
    expect(emulator.statements().slice(-2).map((s) => [s.Sql, s.Database])).toEqual([
      ['select 1', 'other'],
      ['select 2', 'other'],
    ]);
  });

  test('queries: reads the list from stdin, and {"Queries": [...]} works too', async () => {
    const { code, io } = await cli(['queries', '-'], '{"Queries": ["select 3"]}');
    expect(code).toBe(ExitCode.SUCCESS);
    expect(JSON.parse(io.stdout.text).output).toHaveLength(1);
  });

  test('queries --quiet: only the summary on stderr', async () => {
    const { code, io } = await cli(['queries', '--sql', 'select 4', '--quiet']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(io.stderr.lines).toEqual([expect.stringMatching(/^Execution SUCCEEDED \(/)]);
  });

  test('queries: a failing query exits 1 with Error and Cause', async () => {
    const { code, io } = await cli(['queries', '--sql', 'selec 1', '--max-retries', '0']);
    expect(code).toBe(ExitCode.EXECUTION_FAILED);
    expect(JSON.parse(io.stdout.text)).toMatchObject({ status: 'FAILED', error: 'RedshiftQuery.QueryFailed' });
    expect(io.stderr.lines).toContain('[#0 of 1] FAILED after 1 attempt: ERROR: syntax error at or near "selec"');
    expect(io.stderr.lines).toContain('  Error: RedshiftQuery.QueryFailed');
    expect(io.stderr.lines.find((line) => line.startsWith('  Cause: '))).toMatch(/index 0.*syntax error/);
  });

  test('queries: an invalid item exits 1 with RedshiftQuery.InvalidInput (the state machine validates the list)', async () => {
    const { code, io } = await cli(['queries', '-'], '[{"ExecuteStatementParameters": "select 1", "MaxRetries": -1}]');
    expect(code).toBe(ExitCode.EXECUTION_FAILED);
    expect(io.stderr.lines).toContain('  Error: RedshiftQuery.InvalidInput');
  });

  test('queries: an impossible deploy-time option names the flag', async () => {
    const { code, io } = await cli(['queries', '--sql', 'select 1', '--retry-error-match', '(?<=x)y']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toHaveLength(1);
    expect(io.stderr.lines[0]).toMatch(/^error: --retry-error-match: /);
  });

  test('definition: prints the generated definition for the flags', async () => {
    const { code, io } = await cli(['definition', '--workgroup', 'wg', '--database', 'db', '--max-retries', '3']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(JSON.parse(io.stdout.text)).toEqual(JSON.parse(JSON.stringify(buildDefinition({ workgroupName: 'wg', database: 'db', maxRetries: 3 }))));
    expect(io.stderr.text).toBe('');
  });

  test('definition --out: writes the file atomically, leaving no temporary file', async () => {
    const { code, io } = await cli(['definition', '--cluster', 'c', '--out', 'def.json']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(io.stdout.text).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'def.json'), 'utf8'))).toMatchObject({ QueryLanguage: 'JSONata', StartAt: expect.any(String) });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('definition --out into a missing directory creates it', async () => {
    const { code } = await cli(['definition', '--cluster', 'c', '--out', 'missing/deeper/def.json']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(JSON.parse(readFileSync(join(dir, 'missing', 'deeper', 'def.json'), 'utf8'))).toMatchObject({ StartAt: expect.any(String) });
  });

  test('definition --out under a file fails with one line and writes nothing', async () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    const { code, io } = await cli(['definition', '--cluster', 'c', '--out', 'plain-file/def.json']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toEqual([expect.stringMatching(/^error: cannot write .*plain-file\/def.json: a parent of it is a file$/)]);
    expect(readFileSync(join(dir, 'plain-file'), 'utf8')).toBe('x');
  });

  test('synthesized: runs the definition from cdktf.out, Terraform references passed through', async () => {
    const { code, io } = await cli(['synthesized', 'cdktf.out', '--sql', 'select 42']);
    expect(code).toBe(ExitCode.SUCCESS);
    expect(io.stderr.lines[0]).toBe(`State machine machine from ${join(dir, 'cdktf.out', 'stacks', 'redshift-query-example', 'cdk.tf.json')}`);
    expect(JSON.parse(io.stdout.text).status).toBe('SUCCEEDED');
    // The synthesized defaults, not the CLI's local ones; the call ran under the (unresolved) results role.
    expect(emulator.statements().at(-1)).toMatchObject({ Sql: 'select 42', ClusterIdentifier: 'synth-cluster', Database: 'synthdb', identity: RESULTS_ROLE_TOKEN });
  });

  test('synthesized: a missing stack name fails listing the stacks', async () => {
    const { code, io } = await cli(['synthesized', 'cdktf.out', '--stack', 'nope', '--sql', 'select 1']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toEqual([expect.stringMatching(/has no stack 'nope' \(stacks: redshift-query-example\)$/)]);
  });
});
