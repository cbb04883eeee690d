import type { ColumnMetadata, Field, RedshiftDataEmulator } from '../emulator';
import { FetchResultsOptionError } from './errors';
import { isRecord } from './query-list-items';

/** A decoded cell: `isNull` → null, `blobValue` → base64 text, the other `Field` kinds → their value. */
export type CellValue = string | number | boolean | null;

/** The (possibly truncated) result set of one statement, or one sub-statement of a batch. */
export interface StatementRows {
  /** `Index` of the query in the execution output. */
  readonly index: number;
  /** The statement's Id; `<batch id>:<n>` for a sub-statement of a batch. */
  readonly statementId: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
  /** Rows of the whole result set (`TotalNumRows`), also when `rows` holds fewer. */
  readonly totalRows: number;
  /** True when `rows` stops at `maxRows` before the end of the result set. */
  readonly truncated: boolean;
}

/** A statement with a result set whose rows could not be fetched (an API fault, another identity, a CSV statement). */
export interface StatementRowsError {
  readonly index: number;
  readonly statementId: string;
  /** `<ErrorName>: <message>` of the failed Data API call. */
  readonly error: string;
}

export type StatementResult = StatementRows | StatementRowsError;

export interface FetchStatementResultsOptions {
  /**
   * IAM identity that submitted the statements (the Data API hides them from anyone else).
   * @default - the emulator's default identity (only right for statements submitted without one)
   */
  readonly identity?: string;
  /** At most this many rows per statement; later pages are not requested. @default 100 */
  readonly maxRows?: number;
}

/** Default of {@link FetchStatementResultsOptions.maxRows}. */
export const DEFAULT_MAX_RESULT_ROWS = 100;

/**
 * Fetches, with GetStatementResult (following NextToken), the rows of every statement in a query-list
 * execution output (`[{ Index, StatementId, HasResultSet, SubStatementIds? }]`) that has a result set,
 * in output order; batch sub-statements are found with DescribeStatement of the batch. Statements without a
 * result set are skipped; a failed call is reported in its entry (see {@link StatementRowsError}), the
 * others are still fetched. Anything that is not such an output gives `[]`.
 */
export async function fetchStatementResults(emulator: RedshiftDataEmulator, output: unknown, options: FetchStatementResultsOptions = {}): Promise<StatementResult[]> {
  const maxRows = checkedMaxRows(options);
  const identity = options.identity;
  const results: StatementResult[] = [];
  for (const [position, item] of (Array.isArray(output) ? output : []).entries()) {
    if (!isRecord(item) || typeof item.StatementId !== 'string') continue;
    const index = typeof item.Index === 'number' ? item.Index : position;
    try {
      for (const statementId of await statementsWithResultSet(emulator, item, item.StatementId, identity)) {
        results.push(await fetchRows(emulator, index, statementId, identity, maxRows).catch((error: unknown) => rowsError(index, statementId, error)));
      }
    } catch (error) {
      results.push(rowsError(index, item.StatementId, error));
    }
  }
  return results;
}

/** `maxRows` (or its default) once checked: a positive integer. */
export function checkedMaxRows(options: FetchStatementResultsOptions): number {
  const maxRows = options.maxRows ?? DEFAULT_MAX_RESULT_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new FetchResultsOptionError('maxRows', `maxRows must be a positive integer, got ${maxRows}`);
  return maxRows;
}

/** The Ids to fetch for one output entry: itself, or the sub-statements of a batch that have a result set. */
async function statementsWithResultSet(emulator: RedshiftDataEmulator, item: Record<string, unknown>, statementId: string, identity: string | undefined): Promise<string[]> {
  const isBatch = Array.isArray(item.SubStatementIds);
  if (!isBatch && typeof item.HasResultSet === 'boolean') return item.HasResultSet ? [statementId] : [];
  const described = await emulator.describeStatement({ Id: statementId }, identity);
  if (described.SubStatements) return described.SubStatements.filter((sub) => sub.HasResultSet).map((sub) => sub.Id);
  return described.HasResultSet ? [statementId] : [];
}

async function fetchRows(emulator: RedshiftDataEmulator, index: number, statementId: string, identity: string | undefined, maxRows: number): Promise<StatementRows> {
  let page = await emulator.getStatementResult({ Id: statementId }, identity);
  const columns = page.ColumnMetadata.map(columnName);
  const totalRows = page.TotalNumRows;
  const rows: CellValue[][] = page.Records.map((record) => record.map(decodeField));
  while (rows.length < maxRows && page.NextToken !== undefined) {
    page = await emulator.getStatementResult({ Id: statementId, NextToken: page.NextToken }, identity);
    rows.push(...page.Records.map((record) => record.map(decodeField)));
  }
  const kept = rows.slice(0, maxRows);
  return { index, statementId, columns, rows: kept, totalRows, truncated: kept.length < totalRows };
}

function columnName(column: ColumnMetadata): string {
  return column.label || column.name;
}

/** A Data API `Field` as a plain JSON value. */
export function decodeField(field: Field): CellValue {
  if ('isNull' in field) return null;
  if ('longValue' in field) return field.longValue;
  if ('doubleValue' in field) return field.doubleValue;
  if ('booleanValue' in field) return field.booleanValue;
  if ('stringValue' in field) return field.stringValue;
  return Buffer.from(field.blobValue).toString('base64');
}

function rowsError(index: number, statementId: string, error: unknown): StatementRowsError {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { index, statementId, error: message };
}
