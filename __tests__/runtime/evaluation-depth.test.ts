/**
 * Step Functions refuses JSONata evaluations nested deeper than 100 steps (observed on AWS: 100 accepted, 101
 * refused). The runtime counts depth through JSONata's evaluate entry/exit hooks; these tests pin where the limit
 * falls, that the fast path does not hide it, and that concurrent branches are not added up.
 */
import jsonata from 'jsonata';
import {
  DEPTH_BINDING,
  DEPTH_EXCEEDED_MESSAGE,
  DepthTracker,
  installDepthLimit,
  MAX_EVALUATION_DEPTH,
  treeHeight,
} from '../../lib/runtime/jsonata/evaluation-depth';
import { compileExpression } from '../../lib/runtime/jsonata/expression';
import { run } from './helpers/run';

/** `1+1+…+1` with n terms: JSONata nests n evaluations (n-1 additions, then the innermost literal). */
const sumOfOnes = (n: number) => Array.from({ length: n }, () => '1').join('+');

async function measure(text: string, input: unknown = {}): Promise<{ value?: unknown; error?: string; max: number }> {
  const expression = jsonata(text);
  installDepthLimit(expression);
  const tracker = new DepthTracker();
  try {
    const value = await expression.evaluate(input, { [DEPTH_BINDING]: tracker });
    expect(tracker.depth).toBe(0);
    return { value, max: tracker.max };
  } catch (error) {
    return { error: (error as Error).message, max: tracker.max };
  }
}

describe('JSONata evaluation depth limit', () => {
  test('a chain of n terms has depth n: 100 is accepted and 101 refused with AWS message', async () => {
    expect(await measure(sumOfOnes(100))).toEqual({ value: 100, max: 100 });
    expect(await measure(sumOfOnes(101))).toEqual({ error: DEPTH_EXCEEDED_MESSAGE, max: 101 });
    expect(MAX_EVALUATION_DEPTH).toBe(100);
  });

  test('array items and object values (evaluated concurrently by jsonata-js) count as one chain each, not a sum', async () => {
    expect(await measure(`[${sumOfOnes(90)}, ${sumOfOnes(95)}, ${sumOfOnes(80)}]`)).toEqual({ value: [90, 95, 80], max: 96 });
    expect(await measure(`{"a": ${sumOfOnes(90)}, "b": ${sumOfOnes(95)}}`)).toEqual({ value: { a: 90, b: 95 }, max: 96 });
    expect(await measure(`[[${sumOfOnes(60)}, [${sumOfOnes(70)}]], {"x": [${sumOfOnes(50)}, 1]}]`)).toEqual({
      value: [[60, [70]], { x: [50, 1] }],
      max: 73,
    });
  });

  test('a tail call does not add depth; a non-tail recursive call adds the body depth at each level', async () => {
    expect(await measure('($f := function($n) { $n = 0 ? 0 : $f($n - 1) }; $f(5000))')).toEqual({ value: 0, max: 5 });
    const nonTail = (n: number) => `($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(${n}))`;
    // Block, call, then 3 steps per level (condition, addition, call) and the body's last condition and literal.
    expect(await measure(nonTail(31))).toEqual({ value: 31, max: 5 + 31 * 3 });
    expect(await measure(nonTail(32))).toEqual({ error: DEPTH_EXCEEDED_MESSAGE, max: 101 });
  });

  test('the same expression evaluated concurrently keeps one depth per evaluation', async () => {
    const expression = jsonata(`$sum([1..20].(${sumOfOnes(90)}))`);
    installDepthLimit(expression);
    const trackers = Array.from({ length: 8 }, () => new DepthTracker());
    const values = await Promise.all(trackers.map((tracker) => expression.evaluate({}, { [DEPTH_BINDING]: tracker })));
    expect(values).toEqual(Array(8).fill(1800));
    expect(trackers.map((t) => t.max)).toEqual(Array(8).fill(93));
  });

  test('treeHeight bounds the depth of expressions that call no function of their own', async () => {
    for (const text of [sumOfOnes(40), `{"a": [${sumOfOnes(10)}, $x.y.z], "b": ($v := 1; $v > 0 ? -$v : 2)}`, '$states.input.a.b = 3 and true']) {
      const { max } = await measure(text, { states: { input: { a: { b: 3 } } } });
      expect(max).toBeLessThanOrEqual(treeHeight(jsonata(text).ast()));
    }
  });

  test('the fast path falls back to JSONata (and its depth limit) for a tree deeper than the limit', () => {
    expect(compileExpression(`{% ${sumOfOnes(100)} %}`).fast).toBeDefined();
    expect(compileExpression(`{% ${sumOfOnes(101)} %}`).fast).toBeUndefined();
  });

  test.each([
    [100, 'SUCCEEDED'],
    [101, 'FAILED'],
  ])('a Pass state whose Output nests %i steps: %s (fast-path shape)', async (terms, status) => {
    const result = await run({ P: { Type: 'Pass', Output: { n: `{% ${sumOfOnes(terms)} %}` }, End: true } });
    expect(result.status).toBe(status);
    if (status === 'SUCCEEDED') {
      expect(result.output).toEqual({ n: terms });
    } else {
      expect(result.error).toBe('States.QueryEvaluationError');
      expect(result.cause).toContain(DEPTH_EXCEEDED_MESSAGE);
      expect(result.cause).toContain("specified for the field 'Output/n'");
    }
  });

  test('a deep evaluation is a catchable States.QueryEvaluationError', async () => {
    const result = await run(
      {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::local:echo',
          Arguments: { n: `{% ($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(50)) %}` },
          Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught', Output: '{% $states.errorOutput %}' }],
          Next: 'Done',
        },
        Caught: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
      },
      {},
      { taskHandlers: { 'arn:aws:states:::local:echo': async (args) => args } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ Error: 'States.QueryEvaluationError' });
    expect((result.output as { Cause: string }).Cause).toContain(DEPTH_EXCEEDED_MESSAGE);
  });
});
