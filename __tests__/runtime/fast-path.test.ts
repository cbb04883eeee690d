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

/** Shapes added for the generated definition's polling expressions (arithmetic, conditionals, blocks, built-ins). */
const EXTENDED_EXPRESSIONS = [
  '$v + 1',
  '$v - $w',
  '$v * $states.input.a',
  '$v / $w',
  '$v % 3',
  '$v < $w',
  '$v >= $states.input.a',
  "$type($v) = 'number' ? $v : 'none'",
  '$v = 1 ? $w : $states.input.a',
  '$v > 2 ? 1',
  '$exists($v) ? $v : $w',
  '$not($v) ? 1 : 2',
  '$type($v)',
  '$type($states.input.a)',
  '$exists($states.input.a.b)',
  '$not($v)',
  '$floor($v)',
  '$ceil($v / 7)',
  '$round($v)',
  '$round($v, 2)',
  '$round($v, $w)',
  '$ceil($round($v, 6))',
  '$min([$v, $w, 3])',
  '$max([$v, $w])',
  '$min([])',
  '[$v, $w, 1]',
  '[]',
  '$toMillis($v)',
  '($x := $v + 1; $x * 2)',
  '($x := $v; $y := $x < 3 ? $w : 0; [$x, $y])',
  '($v := 1; $v)',
  '($x := $v; ($x := 5; $x) + $x)',
  '($f := function($a) { $a * 2 }; $v)',
  '$min($v)',
  "$v = 'FAILED' and $count($w) > 1",
  '$v or $undefinedFunction($w)',
  '$v > 1 ? $v : $count($w)',
  '($x := $v + 1; true)',
  '(true)',
  "$v = 'x' and ($states.input.a + 1 >= $w)",
  '{"a": $v, "b": $w + 1, "c": ()}',
  '($r := $states.input; {"Status": $r.a, "Error": $type($r.a) = \'string\' ? $substring($r.a, 0, 2) : (), "N": $r.a.b})',
  '()',
  '$v > 1 ? $v : ()',
  '$string($v)',
  "$lookup($states.input, 'a')",
  '$lookup($v, $w)',
  "$exists($lookup($lookup($states.input, $string($v)), 'b'))",
  "$states.input.constructor",
  "$lookup($states.input, 'constructor')",
];

/** Numbers that exercise rounding (halves, long fractions), strings that are and are not ISO timestamps, and the rest. */
const extendedValue = fc.oneof(
  { arbitrary: fc.constantFrom(0, 1, 2, 3, 2.5, 3.5, -2.5, 0.125, 1.005, 123.4567895, 1e21, -0.4, 7, 'x', 'FAILED', '', null), weight: 2 },
  { arbitrary: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123+02:00', '2026-13-45', 'not a date', '2026'), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), weight: 1 },
  { arbitrary: fc.integer({ min: -10, max: 10 }), weight: 2 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: json, weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

describe('JSONata fast path: arithmetic, conditionals, blocks and built-ins', () => {
  test.each(EXTENDED_EXPRESSIONS)('%s is compiled to a fast evaluator', (expression) => {
    expect(compileFastPath(jsonata(expression).ast())).toBeDefined();
  });

  test.each(['$x := 1', '($x := $count($v); 1)', '($count($v); 1)', '$v ? 1 : 2', '($f := function($a) { $a * 2 }; $f($v))', "($type := 'shadow'; $type($v))", '$round()', '-$v', '{"a": $v, "a": 1}', '{$v: 1}', '$v{"a": 1}'])('%s is left to JSONata', (expression) => {
    expect(compileFastPath(jsonata(expression).ast())).toBeUndefined();
  });

  test('gives the same result as JSONata for arbitrary inputs', async () => {
    let compared = 0;
    const answered = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXTENDED_EXPRESSIONS),
        extendedValue,
        extendedValue,
        fc.record({ a: extendedValue }, { requiredKeys: [] }),
        fc.boolean(),
        async (expression, v, w, input, shadowType) => {
          const compiled = jsonata(expression);
          const fast = compileFastPath(compiled.ast())!;
          const states = { input };
          const variables = Object.create(null) as Record<string, unknown>;
          if (v !== undefined) variables.v = v;
          if (w !== undefined) variables.w = w;
          // A workflow variable named like a built-in hides the built-in in JSONata.
          if (shadowType) variables.type = 'shadowed';
          const quick = fast(states, variables);
          if (quick === FALLBACK) return;
          let expected: unknown;
          try {
            expected = await compiled.evaluate(input, { states, ...variables });
          } catch (error) {
            throw new Error(`JSONata failed on ${expression} (${(error as Error).message}) where the fast path returned ${JSON.stringify(quick)}`);
          }
          expect(quick).toEqual(Array.isArray(expected) ? Array.from(expected) : expected);
          compared++;
          answered.add(expression);
        },
      ),
      { numRuns: 4000 },
    );
    expect(compared).toBeGreaterThan(1000);
    // Every shape must actually have been answered by the fast path (and checked) at least once.
    expect(EXTENDED_EXPRESSIONS.filter((expression) => !answered.has(expression))).toEqual([]);
  });
});
