/**
 * Compiles `{% %}` expressions once (cached by text for the whole process) and evaluates them with AWS's error
 * rules: a failure or an undefined result is States.QueryEvaluationError with a Cause naming the state and field.
 */
import jsonata from 'jsonata';
import { StatesError, StatesErrors } from '../errors';
import { DEPTH_BINDING, DepthTracker, installDepthLimit, MAX_EVALUATION_DEPTH, treeHeight } from './evaluation-depth';
import { compileFastPath, FALLBACK, FastEvaluator } from './fast-path';
import { registerSfnFunctions, RUNTIME_BINDING, RuntimeHooks } from './sfn-functions';

/** Whether a field value is a JSONata expression string (`{% ... %}`): the validator's rule, so both agree. */
export { isExpressionString } from '../../asl-validation';

export interface CompiledExpression {
  /** The text between `{%` and `%}`, trimmed (as AWS quotes it in error causes). */
  readonly source: string;
  readonly expression: jsonata.Expression;
  /** Synchronous evaluator for simple expressions (see fast-path.ts), when the expression is one. */
  readonly fast?: FastEvaluator;
}

/** `$states` as an expression sees it. */
export interface StatesBinding {
  readonly input: unknown;
  readonly context: unknown;
  readonly result?: unknown;
  readonly errorOutput?: unknown;
}

/** Everything one evaluation needs; `variables` chains inner scopes to outer ones through prototypes. */
export interface EvaluationEnv {
  readonly states: StatesBinding;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly stateName: string;
  readonly enteredEventId: number;
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
/** Bound on distinct expression texts kept compiled; a long-lived process running ever-new definitions stays flat. */
const MAX_CACHED_EXPRESSIONS = 10_000;
const cache = new Map<string, CompiledExpression>();

/** Thrown by {@link compileExpression} for a syntax error, with JSONata's code and position. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
}

export function compileExpression(text: string): CompiledExpression {
  const cached = cache.get(text);
  if (cached) return cached;
  const source = (EXPRESSION.exec(text)?.[1] ?? text).trim();
  if (source === '') throw new ExpressionSyntaxError(`the expression '${text}' is empty`);
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source);
  } catch (error) {
    const e = error as { code?: string; message?: string; position?: number };
    throw new ExpressionSyntaxError(`the expression '${source}' does not parse: ${e.code ?? ''} ${e.message ?? String(error)} (position ${e.position ?? '?'})`);
  }
  registerSfnFunctions(expression);
  installDepthLimit(expression);
  const ast = expression.ast();
  // The fast path calls no function of the expression, so its depth is at most the tree's height.
  const fast = treeHeight(ast) <= MAX_EVALUATION_DEPTH ? compileFastPath(ast) : undefined;
  const compiled: CompiledExpression = fast
    ? { source, expression, fast }
    : { source, expression };
  if (cache.size >= MAX_CACHED_EXPRESSIONS) cache.delete(cache.keys().next().value as string);
  cache.set(text, compiled);
  return compiled;
}

/** Root of every execution's variable chain: holds the SFN-function hooks, invisible to `$name` references. */
export function createRootVariables(hooks: RuntimeHooks): Record<string, unknown> {
  // No Object.prototype in the chain: `$toString` must count as unassigned, like any other unknown name.
  const root = Object.create(null) as Record<string, unknown>;
  root[RUNTIME_BINDING] = hooks;
  return root;
}

export function queryEvaluationError(env: EvaluationEnv, source: string, field: string, problem: string): StatesError {
  return new StatesError(
    StatesErrors.QueryEvaluationError,
    `An error occurred while executing the state '${env.stateName}' (entered at the event id #${env.enteredEventId}). ` +
      `The JSONata expression '${source}' specified for the field '${field}'${problem}`,
    field,
  );
}

const RETURNED_NOTHING = ' returned nothing (undefined).';

/** What {@link evaluateExpressionSync} returns when the expression needs JSONata's asynchronous evaluation. */
export const NEEDS_JSONATA: unique symbol = Symbol('needs JSONata');
// Module-level constant: an imported binding is a property read (a getter, once compiled) on every use.
const FALLBACK_VALUE: typeof FALLBACK = FALLBACK;

/**
 * Evaluates one expression without JSONata when its fast path answers; throws exactly what
 * {@link evaluateExpression} would throw for the same expression (an undefined result).
 * A variable that was never assigned reads as undefined, as in JSONata and on AWS (LocalStack's AWS recording
 * `assign/test_assign_reference_variables.snapshot.json`, `test_undefined_reference`: `$doesNotExist` "returned
 * nothing (undefined)").
 */
export function evaluateExpressionSync(compiled: CompiledExpression, env: EvaluationEnv, field: string): unknown {
  if (!compiled.fast) return NEEDS_JSONATA;
  const value = compiled.fast(env.states, env.variables);
  if (value === FALLBACK_VALUE) return NEEDS_JSONATA;
  if (value === undefined) throw queryEvaluationError(env, compiled.source, field, RETURNED_NOTHING);
  return plainArray(value);
}

/** Evaluates one expression for one field; never resolves to undefined. */
export async function evaluateExpression(compiled: CompiledExpression, env: EvaluationEnv, field: string): Promise<unknown> {
  const quick = evaluateExpressionSync(compiled, env, field);
  if (quick !== NEEDS_JSONATA) return quick;
  const variables = env.variables;
  // Own property `states` on top of the variable chain; JSONata binds every enumerable key, inherited ones included.
  const bindings = Object.create(variables) as Record<string, unknown>;
  bindings.states = env.states;
  bindings[DEPTH_BINDING] = new DepthTracker();
  let value: unknown;
  try {
    value = await compiled.expression.evaluate(env.states.input, bindings);
  } catch (error) {
    const e = error as { code?: string; message?: string };
    const message = e?.message ?? String(error);
    // AWS: "... threw an error during evaluation. T1006: Attempted to invoke a non-function" (LocalStack's AWS
    // recording intrinsic_functions/test_math_operations_jsonata.snapshot.json, test_math_random_seeded).
    throw queryEvaluationError(env, compiled.source, field, ` threw an error during evaluation. ${e?.code ? `${e.code}: ` : ''}${message}`);
  }
  if (value === undefined) throw queryEvaluationError(env, compiled.source, field, RETURNED_NOTHING);
  if (typeof value === 'function' || (value as { _jsonata_lambda?: boolean } | null)?._jsonata_lambda) {
    // AWS's wording for a function result (recorded for Map `Items`: scenarios/test_base_scenarios.snapshot.json,
    // test_map_state_items_eval_jsonata_fail[function]).
    throw queryEvaluationError(env, compiled.source, field, ' returned an unsupported result type.');
  }
  return plainArray(value);
}

/**
 * JSONata sequences are arrays carrying extra flags (`sequence`, `keepSingleton`, which it may even set on arrays
 * of the input); Step Functions keeps plain JSON, so such an array is copied. Other values are not copied.
 */
function plainArray(value: unknown): unknown {
  if (Array.isArray(value) && ('sequence' in value || 'keepSingleton' in value || 'outerWrapper' in value)) return Array.from(value);
  return value;
}
