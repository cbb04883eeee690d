import type { CellValue, StatementResult } from '../../local-run';

/** Cells longer than this are cut (with "…") so one wide value does not stretch the whole table. */
const MAX_CELL_WIDTH = 60;

/**
 * The fetched rows as small aligned text tables, one per statement, for humans on stderr:
 *
 * ```
 * Query #0 result (StatementId 8f7d…): 2 rows
 * n | name
 * --+-----
 * 1 | a
 * 2 | NULL
 * ```
 */
export function formatResultsTables(results: readonly StatementResult[], maxRows: number): string {
  return results.map((result) => `${formatOne(result, maxRows)}\n`).join('\n');
}

function formatOne(result: StatementResult, maxRows: number): string {
  const title = `Query #${result.index} result (StatementId ${result.statementId})`;
  if ('error' in result) return `${title}: not fetched: ${result.error}`;
  const count = result.truncated
    ? `first ${result.rows.length} of ${result.totalRows} rows (truncated at --max-rows ${maxRows})`
    : `${result.totalRows} ${result.totalRows === 1 ? 'row' : 'rows'}`;
  return [`${title}: ${count}`, ...alignedTable(result.columns, result.rows)].join('\n');
}

function alignedTable(columns: readonly string[], rows: readonly (readonly CellValue[])[]): string[] {
  const header = columns.map(shorten);
  const body = rows.map((row) => row.map((cell) => shorten(cellText(cell))));
  const widths = header.map((name, column) => Math.max(name.length, ...body.map((row) => (row[column] ?? '').length)));
  // Numbers right-aligned, as SQL clients do, when the column holds nothing else.
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === null));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-+-'), ...body.map(line)];
}

function cellText(cell: CellValue): string {
  if (cell === null) return 'NULL';
  return String(cell).replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
}

function shorten(text: string): string {
  return text.length > MAX_CELL_WIDTH ? `${text.slice(0, MAX_CELL_WIDTH - 1)}…` : text;
}
