import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, runCli } from '../../lib/cli';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { memoryIo } from './helpers/memory-io';

const repo = join(__dirname, '..', '..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

/** The `redshift-query ...` lines of the README's "Run it locally" block, split like a shell would (double quotes only). */
function readmeCommands(): string[][] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Run it locally'))!;
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)![1]!;
  return block
    .split('\n')
    .filter((line) => line.startsWith('redshift-query '))
    .map((line) => [...line.replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1));
}

describe('the README and docs/cli.md name files that exist, and their local commands run', () => {
  let dir: string;
  let emulator: RedshiftDataEmulator;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'readme-commands-'));
    cpSync(join(repo, 'examples'), join(dir, 'examples'), { recursive: true });
    emulator = new RedshiftDataEmulator();
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each(['README.md', 'docs/cli.md', 'docs/terraform.md'])('every examples/ path in %s exists', (file) => {
    const text = readFileSync(join(repo, file), 'utf8');
    const paths = [...new Set([...text.matchAll(/\bexamples\/[\w.-]+(?:\/[\w.-]+)*/g)].map((m) => m[0].replace(/\.$/, '')))];
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !existsSync(join(repo, path)))).toEqual([]);
  });

  test('queries / definition / run lines of "Run it locally" succeed in a fresh folder', async () => {
    const commands = readmeCommands().filter(([command]) => ['queries', 'definition', 'run'].includes(command!));
    expect(commands.map(([command]) => command)).toEqual(['queries', 'queries', 'definition', 'run']);
    for (const argv of commands) {
      const io = memoryIo({ cwd: dir });
      // --scenario needs its own emulator (faults); the others share one.
      const code = await runCli(argv, io, argv.includes('--scenario') ? {} : { emulator });
      expect({ argv, code, stderr: code === ExitCode.SUCCESS ? '' : io.stderr.text }).toEqual({ argv, code: ExitCode.SUCCESS, stderr: '' });
    }
  });

  test('examples/faults.json does what the README says: the INSERT fails twice and is retried, the DELETE takes ten minutes', async () => {
    const io = memoryIo({ cwd: dir });
    expect(await runCli(['queries', 'examples/queries.json', '--scenario', 'examples/faults.json'], io)).toBe(ExitCode.SUCCESS);
    const output = JSON.parse(io.stdout.text).output as { Index: number; Attempts: number; Duration: number }[];
    expect(output[1]).toMatchObject({ Index: 1, Attempts: 3 });
    expect(output[2]!.Duration).toBeGreaterThanOrEqual(600 * 1e9);
    expect(io.stderr.lines).toContain('[#1 of 4] waiting before attempt 3');
  });
});
