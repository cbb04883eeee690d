import { createHash } from 'node:crypto';
import { VirtualClock } from '../../lib/clock';
import { run } from './helpers/run';

async function evaluate(expression: string, options = {}) {
  const result = await run({ P: { Type: 'Pass', Output: { v: `{% ${expression} %}` }, End: true } }, {}, options);
  if (result.status !== 'SUCCEEDED') throw new Error(`${result.error}: ${result.cause}`);
  return (result.output as { v: unknown }).v;
}

describe('Step Functions JSONata functions', () => {
  test('$partition splits an array into chunks', async () => {
    expect(await evaluate('$partition([1,2,3,4,5], 2)')).toEqual([[1, 2], [3, 4], [5]]);
  });

  test('$range includes its end, with an optional step', async () => {
    expect(await evaluate('$range(0, 10, 2)')).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await evaluate('$range(1, 3)')).toEqual([1, 2, 3]);
  });

  // LocalStack's AWS recordings, intrinsic_functions/test_array_jsonata.snapshot.json and
  // test_json_manipulation_jsonata.snapshot.json: Output "{% $range(...) %}" / "{% $partition(...) %}" / "{% $parse(...) %}".
  test('$range returns a JSONata sequence, as AWS does: one value comes out as that value', async () => {
    expect(await evaluate('$range(1, 9, 9)')).toBe(1);
    expect(await evaluate('$range(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(await evaluate('$range(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
  });

  test('$partition keeps single chunks as arrays; $parse reads any JSON value', async () => {
    expect(await evaluate('$partition([0], 1)')).toEqual([[0]]);
    expect(await evaluate('$partition([0, 1, 2, 3], 3)')).toEqual([[0, 1, 2], [3]]);
    expect(JSON.stringify(await evaluate("$parse('-0')"))).toBe('0');
    expect(await evaluate("$parse('{\"Arg1\": 1, \"Arg2\": []}')")).toEqual({ Arg1: 1, Arg2: [] });
  });

  test('$hash supports the AWS algorithms', async () => {
    // intrinsic_functions/test_hash_calculations.snapshot.json records States.Hash('input data', 'MD5') on AWS.
    expect(await evaluate("$hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(await evaluate("$hash('abc', 'SHA-256')")).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(await evaluate("$hash('abc', 'MD5')")).toBe(createHash('md5').update('abc').digest('hex'));
  });

  test('$hash fails with States.QueryEvaluationError for an unknown algorithm', async () => {
    await expect(evaluate("$hash('abc', 'CRC32')")).rejects.toThrow(/States\.QueryEvaluationError: .*algorithm must be one of MD5/);
  });

  test('$random with a seed repeats; without one it draws from options.random', async () => {
    const seeded = await evaluate('[$random(42), $random(42), $random(7)]');
    expect((seeded as number[])[0]).toBe((seeded as number[])[1]);
    expect((seeded as number[])[0]).not.toBe((seeded as number[])[2]);
    expect(await evaluate('$random()', { random: () => 0.25 })).toBe(0.25);
  });

  test('$uuid returns a version 4 UUID', async () => {
    expect(await evaluate('$uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('$parse reads a JSON string', async () => {
    expect(await evaluate('$parse(\'{"a":[1,true]}\')')).toEqual({ a: [1, true] });
  });

  test('$eval is refused as AWS refuses it', async () => {
    await expect(evaluate("$eval('1+1')")).rejects.toThrow(/States\.QueryEvaluationError: .*T1006/);
  });

  test('$now and $millis follow the execution clock', async () => {
    const clock = new VirtualClock(Date.UTC(2030, 5, 1, 12));
    expect(await evaluate('$now()', { clock })).toBe('2030-06-01T12:00:00.000Z');
    expect(await evaluate('$millis()', { clock })).toBe(Date.UTC(2030, 5, 1, 12));
  });
});
