/** Opaque NextToken values and GetStatementResult pages. */
import { validationError } from './errors';
import { columnMetadata, encodeRow, rowSize } from './result-encoding';
import type { StoredResult } from './statement-record';
import type { GetStatementResultResponse } from './wire-types';

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

/** One page from `offset`: at most `limits.rows` rows and `limits.bytes` bytes, but always at least one row. */
export function resultPage(result: StoredResult, offset: number, limits: PageLimits, scope: string): GetStatementResultResponse {
  const { fields, rows } = result;
  let end = offset;
  let bytes = 0;
  while (end < rows.length && end - offset < limits.rows) {
    const size = rowSize(rows[end]!);
    if (end > offset && bytes + size > limits.bytes) break;
    bytes += size;
    end++;
  }
  return {
    Records: rows.slice(offset, end).map((row) => encodeRow(fields, row)),
    ColumnMetadata: columnMetadata(fields),
    TotalNumRows: rows.length,
    ...(end < rows.length ? { NextToken: encodeToken(scope, end) } : {}),
  };
}
