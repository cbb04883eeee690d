/**
 * Step Functions refuses JSONata evaluations nested deeper than 100 steps; the runtime enforces the same limit. The
 * RetryErrorMatch engine runs inside ValidateInput (compile) and after a FAILED statement (compile + match), so its
 * depth there is what counts. These tests run the generated definition on the runtime and read the deepest
 * evaluation it reached.
 */
import { REDSHIFT_QUERY_ERRORS } from '../../lib/definition';
import { RX_MAX_NESTING, RX_MAX_PATTERN_LENGTH, RX_MAX_STATES, RX_TEXT_PREFIX } from '../../lib/definition/regex/regex-jsonata';
import { DepthTracker, MAX_EVALUATION_DEPTH } from '../../lib/runtime/jsonata/evaluation-depth';
import { QueryRunner } from './helpers/run-queries';

const runner = new QueryRunner();
afterAll(() => runner.close());
// JSONata is slow on long texts and patterns (seconds per case on a loaded 2-core machine): correctness, not speed, is tested here.
jest.setTimeout(300_000);

/** The deepest evaluation of the whole definition (ValidateInput, the polling loop, the retry decision). */
const WORST_CASE_DEPTH = 60;

const nested = (levels: number, core = 'a') => `${'('.repeat(levels)}${core}${')'.repeat(levels)}`;
/** A long error text mixing scripts (the Unicode tables are searched for each non-ASCII character). */
const LONG_ERROR = `ERROR: ${'é Ж 中 😀 １ '.repeat(400)}`.slice(0, RX_TEXT_PREFIX + 500);

async function deepestRun(pattern: string, error: string): Promise<{ depth: number; retried: boolean; status: string }> {
  DepthTracker.highWaterMark = 0;
  const { result, emulator } = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', RetryErrorMatch: pattern, BaseWaitTime: 1 }], {
    scenario: { statements: [{ match: 'flaky', fail: { error, times: 1 } }] },
  });
  return { depth: DepthTracker.highWaterMark, retried: emulator.statements().length === 2, status: result.status };
}

describe('RetryErrorMatch stays within the JSONata evaluation depth limit', () => {
  test.each<[string, string, string, boolean]>([
    ['one character', 'a', 'b', false],
    ['five nested groups (depth 108 before the engine was made iterative)', nested(5, 'ERROR'), 'ERROR: x', true],
    [`${RX_MAX_NESTING} nested groups, the documented maximum`, nested(RX_MAX_NESTING, 'E'), 'ERROR: x', true],
    ['alternations nested in repeats', '((E|F)(R|S){2}(O|R)+)*:', 'ERROR: x', true],
    ['Unicode classes over a long non-ASCII text', '.*[\\w\\d\\s]{3}\\W$', LONG_ERROR, false],
    ['a match ending at the last character of the text prefix', '.*x', `${'y'.repeat(RX_TEXT_PREFIX - 1)}xz`, true],
    ['a pattern of the maximum length', `[${'E'.repeat(RX_MAX_PATTERN_LENGTH - 6)}]+.*$`, 'EEE: x', true],
    [`close to ${RX_MAX_STATES} NFA states`, `.*(${Array.from({ length: 70 }, (_, i) => `e${i}x`).join('|')})`, 'x e69x', true],
  ])('%s: the deepest evaluation stays at most %#', async (_name, pattern, error, retried) => {
    const run = await deepestRun(pattern, error);
    expect({ retried: run.retried, status: run.status }).toEqual({ retried, status: retried ? 'SUCCEEDED' : 'FAILED' });
    expect(run.depth).toBeLessThanOrEqual(WORST_CASE_DEPTH);
    expect(WORST_CASE_DEPTH).toBeLessThan(MAX_EVALUATION_DEPTH);
  });

  test('the depth does not grow with the pattern: one character and 20 nested groups reach the same depth', async () => {
    const small = await deepestRun('E', 'ERROR');
    const deep = await deepestRun(nested(RX_MAX_NESTING, 'E'), 'ERROR');
    expect(deep.depth).toBe(small.depth);
  });

  test.each([
    ['nesting beyond the bound', nested(RX_MAX_NESTING + 1), `more than ${RX_MAX_NESTING} nested groups at position ${RX_MAX_NESTING}`],
    ['a pattern longer than the bound', 'a'.repeat(RX_MAX_PATTERN_LENGTH + 1), `pattern longer than ${RX_MAX_PATTERN_LENGTH} characters`],
    ['a pattern expanding past the state bound', '(a{100}){3}', `pattern too large (more than ${RX_MAX_STATES} NFA states)`],
  ])('ValidateInput rejects %s with InvalidInput naming the query index and field, before any SQL', async (_name, pattern, reason) => {
    const { result, emulator } = await runner.run(['select 1', { ExecuteStatementParameters: 'select 2', RetryErrorMatch: pattern }]);
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.INVALID_INPUT);
    // Long values are shown shortened (`"aaa…..."`).
    expect(result.cause).toMatch(/^Query at index 1: RetryErrorMatch "[a(){}0-9]+(\.\.\.)?" is not supported: /);
    expect(result.cause!.endsWith(` is not supported: ${reason}`)).toBe(true);
    expect(emulator.callLog).toHaveLength(0);
  });
});
