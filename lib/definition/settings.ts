/**
 * The per-query settings: their defaults and validity rules, shared by the build-time option checks (TypeScript)
 * and the run-time input checks (JSONata inside the state machine), so both give the same message.
 */
import type { DefinitionOptions } from './options';

/** Largest value a Wait state accepts for `Seconds`. */
export const MAX_WAIT_SECONDS = 99_999_999;

/** Defaults of every per-query setting, as in the original template. */
export const DEFINITION_DEFAULTS = {
  initialWaitTime: 30,
  baseWaitTime: 15,
  waitMultiplier: 1,
  maxWait: 450,
  maxRetries: 10,
  retryErrorMatch: '',
} as const;

/** The per-query settings that have a default. */
export type DefaultedSettings = Required<Pick<DefinitionOptions, keyof typeof DEFINITION_DEFAULTS>>;

/** The defaulted per-query settings of `options`, each one left out (or null) replaced by its default. */
export function withDefinitionDefaults(options: Partial<DefaultedSettings>): DefaultedSettings {
  return {
    initialWaitTime: options.initialWaitTime ?? DEFINITION_DEFAULTS.initialWaitTime,
    baseWaitTime: options.baseWaitTime ?? DEFINITION_DEFAULTS.baseWaitTime,
    waitMultiplier: options.waitMultiplier ?? DEFINITION_DEFAULTS.waitMultiplier,
    maxWait: options.maxWait ?? DEFINITION_DEFAULTS.maxWait,
    maxRetries: options.maxRetries ?? DEFINITION_DEFAULTS.maxRetries,
    retryErrorMatch: options.retryErrorMatch ?? DEFINITION_DEFAULTS.retryErrorMatch,
  };
}

export interface NumericSettingRule {
  /** Key in an execution-input item (PascalCase, seed-compatible). */
  readonly key: 'InitialWaitTime' | 'BaseWaitTime' | 'WaitMultiplier' | 'MaxWait' | 'MaxRetries' | 'TimeoutSeconds';
  /** Matching deploy-time option. */
  readonly option: keyof DefinitionOptions;
  readonly min: number;
  /** `min` itself is not allowed. */
  readonly minExclusive: boolean;
  readonly max: number;
  readonly integer: boolean;
  /** `null` means "no limit" (only TimeoutSeconds). */
  readonly nullable: boolean;
  /** Completes "<key> must be ...". */
  readonly requirement: string;
}

export const NUMERIC_SETTINGS: readonly NumericSettingRule[] = [
  { key: 'InitialWaitTime', option: 'initialWaitTime', min: 0, minExclusive: false, max: MAX_WAIT_SECONDS, integer: false, nullable: false, requirement: `a number from 0 to ${MAX_WAIT_SECONDS}` },
  { key: 'BaseWaitTime', option: 'baseWaitTime', min: 0, minExclusive: true, max: MAX_WAIT_SECONDS, integer: false, nullable: false, requirement: `a number above 0 and at most ${MAX_WAIT_SECONDS}` },
  { key: 'WaitMultiplier', option: 'waitMultiplier', min: 1, minExclusive: false, max: 1000, integer: false, nullable: false, requirement: 'a number from 1 to 1000' },
  { key: 'MaxWait', option: 'maxWait', min: 0, minExclusive: true, max: MAX_WAIT_SECONDS, integer: false, nullable: false, requirement: `a number above 0 and at most ${MAX_WAIT_SECONDS}` },
  { key: 'MaxRetries', option: 'maxRetries', min: 0, minExclusive: false, max: 10_000, integer: true, nullable: false, requirement: 'a non-negative integer (at most 10000)' },
  { key: 'TimeoutSeconds', option: 'timeoutSeconds', min: 0, minExclusive: true, max: MAX_WAIT_SECONDS, integer: false, nullable: true, requirement: `a number above 0 and at most ${MAX_WAIT_SECONDS}, or null for no limit` },
];

/** Keys an execution-input item object may carry. */
export const ITEM_KEYS = ['ExecuteStatementParameters', 'StatementId', 'RetryErrorMatch', ...NUMERIC_SETTINGS.map((rule) => rule.key), 'CompletionMode'];

/** ExecuteStatement / BatchExecuteStatement fields an item may pass (ClientToken is ours). */
export const STATEMENT_PARAMETER_KEYS = [
  'Sql', 'Sqls', 'ClusterIdentifier', 'WorkgroupName', 'Database', 'DbUser', 'SecretArn', 'Parameters',
  'StatementName', 'WithEvent', 'SessionId', 'SessionKeepAliveSeconds', 'ResultFormat',
];

/** String-valued statement fields (checked for type). */
export const STATEMENT_STRING_KEYS = ['ClusterIdentifier', 'WorkgroupName', 'Database', 'DbUser', 'SecretArn', 'StatementName', 'SessionId'];

/** The Data API limit on Sqls of one BatchExecuteStatement. */
export const MAX_BATCH_SQLS = 40;

/** Whether a known value satisfies a numeric rule. */
export function satisfiesNumericRule(rule: NumericSettingRule, value: unknown): boolean {
  if (value === null) return rule.nullable;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (rule.minExclusive ? value <= rule.min : value < rule.min) return false;
  if (value > rule.max) return false;
  return !rule.integer || Number.isInteger(value);
}
