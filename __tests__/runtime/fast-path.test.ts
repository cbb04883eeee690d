import fc from 'fast-check';
import jsonata from 'jsonata';
import { compileFastPath, FALLBACK } from '../../lib/runtime/jsonata/fast-path';

/** Expressions the fast path claims; each must give JSONata's own answer whenever it does not fall back. */
const EXPRESSIONS = [
  '$v',
  '$states.input.a',
  '$states.input.a.b',
  '$v.a',
  "$v = 'x'",
  '$v != 1',
  '$states.input.a = $v',
  '$v < 3',
  "$v >= 'm'",
  "$v in ['x', 1, true, null]",
  '$v and $states.input.a',
  '$v or $states.input.a',
  'true',
  "'text'",
  '42',
];

const json = fc.jsonValue({ maxDepth: 3 });
const value = fc.oneof(fc.constantFrom('x', 'm', 'z', 1, 3, 5, true, false, null), json, fc.constant(undefined));

describe('JSONata fast path', () => {
  test.each(EXPRESSIONS)('%s is compiled to a fast evaluator', (expression) => {
    expect(compileFastPath(jsonata(expression).ast())).toBeDefined();
  });

  test.each(['$count($v)', '$$.a', '$.a', '$v[0]', '$v.a[b = 1]', '$v ? 1 : 2', '$states.input.*', '$v & "s"'])('%s is left to JSONata', (expression) => {
    expect(compileFastPath(jsonata(expression).ast())).toBeUndefined();
  });

  test('gives the same result as JSONata for arbitrary inputs', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXPRESSIONS), value, fc.record({ a: value }, { requiredKeys: [] }), async (expression, v, input) => {
        const compiled = jsonata(expression);
        const fast = compileFastPath(compiled.ast())!;
        const states = { input };
        const variables: Record<string, unknown> = v === undefined ? {} : { v };
        const quick = fast(states, variables);
        if (quick === FALLBACK) return;
        let expected: unknown;
        try {
          expected = await compiled.evaluate(input, { states, ...variables });
        } catch {
          throw new Error(`JSONata failed on ${expression} where the fast path returned ${JSON.stringify(quick)}`);
        }
        expect(quick).toEqual(expected);
        compared++;
      }),
      { numRuns: 2000 },
    );
    // The property means something only if the fast path answered (did not fall back) for many samples.
    expect(compared).toBeGreaterThan(400);
  });
});
