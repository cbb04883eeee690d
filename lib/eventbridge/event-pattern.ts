/**
 * EventBridge event pattern matching, after the "Content filtering in Amazon EventBridge event patterns" guide:
 * every pattern field must match (AND), the values listed for a field are alternatives (OR), nested objects follow
 * nested event fields, arrays in the event match when any element does, and the content filters prefix, suffix,
 * equals-ignore-case, wildcard, anything-but, numeric, exists and `$or` behave as documented. `cidr` is refused
 * (no pattern we generate needs it) rather than guessed.
 */
import type { EventPattern } from './types';

/** PutRule's `InvalidEventPatternException`: `reason` says what is wrong and `path` where (`detail.state[0]`). */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternException';
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` at ${path}` : ''}`);
  }
}

const NUMERIC_OPERATORS = new Set(['<', '<=', '=', '>', '>=']);
const FILTER_NAMES = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr'];

/** The pattern as an object; JSON text is parsed. @throws InvalidEventPatternError when it is not a valid pattern */
export function parseEventPattern(pattern: string | EventPattern): EventPattern {
  let value: unknown = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(`the pattern is not JSON (${(error as Error).message})`, '');
    }
  }
  if (!isObject(value)) throw new InvalidEventPatternError('the pattern must be a JSON object', '');
  validateObject(value, '');
  return value;
}

/** Whether `event` (an event envelope or any JSON object) matches `pattern`, a pattern {@link parseEventPattern} accepted. */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, event);
}

function matchObject(pattern: Readonly<Record<string, unknown>>, value: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(expected as EventPattern[]).some((alternative) => matchObject(alternative, value))) return false;
      continue;
    }
    const present = isObject(value) && Object.prototype.hasOwnProperty.call(value, key);
    const field = present ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, present, field)) return false;
    } else if (!matchNested(expected as EventPattern, present, field)) return false;
  }
  return true;
}

/** A nested pattern applies to an object field, or to any object element of an array field. */
function matchNested(pattern: EventPattern, present: boolean, field: unknown): boolean {
  if (Array.isArray(field)) return field.some((element) => matchNested(pattern, true, element));
  // A nested pattern made only of `exists: false` fields also matches when the parent object is absent.
  return matchObject(pattern, present ? field : undefined);
}

function matchLeaf(alternatives: readonly unknown[], present: boolean, field: unknown): boolean {
  const values: unknown[] = !present ? [] : Array.isArray(field) ? field : [field];
  return alternatives.some((alternative) => {
    if (isObject(alternative)) return matchFilter(alternative, present, values);
    // Exact matching works on leaves only: an object or array element never equals a literal.
    return values.some((v) => equalsLiteral(alternative, v));
  });
}

function matchFilter(filter: Readonly<Record<string, unknown>>, present: boolean, values: readonly unknown[]): boolean {
  const [name, operand] = Object.entries(filter)[0]!;
  if (name === 'exists') {
    const hasLeaf = present && (values.length === 0 ? false : values.some((v) => !isObject(v)));
    return operand === true ? hasLeaf : !hasLeaf;
  }
  if (!present) return false;
  const leaves = values.filter((v) => !isObject(v) && !Array.isArray(v));
  switch (name) {
    case 'prefix':
      return leaves.some((v) => typeof v === 'string' && stringTest(operand, (text, ignoreCase) => fold(v, ignoreCase).startsWith(fold(text, ignoreCase))));
    case 'suffix':
      return leaves.some((v) => typeof v === 'string' && stringTest(operand, (text, ignoreCase) => fold(v, ignoreCase).endsWith(fold(text, ignoreCase))));
    case 'equals-ignore-case':
      return leaves.some((v) => typeof v === 'string' && v.toLowerCase() === (operand as string).toLowerCase());
    case 'wildcard':
      return leaves.some((v) => typeof v === 'string' && wildcardRegex(operand as string).test(v));
    case 'numeric':
      return leaves.some((v) => typeof v === 'number' && numericMatches(operand as readonly unknown[], v));
    case 'anything-but':
      // Event Ruler flattens arrays into separate values and a field matches when any value does, so an array
      // matches anything-but as soon as one element is not excluded (unconfirmed on AWS for arrays).
      return leaves.some((v) => !anythingButExcludes(operand, v));
    default:
      return false;
  }
}

/** `prefix`/`suffix` operands: a string, or `{ "equals-ignore-case": string }`. */
function stringTest(operand: unknown, test: (text: string, ignoreCase: boolean) => boolean): boolean {
  if (typeof operand === 'string') return test(operand, false);
  return test((operand as Record<string, string>)['equals-ignore-case']!, true);
}

function fold(text: string, ignoreCase: boolean): string {
  return ignoreCase ? text.toLowerCase() : text;
}

function anythingButExcludes(operand: unknown, value: unknown): boolean {
  if (Array.isArray(operand)) return operand.some((excluded) => equalsLiteral(excluded, value));
  if (isObject(operand)) {
    const [name, inner] = Object.entries(operand)[0]!;
    return (Array.isArray(inner) ? inner : [inner]).some((one) => matchFilter({ [name]: one }, true, [value]));
  }
  return equalsLiteral(operand, value);
}

function equalsLiteral(expected: unknown, value: unknown): boolean {
  if (typeof expected === 'number' && typeof value === 'number') return expected === value;
  return expected === value;
}

function numericMatches(conditions: readonly unknown[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const operator = conditions[i] as string;
    const bound = conditions[i + 1] as number;
    const ok = operator === '<' ? value < bound : operator === '<=' ? value <= bound : operator === '=' ? value === bound : operator === '>' ? value > bound : value >= bound;
    if (!ok) return false;
  }
  return true;
}

const wildcardCache = new Map<string, RegExp>();

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegex(pattern: string): RegExp {
  let regex = wildcardCache.get(pattern);
  if (regex) return regex;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      source += `\\${pattern[++i]}`;
    } else if (c === '*') source += '.*';
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  regex = new RegExp(`^${source}$`, 's');
  wildcardCache.set(pattern, regex);
  return regex;
}

// ---------------------------------------------------------------------------------------------- validation

function validateObject(pattern: Readonly<Record<string, unknown>>, path: string): void {
  const keys = Object.keys(pattern);
  if (keys.length === 0 && path !== '') throw new InvalidEventPatternError('empty objects are not allowed', path);
  for (const key of keys) {
    const value = pattern[key];
    const here = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new InvalidEventPatternError('"$or" must be an array of at least two pattern objects', here);
      }
      value.forEach((alternative, i) => validateObject(alternative as Record<string, unknown>, `${here}[${i}]`));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError('empty arrays are not allowed', here);
      value.forEach((matcher, i) => validateMatcher(matcher, `${here}[${i}]`));
    } else if (isObject(value)) {
      validateObject(value, here);
    } else {
      throw new InvalidEventPatternError(`a match value must be an array or an object, got ${JSON.stringify(value)} (write [${JSON.stringify(value)}])`, here);
    }
  }
}

function validateMatcher(matcher: unknown, path: string): void {
  if (matcher === null || ['string', 'number', 'boolean'].includes(typeof matcher)) return;
  if (!isObject(matcher)) throw new InvalidEventPatternError('a match value must be a string, number, boolean, null or a filter object', path);
  const keys = Object.keys(matcher);
  if (keys.length !== 1) throw new InvalidEventPatternError(`a filter object has exactly one of ${FILTER_NAMES.join(', ')}`, path);
  const name = keys[0]!;
  const operand = matcher[name];
  const here = `${path}.${name}`;
  switch (name) {
    case 'prefix':
    case 'suffix':
      if (typeof operand === 'string') return;
      if (isObject(operand) && Object.keys(operand).length === 1 && typeof operand['equals-ignore-case'] === 'string') return;
      throw new InvalidEventPatternError(`${name} match pattern must be a string or {"equals-ignore-case": string}`, here);
    case 'equals-ignore-case':
      if (typeof operand !== 'string') throw new InvalidEventPatternError('equals-ignore-case match pattern must be a string', here);
      return;
    case 'wildcard':
      if (typeof operand !== 'string') throw new InvalidEventPatternError('wildcard match pattern must be a string', here);
      if (operand.includes('**')) throw new InvalidEventPatternError('consecutive wildcard characters are not allowed', here);
      if (/\\(?![*\\])/.test(operand.replace(/\\[*\\]/g, ''))) throw new InvalidEventPatternError('a backslash may only escape * or \\ in a wildcard', here);
      return;
    case 'exists':
      if (typeof operand !== 'boolean') throw new InvalidEventPatternError('exists match pattern must be either true or false', here);
      return;
    case 'numeric':
      validateNumeric(operand, here);
      return;
    case 'anything-but':
      validateAnythingBut(operand, here);
      return;
    case 'cidr':
      throw new InvalidEventPatternError('cidr matching is not supported by the local EventBridge', here);
    default:
      throw new InvalidEventPatternError(`unrecognized match type ${name}`, here);
  }
}

function validateNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new InvalidEventPatternError('numeric match pattern must be [operator, number] or [operator, number, operator, number]', path);
  }
  for (let i = 0; i < operand.length; i += 2) {
    if (!NUMERIC_OPERATORS.has(operand[i] as string)) throw new InvalidEventPatternError(`unrecognized numeric range operator: ${JSON.stringify(operand[i])}`, path);
    if (typeof operand[i + 1] !== 'number') throw new InvalidEventPatternError('value of numeric operator must be a number', path);
  }
  if (operand.length === 4) {
    const lower = operand[0] as string;
    const upper = operand[2] as string;
    if (!lower.startsWith('>') || !upper.startsWith('<')) throw new InvalidEventPatternError('a numeric range is a lower bound (> or >=) then an upper bound (< or <=)', path);
    if ((operand[1] as number) >= (operand[3] as number)) throw new InvalidEventPatternError('bottom must be less than top', path);
  }
}

function validateAnythingBut(operand: unknown, path: string): void {
  if (typeof operand === 'string' || typeof operand === 'number') return;
  if (Array.isArray(operand)) {
    const types = new Set(operand.map((v) => typeof v));
    if (operand.length === 0 || types.size !== 1 || !(types.has('string') || types.has('number'))) {
      throw new InvalidEventPatternError('inside anything-but list, all values must be strings or all numbers', path);
    }
    return;
  }
  if (isObject(operand) && Object.keys(operand).length === 1) {
    const [name] = Object.keys(operand);
    if (name === 'prefix' || name === 'suffix' || name === 'equals-ignore-case' || name === 'wildcard') {
      const inner = operand[name!];
      const ok = typeof inner === 'string' || (name === 'equals-ignore-case' || name === 'wildcard' ? Array.isArray(inner) && inner.every((v) => typeof v === 'string') : false);
      if (ok) return;
    }
  }
  throw new InvalidEventPatternError('value of anything-but must be a string, a number, an array of either, or one of prefix, suffix, equals-ignore-case, wildcard', path);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
