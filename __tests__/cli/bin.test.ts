import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'redshift-query.js');

/** The one real process test: the package's bin loads the TypeScript CLI and maps errors to exit codes. */
describe('bin/redshift-query.js', () => {
  test('prints the help on stdout and exits 0', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: redshift-query \[options\] \[command\]/);
    expect(result.stdout).toContain('Exit codes:');
  });

  test('exits 2 with one line on stderr for an unknown flag', () => {
    const result = spawnSync(process.execPath, [BIN, 'emulator', '--bogus'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe("error: unknown option '--bogus'");
  });
});
