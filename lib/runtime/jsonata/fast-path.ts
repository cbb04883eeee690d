/**
 * A synchronous evaluator for the expressions that dominate polling workflows (`$id`, `$states.result.Status`,
 * `$status = 'FINISHED'`, `$polls + 1`, `$min([$a, $b * 2])`, `( $x := ...; $type($x) = 'number' ? $x : 0 )`), so
 * they skip JSONata's async machinery. It covers only cases where JSONata's result is certain: property paths over
 * plain objects, literals, equality/ordering/`in` on primitives, and/or on booleans, arithmetic on finite numbers,
 * conditionals on boolean conditions, object constructors with literal keys, blocks binding variables (functions bound but never called are fine), array constructors of non-arrays and a few built-in
 * functions ($type, $exists, $not, $floor, $ceil, $round, $min, $max, $string, $lookup, $toMillis: see
 * fast-path-functions.ts). Anything else (arrays met on a path, objects compared, type errors to
 * report, a variable bound to a function) returns {@link FALLBACK} and the expression runs on JSONata itself, so
 * results never differ. A sub-expression the fast path does not know is kept as "always FALLBACK" where JSONata may
 * skip it (the right side of and/or, a conditional branch), so short-circuits stay fast.
 */
import type jsonata from 'jsonata';
import { FALLBACK as FALLBACK_SYMBOL } from './fast-path-fallback';
import { FAST_FUNCTIONS } from './fast-path-functions';
import { isBuiltinFunctionName } from './builtin-functions';

/** Returned instead of a value when JSONata itself must evaluate the expression. */
// A module-level constant, not a re-export: compiled re-exports are getters, and this is read on every step.
export const FALLBACK: typeof FALLBACK_SYMBOL = FALLBACK_SYMBOL;

/** Evaluates against `$states` and the variable chain; may return {@link FALLBACK}. */
export type FastEvaluator = (states: unknown, variables: Readonly<Record<string, unknown>>) => unknown;

/** Variables bound by enclosing blocks (`$x := ...`), innermost first through the prototype chain. */
type Locals = Record<string, unknown> | undefined;
type Evaluator = (states: unknown, variables: Readonly<Record<string, unknown>>, locals: Locals) => unknown;
/** Names bound by the statements already passed in the enclosing blocks, at this point of the expression. */
type Scope = ReadonlySet<string>;

type Node = jsonata.ExprNode & Record<string, unknown>;

/** Keys that only ever describe the node itself; any other key (stages, predicates, focus, ...) means "not simple". */
const PLAIN_KEYS = new Set(['type', 'value', 'position', 'steps', 'lhs', 'rhs', 'expressions', 'condition', 'then', 'else', 'arguments', 'procedure']);
const NO_LOCALS: Scope = new Set();
const OPAQUE: Evaluator = () => FALLBACK;
const BOOLEAN_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=', 'in', 'and', 'or']);

