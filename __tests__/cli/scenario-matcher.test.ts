import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runCli } from '../../lib/cli';
import { memoryIo } from './helpers/memory-io';

/** A scenario file is user input: its `match` patterns must neither hang the CLI nor fail obscurely. */
describe('redshift-query queries --scenario: match patterns', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-scenario-matcher-'));
    // With a backtracking RegExp, `(a+)+$` on 40 a's followed by a quote takes about 2^40 steps.
    writeFileSync(join(dir, 'backtracking.json'), JSON.stringify({ statements: [{ match: '(a+)+$', fail: { error: 'ERROR: injected' } }] }));
    writeFileSync(join(dir, 'lookbehind.json'), JSON.stringify({ statements: [{ match: 'x' }, { match: '(?<=from )sales', abort: true }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(argv: string[]) {
    const io = memoryIo({ cwd: dir });
    const code = await runCli(argv, io);
    return { code, io };
  }

  test('a catastrophic-backtracking pattern does not hang the run; it matches only where RE2 says it does', async () => {
    const { code, io } = await cli(['queries', '--sql', `select '${'a'.repeat(40)}!' as s`, '--sql', "select 'aaa'", '--sql', 'select 1 -- aaaa', '--scenario', 'backtracking.json']);
    // Only the third SQL text ends in a's: the first two run, the third fails with the injected error.
    expect(io.stderr.text).toContain('[1/3] FINISHED');
    expect(io.stderr.text).toContain('[2/3] FINISHED');
    expect(code).toBe(ExitCode.EXECUTION_FAILED);
    expect(io.stdout.text + io.stderr.text).toContain('ERROR: injected');
  });

  test('syntax RE2 does not have is an input error naming the file and the rule', async () => {
    const { code, io } = await cli(['queries', '--sql', 'select 1', '--scenario', 'lookbehind.json']);
    expect(code).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toHaveLength(1);
    expect(io.stderr.lines[0]).toMatch(/^error: .*lookbehind.json: \$\.statements\[1\]\.match: is not a valid RE2 regular expression \(RE2 has no backreferences or lookaround/);
  });
});
