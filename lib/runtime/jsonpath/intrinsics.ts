/**
 * Step Functions' intrinsic functions (`States.Format(...)` and the others, JSONPath states only), parsed once and
 * evaluated synchronously. Behaviour follows AWS's documentation ("Intrinsic functions for JSONPath states") and
 * LocalStack's recordings against AWS (tests/aws/services/stepfunctions/v2/intrinsic_functions/*.snapshot.json):
 * arguments of States.MathAdd/ArrayRange are rounded half up, States.StringToJson('') is null, States.StringSplit
 * drops empty parts, States.Format prints objects and arrays the Java way (`{a=1, b=[x, y]}`).
 */
import { createHash } from 'node:crypto';
import { seededRandom, uuidV4 } from '../jsonata/sfn-functions';
import { compilePath, type CompiledPath } from './path';

export type IntrinsicArgument =
  | { readonly kind: 'literal'; readonly value: unknown; readonly formatParts?: readonly string[] }
  | { readonly kind: 'path'; readonly path: CompiledPath }
  | { readonly kind: 'call'; readonly call: IntrinsicCall };

export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArgument[];
}

/** A failed intrinsic function: States.IntrinsicFailure (Amazon States Language's error for it). */
export class IntrinsicFailure extends Error {
  override readonly name = 'IntrinsicFailure';
}

/** Thrown while parsing: the text is not a well-formed intrinsic function call. */
export class IntrinsicSyntaxError extends Error {
  override readonly name = 'IntrinsicSyntaxError';
}

/** Whether a `.$` value is an intrinsic function call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text);
}

/** Reads one argument value (a path against the state data, the context object or a variable). */
export type PathReader = (path: CompiledPath) => unknown;

const ARITY: Readonly<Record<string, readonly [number, number]>> = {
  Format: [1, Infinity],
  StringToJson: [1, 1],
  JsonToString: [1, 1],
  Array: [0, Infinity],
  ArrayPartition: [2, 2],
  ArrayContains: [2, 2],
  ArrayRange: [3, 3],
  ArrayGetItem: [2, 2],
  ArrayLength: [1, 1],
  ArrayUnique: [1, 1],
  Base64Encode: [1, 1],
  Base64Decode: [1, 1],
  Hash: [2, 2],
  JsonMerge: [3, 3],
  MathRandom: [2, 3],
  MathAdd: [2, 2],
  StringSplit: [2, 2],
  UUID: [0, 0],
};

/** AWS nests at most 10 intrinsic functions in one field. */
const MAX_NESTING = 10;

export function parseIntrinsic(text: string): IntrinsicCall {
  const parser = new Parser(text);
  const call = parser.call(1);
  parser.skipSpace();
  if (!parser.atEnd()) throw parser.error('unexpected text after the closing parenthesis');
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  error(problem: string): IntrinsicSyntaxError {
    return new IntrinsicSyntaxError(`The intrinsic function '${this.text}' is invalid at character ${this.pos + 1}: ${problem}`);
  }

  call(depth: number): IntrinsicCall {
    if (depth > MAX_NESTING) throw this.error(`intrinsic functions nest at most ${MAX_NESTING} deep`);
    const match = /^States\.([A-Za-z0-9]+)\s*\(/.exec(this.text.slice(this.pos));
    if (!match) throw this.error("expected 'States.<Function>('");
    const name = match[1]!;
    const arity = ARITY[name];
    if (!arity) throw this.error(`'States.${name}' is not an intrinsic function`);
    this.pos += match[0].length;
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ')') this.pos++;
    else {
      for (;;) {
        this.skipSpace();
        args.push(this.argument(depth));
        this.skipSpace();
        const next = this.text[this.pos++];
        if (next === ')') break;
        if (next !== ',') throw this.error("expected ',' or ')'");
      }
    }
    if (args.length < arity[0] || args.length > arity[1]) {
      const expected = arity[0] === arity[1] ? `${arity[0]}` : arity[1] === Infinity ? `at least ${arity[0]}` : `${arity[0]} to ${arity[1]}`;
      throw new IntrinsicSyntaxError(`States.${name} takes ${expected} argument(s), got ${args.length}`);
    }
    return { name, args };
  }

  private argument(depth: number): IntrinsicArgument {
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'")) return this.stringLiteral();
    if (rest.startsWith('States.')) return { kind: 'call', call: this.call(depth + 1) };
    if (rest.startsWith('$')) return { kind: 'path', path: compilePath(this.pathText()) };
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(rest);
    if (!literal) throw this.error('expected a string in single quotes, a number, true, false, null, a path or States.<Function>(...)');
    this.pos += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[1]!) };
  }

  /** `'...'` with `\'`, `\{`, `\}` and `\\` escapes; keeps where the unescaped `{}` placeholders are, for Format. */
  private stringLiteral(): IntrinsicArgument {
    this.pos++;
    const parts: string[] = [];
    let current = '';
    let value = '';
    for (;;) {
      if (this.atEnd()) throw this.error('unterminated string');
      const ch = this.text[this.pos++]!;
      if (ch === "'") break;
      if (ch === '\\') {
        if (this.atEnd()) throw this.error('unterminated string');
        const escaped = this.text[this.pos++]!;
        current += escaped;
        value += escaped;
      } else if (ch === '{' && this.text[this.pos] === '}') {
        this.pos++;
        parts.push(current);
        current = '';
        value += '{}';
      } else {
        current += ch;
        value += ch;
      }
    }
    parts.push(current);
    return { kind: 'literal', value, formatParts: parts };
  }

  /** A path runs to the next `,` or `)` outside brackets and quotes. */
  private pathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const ch = this.text[this.pos]!;
      if (quote) {
        if (ch === '\\') this.pos++;
        else if (ch === quote) quote = undefined;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}

