import { Fn, Op, TerraformResource, Token, type IResolvable } from 'cdktf';
import type { Switch, SwitchLogic } from '../iam';

/**
 * Plan-time values: a prop may be a Terraform expression (a module variable that may be `null`, another resource's
 * attribute) whose value Terraform only knows at plan time. Instead of branching at synth on whether a prop is set
 * (which would need one configuration per combination), the construct branches in Terraform: a {@link Switch} is a
 * `boolean` when the answer is known at synth, else a boolean Terraform expression, and
 * - optional resources get `count = <switch> ? 1 : 0` ({@link countWhen}),
 * - optional policy statements become `dynamic "statement"` blocks (see render-policy.ts),
 * - values pick a branch with `<switch> ? a : b` ({@link choose}).
 * Literal switches fold away, so a construct configured with plain values synthesizes exactly what it needs, and a
 * module built from variables holds every resource once. Changing a variable then updates resources in place.
 */

/** Whether a prop is set: `false` when undefined, `true` when a known value, `<expr> != null` for a token. */
export function isSet(value: unknown): Switch {
  if (value === undefined || value === null) return false;
  if (!Token.isUnresolved(value)) return true;
  return Op.neq(value, Token.nullValue());
}

/** `value == expected` for a possibly-token value (e.g. `logging.level != "OFF"` is `not(equals(level, 'OFF'))`). */
export function equals(value: unknown, expected: string | number | boolean): Switch {
  if (!Token.isUnresolved(value)) return value === expected;
  return Op.eq(value, expected);
}

/** A boolean prop (default `fallback`) as a switch. */
export function flag(value: boolean | undefined, fallback: boolean): Switch {
  if (value === undefined) return fallback;
  return Token.isUnresolved(value) ? (value as unknown as IResolvable) : value;
}

export function and(...switches: Switch[]): Switch {
  if (switches.some((s) => s === false)) return false;
  const open = switches.filter((s): s is IResolvable => s !== true);
  if (open.length === 0) return true;
  return open.reduce((left, right) => Op.and(left, right));
}

export function or(...switches: Switch[]): Switch {
  if (switches.some((s) => s === true)) return true;
  const open = switches.filter((s): s is IResolvable => s !== false);
  if (open.length === 0) return false;
  return open.reduce((left, right) => Op.or(left, right));
}

export function not(value: Switch): Switch {
  return typeof value === 'boolean' ? !value : Op.not(value);
}


/** `when ? then : otherwise`, folded when `when` is known. Strings are quoted for HCL (see {@link hclStringBody}). */
export function choose<T>(when: Switch, then: T, otherwise: T): T {
  if (typeof when === 'boolean') return when ? then : otherwise;
  const branch = (value: T): unknown => (typeof value === 'string' ? hclStringBody(value) : value);
  const chosen = Fn.conditional(when, branch(then), branch(otherwise));
  return (typeof then === 'string' ? Token.asString(chosen) : typeof then === 'number' ? Token.asNumber(chosen) : chosen) as T;
}

/** `startswith(text, prefix)`. */
export function startsWith(text: string, prefix: string): Switch {
  if (!Token.isUnresolved(text)) return text.startsWith(prefix);
  return matches(text, `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** `can(regex(pattern, text))`: false for null too (RE2 syntax for tokens; the pattern must mean the same in JavaScript). */
export function matches(text: string, pattern: string): Switch {
  if (!Token.isUnresolved(text)) return new RegExp(pattern).test(text);
  return Token.asAny(Fn.can(Fn.regex(pattern, text))) as IResolvable;
}

/** `first` when set, else `second` (for tokens: `first != null ? first : second`). */
export function firstSet<T>(first: T | undefined, second: T | undefined): T | undefined {
  if (first === undefined) return second;
  if (second === undefined || !Token.isUnresolved(first)) return first;
  return choose(isSet(first), first, second);
}

/** The {@link SwitchLogic} the IAM rules are written against, backed by Terraform expressions. */
export const PLAN_TIME_LOGIC: SwitchLogic = { and, or, not, choose, startsWith, matches };

/**
 * Makes `resource` exist only when `when` holds: nothing to do for `true`; `count = when ? 1 : 0` for a plan-time
 * switch. (A `false` switch means the caller must not create the resource at all.) Read its attributes with
 * {@link attributeOf}.
 */
export function countWhen(resource: TerraformResource, when: Switch): void {
  if (when === false) throw new Error(`countWhen: ${resource.node.path} must not be created when its switch is false`);
  if (when !== true) resource.addOverride('count', Fn.conditional(when, 1, 0));
}

/** An attribute of a resource made optional by {@link countWhen}: `one(type.name[*].attr)` (null when absent). */
export function attributeOf(resource: TerraformResource, when: Switch, attribute: string): string {
  if (when === true) return resource.getStringAttribute(attribute);
  return Token.asString(Fn.one(Token.asList(`${resource.fqn}[*].${attribute}`)));
}

/**
 * Text for an HCL quoted string: cdktf writes string arguments of Terraform functions between quotes without
 * escaping them, so the literal parts are escaped here (`\`, `"`, `${`, `%{`, control characters); token markers are
 * kept, so references still interpolate.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function hclStringBody(text: string): string {
  return text
    .split(/(\$\{TfToken\[[^\]]+\]\})/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\\/g, '\\\\')
            .replace(/"/g, '\\"')
            .replace(/\n/g, '\\n')
            .replace(/\r/g, '\\r')
            .replace(/\t/g, '\\t')
            .replace(/\$\{/g, '$${')
            .replace(/%\{/g, '%%{'),
    )
    .join('');
}
