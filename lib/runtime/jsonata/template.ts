/**
 * A field value that may hold `{% %}` expressions anywhere inside (Arguments, Output, Assign values, ItemSelector).
 * Compiled once per definition: constant sub-trees are returned as they are, never copied. They are not frozen:
 * JSONata itself tags arrays it walks (`keepSingleton`), which a frozen array refuses. The runtime never mutates
 * state data, and Task handlers receive a JSON copy of their arguments.
 */
import type { ChoiceRuleCondition } from '../jsonpath/choice-rule';
import type { IntrinsicCall } from '../jsonpath/intrinsics';
import type { CompiledPath } from '../jsonpath/path';
import { evaluateDynamicValue } from '../jsonpath/payload-template';
import { evaluateChoiceRule } from '../jsonpath/choice-rule';
import { CompiledExpression, compileExpression, evaluateExpression, evaluateExpressionSync, EvaluationEnv, isExpressionString, NEEDS_JSONATA } from './expression';

export type Template =
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'expression'; readonly expression: CompiledExpression; readonly field: string }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, Template]> }
  | { readonly kind: 'array'; readonly items: readonly Template[] }
  // JSONPath states (see ../jsonpath): a `.$` value, and a Choice rule. Both evaluate synchronously.
  | { readonly kind: 'path'; readonly path: CompiledPath; readonly field: string }
  | { readonly kind: 'intrinsic'; readonly call: IntrinsicCall; readonly text: string; readonly field: string }
  | { readonly kind: 'rule'; readonly rule: ChoiceRuleCondition };

/**
 * @param field the ASL field path used in error causes, e.g. `Arguments` or `Choices[1]/Output`; nested keys
 *   extend it as AWS does (`Output/a/b`, `Items[2]`).
 */
export function compileTemplate(value: unknown, field: string): Template {
  if (isExpressionString(value)) return { kind: 'expression', expression: compileExpression(value), field };
  if (Array.isArray(value)) {
    const items = value.map((item, index) => compileTemplate(item, `${field}[${index}]`));
    if (items.every((t) => t.kind === 'constant')) return { kind: 'constant', value };
    return { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, child]) => [key, compileTemplate(child, `${field}/${key}`)] as const);
    if (entries.every(([, t]) => t.kind === 'constant')) return { kind: 'constant', value };
    return { kind: 'object', entries };
  }
  return { kind: 'constant', value };
}

/**
 * Evaluates a template; a constant resolves to its value without copying. When every expression in it is answered
 * by the fast path, no JSONata evaluation (and no promise per expression) is involved.
 */
export function evaluateTemplate(template: Template, env: EvaluationEnv): Promise<unknown> {
  let value: unknown;
  try {
    value = evaluateTemplateSync(template, env);
  } catch (error) {
    return Promise.reject(error);
  }
  return value === NEEDS_JSONATA ? evaluateTemplateAsync(template, env) : Promise.resolve(value);
}

/**
 * The same evaluation, in the same order, without JSONata; returns NEEDS_JSONATA at the first expression that needs
 * it (the caller then starts over asynchronously: fast evaluations are pure, so repeating them changes nothing).
 * An error met before that point is the error the asynchronous evaluation would meet first.
 */
function evaluateTemplateSync(template: Template, env: EvaluationEnv): unknown {
  switch (template.kind) {
    case 'constant':
      return template.value;
    case 'expression':
      return evaluateExpressionSync(template.expression, env, template.field);
    case 'path':
    case 'intrinsic':
      return evaluateDynamicValue(template, env);
    case 'rule':
      return evaluateChoiceRule(template.rule, env);
    case 'array': {
      const result: unknown[] = new Array(template.items.length);
      for (let i = 0; i < template.items.length; i++) {
        const item = evaluateTemplateSync(template.items[i]!, env);
        if (item === NEEDS_JSONATA) return NEEDS_JSONATA;
        result[i] = item;
      }
      return result;
    }
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, child] of template.entries) {
        const item = evaluateTemplateSync(child, env);
        if (item === NEEDS_JSONATA) return NEEDS_JSONATA;
        result[key] = item;
      }
      return result;
    }
  }
}

async function evaluateTemplateAsync(template: Template, env: EvaluationEnv): Promise<unknown> {
  switch (template.kind) {
    case 'constant':
      return template.value;
    case 'expression':
      return evaluateExpression(template.expression, env, template.field);
    case 'path':
    case 'intrinsic':
      return evaluateDynamicValue(template, env);
    case 'rule':
      return evaluateChoiceRule(template.rule, env);
    case 'array': {
      const result: unknown[] = new Array(template.items.length);
      for (let i = 0; i < template.items.length; i++) result[i] = await evaluateTemplateAsync(template.items[i]!, env);
      return result;
    }
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, child] of template.entries) result[key] = await evaluateTemplateAsync(child, env);
      return result;
    }
  }
}