/** Evaluates a parsed call; `random` is the execution's random source (States.MathRandom without seed, States.UUID). */
export function evaluateIntrinsic(call: IntrinsicCall, read: PathReader, random: () => number): unknown {
  const values = call.args.map((arg) =>
    arg.kind === 'literal' ? arg.value : arg.kind === 'path' ? read(arg.path) : evaluateIntrinsic(arg.call, read, random),
  );
  const fail = (problem: string): never => {
    throw new IntrinsicFailure(`States.${call.name}: ${problem}`);
  };
  const array = (index: number): unknown[] => (Array.isArray(values[index]) ? (values[index] as unknown[]) : fail(`argument ${index + 1} must be an array, got ${describe(values[index])}`));
  const string = (index: number): string => (typeof values[index] === 'string' ? (values[index] as string) : fail(`argument ${index + 1} must be a string, got ${describe(values[index])}`));
  const number = (index: number): number => (typeof values[index] === 'number' ? (values[index] as number) : fail(`argument ${index + 1} must be a number, got ${describe(values[index])}`));
  const integer = (index: number): number => Math.round(number(index));
  switch (call.name) {
    case 'Format': {
      const first = call.args[0]!;
      const parts = first.kind === 'literal' && first.formatParts ? first.formatParts : string(0).split('{}');
      if (first.kind !== 'literal') string(0);
      const args = values.slice(1);
      if (parts.length - 1 !== args.length) fail(`the template has ${parts.length - 1} '{}' placeholder(s) but ${args.length} value(s) were given`);
      return parts.reduce((text, part, i) => text + (i === 0 ? '' : formatValue(args[i - 1])) + part, '');
    }
    case 'StringToJson': {
      const text = string(0);
      if (text.trim() === '') return null;
      try {
        return JSON.parse(text);
      } catch (error) {
        return fail(`the string is not JSON (${(error as Error).message})`);
      }
    }
    case 'JsonToString':
      return JSON.stringify(values[0] ?? null);
    case 'Array':
      return values;
    case 'ArrayPartition': {
      const items = array(0);
      const size = integer(1);
      if (size < 1) fail(`the chunk size must be a positive integer, got ${values[1]}`);
      const chunks: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
      return chunks;
    }
    case 'ArrayContains':
      return array(0).some((item) => deepEqual(item, values[1]));
    case 'ArrayRange': {
      const [start, end, step] = [integer(0), integer(1), integer(2)];
      if (step === 0) fail('the step must not be 0');
      const items: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        items.push(v);
        if (items.length > 1000) fail('the range has more than 1000 items');
      }
      return items;
    }
    case 'ArrayGetItem': {
      const items = array(0);
      const index = number(1);
      if (!Number.isInteger(index) || index < 0 || index >= items.length) fail(`index ${index} is out of bounds for an array of ${items.length} item(s)`);
      return items[index];
    }
    case 'ArrayLength':
      return array(0).length;
    case 'ArrayUnique':
      return array(0).filter((item, index, items) => items.findIndex((other) => deepEqual(other, item)) === index);
    case 'Base64Encode': {
      const text = limited(string(0), fail);
      return Buffer.from(text, 'utf8').toString('base64');
    }
    case 'Base64Decode': {
      const text = limited(string(0), fail);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) fail('the string is not base64');
      return Buffer.from(text, 'base64').toString('utf8');
    }
    case 'Hash': {
      const text = limited(string(0), fail);
      const algorithm = HASH_ALGORITHMS[string(1)] ?? fail(`the algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}, got '${values[1]}'`);
      return createHash(algorithm).update(text, 'utf8').digest('hex');
    }
    case 'JsonMerge': {
      const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
      if (!isObject(values[0]) || !isObject(values[1])) fail('the first two arguments must be JSON objects');
      if (values[2] !== false) fail('only shallow merging is supported: the third argument must be false');
      return { ...(values[0] as object), ...(values[1] as object) };
    }
    case 'MathRandom': {
      const [start, end] = [integer(0), integer(1)];
      const draw = values.length === 3 ? seededRandom(integer(2)) : random();
      return start + Math.floor(draw * (end - start + 1));
    }
    case 'MathAdd':
      return integer(0) + integer(1);
    case 'StringSplit': {
      const text = string(0);
      const delimiters = [...string(1)];
      if (delimiters.length === 0) return [text];
      const pattern = new RegExp(delimiters.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'u');
      return text.split(pattern).filter((part) => part !== '');
    }
    case 'UUID':
      return uuidV4(random);
    default:
      return fail('unknown function');
  }
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** Base64Encode/Decode and Hash take at most 10,000 characters (AWS documentation). */
function limited(text: string, fail: (problem: string) => never): string {
  if (text.length > 10_000) fail(`the input has ${text.length} characters; at most 10000 are allowed`);
  return text;
}

/** States.Format prints a string as it is and other values the way AWS's Java runtime does (Map/List toString). */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${k}=${formatValue(v)}`).join(', ')}}`;
  return JSON.stringify(value ?? null);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
