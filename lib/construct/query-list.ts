import { Token } from 'cdktf';
import { CLUSTER_IDENTIFIER_RULE, DATABASE_NAME_RULE, DB_USER_RULE, nameProblem, WORKGROUP_ARN_PATTERN, WORKGROUP_NAME_RULE, type NameRule } from '../input-rules';
import { checkPatternSyntax, ITEM_KEYS, MAX_BATCH_SQLS, NUMERIC_SETTINGS, satisfiesNumericRule, STATEMENT_PARAMETER_KEYS } from '../definition';

/** One item of the execution input: a SQL string (run with the defaults) or an object with per-query settings. */
export type QueryItem = string | QueryItemObject;

export interface QueryItemObject {
  /**
   * A SQL string, or Redshift Data ExecuteStatement / BatchExecuteStatement parameters (`Sql` or `Sqls`).
   * @default - none: only valid with `StatementId` (resume polling a submitted statement)
   */
  readonly ExecuteStatementParameters?: string | Readonly<Record<string, unknown>>;
  readonly InitialWaitTime?: number;
  readonly BaseWaitTime?: number;
  readonly WaitMultiplier?: number;
  readonly MaxWait?: number;
  readonly MaxRetries?: number;
  readonly RetryErrorMatch?: string;
  readonly TimeoutSeconds?: number | null;
  /** Resume polling a statement already submitted instead of submitting one. */
  readonly StatementId?: string;
  readonly [field: string]: unknown;
}

/** What the construct knows about defaults: a query may omit what a default provides. */
export interface QueryListContext {
  readonly hasDefaultTarget: boolean;
  readonly hasDefaultDatabase: boolean;
}

/** EventBridge and Scheduler limit a target's constant input to 8,192 characters. */
export const MAX_TARGET_INPUT_LENGTH = 8192;
const KNOWN_FIELDS = new Set(ITEM_KEYS);
const STATEMENT_PARAMETERS = new Set(STATEMENT_PARAMETER_KEYS);

/** The execution input a trigger sends: the object form the state machine accepts (D16: never a raw event). */
export function executionInput(queries: readonly QueryItem[]): { Queries: readonly QueryItem[] } {
  return { Queries: queries };
}

/**
 * What is wrong with a query list, as `[path, problem]`, or undefined when it is valid as far as synth time can
 * tell. Tokens are accepted unchecked.
 */
export function queryListProblem(queries: unknown, context: QueryListContext): [string, string] | undefined {
  if (Token.isUnresolved(queries)) return undefined;
  if (!Array.isArray(queries) || queries.length === 0) return ['', 'must be a non-empty array of queries.'];
  for (const [index, item] of queries.entries()) {
    const problem = queryItemProblem(item, context);
    if (problem) return [`[${index}]${problem[0]}`, problem[1]];
  }
  return undefined;
}

function queryItemProblem(item: unknown, context: QueryListContext): [string, string] | undefined {
  if (typeof item === 'string') {
    if (item.trim() === '') return ['', 'is an empty SQL string.'];
    return context.hasDefaultTarget && context.hasDefaultDatabase
      ? undefined
      : ['', 'is a bare SQL string, but the construct has no default target and database: give ExecuteStatementParameters with ClusterIdentifier or WorkgroupName and Database.'];
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return ['', `must be a SQL string or an object with ExecuteStatementParameters. Received: ${JSON.stringify(item)}`];
  }
  const record = item as Record<string, unknown>;
  const unknownField = Object.keys(record).find((field) => !KNOWN_FIELDS.has(field));
  if (unknownField) return [`.${unknownField}`, `is not a query field (expected one of ${ITEM_KEYS.join(', ')}).`];
  for (const rule of NUMERIC_SETTINGS) {
    const value = record[rule.key];
    if (value === undefined || Token.isUnresolved(value) || satisfiesNumericRule(rule, value)) continue;
    const range = `${rule.minExclusive ? 'above' : 'from'} ${rule.min} ${rule.minExclusive ? 'and at most' : 'to'} ${rule.max}`;
    return [`.${rule.key}`, `must be ${rule.integer ? 'an integer' : 'a number'} ${range}${rule.nullable ? ' (or null)' : ''}. Received: ${JSON.stringify(value)}`];
  }
  const { BaseWaitTime: base, MaxWait: max } = record;
  if (typeof base === 'number' && typeof max === 'number' && max < base) {
    return ['.MaxWait', `(${max}) is smaller than BaseWaitTime (${base}): MaxWait caps every interval between status checks and every retry delay, so BaseWaitTime would never be used.`];
  }
  const pattern = record.RetryErrorMatch;
  if (pattern !== undefined && !Token.isUnresolved(pattern)) {
    if (typeof pattern !== 'string') return ['.RetryErrorMatch', `must be a string (a regular expression). Received: ${JSON.stringify(pattern)}`];
    const unsupported = checkPatternSyntax(pattern);
    if (unsupported) return ['.RetryErrorMatch', `${JSON.stringify(pattern)} is not supported: ${unsupported}.`];
  }
  const parameters = record.ExecuteStatementParameters;
  if (parameters === undefined && record.StatementId !== undefined) return undefined; // resumes polling a statement
  if (typeof parameters === 'string') {
    const problem = queryItemProblem(parameters, context);
    return problem && ['.ExecuteStatementParameters', problem[1]];
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return ['.ExecuteStatementParameters', 'must be a SQL string or an object with Sql or Sqls.'];
  }
  return parametersProblem(parameters as Record<string, unknown>, context);
}

