import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CommandTiming, timeCommand } from './timing';

/** `tsx main.ts` (what `npm run synth` runs), timed; undefined when the example stack does not exist yet. */
export function measureSynthTime(repoRoot: string, budgetMs: number): CommandTiming | undefined {
  if (!existsSync(path.join(repoRoot, 'main.ts'))) return undefined;
  return timeCommand(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['main.ts'], {
    cwd: repoRoot,
    maxRuns: 5,
    budgetMs,
    timeoutMs: 120_000,
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
}
