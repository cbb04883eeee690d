/** Opaque NextToken values and GetStatementResult(V2) pages. */
import { validationError } from './errors';
import { columnMetadata, encodeRow, rowSize } from './result-encoding';
import type { StoredResult } from './statement-record';
import type { GetStatementResultResponse, GetStatementResultV2Response } from './wire-types';

/** A NextToken bound to one request scope (a statement Id, or `list`), so a token cannot be replayed elsewhere. */
export function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

export function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    /* reported below */
  }
  throw validationError(`NextToken ${JSON.stringify(token)} is not valid for this request; pass the NextToken of the previous page unchanged`);
}

export interface PageLimits {
  readonly rows: number;
  readonly bytes: number;
}

/** End (exclusive) of the page from `offset`: at most `limits.rows` rows and `limits.bytes` bytes, but at least one row. */
function pageEnd(rows: StoredResult['rows'], offset: number, limits: PageLimits): number {
  let end = offset;
  let bytes = 0;
  while (end < rows.length && end - offset < limits.rows) {
    const size = rowSize(rows[end]!);
    if (end > offset && bytes + size > limits.bytes) break;
    bytes += size;
    end++;
  }
  return end;
}

export function resultPage(result: StoredResult, offset: number, limits: PageLimits, scope: string): GetStatementResultResponse {
  const end = pageEnd(result.rows, offset, limits);
  return {
    Records: result.rows.slice(offset, end).map((row) => encodeRow(result.fields, row)),
    ColumnMetadata: columnMetadata(result.fields),
    TotalNumRows: result.rows.length,
    ...(end < result.rows.length ? { NextToken: encodeToken(scope, end) } : {}),
  };
}

/** A GetStatementResultV2 page: the rows as one CSV string, with a header line on the first page; NULL is an empty field. */
export function csvPage(result: StoredResult, offset: number, limits: PageLimits, scope: string): GetStatementResultV2Response {
  const end = pageEnd(result.rows, offset, limits);
  const lines = result.rows.slice(offset, end).map((row) => row.map(csvField).join(','));
  if (offset === 0) lines.unshift(result.fields.map((f) => csvField(f.name)).join(','));
  return {
    Records: [{ CSVRecords: lines.map((line) => `${line}\n`).join('') }],
    ColumnMetadata: columnMetadata(result.fields),
    TotalNumRows: result.rows.length,
    ResultFormat: 'CSV',
    ...(end < result.rows.length ? { NextToken: encodeToken(scope, end) } : {}),
  };
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
