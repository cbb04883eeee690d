import { ExitCode, runCli } from '../../lib/cli';
import { memoryIo } from './helpers/memory-io';

describe('redshift-query definition: flags that contradict each other', () => {
  test.each<[string[], RegExp]>([
    [['definition', '--cluster', 'c', '--database', 'dev', '--max-wait', '5'], /^error: --max-wait: maxWait \(5\) is smaller than baseWaitTime \(15, its default\)/],
    [['definition', '--cluster', 'c', '--database', 'dev', '--base-wait-time', '60', '--max-wait', '30'], /^error: --max-wait: maxWait \(30\) is smaller than baseWaitTime \(60\)/],
  ])('%j is a one-line input error naming the flag, and prints no definition', async (argv, message) => {
    const io = memoryIo();
    expect(await runCli(argv, io)).toBe(ExitCode.USAGE_ERROR);
    expect(io.stderr.lines).toHaveLength(1);
    expect(io.stderr.lines[0]).toMatch(message);
    expect(io.stdout.text).toBe('');
  });
});
