/**
 * A synchronous evaluator for the small expressions that dominate polling workflows (`$id`,
 * `$states.result.Status`, `$status = 'FINISHED'`, `$status in ['FAILED', 'ABORTED']`), so they skip JSONata's
 * async machinery. It covers only cases where JSONata's result is certain: property paths over plain objects,
 * literals, equality/ordering/`in` on primitives, and/or on booleans. Anything else (arrays met on a path, objects
 * compared, type errors to report) returns {@link FALLBACK} and the expression runs on JSONata itself, so results
 * never differ.
 */
import type jsonata from 'jsonata';

export const FALLBACK: unique symbol = Symbol('fallback to JSONata');

/** Evaluates against `$states` and the variable chain; may return {@link FALLBACK}. */
export type FastEvaluator = (states: unknown, variables: Readonly<Record<string, unknown>>) => unknown;

type Node = jsonata.ExprNode & Record<string, unknown>;

/** Keys that only ever describe the node itself; any other key (stages, predicates, focus, ...) means "not simple". */
const PLAIN_KEYS = new Set(['type', 'value', 'position', 'steps', 'lhs', 'rhs', 'expressions']);

function isPlain(node: Node): boolean {
  for (const key of Object.keys(node)) if (!PLAIN_KEYS.has(key)) return false;
  return true;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

export function compileFastPath(ast: jsonata.ExprNode): FastEvaluator | undefined {
  return compile(ast as Node);
}

function compile(node: Node): FastEvaluator | undefined {
  if (!isPlain(node)) return undefined;
  switch (node.type as string) {
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'variable':
      return variable(node.value as string);
    case 'path':
      return path(node.steps as Node[] | undefined);
    case 'binary':
      return binary(node);
    default:
      return undefined;
  }
}

function variable(name: string): FastEvaluator | undefined {
  // `$` and `$$` are JSONata's context and root input, not workflow variables.
  if (name === '' || name === '$') return undefined;
  if (name === 'states') return (states) => states;
  return (_states, variables) => variables[name];
}

function path(steps: Node[] | undefined): FastEvaluator | undefined {
  if (!steps || steps.length < 2 || steps[0]!.type !== 'variable' || !isPlain(steps[0]!)) return undefined;
  const head = variable(steps[0]!.value as string);
  if (!head) return undefined;
  const names: string[] = [];
  for (const step of steps.slice(1)) {
    if (step.type !== 'name' || !isPlain(step) || typeof step.value !== 'string') return undefined;
    names.push(step.value);
  }
  return (states, variables) => {
    let value = head(states, variables);
    for (const name of names) {
      if (Array.isArray(value)) return FALLBACK;
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[name];
    }
    return Array.isArray(value) ? FALLBACK : value;
  };
}

function arrayLiteral(node: Node): Array<FastEvaluator> | undefined {
  if (node.type !== 'unary' || node.value !== '[' || !isPlain(node) || !Array.isArray(node.expressions)) return undefined;
  const items = (node.expressions as Node[]).map(compile);
  return items.every((item) => item !== undefined) ? (items as FastEvaluator[]) : undefined;
}

function binary(node: Node): FastEvaluator | undefined {
  const op = node.value as string;
  const lhs = compile(node.lhs as Node);
  if (!lhs) return undefined;
  if (op === 'in') {
    const list = arrayLiteral(node.rhs as Node);
    if (!list) return undefined;
    return (states, variables) => {
      const left = lhs(states, variables);
      if (left === FALLBACK || !isPrimitive(left)) return FALLBACK;
      if (left === undefined) return false;
      let found = false;
      for (const item of list) {
        const right = item(states, variables);
        if (right === FALLBACK || !isPrimitive(right)) return FALLBACK;
        if (right === left) found = true;
      }
      return found;
    };
  }
  const rhs = compile(node.rhs as Node);
  if (!rhs) return undefined;
  switch (op) {
    case '=':
    case '!=': {
      const equal = op === '=';
      return (states, variables) => {
        const left = lhs(states, variables);
        const right = rhs(states, variables);
        if (left === FALLBACK || right === FALLBACK || !isPrimitive(left) || !isPrimitive(right)) return FALLBACK;
        if (left === undefined || right === undefined) return false;
        return (left === right) === equal;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (states, variables) => {
        const left = lhs(states, variables);
        const right = rhs(states, variables);
        if (left === FALLBACK || right === FALLBACK) return FALLBACK;
        if (left === undefined || right === undefined) return undefined;
        const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
        if (!comparable) return FALLBACK;
        const l = left as number | string;
        const r = right as number | string;
        return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
      };
    case 'and':
    case 'or': {
      const isAnd = op === 'and';
      return (states, variables) => {
        const left = lhs(states, variables);
        if (left !== undefined && typeof left !== 'boolean') return FALLBACK;
        const leftTrue = left === true;
        if (isAnd ? !leftTrue : leftTrue) return leftTrue;
        const right = rhs(states, variables);
        if (right !== undefined && typeof right !== 'boolean') return FALLBACK;
        return right === true;
      };
    }
    default:
      return undefined;
  }
}
