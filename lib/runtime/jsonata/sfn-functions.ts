/**
 * The functions Step Functions adds to JSONata 2.0.6 ($partition, $range, $hash, $random with a seed, $uuid, $parse),
 * the refusal of $eval, and $now/$millis on the execution's clock. Registered once per compiled expression; the
 * per-execution parts (random source, clock) are read from the {@link RUNTIME_BINDING} variable at call time,
 * because one compiled expression is shared by every execution.
 */
import { createHash } from 'node:crypto';
import type jsonata from 'jsonata';

/** Binding name that cannot be written as a JSONata variable (`$sfn:runtime` does not parse), so users never see it. */
export const RUNTIME_BINDING = 'sfn:runtime';

/** What SFN functions need from the running execution. */
export interface RuntimeHooks {
  random(): number;
  now(): number;
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** Names of the functions this file defines or overrides (not reported as unassigned variables). */
export const SFN_FUNCTION_NAMES: readonly string[] = ['partition', 'range', 'hash', 'random', 'uuid', 'parse', 'eval', 'now', 'millis'];

function hooks(focus: jsonata.Focus): RuntimeHooks {
  return focus.environment.lookup(RUNTIME_BINDING) as RuntimeHooks;
}

/** Bad arguments fail like JSONata's own functions: an error with a code, caught as States.QueryEvaluationError. */
function argumentError(fn: string, message: string): Error {
  return Object.assign(new Error(`$${fn}: ${message}`), { code: 'D3137' });
}

/** Deterministic [0, 1) from a seed (mulberry32 over a string hash of the seed), so `$random(seed)` repeats. */
export function seededRandom(seed: unknown): number {
  const text = typeof seed === 'string' ? seed : JSON.stringify(seed);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** RFC 4122 version 4 UUID drawn from the given random source. */
export function uuidV4(random: () => number): string {
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push(Math.floor(random() * 256) & 0xff);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function registerSfnFunctions(expression: jsonata.Expression): void {
  expression.registerFunction(
    'partition',
    (array: unknown[] | undefined, size: number) => {
      if (array === undefined) return undefined;
      if (!Number.isInteger(size) || size < 1) throw argumentError('partition', `size must be a positive integer, got ${size}`);
      const chunks: unknown[][] = [];
      for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
      return chunks;
    },
    '<an:a>',
  );
  expression.registerFunction(
    'range',
    (start: number, end: number, step?: number) => {
      const by = step ?? 1;
      if (by === 0 || !Number.isFinite(by)) throw argumentError('range', 'step must be a non-zero number');
      const values: number[] = [];
      // End is inclusive, as AWS documents ($range(0, 10, 2) → [0,2,4,6,8,10]).
      if (by > 0) for (let v = start; v <= end; v += by) values.push(v);
      else for (let v = start; v >= end; v += by) values.push(v);
      if (values.length > 1000) throw argumentError('range', `the range has ${values.length} items; at most 1000 are allowed`);
      // A JSONata sequence, as AWS returns it: one value comes out as that value, none as nothing (LocalStack's AWS
      // recording intrinsic_functions/test_array_jsonata.snapshot.json: `$range(1, 9, 9)` → `1`).
      return Object.defineProperty(values, 'sequence', { value: true, configurable: true });
    },
    '<nnn?:a<n>>',
  );
  expression.registerFunction(
    'hash',
    (text: string | undefined, algorithm: string) => {
      if (text === undefined) return undefined;
      const node = HASH_ALGORITHMS[algorithm];
      if (!node) throw argumentError('hash', `algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}, got '${algorithm}'`);
      return createHash(node).update(text, 'utf8').digest('hex');
    },
    '<s-s:s>',
  );
  expression.registerFunction('random', function (this: jsonata.Focus, seed?: unknown) {
    return seed === undefined ? hooks(this).random() : seededRandom(seed);
  });
  expression.registerFunction('uuid', function (this: jsonata.Focus) {
    return uuidV4(() => hooks(this).random());
  }, '<:s>');
  expression.registerFunction(
    'parse',
    (text: string | undefined) => {
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text);
      } catch (error) {
        throw argumentError('parse', `the string is not valid JSON (${(error as Error).message})`);
      }
    },
    '<s-:j>',
  );
  expression.registerFunction('millis', function (this: jsonata.Focus) {
    return hooks(this).now();
  }, '<:n>');
  expression.registerFunction('now', function (this: jsonata.Focus, picture?: string, timezone?: string) {
    const millis = hooks(this).now();
    if (picture === undefined && timezone === undefined) return new Date(millis).toISOString();
    // Formatting with a picture is JSONata's own $fromMillis; reuse it rather than re-implement XPath pictures.
    const fromMillis = this.environment.lookup('fromMillis') as { implementation: (...a: unknown[]) => unknown };
    return fromMillis.implementation.call(this, millis, picture, timezone);
  }, '<s?s?:s>');
  // AWS removes $eval: calling it fails with JSONata's T1006 "Attempted to invoke a non-function".
  expression.assign('eval', undefined);
}