function isPlain(node: Node): boolean {
  // JSONata leaves some keys present but undefined (a function call's `name`): those say nothing.
  for (const key of Object.keys(node)) if (!PLAIN_KEYS.has(key) && node[key] !== undefined) return false;
  return true;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function compileFastPath(ast: jsonata.ExprNode): FastEvaluator | undefined {
  const evaluator = compile(ast as Node, NO_LOCALS);
  if (!evaluator) return undefined;
  return (states, variables) => evaluator(states, variables, undefined);
}

/** A compiled node, or undefined when the fast path cannot evaluate it. */
function compile(node: Node, scope: Scope): Evaluator | undefined {
  if (!isPlain(node)) return undefined;
  switch (node.type as string) {
    case 'string':
    case 'number':
    case 'value': {
      const value = node.value;
      return () => value;
    }
    case 'variable':
      return variable(node.value as string, scope);
    case 'path':
      return path(node.steps as Node[] | undefined, scope);
    case 'binary':
      return binary(node, scope);
    case 'condition':
      return condition(node, scope);
    case 'block':
      return block(node, scope);
    case 'function':
      return call(node, scope);
    case 'unary':
      return node.value === '[' ? arrayConstructor(node, scope) : node.value === '{' ? objectConstructor(node, scope) : undefined;
    default:
      return undefined;
  }
}

/** For sub-expressions JSONata may not evaluate at all: unknown ones fall back only when actually reached. */
function compileLazily(node: Node | undefined, scope: Scope): Evaluator {
  return (node && compile(node, scope)) ?? OPAQUE;
}

function variable(name: string, scope: Scope): Evaluator | undefined {
  // `$` and `$$` are JSONata's context and root input, not workflow variables.
  if (name === '' || name === '$') return undefined;
  if (scope.has(name)) return (_states, _variables, locals) => locals![name];
  if (name === 'states') return (states) => states;
  // A built-in function's name is the function itself, unless a variable hides it: JSONata's business.
  if (isBuiltinFunctionName(name)) return undefined;
  return (_states, variables) => variables[name];
}

function path(steps: Node[] | undefined, scope: Scope): Evaluator | undefined {
  if (!steps || steps.length < 2 || steps[0]!.type !== 'variable' || !isPlain(steps[0]!)) return undefined;
  const head = variable(steps[0]!.value as string, scope);
  if (!head) return undefined;
  const names: string[] = [];
  for (const step of steps.slice(1)) {
    if (step.type !== 'name' || !isPlain(step) || typeof step.value !== 'string') return undefined;
    names.push(step.value);
  }
  return (states, variables, locals) => {
    let value = head(states, variables, locals);
    for (const name of names) {
      if (Array.isArray(value) || value === FALLBACK) return FALLBACK;
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[name];
    }
    // An inherited member such as `constructor` is a function, which JSONata handles its own way.
    return Array.isArray(value) || typeof value === 'function' ? FALLBACK : value;
  };
}

function arrayLiteral(node: Node, scope: Scope): Array<Evaluator> | undefined {
  if (node.type !== 'unary' || node.value !== '[' || !isPlain(node) || !Array.isArray(node.expressions)) return undefined;
  const items = (node.expressions as Node[]).map((item) => compile(item, scope));
  return items.every((item) => item !== undefined) ? (items as Evaluator[]) : undefined;
}

/** `[a, b]`: undefined items are dropped; an array item would be flattened by JSONata, so it falls back. */
function arrayConstructor(node: Node, scope: Scope): Evaluator | undefined {
  const items = arrayLiteral(node, scope);
  if (!items) return undefined;
  return (states, variables, locals) => {
    const result: unknown[] = [];
    for (const item of items) {
      const value = item(states, variables, locals);
      if (value === FALLBACK || Array.isArray(value)) return FALLBACK;
      if (value !== undefined) result.push(value);
    }
    return result;
  };
}

/**
 * `{"k": v, ...}` with distinct literal keys: JSONata groups its context by each key, but the fast path never reads
 * the context, so every key gets its value once; an undefined value leaves the key out.
 */
function objectConstructor(node: Node, scope: Scope): Evaluator | undefined {
  const pairs = node.lhs as unknown;
  if (!Array.isArray(pairs)) return undefined;
  const keys = new Set<string>();
  const entries: Array<readonly [string, Evaluator]> = [];
  for (const pair of pairs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [keyNode, valueNode] = pair as [Node, Node];
    if (keyNode.type !== 'string' || !isPlain(keyNode) || typeof keyNode.value !== 'string' || keys.has(keyNode.value)) return undefined;
    const value = compile(valueNode, scope);
    if (!value) return undefined;
    keys.add(keyNode.value);
    entries.push([keyNode.value, value]);
  }
  return (states, variables, locals) => {
    const result: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      const item = value(states, variables, locals);
      if (item === FALLBACK) return FALLBACK;
      if (item !== undefined) result[key] = item;
    }
    return result;
  };
}

