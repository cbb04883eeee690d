/**
 * `npm run bench`: measures our state machine against a model of the original design on six scenarios, plus
 * engineering numbers (synth time, definition size, runtime throughput, test-suite time) and prints the Markdown
 * report; with `--write` it also writes it to docs/benchmarks.md (atomically), so a plain run never dirties the tree.
 *
 * Flags (for development): `--scenarios a,c` runs only those scenarios; `--skip tests,synth,throughput`
 * skips measurements; `--test-budget 900` lets the test suite run up to 900 s (default: what is left of the
 * 5-minute budget); `--write` writes the report file (`--no-write`, the default, only prints it).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { compareScenarios } from './compare/compare-scenarios';
import { HISTORY_LIMIT } from './compare/run-system';
import { measureDefinitionSizes } from './engineering/definition-size';
import { describeMachine } from './engineering/machine';
import { measureThroughput } from './engineering/measure-throughput';
import type { EngineeringResults, Measured } from './engineering/results';
import { measureSynthTime } from './engineering/synth-time';
import { measureTestSuiteTime } from './engineering/test-suite-time';
import { renderReport } from './report/render-report';
import { writeFileAtomically } from './report/write-atomically';
import { SCENARIOS } from './scenarios/catalog';

const REPO_ROOT = path.resolve(__dirname, '..');
const REPORT_FILE = path.join(REPO_ROOT, 'docs', 'benchmarks.md');
/** The whole bench must stay under 5 minutes on the 2-core machine; repeated runs stop at these budgets. */
const SYNTH_BUDGET_MS = 45_000;
const TOTAL_BUDGET_MS = 270_000;

interface Flags {
  readonly scenarios?: readonly string[];
  readonly skip: ReadonlySet<string>;
  readonly write: boolean;
  /** Time allowed to the test-suite runs. @default what is left of the 5-minute budget */
  readonly testBudgetMs?: number;
}

function parseFlags(argv: readonly string[]): Flags {
  let scenarios: string[] | undefined;
  const skip = new Set<string>();
  let write = false;
  let testBudgetMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next.split(',').map((part) => part.trim());
    };
    if (flag === '--scenarios') scenarios = value();
    else if (flag === '--skip') value().forEach((part) => skip.add(part));
    else if (flag === '--no-write') write = false;
    else if (flag === '--write') write = true;
    else if (flag === '--test-budget') {
      const seconds = Number(value()[0]);
      if (!(seconds > 0)) throw new Error('--test-budget needs a number of seconds greater than 0');
      testBudgetMs = seconds * 1000;
    } else {
      throw new Error(`unknown flag ${flag}; known: --scenarios a,b  --skip tests,synth,throughput  --test-budget SECONDS  --write`);
    }
  }
  const unknownScenario = scenarios?.find((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknownScenario) throw new Error(`unknown scenario '${unknownScenario}'; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  return { ...(scenarios ? { scenarios } : {}), ...(testBudgetMs ? { testBudgetMs } : {}), skip, write };
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function skipped<T>(reason: string): Measured<T> {
  return { skipped: reason };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const started = Date.now();
  const loadAverageAtStart = os.loadavg()[0]!;
  const elapsed = () => Date.now() - started;

  const selected = SCENARIOS.filter((s) => !flags.scenarios || flags.scenarios.includes(s.id));
  const scenarios = await compareScenarios(selected, log);

  log('definition sizes');
  let definitionSizes: EngineeringResults['definitionSizes'];
  try {
    definitionSizes = { value: measureDefinitionSizes() };
  } catch (error) {
    definitionSizes = skipped(`buildDefinition failed: ${(error as Error).message}`);
  }

  log('runtime throughput (child process)');
  const throughput = flags.skip.has('throughput') ? skipped<never>('skipped by --skip') : await measureThroughput(120_000);

  log('cdktf synth time');
  const synthTiming = flags.skip.has('synth') ? undefined : measureSynthTime(REPO_ROOT, SYNTH_BUDGET_MS);
  const synth: EngineeringResults['synth'] = flags.skip.has('synth')
    ? skipped('skipped by --skip')
    : synthTiming
      ? { value: synthTiming }
      : skipped('main.ts (the example stack) does not exist yet');

  log('test suite time');
  const testBudgetMs = flags.testBudgetMs ?? TOTAL_BUDGET_MS - elapsed();
  const testSuite: EngineeringResults['testSuite'] = flags.skip.has('tests')
    ? skipped('skipped by --skip')
    : testBudgetMs < 20_000
      ? skipped('no time left in the 5-minute budget (use --test-budget SECONDS)')
      : { value: await measureTestSuiteTime(REPO_ROOT, testBudgetMs, 3) };

  const report = renderReport({
    generatedAt: new Date(),
    machine: describeMachine(),
    scenarios,
    engineering: { synth, definitionSizes, throughput, testSuite },
    benchWallMs: elapsed(),
    historyLimit: HISTORY_LIMIT,
    loadAverageAtStart,
    commandLine: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  });
  process.stdout.write(report);
  if (flags.write) {
    writeFileAtomically(REPORT_FILE, report);
    log(`wrote ${path.relative(process.cwd(), REPORT_FILE)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
