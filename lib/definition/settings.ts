/**
 * The per-query settings: their defaults and validity rules, shared by the build-time option checks (TypeScript)
 * and the run-time input checks (JSONata inside the state machine), so both give the same message.
 */
import type { DefinitionOptions } from './options';

/** Largest value a Wait state accepts for `Seconds` (a year and more); generated waits never come near it. */
export const MAX_WAIT_SECONDS = 99_999_999;

/**
 * Largest wait setting and TimeoutSeconds accepted: Data API statements run at most 24 h and their results are kept
 * 24 h, so waiting longer than a day between two checks can only lose the statement.
 */
export const MAX_SETTING_SECONDS = 86_400;

/**
 * Largest MaxRetries: one retry costs at least 16 history events (resubmit Wait 2 + submit Task 5 + Wait 2 +
 * DescribeStatement 5 + CheckStatus 2), so 1,000 retries (16,000 events) still fit the 24,000-event budget of one
 * execution; more could never run. Error texts kept per item are bounded separately ({@link MAX_KEPT_ERRORS}).
 */
export const MAX_RETRIES_LIMIT = 1_000;

/** Error texts of earlier attempts kept per item (the last ones), so a retried item's entry stays small. */
export const MAX_KEPT_ERRORS = 5;

/**
 * Largest execution input accepted, in UTF-8 bytes of its compact JSON text. ValidateInput keeps the query list
 * (keyed by index: at most 6 more bytes per item) in one variable, and Step Functions limits the variables one
 * Assign sets to 256 KiB (262,144 bytes) together: 240,000 + 6 × 1,000 items leaves room for the other variables
 * ValidateInput sets, so a large input fails with InvalidInput instead of the uncatchable States.DataLimitExceeded.
 */
export const MAX_INPUT_BYTES = 240_000;

/**
 * Largest SQL text of one item (Sql, or all Sqls of a batch together), in UTF-8 bytes: the Data API's 100 KiB for
 * one statement. A DescribeStatement answer echoes a batch's SQL twice (QueryString and each sub-statement), so
 * this also keeps that answer under the 256 KiB a task result may have.
 */
export const MAX_ITEM_SQL_BYTES = 102_400;

/** The Data API's statement Id (DescribeStatement's `Id` pattern), optionally with a sub-statement suffix. */
export const STATEMENT_ID_PATTERN = '^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d+)?$';

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
  { key: 'InitialWaitTime', option: 'initialWaitTime', min: 0, minExclusive: false, max: MAX_SETTING_SECONDS, integer: false, nullable: false, requirement: `a number from 0 to ${MAX_SETTING_SECONDS}` },
  { key: 'BaseWaitTime', option: 'baseWaitTime', min: 0, minExclusive: true, max: MAX_SETTING_SECONDS, integer: false, nullable: false, requirement: `a number above 0 and at most ${MAX_SETTING_SECONDS}` },
  { key: 'WaitMultiplier', option: 'waitMultiplier', min: 1, minExclusive: false, max: 1000, integer: false, nullable: false, requirement: 'a number from 1 to 1000' },
  { key: 'MaxWait', option: 'maxWait', min: 0, minExclusive: true, max: MAX_SETTING_SECONDS, integer: false, nullable: false, requirement: `a number above 0 and at most ${MAX_SETTING_SECONDS}` },
  { key: 'MaxRetries', option: 'maxRetries', min: 0, minExclusive: false, max: MAX_RETRIES_LIMIT, integer: true, nullable: false, requirement: `a non-negative integer (at most ${MAX_RETRIES_LIMIT})` },
  { key: 'TimeoutSeconds', option: 'timeoutSeconds', min: 0, minExclusive: true, max: MAX_SETTING_SECONDS, integer: false, nullable: true, requirement: `a number above 0 and at most ${MAX_SETTING_SECONDS}, or null for no limit` },
];

/** Keys an execution-input item object may carry. */
export const ITEM_KEYS = ['ExecuteStatementParameters', 'StatementId', 'RetryErrorMatch', ...NUMERIC_SETTINGS.map((rule) => rule.key)];

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