/** `c ? a : b`, only for conditions that can only be a boolean or nothing (comparisons, and/or, $exists, $not). */
function condition(node: Node, scope: Scope): Evaluator | undefined {
  const test = node.condition as Node;
  if (!isBooleanValued(test)) return undefined;
  const when = compile(test, scope);
  if (!when) return undefined;
  const then = compileLazily(node.then as Node, scope);
  const otherwise = node.else === undefined ? () => undefined : compileLazily(node.else as Node, scope);
  return (states, variables, locals) => {
    const value = when(states, variables, locals);
    if (value === true) return then(states, variables, locals);
    if (value === false || value === undefined) return otherwise(states, variables, locals);
    return FALLBACK;
  };
}

function isBooleanValued(node: Node): boolean {
  switch (node.type as string) {
    case 'value':
      return typeof node.value === 'boolean';
    case 'binary':
      return BOOLEAN_OPERATORS.has(node.value as string);
    case 'function': {
      const name = (node.procedure as Node | undefined)?.value;
      return name === 'exists' || name === 'not';
    }
    case 'block': {
      const expressions = node.expressions as Node[] | undefined;
      return !!expressions && expressions.length > 0 && isBooleanValued(expressions[expressions.length - 1]!);
    }
    default:
      return false;
  }
}

/**
 * `( s1; s2; ... )`: statements run in order in a new scope; `$x := value` as a statement binds x for the
 * statements after it. A function definition is bound as FALLBACK, so only using it falls back; every other
 * statement must compile, since JSONata evaluates it (and may fail on it) even when its value is never used.
 */
function block(node: Node, outer: Scope): Evaluator | undefined {
  const expressions = node.expressions as Node[] | undefined;
  if (!expressions) return undefined;
  // `()` is JSONata's way of writing "nothing".
  if (expressions.length === 0) return () => undefined;
  const scope = new Set(outer);
  const statements: Array<{ readonly bind?: string; readonly lambda?: boolean; readonly evaluate: Evaluator }> = [];
  for (const statement of expressions) {
    if ((statement.type as string) === 'bind') {
      const target = statement.lhs as Node;
      if (!isPlain(statement) || target.type !== 'variable' || typeof target.value !== 'string' || target.value === '' || target.value === '$') return undefined;
      const value = statement.rhs as Node;
      // Defining a function cannot fail, so it is bound as FALLBACK; any other value must compile, as it may throw.
      const evaluate = value.type === 'lambda' ? OPAQUE : compile(value, new Set(scope));
      if (!evaluate) return undefined;
      statements.push({ bind: target.value, lambda: value.type === 'lambda', evaluate });
      scope.add(target.value);
    } else {
      const evaluate = compile(statement, new Set(scope));
      if (!evaluate) return undefined;
      statements.push({ evaluate });
    }
  }
  return (states, variables, outerLocals) => {
    const locals = Object.create(outerLocals ?? null) as Record<string, unknown>;
    let result: unknown;
    for (const statement of statements) {
      result = statement.evaluate(states, variables, locals);
      if (result === FALLBACK && !statement.lambda) return FALLBACK;
      if (statement.bind !== undefined) locals[statement.bind] = result;
    }
    return result;
  };
}

