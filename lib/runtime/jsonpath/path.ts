/**
 * JSONPath as Step Functions reads it in JSONPath states: `$...` on the data at hand (the state input, a task result),
 * `$$...` on the context object, `$name...` on a workflow variable. Plain paths (`$.a.b[0]['c d']`) are walked
 * directly; anything else (wildcards, slices, filters, recursive descent) goes to jsonpath-plus. A path with
 * a wildcard, slice or filter yields an array of its matches, as AWS does; a definite path yields the value itself.
 */
import { JSONPath } from 'jsonpath-plus';

export type PathRoot = 'data' | 'context' | 'variable';

export interface CompiledPath {
  /** The path as written in the definition (quoted in error causes). */
  readonly text: string;
  readonly root: PathRoot;
  /** The variable's name, for a `$name...` path. */
  readonly variable?: string;
  /** Property names and array indexes of a plain path; undefined when jsonpath-plus evaluates it. */
  readonly steps?: readonly (string | number)[];
  /** The path for jsonpath-plus, relative to the root value (`$...`). */
  readonly query: string;
  /** Whether the path can match several values (wildcard, slice, filter, union, `..`): the result is then an array. */
  readonly indefinite: boolean;
}

/** The outcome of reading a path: a value, or where the path stopped matching. */
export type PathLookup =
  | { readonly found: true; readonly value: unknown }
  | { readonly found: false; readonly missingStep: number; readonly steps: readonly (string | number)[] };

/** Thrown for a path that is not valid JSONPath at all (the static validator normally refuses those first). */
export class InvalidPathError extends Error {
  override readonly name = 'InvalidPathError';
}

const VARIABLE = /^\$([A-Za-z_\p{L}][\p{L}\p{N}_]*)/u;
const STEP = /^(?:\.([^.[\]]+)|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\])/;
const cache = new Map<string, CompiledPath>();
const MAX_CACHED = 5_000;

export function compilePath(text: string): CompiledPath {
  const cached = cache.get(text);
  if (cached) return cached;
  let root: PathRoot;
  let rest: string;
  let variable: string | undefined;
  if (text.startsWith('$$')) {
    root = 'context';
    rest = text.slice(2);
  } else if (VARIABLE.test(text)) {
    root = 'variable';
    variable = VARIABLE.exec(text)![1]!;
    rest = text.slice(variable.length + 1);
  } else if (text.startsWith('$')) {
    root = 'data';
    rest = text.slice(1);
  } else {
    throw new InvalidPathError(`'${text}' is not a JSONPath (it must start with '$')`);
  }
  const steps = plainSteps(rest);
  const query = `$${rest}`;
  let indefinite = false;
  if (!steps) {
    let components: string[];
    try {
      components = JSONPath.toPathArray(query);
    } catch (error) {
      throw new InvalidPathError(`'${text}' is not a valid JSONPath: ${(error as Error).message}`);
    }
    indefinite = components.some((c) => c === '*' || c === '..' || c.startsWith('?(') || c.startsWith('(') || c.includes(':') || c.includes(','));
  }
  const compiled: CompiledPath = { text, root, ...(variable !== undefined ? { variable } : {}), ...(steps ? { steps } : {}), query, indefinite };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(text, compiled);
  return compiled;
}

/** Steps of `.a['b'][0]...`, or undefined when the rest of the path is more than names and indexes. */
function plainSteps(rest: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  let remaining = rest;
  while (remaining.length > 0) {
    const match = STEP.exec(remaining);
    if (!match) return undefined;
    const [whole, dotted, single, double, index] = match;
    if (dotted !== undefined) {
      if (dotted === '*' || dotted.includes('(') || dotted.includes(',')) return undefined;
      steps.push(dotted);
    } else if (single !== undefined) steps.push(single.replace(/\\(.)/g, '$1'));
    else if (double !== undefined) steps.push(double.replace(/\\(.)/g, '$1'));
    else steps.push(Number(index));
    remaining = remaining.slice(whole.length);
  }
  return steps;
}

/** Reads a path from its root value (the data, the context object or the variable's value). */
export function lookupPath(path: CompiledPath, root: unknown): PathLookup {
  if (path.steps) {
    let value = root;
    for (let i = 0; i < path.steps.length; i++) {
      const step = path.steps[i]!;
      if (typeof step === 'number' ? Array.isArray(value) && step < value.length : isObject(value) && Object.prototype.hasOwnProperty.call(value, step)) {
        value = (value as Record<string | number, unknown>)[step];
      } else {
        return { found: false, missingStep: i, steps: path.steps };
      }
    }
    return { found: true, value };
  }
  // jsonpath-plus answers undefined (not []) for a null document.
  const matches = (JSONPath({ path: path.query, json: root as object, wrap: true, eval: 'safe' }) as unknown[] | undefined) ?? [];
  if (path.indefinite) return { found: true, value: matches };
  if (matches.length === 0) return { found: false, missingStep: 0, steps: JSONPath.toPathArray(path.query).slice(1) };
  return { found: true, value: matches[0] };
}

/**
 * Jayway JsonPath's wording (the library behind Step Functions' JSONPath), as AWS puts it in States.Runtime causes:
 * a missing last step is "No results for path: $['a']['b']", a missing step before it "Missing property in path $['a']"
 * (LocalStack's AWS recordings, scenarios/test_base_scenarios.snapshot.json: test_invalid_jsonpath,
 * test_catch_states_runtime).
 */
export function describeMissing(lookup: Extract<PathLookup, { found: false }>): string {
  const bracket = (steps: readonly (string | number)[]) => `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('')}`;
  if (lookup.missingStep >= lookup.steps.length - 1) return `No results for path: ${bracket(lookup.steps)}`;
  return `Missing property in path ${bracket(lookup.steps.slice(0, lookup.missingStep + 1))}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * ResultPath: a copy of `input` with `value` placed at `path` (a plain `$.a.b` path), intermediate objects created.
 * Returns undefined when the input cannot hold it (a step meets a non-object), which AWS reports as
 * States.ResultPathMatchFailure.
 */
export function placeAtPath(input: unknown, path: CompiledPath, value: unknown): { readonly output: unknown } | undefined {
  const steps = path.steps ?? [];
  if (steps.length === 0) return { output: value };
  const place = (container: unknown, index: number): unknown => {
    const step = steps[index]!;
    const last = index === steps.length - 1;
    if (typeof step === 'number') {
      if (!Array.isArray(container) || step >= container.length) return NO_PLACE;
      const copy = container.slice();
      const child = last ? value : place(copy[step], index + 1);
      if (child === NO_PLACE) return NO_PLACE;
      copy[step] = child;
      return copy;
    }
    if (container === undefined) container = {};
    if (!isObject(container)) return NO_PLACE;
    const child = last ? value : place(container[step], index + 1);
    if (child === NO_PLACE) return NO_PLACE;
    return { ...container, [step]: child };
  };
  const output = place(input, 0);
  return output === NO_PLACE ? undefined : { output };
}

const NO_PLACE = Symbol('no place');
