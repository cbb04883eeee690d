import { ListStatementsCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runCli } from '../../lib/cli';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { loopDefinition } from '../local-run/fixtures/loop-definition';
import { memoryIo, MemoryIo } from './helpers/memory-io';

describe('redshift-query run / emulator', () => {
  let dir: string;
  let emulator: RedshiftDataEmulator;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
    emulator = new RedshiftDataEmulator();
    writeFileSync(join(dir, 'loop.asl.json'), JSON.stringify(loopDefinition));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(['create table cli_run_t (n int)', 'insert into cli_run_t values (7)']));
    writeFileSync(join(dir, 'bad-sql.json'), JSON.stringify(['selec 1']));
    writeFileSync(join(dir, 'invalid.asl.json'), JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'Missing', States: { A: { Type: 'Succeed' } } }));
    writeFileSync(join(dir, 'typo-scenario.json'), JSON.stringify({ statements: [{ match: 'x', fial: { error: 'boom' } }] }));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], stdin?: string): Promise<{ code: ExitCode; io: MemoryIo }> {
    const io = memoryIo({ cwd: dir, stdin });
    const code = await runCli(argv, io, { emulator });
    return { code, io };
  }

  test('run: prints the result JSON on stdout and exits 0', async () => {
    const { code, io } = await cli(['run', 'loop.asl.json', '--input', 'ok.json', '--name', 'cli-run-1']);
    expect(code).toBe(ExitCode.SUCCESS);
    const report = JSON.parse(io.stdout.text);
    expect(report).toMatchObject({ status: 'SUCCEEDED', executionArn: expect.stringContaining(':cli-run-1'), transitions: expect.any(Number) });
    expect(report.output).toHaveLength(2);
    expect(report.history).toBeUndefined();
    expect(report.historyEventCount).toBeGreaterThan(10);
    expect(report.durationMs).toBe(20_000);
    expect(io.stderr.lines).toEqual([expect.stringMatching(/^Execution SUCCEEDED \(\d+ state transitions, 20s simulated\)$/)]);
    expect(await emulator.query('dev', 'select n from cli_run_t')).toEqual([{ n: '7' }]);
  });

  test('run: reads the input from stdin and includes the history with --history', async () => {
    const { code, io } = await cli(['run', 'loop.asl.json', '--input', '-', '--history'], '["select 1"]');
    expect(code).toBe(ExitCode.SUCCESS);
    const report = JSON.parse(io.stdout.text);
    expect(report.history[0]).toMatchObject({ id: 1, type: 'ExecutionStarted' });
    expect(report.history).toHaveLength(report.historyEventCount);
  });

  test('run: exits 1 and prints Error and Cause when the execution fails', async () => {
    const { code, io } = await cli(['run', 'loop.asl.json', '--input', 'bad-sql.json']);
    expect(code).toBe(ExitCode.EXECUTION_FAILED);
    expect(JSON.parse(io.stdout.text)).toMatchObject({ status: 'FAILED', error: 'Loop.QueryFailed' });
    expect(io.stderr.lines[0]).toMatch(/^Execution FAILED/);
    expect(io.stderr.lines[1]).toBe('  Error: Loop.QueryFailed');
    expect(io.stderr.lines[2]).toMatch(/^  Cause: item 0: .*syntax error at or near "selec"/);
  });

  test('run: an invalid definition is an input error naming the state', async () => {
    const { code, io } = await cli(['run', 'invalid.asl.json']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stdout.text).toBe('');
    expect(io.stderr.lines).toHaveLength(1);
    expect(io.stderr.lines[0]).toMatch(/^error: Invalid state machine definition .*Missing/);
  });

  test('run: a JSONPath definition (no QueryLanguage) runs too', async () => {
    writeFileSync(join(dir, 'jsonpath.asl.json'), JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'name.$': '$.name' }, End: true } } }));
    writeFileSync(join(dir, 'jsonpath-input.json'), JSON.stringify({ name: 'n' }));
    const { code, io } = await cli(['run', 'jsonpath.asl.json', '--input', 'jsonpath-input.json']);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.text)).toMatchObject({ status: 'SUCCEEDED', output: { name: 'n' } });
  });

  test('run: a scenario file with a typo is an input error naming the field', async () => {
    const { code, io } = await cli(['run', 'loop.asl.json', '--input', 'ok.json', '--scenario', 'typo-scenario.json']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toHaveLength(1);
    expect(io.stderr.lines[0]).toMatch(/^error: .*typo-scenario.json: \$\.statements\[0\]\.fial/);
  });

  test('run: a missing scenario file is an input error', async () => {
    const { code, io } = await cli(['run', 'loop.asl.json', '--scenario', 'nope.json']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines[0]).toMatch(/^error: .*nope.json.*cannot read the scenario file/);
  });

  test('emulator: prints its URL, serves the SDK until shutdown, then exits 0', async () => {
    const io = memoryIo({ cwd: dir });
    const done = runCli(['emulator', '--port', '0'], io, { emulator });
    const url = await waitFor(() => io.stdout.text.trim());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new RedshiftDataClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const listed = await client.send(new ListStatementsCommand({}));
    expect(Array.isArray(listed.Statements)).toBe(true);
    client.destroy();
    io.shutdown();
    expect(await done).toBe(ExitCode.SUCCESS);
    expect(io.stderr.lines).toEqual([`Redshift Data emulator listening on ${url} (Ctrl-C to stop)`, 'Emulator stopped']);
  });

  test('emulator: a port in use is exit 2 with one clear line', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, io } = await cli(['emulator', '--port', String(port)]);
      expect(code).toBe(ExitCode.USAGE_ERROR);
      expect(io.stdout.text).toBe('');
      expect(io.stderr.lines).toEqual([`error: port ${port} on 127.0.0.1 is already in use: choose another with --port (0 = any free port)`]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

async function waitFor<T>(probe: () => T | undefined | '', timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
