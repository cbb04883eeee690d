import { Token } from 'cdktf';
import { nameProblem, type NameRule } from '../input-rules';
import { ConstructValidationError } from './errors';

interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Synth-time checks bound to one construct path; every check skips undefined values and unresolved tokens. */
export class PropChecks {
  constructor(private readonly constructPath: string) {}

  fail(prop: string, problem: string): never {
    throw new ConstructValidationError(this.constructPath, prop, problem);
  }

  number(prop: string, value: number | undefined, rule: NumberRule): void {
    if (!isKnown(value)) return;
    const range = `${rule.integer ? 'an integer' : 'a number'}${rule.min !== undefined ? ` >= ${rule.min}` : ''}${
      rule.max !== undefined ? ` and <= ${rule.max}` : ''
    }`;
    const bad =
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (rule.integer && !Number.isInteger(value)) ||
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max);
    if (bad) this.fail(prop, `must be ${range}. Received: ${JSON.stringify(value)}`);
  }

  pattern(prop: string, value: string | undefined, pattern: RegExp, expected: string): void {
    if (!isKnown(value)) return;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.fail(prop, `must be ${expected}. Received: ${JSON.stringify(value)}`);
    }
  }

  /** A Redshift name (cluster, workgroup, database, user): the message quotes the rule AWS states. */
  name(prop: string, value: string | undefined, rule: NameRule): void {
    if (!isKnown(value)) return;
    const problem = nameProblem(rule, value);
    if (problem) this.fail(prop, problem);
  }

  oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): void {
    if (!isKnown(value)) return;
    if (!allowed.includes(value)) {
      this.fail(prop, `must be one of ${allowed.map((item) => JSON.stringify(item)).join(', ')}. Received: ${JSON.stringify(value)}`);
    }
  }
}

/** Set and known at synth time (not a token). */
export function isKnown<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}