function parametersProblem(parameters: Record<string, unknown>, context: QueryListContext): [string, string] | undefined {
  const at = (field: string): string => `.ExecuteStatementParameters.${field}`;
  const unknownKey = Object.keys(parameters).find((key) => !STATEMENT_PARAMETERS.has(key));
  if (unknownKey) return [at(unknownKey), `is not an ExecuteStatement / BatchExecuteStatement parameter (expected one of ${STATEMENT_PARAMETER_KEYS.join(', ')}).`];
  const { Sql: sql, Sqls: sqls } = parameters;
  if ((sql === undefined) === (sqls === undefined)) return [at('Sql'), 'exactly one of Sql (one statement) and Sqls (a batch) must be given.'];
  if (sql !== undefined && !Token.isUnresolved(sql) && (typeof sql !== 'string' || sql.trim() === '')) {
    return [at('Sql'), 'must be a non-empty SQL string.'];
  }
  if (sqls !== undefined && !Token.isUnresolved(sqls)) {
    if (!Array.isArray(sqls) || sqls.length === 0 || sqls.length > MAX_BATCH_SQLS) {
      return [at('Sqls'), `must be an array of 1 to ${MAX_BATCH_SQLS} SQL strings.`];
    }
    const blank = sqls.findIndex((statement) => typeof statement !== 'string' || statement.trim() === '');
    if (blank >= 0) return [at(`Sqls[${blank}]`), 'must be a non-empty SQL string.'];
  }
  if (parameters.ClusterIdentifier !== undefined && parameters.WorkgroupName !== undefined) {
    return [at('WorkgroupName'), 'cannot be given together with ClusterIdentifier.'];
  }
  const names: [string, NameRule][] = [['ClusterIdentifier', CLUSTER_IDENTIFIER_RULE], ['Database', DATABASE_NAME_RULE], ['DbUser', DB_USER_RULE]];
  const workgroup = parameters.WorkgroupName;
  if (!(typeof workgroup === 'string' && new RegExp(WORKGROUP_ARN_PATTERN).test(workgroup))) names.push(['WorkgroupName', WORKGROUP_NAME_RULE]);
  for (const [field, rule] of names) {
    const value = parameters[field];
    const problem = value === undefined || Token.isUnresolved(value) ? undefined : nameProblem(rule, value as string);
    if (problem) return [at(field), problem];
  }
  const namesTarget = parameters.ClusterIdentifier !== undefined || parameters.WorkgroupName !== undefined;
  if (!context.hasDefaultTarget && !namesTarget) {
    return [at('ClusterIdentifier'), 'is required (or WorkgroupName): the construct has no default cluster or workgroup.'];
  }
  if (!context.hasDefaultDatabase && parameters.Database === undefined) {
    return [at('Database'), 'is required: the construct has no default database.'];
  }
  return undefined;
}
