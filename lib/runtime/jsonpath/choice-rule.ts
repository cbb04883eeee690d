/**
 * Choice rules of JSONPath states (Amazon States Language "Choice Rules"): `Variable` with one comparison operator,
 * or `And`/`Or`/`Not` of rules. A comparison whose variable has the wrong type is false (e.g. StringEquals on a
 * number); a `Variable` that matches nothing fails with States.Runtime, except under `IsPresent`.
 */
import { StatesError, StatesErrors } from '../errors';
import type { EvaluationEnv } from '../jsonata/expression';
import { WAIT_TIMESTAMP_PATTERN } from '../../asl-validation';
import { compilePath, type CompiledPath } from './path';
import { readPath, statePrefix } from './payload-template';

export type ChoiceRuleCondition =
  | { readonly kind: 'and' | 'or'; readonly rules: readonly ChoiceRuleCondition[] }
  | { readonly kind: 'not'; readonly rule: ChoiceRuleCondition }
  | { readonly kind: 'compare'; readonly variable: CompiledPath; readonly operator: string; readonly value: unknown; readonly valuePath?: CompiledPath };

const TYPE_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  IsNull: (v) => v === null,
  IsBoolean: (v) => typeof v === 'boolean',
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsTimestamp: (v) => timestampMillis(v) !== undefined,
};

type Comparison = (variable: unknown, value: unknown) => boolean;

const ORDER: Readonly<Record<string, (order: number) => boolean>> = {
  Equals: (o) => o === 0,
  LessThan: (o) => o < 0,
  GreaterThan: (o) => o > 0,
  LessThanEquals: (o) => o <= 0,
  GreaterThanEquals: (o) => o >= 0,
};

function typedComparison(family: string, test: (o: number) => boolean): Comparison | undefined {
  switch (family) {
    case 'String':
      return (a, b) => typeof a === 'string' && typeof b === 'string' && test(a < b ? -1 : a > b ? 1 : 0);
    case 'Numeric':
      return (a, b) => typeof a === 'number' && typeof b === 'number' && test(a - b);
    case 'Timestamp':
      return (a, b) => {
        const [x, y] = [timestampMillis(a), timestampMillis(b)];
        return x !== undefined && y !== undefined && test(x - y);
      };
    default:
      return undefined;
  }
}

const COMPARISONS: Readonly<Record<string, Comparison>> = (() => {
  const table: Record<string, Comparison> = {
    BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
    StringMatches: (a, b) => typeof a === 'string' && typeof b === 'string' && wildcardPattern(b).test(a),
  };
  for (const family of ['String', 'Numeric', 'Timestamp']) {
    for (const [suffix, test] of Object.entries(ORDER)) table[`${family}${suffix}`] = typedComparison(family, test)!;
  }
  return table;
})();

/** The comparison operators AWS accepts, with and without the `Path` suffix, and the type tests. */
export const CHOICE_OPERATORS: readonly string[] = [
  ...Object.keys(COMPARISONS),
  ...Object.keys(COMPARISONS).filter((op) => op !== 'StringMatches').map((op) => `${op}Path`),
  ...Object.keys(TYPE_TESTS),
  'IsPresent',
];

/** Compiles a rule object (without its `Next`, `Assign`, `Comment`); throws an Error naming the problem. */
export function compileChoiceRule(raw: Record<string, unknown>): ChoiceRuleCondition {
  if (Array.isArray(raw.And) || Array.isArray(raw.Or)) {
    const kind = Array.isArray(raw.And) ? 'and' : 'or';
    const rules = (raw.And ?? raw.Or) as unknown[];
    return { kind, rules: rules.map((rule) => compileChoiceRule(asObject(rule))) };
  }
  if (raw.Not !== undefined) return { kind: 'not', rule: compileChoiceRule(asObject(raw.Not)) };
  if (typeof raw.Variable !== 'string') throw new Error('a rule needs a Variable path, or And, Or or Not');
  const operator = CHOICE_OPERATORS.find((op) => raw[op] !== undefined);
  if (!operator) throw new Error(`the rule on ${raw.Variable} has no comparison operator`);
  const value = raw[operator];
  const variable = compilePath(raw.Variable);
  if (operator.endsWith('Path') && operator !== 'IsPresent') {
    if (typeof value !== 'string') throw new Error(`${operator} must be a path string`);
    return { kind: 'compare', variable, operator: operator.slice(0, -4), value: undefined, valuePath: compilePath(value) };
  }
  return { kind: 'compare', variable, operator, value };
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('a nested rule must be an object');
  return value as Record<string, unknown>;
}

/** `$` is the state's effective input (`env.states.input`). */
export function evaluateChoiceRule(rule: ChoiceRuleCondition, env: EvaluationEnv): boolean {
  switch (rule.kind) {
    case 'and':
      return rule.rules.every((r) => evaluateChoiceRule(r, env));
    case 'or':
      return rule.rules.some((r) => evaluateChoiceRule(r, env));
    case 'not':
      return !evaluateChoiceRule(rule.rule, env);
    case 'compare': {
      const lookup = readPath(rule.variable, env);
      if (rule.operator === 'IsPresent') return lookup.found === rule.value;
      if (!lookup.found) throw invalidChoicePath(rule.variable, env);
      const test = TYPE_TESTS[rule.operator];
      if (test) return test(lookup.value) === rule.value;
      let value = rule.value;
      if (rule.valuePath) {
        const other = readPath(rule.valuePath, env);
        if (!other.found) throw invalidChoicePath(rule.valuePath, env);
        value = other.value;
      }
      return COMPARISONS[rule.operator]!(lookup.value, value);
    }
  }
}

function invalidChoicePath(path: CompiledPath, env: EvaluationEnv): StatesError {
  return new StatesError(StatesErrors.Runtime, `${statePrefix(env)} Invalid path '${path.text}': The choice state's condition path references an invalid value.`);
}

/** RFC 3339 with uppercase T and Z (or an offset), as the Amazon States Language defines timestamps. */
export function timestampMillis(value: unknown): number | undefined {
  if (typeof value !== 'string' || !WAIT_TIMESTAMP_PATTERN.test(value)) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : millis;
}

/** StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a backslash. */
function wildcardPattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (ch === '*') source += '[\\s\\S]*';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
