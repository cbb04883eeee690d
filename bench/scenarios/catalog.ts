/**
 * The comparison scenarios: (a)–(f) from issue 6, plus (g) = (a) at equal polling rates. Each names an emulator
 * scenario file (durations and faults, shared by both systems) and the execution input (the seed's input format,
 * which both systems accept).
 * Durations are deliberately not multiples of any poll interval (3,607 s rather than 3,600 s): a real statement
 * ends between two polls, and an aligned duration would hide the detection latency.
 */
import * as path from 'node:path';

export interface BenchScenario {
  /** Short id used in the report, e.g. `a`. */
  readonly id: string;
  readonly title: string;
  /** Emulator scenario file, absolute path. */
  readonly scenarioFile: string;
  /** Execution input, identical for both systems. */
  readonly input: readonly unknown[];
}

const file = (name: string) => path.join(__dirname, name);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const SCENARIOS: readonly BenchScenario[] = [
  {
    id: 'a',
    title: 'One 1-hour query (3,607 s), default settings',
    scenarioFile: file('a-one-hour.json'),
    input: ["select 'hourly rollup' as job"],
  },
  {
    id: 'b',
    title: '20 queries of 1–10 minutes (64–596 s)',
    scenarioFile: file('b-twenty-queries.json'),
    input: Array.from({ length: 20 }, (_, i) => `select 'batch job ${pad(i + 1, 2)}' as job`),
  },
  {
    id: 'c',
    title: 'A 2-minute query (127 s) failing twice with a 1023 serialization error, then succeeding',
    scenarioFile: file('c-serialization-retry.json'),
    input: ["select 'merge orders' as job"],
  },
  {
    id: 'd',
    title: 'One 24-hour query (86,393 s, just under the Data API maximum), default settings',
    scenarioFile: file('d-twenty-four-hours.json'),
    input: ["select 'full rebuild' as job"],
  },
  {
    id: 'e',
    title: '1,000 quick (2-second) queries',
    scenarioFile: file('e-thousand-quick.json'),
    input: Array.from({ length: 1000 }, (_, i) => `select 'quick query ${pad(i + 1, 4)}' as job`),
  },
  {
    id: 'f',
    title: 'One 6-hour query (21,611 s) with WaitMultiplier 1.5',
    scenarioFile: file('f-six-hours-multiplier.json'),
    input: [{ ExecuteStatementParameters: "select 'six-hour backfill' as job", WaitMultiplier: 1.5 }],
  },
  {
    // Not in the list: (a) again with both systems polling every 30 s, to separate the price of our faster
    // default polling (BaseWaitTime 15 s, as documented) from the price of the design itself.
    id: 'g',
    title: "Scenario (a) at equal polling: BaseWaitTime 30 s, the original's effective interval (it ignores the field, D2)",
    scenarioFile: file('a-one-hour.json'),
    input: [{ ExecuteStatementParameters: "select 'hourly rollup' as job", BaseWaitTime: 30 }],
  },
];
