import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median } from './timing';

export interface TestSuiteRun {
  readonly wallMs: number;
  /** false when the run was stopped at the time limit: `wallMs` is then a lower bound. */
  readonly finished: boolean;
  readonly exitCode: number | null;
  readonly passed?: number;
  readonly failed?: number;
  /** Slowest test files of the run, slowest first. */
  readonly slowestFiles: readonly { readonly file: string; readonly seconds: number }[];
}

export interface TestSuiteTiming {
  readonly runs: readonly TestSuiteRun[];
  /** Median wall time of the finished runs. */
  readonly medianMs: number;
}

interface JestJson {
  numPassedTests?: number;
  numFailedTests?: number;
  testResults?: { name: string; startTime?: number; endTime?: number; perfStats?: { start: number; end: number } }[];
}

/** One `jest --ci` run (no snapshot written) in its own process group, stopped at `timeoutMs`. */
function runJestOnce(repoRoot: string, timeoutMs: number): Promise<TestSuiteRun> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'bench-jest-'));
  const jsonFile = path.join(directory, 'results.json');
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'jest'), ['--ci', '--silent', '--json', `--outputFile=${jsonFile}`], {
      cwd: repoRoot,
      stdio: 'ignore',
      // Its own process group, so a stop also ends jest's workers and whatever the tests started.
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      let json: JestJson = {};
      try {
        json = JSON.parse(readFileSync(jsonFile, 'utf8')) as JestJson;
      } catch {
        // No report (stopped, or jest could not start).
      }
      rmSync(directory, { recursive: true, force: true });
      const slowestFiles = (json.testResults ?? [])
        .map((result) => {
          const start = result.perfStats?.start ?? result.startTime ?? 0;
          const end = result.perfStats?.end ?? result.endTime ?? 0;
          return { file: path.relative(repoRoot, result.name), seconds: (end - start) / 1000 };
        })
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, 5);
      resolve({
        wallMs,
        finished: !timedOut,
        exitCode: code,
        ...(json.numPassedTests !== undefined ? { passed: json.numPassedTests } : {}),
        ...(json.numFailedTests !== undefined ? { failed: json.numFailedTests } : {}),
        slowestFiles,
      });
    });
  });
}

/**
 * Wall time of the whole jest suite (the test half of `npm test`; the type check is not included). Runs once,
 * then again while the budget allows a run as long as the last one, up to `maxRuns`.
 */
export async function measureTestSuiteTime(repoRoot: string, budgetMs: number, maxRuns: number): Promise<TestSuiteTiming> {
  const runs: TestSuiteRun[] = [];
  const started = Date.now();
  while (runs.length < maxRuns) {
    const remaining = budgetMs - (Date.now() - started);
    const last = runs[runs.length - 1];
    if (last && (!last.finished || last.wallMs > remaining)) break;
    runs.push(await runJestOnce(repoRoot, Math.max(remaining, 20_000)));
  }
  return { runs, medianMs: median(runs.filter((r) => r.finished).map((r) => r.wallMs)) };
}
