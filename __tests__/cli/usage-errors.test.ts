import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, makeProgram, runCli } from '../../lib/cli';
import { memoryIo } from './helpers/memory-io';

/** Usage and input errors: one clear line on stderr, exit code 2, no stack trace unless --debug. */
describe('redshift-query usage errors', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-usage-'));
    writeFileSync(join(dir, 'broken.json'), '{\n  "StartAt": "A",\n  "States": {,\n}');
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'definition.json'), JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }));
    writeFileSync(join(dir, 'not-json.txt'), 'select 1;');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[], stdin?: string) {
    const io = memoryIo({ cwd: dir, stdin });
    const code = await runCli(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text, errLines: io.stderr.lines };
  }

  function expectOneLineError(result: { code: number; stderr: string; errLines: string[] }, pattern: RegExp) {
    expect(result.code).toBe(ExitCode.USAGE_ERROR);
    expect(result.errLines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }

  test('fails on an unknown flag, suggesting the close one', async () => {
    const result = await run(['emulator', '--prot', '1234']);
    expectOneLineError(result, /^error: unknown option '--prot'$/);
    expect(result.stderr).toContain('Did you mean --port?');
  });

  test('fails on an unknown subcommand', async () => {
    expectOneLineError(await run(['runn', 'x.json']), /^error: unknown command 'runn'/);
  });

  test.each([
    [['run', 'definition.json', '--time-scale', 'fast'], /option '--time-scale <n>' argument 'fast' is invalid. Expected a number./],
    [['emulator', '--port', '70000'], /option '--port <n>' argument '70000' is invalid. Expected a port number from 0 to 65535/],
    [['queries', '--sql', 'select 1', '--max-retries', '2.5'], /option '--max-retries <n>' argument '2.5' is invalid. Expected a whole number >= 0./],
    [['definition', '--initial-wait-time', '-3'], /option '--initial-wait-time <seconds>' argument '-3' is invalid. Expected a number >= 0./],
    [['definition', '--wait-multiplier', ''], /option '--wait-multiplier <factor>' argument '' is invalid. Expected a number./],
  ])('fails when a number is not a number: %j', async (argv, pattern) => {
    expectOneLineError(await run(argv), pattern);
  });

  test('fails when --cluster and --workgroup are both given', async () => {
    expectOneLineError(await run(['definition', '--cluster', 'c', '--workgroup', 'w']), /option '--cluster <id>' cannot be used with option '--workgroup <name>'/);
  });

  test('fails when a required argument is missing', async () => {
    expectOneLineError(await run(['run']), /^error: missing required argument 'definition'$/);
  });

  test('fails on a missing definition file, naming it', async () => {
    expectOneLineError(await run(['run', 'nope.json']), /^error: definition nope.json does not exist$/);
  });

  test('fails on a malformed definition with file, line and column', async () => {
    expectOneLineError(await run(['run', 'broken.json']), /^error: definition broken.json is not valid JSON: line 3, column 14: expected a double-quoted property name, found ','$/);
  });

  test('fails on an empty input file', async () => {
    expectOneLineError(await run(['run', 'definition.json', '--input', 'empty.json']), /^error: input empty.json is not valid JSON: empty, expected JSON$/);
  });

  test('fails on an input that is not JSON, read from stdin', async () => {
    expectOneLineError(await run(['run', 'definition.json', '--input', '-'], 'not json'), /^error: input \(standard input\) is not valid JSON: line 1, column 1: unexpected 'n'$/);
  });

  test('fails on a query list that is not JSON', async () => {
    expectOneLineError(await run(['queries', 'not-json.txt']), /^error: query list not-json.txt is not valid JSON: line 1, column 1: unexpected 's'$/);
  });

  test('fails when queries gets no queries, or both a file and --sql', async () => {
    expectOneLineError(await run(['queries']), /^error: no queries: give a query list file/);
    expectOneLineError(await run(['queries', 'q.json', '--sql', 'select 1']), /^error: give the query list either as <queries> or as --sql statements, not both$/);
  });

  test('fails when the definition and the input both claim stdin', async () => {
    expectOneLineError(await run(['run', '-', '--input', '-'], '{}'), /cannot both be read from standard input/);
  });

  test('fails on a missing synth output with a hint', async () => {
    expectOneLineError(await run(['synthesized', 'cdktf.out', '--sql', 'select 1']), /^error: .*cdktf.out does not exist \(run `npm run synth` first/);
  });

  test('shows the stack trace with --debug', async () => {
    const result = await run(['run', 'nope.json', '--debug']);
    expect(result.code).toBe(ExitCode.USAGE_ERROR);
    expect(result.errLines[0]).toBe('error: definition nope.json does not exist');
    expect(result.stderr).toMatch(/\n\s+at /);
  });
});

describe('redshift-query --help', () => {
  test('lists the subcommands and the exit codes, on stdout, with exit code 0', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(ExitCode.SUCCESS);
    for (const command of ['run', 'queries', 'definition', 'synthesized', 'emulator', 'plan-offline']) expect(io.stdout.text).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(io.stdout.text).toContain('Exit codes:\n  0  success');
    expect(io.stdout.text).toContain('  2  usage or input error');
  });

  /** The exit codes each command's --help lists: only the ones it can return. */
  const exitCodesOf = (help: string) => [...help.slice(help.indexOf('Exit codes:')).matchAll(/^ {2}(\d) {2}/gm)].map((m) => Number(m[1]));

  test.each([
    ['run', [0, 1, 2]],
    ['queries', [0, 1, 2]],
    ['synthesized', [0, 1, 2]],
    ['definition', [0, 2]],
    ['emulator', [0, 2]],
    ['plan-offline', [0, 1, 2]],
  ])('%s --help documents its flags and the exit codes it can return', async (command, codes) => {
    const io = memoryIo();
    expect(await runCli([command, '--help'], io)).toBe(ExitCode.SUCCESS);
    expect(io.stdout.text).toMatch(new RegExp(`^Usage: redshift-query ${command}`));
    expect(exitCodesOf(io.stdout.text)).toEqual(codes);
    if (codes.includes(1) && command !== 'plan-offline') expect(io.stdout.text).toContain('  1  execution FAILED or TIMED_OUT');
  });

  test('queries --help lists every deploy-time option', async () => {
    const io = memoryIo();
    await runCli(['queries', '--help'], io);
    for (const flag of ['--cluster', '--workgroup', '--database', '--db-user', '--secret-arn', '--initial-wait-time', '--base-wait-time', '--wait-multiplier', '--max-wait', '--max-retries', '--retry-error-match', '--timeout-seconds', '--scenario', '--time-scale', '--sql']) {
      expect(io.stdout.text).toContain(flag);
    }
  });

  test('makeProgram can be driven directly with exitOverride', async () => {
    const io = memoryIo();
    const program = makeProgram({ io });
    await expect(program.parseAsync(['--version'], { from: 'user' })).rejects.toMatchObject({ code: 'commander.version', exitCode: 0 });
    expect(io.stdout.text).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
