import * as path from 'node:path';
import { CommandTiming, timeCommand } from './timing';

/**
 * Wall time of the whole jest suite (`jest --ci`, so no snapshot is written), repeated while the budget allows.
 * Type checking (`tsc --noEmit`, the other half of `npm test`) is not included.
 */
export function measureTestSuiteTime(repoRoot: string, budgetMs: number, maxRuns: number): CommandTiming {
  return timeCommand(path.join(repoRoot, 'node_modules', '.bin', 'jest'), ['--ci', '--silent'], {
    cwd: repoRoot,
    maxRuns,
    budgetMs,
    timeoutMs: 10 * 60_000,
  });
}
