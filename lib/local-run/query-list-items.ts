/** What the progress display needs to know about each item of a query list (seed input format). */
export interface QueryListItemSummary {
  /** The SQL text (statements of a batch joined by "; "), when the item has one. */
  readonly sql?: string;
  /** Set when the item resumes a statement instead of submitting one. */
  readonly statementId?: string;
}

/**
 * Reads the items of an execution input without validating them: the state machine does that and
 * fails with `RedshiftQuery.InvalidInput`. Accepts a list or `{ "Queries": [...] }`.
 */
export function summarizeQueryList(input: unknown): QueryListItemSummary[] {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.Queries) ? input.Queries : [];
  return list.map(summarizeItem);
}

function summarizeItem(item: unknown): QueryListItemSummary {
  if (typeof item === 'string') return { sql: item };
  if (!isRecord(item)) return {};
  const statementId = typeof item.StatementId === 'string' ? item.StatementId : undefined;
  const parameters = item.ExecuteStatementParameters;
  if (typeof parameters === 'string') return { sql: parameters, statementId };
  if (isRecord(parameters)) return { sql: sqlOf(parameters), statementId };
  return { statementId };
}

/** The SQL of ExecuteStatement / BatchExecuteStatement parameters, batch statements joined by "; ". */
export function sqlOf(parameters: Record<string, unknown>): string | undefined {
  if (typeof parameters.Sql === 'string') return parameters.Sql;
  if (Array.isArray(parameters.Sqls)) return parameters.Sqls.filter((s): s is string => typeof s === 'string').join('; ');
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