/** `$name(args)` for the built-ins of fast-path-functions.ts, unless a variable of that name hides the built-in. */
function call(node: Node, scope: Scope): Evaluator | undefined {
  const procedure = node.procedure as Node | undefined;
  if (!procedure || procedure.type !== 'variable' || !isPlain(procedure)) return undefined;
  const name = procedure.value as string;
  if (scope.has(name) || !Object.prototype.hasOwnProperty.call(FAST_FUNCTIONS, name)) return undefined;
  const fn = FAST_FUNCTIONS[name]!;
  const argumentNodes = (node.arguments as Node[] | undefined) ?? [];
  if (argumentNodes.length !== fn.arity && argumentNodes.length !== fn.optionalArity) return undefined;
  const args = argumentNodes.map((argument) => compile(argument, scope));
  if (!args.every((argument) => argument !== undefined)) return undefined;
  const compiled = args as Evaluator[];
  return (states, variables, locals) => {
    // A workflow variable named like the function hides it in JSONata too.
    if (name in variables) return FALLBACK;
    const values: unknown[] = [];
    for (const argument of compiled) {
      const value = argument(states, variables, locals);
      if (value === FALLBACK) return FALLBACK;
      values.push(value);
    }
    return fn.call(values);
  };
}

function binary(node: Node, scope: Scope): Evaluator | undefined {
  const op = node.value as string;
  const lhs = compile(node.lhs as Node, scope);
  if (!lhs) return undefined;
  if (op === 'in') {
    const list = arrayLiteral(node.rhs as Node, scope);
    if (!list) return undefined;
    return (states, variables, locals) => {
      const left = lhs(states, variables, locals);
      if (left === FALLBACK || !isPrimitive(left)) return FALLBACK;
      if (left === undefined) return false;
      let found = false;
      for (const item of list) {
        const right = item(states, variables, locals);
        if (right === FALLBACK || !isPrimitive(right)) return FALLBACK;
        if (right === left) found = true;
      }
      return found;
    };
  }
  if (op === 'and' || op === 'or') {
    const isAnd = op === 'and';
    const rhs = compileLazily(node.rhs as Node, scope);
    return (states, variables, locals) => {
      const left = lhs(states, variables, locals);
      if (left !== undefined && typeof left !== 'boolean') return FALLBACK;
      const leftTrue = left === true;
      if (isAnd ? !leftTrue : leftTrue) return leftTrue;
      const right = rhs(states, variables, locals);
      if (right !== undefined && typeof right !== 'boolean') return FALLBACK;
      return right === true;
    };
  }
  const rhs = compile(node.rhs as Node, scope);
  if (!rhs) return undefined;
  switch (op) {
    case '=':
    case '!=': {
      const equal = op === '=';
      return (states, variables, locals) => {
        const left = lhs(states, variables, locals);
        const right = rhs(states, variables, locals);
        if (left === FALLBACK || right === FALLBACK || !isPrimitive(left) || !isPrimitive(right)) return FALLBACK;
        if (left === undefined || right === undefined) return false;
        return (left === right) === equal;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (states, variables, locals) => {
        const left = lhs(states, variables, locals);
        const right = rhs(states, variables, locals);
        if (left === FALLBACK || right === FALLBACK) return FALLBACK;
        if (left === undefined || right === undefined) {
          // JSONata still rejects a non-comparable other side (T2010).
          const other = left === undefined ? right : left;
          return other === undefined || typeof other === 'string' || isFiniteNumber(other) ? undefined : FALLBACK;
        }
        const comparable = (isFiniteNumber(left) && isFiniteNumber(right)) || (typeof left === 'string' && typeof right === 'string');
        if (!comparable) return FALLBACK;
        const l = left as number | string;
        const r = right as number | string;
        return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
      };
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return (states, variables, locals) => {
        const left = lhs(states, variables, locals);
        const right = rhs(states, variables, locals);
        if (left === FALLBACK || right === FALLBACK) return FALLBACK;
        // JSONata type-checks both sides (T2001/T2002) before it lets an undefined side make the result undefined.
        if ((left !== undefined && !isFiniteNumber(left)) || (right !== undefined && !isFiniteNumber(right))) return FALLBACK;
        if (left === undefined || right === undefined) return undefined;
        const result = op === '+' ? left + right : op === '-' ? left - right : op === '*' ? left * right : op === '/' ? left / right : left % right;
        return isFiniteNumber(result) ? result : FALLBACK;
      };
    default:
      return undefined;
  }
}
