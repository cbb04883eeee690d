/**
 * JSONata 2.0.6 built-in functions the fast path evaluates itself, each restricted to the argument types where its
 * result is certain; any other argument makes the call return {@link FALLBACK} so JSONata reports or computes it.
 */
import { FALLBACK as FALLBACK_SYMBOL } from './fast-path-fallback';

// A local constant: compiled imports are property reads (getters under some loaders) on every use.
const FALLBACK: typeof FALLBACK_SYMBOL = FALLBACK_SYMBOL;

/** One built-in: its exact argument count and its implementation over already-evaluated arguments. */
export interface FastFunction {
  readonly arity: number;
  readonly optionalArity?: number;
  call(args: readonly unknown[]): unknown;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPlainData = (value: unknown): boolean => value !== FALLBACK && typeof value !== 'function' && typeof value !== 'symbol';

/** JSONata's `$toMillis` default format check (copied from jsonata 2.0.6). */
const ISO_8601 = /^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

function numberOrUndefined(fn: (n: number) => number): FastFunction {
  return {
    arity: 1,
    call: ([value]) => (value === undefined ? undefined : isNumber(value) ? fn(value) : FALLBACK),
  };
}

/** `$min`/`$max` over an array of numbers (the fast path only passes arrays it built from an array constructor). */
function extreme(fn: (...values: number[]) => number): FastFunction {
  return {
    arity: 1,
    call: ([values]) => {
      if (values === undefined) return undefined;
      if (!Array.isArray(values) || !values.every(isNumber)) return FALLBACK;
      return values.length === 0 ? undefined : fn(...values);
    },
  };
}

/** JSONata's `$round`: half to even, with the decimal shift done on the number's text (as jsonata 2.0.6 does). */
export function roundHalfEven(arg: number, precision: number | undefined): number {
  let value = arg;
  if (precision) {
    const [mantissa, exponent] = value.toString().split('e');
    value = +`${mantissa}e${exponent ? +exponent + precision : precision}`;
  }
  let result = Math.round(value);
  if (Math.abs(result - value) === 0.5 && Math.abs(result % 2) === 1) result -= 1;
  if (precision) {
    const [mantissa, exponent] = result.toString().split('e');
    result = +`${mantissa}e${exponent ? +exponent - precision : -precision}`;
  }
  return Object.is(result, -0) ? 0 : result;
}

export const FAST_FUNCTIONS: Readonly<Record<string, FastFunction>> = {
  exists: { arity: 1, call: ([value]) => (isPlainData(value) ? value !== undefined : FALLBACK) },
  type: {
    arity: 1,
    call: ([value]) => {
      if (!isPlainData(value)) return FALLBACK;
      if (value === undefined) return undefined;
      if (value === null) return 'null';
      if (typeof value === 'number') return isNumber(value) ? 'number' : FALLBACK;
      if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
      if (Array.isArray(value)) return 'array';
      // JSONata lambdas and registered functions are objects it tags; only JSON objects are answered here.
      const proto = Object.getPrototypeOf(value) as unknown;
      return proto === Object.prototype || proto === null ? ('_jsonata_lambda' in (value as object) || '_jsonata_function' in (value as object) ? FALLBACK : 'object') : FALLBACK;
    },
  },
  not: { arity: 1, call: ([value]) => (value === undefined ? undefined : typeof value === 'boolean' ? !value : FALLBACK) },
  floor: numberOrUndefined(Math.floor),
  ceil: numberOrUndefined(Math.ceil),
  round: {
    arity: 1,
    optionalArity: 2,
    call: ([value, precision]) => {
      // The signature is checked before an undefined value short-circuits.
      if (precision !== undefined && !Number.isInteger(precision)) return FALLBACK;
      if (value === undefined) return undefined;
      if (!isNumber(value)) return FALLBACK;
      const result = roundHalfEven(value, precision as number | undefined);
      return isNumber(result) ? result : FALLBACK;
    },
  },
  min: extreme(Math.min),
  max: extreme(Math.max),
  string: {
    arity: 1,
    call: ([value]) => {
      if (value === undefined) return undefined;
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean' || value === null) return String(value);
      // JSONata prints numbers with 15 significant digits: the same text as String() for integers below 10^15.
      if (Number.isInteger(value) && Math.abs(value as number) < 1e15) return String(value);
      return FALLBACK;
    },
  },
  lookup: {
    arity: 2,
    call: ([object, key]) => {
      if (typeof key !== 'string') return FALLBACK;
      if (object === undefined || (object !== null && typeof object !== 'object')) return object === undefined || isPlainData(object) ? undefined : FALLBACK;
      if (object === null) return undefined;
      if (Array.isArray(object)) return FALLBACK;
      const value = (object as Record<string, unknown>)[key];
      // Inherited members (`constructor`) and arrays (JSONata may flatten sequences) are left to JSONata.
      return typeof value === 'function' || Array.isArray(value) ? FALLBACK : value;
    },
  },
  toMillis: {
    arity: 1,
    call: ([value]) => {
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || !ISO_8601.test(value)) return FALLBACK;
      const millis = Date.parse(value);
      return isNumber(millis) ? millis : FALLBACK;
    },
  },
};
