import { run } from './helpers/run';

/**
 * Templates mixing expressions the fast path answers with ones JSONata must evaluate: the result and the first error
 * met (in field order) are the same whichever evaluator answers each field.
 */
describe('templates mixing fast-path and JSONata expressions', () => {
  test('every field gets its value, in order, when some need JSONata', async () => {
    const result = await run(
      {
        P: {
          Type: 'Pass',
          Output: {
            fast: '{% $states.input.a + 1 %}',
            slow: "{% $join(['x', 'y'], '-') %}",
            list: ['{% $states.input.a * 2 %}', '{% $uppercase($states.input.s) %}'],
            after: "{% $states.input.a > 1 ? 'big' : 'small' %}",
          },
          End: true,
        },
      },
      { a: 2, s: 'hi' },
    );
    expect(result.output).toEqual({ fast: 3, slow: 'x-y', list: [4, 'HI'], after: 'big' });
  });

  test('a JSONata field failing before a fast field that yields nothing reports the JSONata field', async () => {
    const result = await run({
      P: { Type: 'Pass', Output: { first: "{% $number('not a number') %}", second: '{% $states.input.missing + 1 %}' }, End: true },
    });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain("'Output/first'");
    expect(result.cause).toContain('D3030');
  });

  test('a fast field yielding nothing before a JSONata field reports the fast field', async () => {
    const result = await run({
      P: { Type: 'Pass', Output: { first: '{% $states.input.missing + 1 %}', second: "{% $number('not a number') %}" }, End: true },
    });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain("'Output/first'");
    expect(result.cause).toContain('returned nothing');
  });

  test('a fast expression falling back (an array on its path) gives JSONata\'s answer', async () => {
    const result = await run({ P: { Type: 'Pass', Output: { ids: '{% $states.input.items.id %}', n: '{% $count($states.input.items) + 0 %}' }, End: true } }, { items: [{ id: 1 }, { id: 2 }] });
    expect(result.output).toEqual({ ids: [1, 2], n: 2 });
  });
});
