/**
 * Fault-injection scenarios: how long statements take, which fail or hang, and which API calls throw.
 * The JSON format is documented in docs/emulator.md; every unknown or mistyped field is an error
 * naming its JSON path, so a typo never silently disables a fault.
 */
import { readFile } from 'node:fs/promises';
import { RE2JS } from 're2js';
import { REDSHIFT_DATA_ERROR_NAMES, RedshiftDataErrorName, ScenarioError } from './errors';

const OPERATION_NAMES = [
  'ExecuteStatement',
  'BatchExecuteStatement',
  'DescribeStatement',
  'GetStatementResult',
  'GetStatementResultV2',
  'CancelStatement',
  'ListStatements',
] as const;

/** A Redshift Data API operation the emulator serves. */
export type ApiOperation = (typeof OPERATION_NAMES)[number];

export const API_OPERATIONS: readonly ApiOperation[] = OPERATION_NAMES;

export interface StatementFailure {
  /** Error text the statement fails with, e.g. `ERROR: 1023 DETAIL: Serializable isolation violation`. */
  readonly error: string;
  /** Fail only the first N submissions of matching SQL, then run for real. @default - every submission fails */
  readonly times?: number;
}

export interface StatementRule {
  /**
   * Regular expression in RE2 syntax (no backreferences or lookaround), case-insensitive, searched in the SQL text.
   * Matched in time linear in the SQL's length, whatever the pattern: a scenario file cannot hang the emulator.
   */
  readonly match: string;
  /** Simulated run time. @default the scenario's defaultDurationSeconds */
  readonly durationSeconds?: number;
  /** Time spent SUBMITTED before the statement is picked. @default the scenario's defaultQueuedSeconds */
  readonly queuedSeconds?: number;
  /** Fail instead of running (the SQL is not executed). @default - run the SQL */
  readonly fail?: StatementFailure;
  /** End ABORTED (as if cancelled by an operator) after the duration, without running. @default false */
  readonly abort?: boolean;
  /** Stay STARTED until cancelled; the SQL is not executed. @default false */
  readonly neverFinishes?: boolean;
}

export interface ApiFaultRule {
  /** Operation the fault applies to, or `*` for all. */
  readonly operation: ApiOperation | '*';
  /** AWS exception name thrown, e.g. `ThrottlingException`. */
  readonly error: RedshiftDataErrorName;
  /** @default - a message in AWS's style for that exception */
  readonly message?: string;
  /** Fail only the first N calls of the operation(s). @default - every call (unless `rate` is set) */
  readonly firstCalls?: number;
  /** Probability (0..1) that a call fails. @default - every call (unless `firstCalls` is set) */
  readonly rate?: number;
  /** Seed of the random sequence used with `rate`, so runs are reproducible. @default 1 */
  readonly seed?: number;
}

export interface Scenario {
  /** Simulated run time of a statement no rule matches. @default 1 */
  readonly defaultDurationSeconds?: number;
  /** Time a statement no rule matches spends SUBMITTED. @default 0 */
  readonly defaultQueuedSeconds?: number;
  /** Active (not yet terminal) statements allowed per cluster/workgroup before ActiveStatementsExceededException. @default 500 */
  readonly maxActiveStatements?: number;
  /** First matching rule wins. @default [] */
  readonly statements?: readonly StatementRule[];
  /** Every matching rule is checked in order; the first that fires throws. @default [] */
  readonly api?: readonly ApiFaultRule[];
}

type Json = unknown;

class Reader {
  constructor(private readonly source: string | undefined) {}

  fail(path: string, problem: string): never {
    throw new ScenarioError(path, problem, this.source);
  }

