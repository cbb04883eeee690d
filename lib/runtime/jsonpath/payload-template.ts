/**
 * JSONPath payload templates (Parameters, ResultSelector, ItemSelector, Assign, Credentials of JSONPath states): a key
 * ending in `.$` takes its value from a path (`$.x`, `$$.Execution.Id`, `$variable.x`) or an intrinsic function, and
 * loses the suffix; everything else is kept as written. Compiled once into the runtime's {@link Template} and
 * evaluated synchronously (no JSONata involved).
 */
import { StatesError, StatesErrors } from '../errors';
import type { EvaluationEnv } from '../jsonata/expression';
import { RUNTIME_BINDING, type RuntimeHooks } from '../jsonata/sfn-functions';
import type { Template } from '../jsonata/template';
import { evaluateIntrinsic, IntrinsicFailure, isIntrinsic, parseIntrinsic } from './intrinsics';
import { compilePath, describeMissing, lookupPath, type CompiledPath } from './path';

/** Thrown at compile time for a `.$` value that is neither a path nor an intrinsic function. */
export class PayloadTemplateError extends Error {
  override readonly name = 'PayloadTemplateError';
}

/**
 * @param field the ASL field, e.g. `Parameters`; `.$` keys are named in error causes as AWS does (`value.$`).
 */
export function compilePayloadTemplate(value: unknown, field: string): Template {
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compilePayloadTemplate(item, `${field}[${index}]`));
    return items.every((t) => t.kind === 'constant') ? { kind: 'constant', value } : { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, child]) => {
      if (!key.endsWith('.$')) return [key, compilePayloadTemplate(child, `${field}/${key}`)] as const;
      if (typeof child !== 'string') {
        throw new PayloadTemplateError(`the value of '${key}' in ${field} must be a string holding a path or an intrinsic function, got ${JSON.stringify(child)}`);
      }
      return [key.slice(0, -2), compileDynamicValue(child, key)] as const;
    });
    return entries.every(([, t]) => t.kind === 'constant') ? { kind: 'constant', value } : { kind: 'object', entries };
  }
  return { kind: 'constant', value };
}

/** A path or intrinsic-function text (the value of a `.$` key, `ErrorPath`, ...); `field` names it in causes. */
export function compileDynamicValue(text: string, field: string): Template {
  try {
    if (isIntrinsic(text)) return { kind: 'intrinsic', call: parseIntrinsic(text), text, field };
    return { kind: 'path', path: compilePath(text), field };
  } catch (error) {
    throw new PayloadTemplateError(`the value '${text}' of ${field} is neither a JSONPath nor an intrinsic function: ${(error as Error).message}`);
  }
}

/**
 * A path against the data, the context object or a variable; undefined when it matches nothing.
 * `$` is `env.states.input`: the caller puts there whatever the field reads (effective input, task result, error).
 */
export function readPath(path: CompiledPath, env: EvaluationEnv) {
  const root = path.root === 'data' ? env.states.input : path.root === 'context' ? env.states.context : env.variables[path.variable!];
  if (path.root === 'variable' && !(path.variable! in env.variables)) return { found: false as const, missingStep: 0, steps: [] };
  return lookupPath(path, root);
}

/** Evaluates a `path` or `intrinsic` template node. */
export function evaluateDynamicValue(template: Extract<Template, { kind: 'path' | 'intrinsic' }>, env: EvaluationEnv): unknown {
  const read = (path: CompiledPath): unknown => {
    const lookup = readPath(path, env);
    if (lookup.found) return lookup.value;
    const where = path.root === 'context' ? env.states.context : env.states.input;
    throw new StatesError(
      StatesErrors.Runtime,
      // AWS's wording (LocalStack's AWS recording scenarios/test_base_scenarios.snapshot.json, test_invalid_jsonpath).
      `${statePrefix(env)} The JSONPath '${path.text}' specified for the field '${template.field}' could not be found in the input '${JSON.stringify(where) ?? 'null'}'`,
    );
  };
  if (template.kind === 'path') return read(template.path);
  try {
    return evaluateIntrinsic(template.call, read, hooksOf(env).random);
  } catch (error) {
    if (!(error instanceof IntrinsicFailure)) throw error;
    throw new StatesError(StatesErrors.IntrinsicFailure, `${statePrefix(env)} The intrinsic function '${template.text}' specified for the field '${template.field}' failed: ${error.message}`);
  }
}

/** Why a path read nothing, in Jayway's words (for InputPath, OutputPath, TimeoutSecondsPath ...). */
export function invalidPath(path: CompiledPath, env: EvaluationEnv): StatesError {
  const lookup = readPath(path, env);
  const detail = lookup.found ? '' : ` : ${describeMissing(lookup)}`;
  return new StatesError(StatesErrors.Runtime, `${statePrefix(env)} Invalid path '${path.text}'${detail}`);
}

export function statePrefix(env: EvaluationEnv): string {
  return `An error occurred while executing the state '${env.stateName}' (entered at the event id #${env.enteredEventId}).`;
}

function hooksOf(env: EvaluationEnv): RuntimeHooks {
  return env.variables[RUNTIME_BINDING] as RuntimeHooks;
}