  object(value: Json, path: string, allowed: readonly string[]): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, `must be an object, got ${describe(value)}`);
    const record = value as Record<string, Json>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) {
        const hint = closest(key, allowed);
        this.fail(`${path}.${key}`, `unknown field${hint ? ` (did you mean '${hint}'?)` : ''}; allowed: ${allowed.join(', ')}`);
      }
    }
    return record;
  }

  number(value: Json, path: string, options: { min?: number; max?: number; integer?: boolean; positive?: boolean } = {}): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(path, `must be a number, got ${describe(value)}`);
    if (options.integer && !Number.isInteger(value)) this.fail(path, `must be an integer, got ${value}`);
    if (options.positive && value <= 0) this.fail(path, `must be greater than 0, got ${value}`);
    if (options.min !== undefined && value < options.min) this.fail(path, `must be at least ${options.min}, got ${value}`);
    if (options.max !== undefined && value > options.max) this.fail(path, `must be at most ${options.max}, got ${value}`);
    return value;
  }

  boolean(value: Json, path: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, got ${describe(value)}`);
    return value;
  }

  string(value: Json, path: string, required: boolean): string | undefined {
    if (value === undefined) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof value !== 'string' || value === '') this.fail(path, `must be a non-empty string, got ${describe(value)}`);
    return value;
  }

  array(value: Json, path: string): readonly Json[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(path, `must be an array, got ${describe(value)}`);
    return value;
  }
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** The allowed name a typo most likely meant (edit distance ≤ 3), if any. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Tells whether a SQL text contains a match of a rule's pattern (RE2: linear time, no catastrophic backtracking). */
export interface SqlMatcher {
  test(sql: string): boolean;
}

/** Compiles a `match` pattern, case-insensitive; throws on syntax RE2 does not have. */
export function compileSqlMatcher(pattern: string): SqlMatcher {
  const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  return { test: (sql) => compiled.matcher(sql).find() };
}

/** Checks a parsed JSON scenario; `source` (a file name) prefixes error messages. */
export function parseScenario(json: unknown, source?: string): Scenario {
  const r = new Reader(source);
  const root = r.object(json, '$', ['defaultDurationSeconds', 'defaultQueuedSeconds', 'maxActiveStatements', 'statements', 'api']);
  const scenario: {
    -readonly [K in keyof Scenario]: Scenario[K];
  } = {};
  const defaultDurationSeconds = r.number(root.defaultDurationSeconds, '$.defaultDurationSeconds', { min: 0 });
  if (defaultDurationSeconds !== undefined) scenario.defaultDurationSeconds = defaultDurationSeconds;
  const defaultQueuedSeconds = r.number(root.defaultQueuedSeconds, '$.defaultQueuedSeconds', { min: 0 });
  if (defaultQueuedSeconds !== undefined) scenario.defaultQueuedSeconds = defaultQueuedSeconds;
  const maxActive = r.number(root.maxActiveStatements, '$.maxActiveStatements', { integer: true, positive: true });
  if (maxActive !== undefined) scenario.maxActiveStatements = maxActive;
  const statements = r.array(root.statements, '$.statements');
  if (statements) scenario.statements = statements.map((rule, i) => parseStatementRule(r, rule, `$.statements[${i}]`));
  const api = r.array(root.api, '$.api');
  if (api) scenario.api = api.map((rule, i) => parseApiRule(r, rule, `$.api[${i}]`));
  return scenario;
}

function parseStatementRule(r: Reader, json: Json, path: string): StatementRule {
  const o = r.object(json, path, ['match', 'durationSeconds', 'queuedSeconds', 'fail', 'abort', 'neverFinishes']);
  const match = r.string(o.match, `${path}.match`, true)!;
  try {
    compileSqlMatcher(match);
  } catch (error) {
    r.fail(`${path}.match`, `is not a valid RE2 regular expression (RE2 has no backreferences or lookaround, so matching stays linear in the SQL's length): ${(error as Error).message}`);
  }
  const rule: { -readonly [K in keyof StatementRule]: StatementRule[K] } = { match };
  const durationSeconds = r.number(o.durationSeconds, `${path}.durationSeconds`, { min: 0 });
  if (durationSeconds !== undefined) rule.durationSeconds = durationSeconds;
  const queuedSeconds = r.number(o.queuedSeconds, `${path}.queuedSeconds`, { min: 0 });
  if (queuedSeconds !== undefined) rule.queuedSeconds = queuedSeconds;
  if (o.fail !== undefined) {
    const f = r.object(o.fail, `${path}.fail`, ['error', 'times']);
    const error = r.string(f.error, `${path}.fail.error`, true)!;
    const times = r.number(f.times, `${path}.fail.times`, { integer: true, positive: true });
    rule.fail = times === undefined ? { error } : { error, times };
  }
  const abort = r.boolean(o.abort, `${path}.abort`);
  if (abort !== undefined) rule.abort = abort;
  const neverFinishes = r.boolean(o.neverFinishes, `${path}.neverFinishes`);
  if (neverFinishes !== undefined) rule.neverFinishes = neverFinishes;
  const outcomes = [rule.fail ? 'fail' : '', abort ? 'abort' : '', neverFinishes ? 'neverFinishes' : ''].filter(Boolean);
  if (outcomes.length > 1) r.fail(path, `sets ${outcomes.join(' and ')}; choose one outcome per rule`);
  return rule;
}

function parseApiRule(r: Reader, json: Json, path: string): ApiFaultRule {
  const o = r.object(json, path, ['operation', 'error', 'message', 'firstCalls', 'rate', 'seed']);
  const operation = r.string(o.operation, `${path}.operation`, true)!;
  if (operation !== '*' && !API_OPERATIONS.includes(operation as ApiOperation)) {
    r.fail(`${path}.operation`, `must be one of ${API_OPERATIONS.join(', ')} or "*", got ${JSON.stringify(operation)}`);
  }
  const error = r.string(o.error, `${path}.error`, true)!;
  if (!REDSHIFT_DATA_ERROR_NAMES.includes(error as RedshiftDataErrorName)) {
    r.fail(`${path}.error`, `must be one of ${REDSHIFT_DATA_ERROR_NAMES.join(', ')}, got ${JSON.stringify(error)}`);
  }
  const rule: { -readonly [K in keyof ApiFaultRule]: ApiFaultRule[K] } = {
    operation: operation as ApiOperation | '*',
    error: error as RedshiftDataErrorName,
  };
  const message = r.string(o.message, `${path}.message`, false);
  if (message !== undefined) rule.message = message;
  const firstCalls = r.number(o.firstCalls, `${path}.firstCalls`, { integer: true, positive: true });
  if (firstCalls !== undefined) rule.firstCalls = firstCalls;
  const rate = r.number(o.rate, `${path}.rate`, { min: 0, max: 1 });
  if (rate !== undefined) rule.rate = rate;
  const seed = r.number(o.seed, `${path}.seed`, { integer: true });
  if (seed !== undefined) rule.seed = seed;
  if (firstCalls !== undefined && rate !== undefined) r.fail(path, 'sets both firstCalls and rate; use two rules instead');
  if (seed !== undefined && rate === undefined) r.fail(`${path}.seed`, 'only applies together with rate');
  return rule;
}

/** Reads and checks a scenario file; errors name the file and the JSON path. */
export async function loadScenario(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError('$', `cannot read the scenario file: ${(error as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('$', `is not valid JSON: ${(error as Error).message}`, path);
  }
  return parseScenario(json, path);
}
