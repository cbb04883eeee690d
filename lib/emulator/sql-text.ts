/**
 * A small SQL lexer: enough to tell code from string literals, quoted identifiers, dollar quotes and
 * comments, so `;` and `:name` are only recognised where Postgres/Redshift would see them.
 */
import { validationError } from './errors';

export type SqlSegmentKind = 'code' | 'string' | 'identifier' | 'comment';

export interface SqlSegment {
  readonly kind: SqlSegmentKind;
  readonly text: string;
}

/** Cuts SQL into segments; an unterminated literal or comment runs to the end (the database reports it). */
export function segmentSql(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let codeStart = 0;
  let i = 0;
  const push = (kind: SqlSegmentKind, start: number, end: number) => {
    if (end > start) segments.push({ kind, text: sql.slice(start, end) });
  };
  while (i < sql.length) {
    const end = literalEnd(sql, i);
    if (end === undefined) {
      i++;
      continue;
    }
    push('code', codeStart, i);
    push(end.kind, i, end.index);
    i = end.index;
    codeStart = i;
  }
  push('code', codeStart, sql.length);
  return segments;
}

function literalEnd(sql: string, i: number): { kind: SqlSegmentKind; index: number } | undefined {
  const c = sql[i]!;
  const next = sql[i + 1];
  if (c === '-' && next === '-') {
    const newline = sql.indexOf('\n', i);
    return { kind: 'comment', index: newline < 0 ? sql.length : newline + 1 };
  }
  if (c === '/' && next === '*') return { kind: 'comment', index: blockCommentEnd(sql, i) };
  if (c === "'") {
    const escapes = i > 0 && /[eE]/.test(sql[i - 1]!) && (i < 2 || !/[\w$]/.test(sql[i - 2]!));
    return { kind: 'string', index: quotedEnd(sql, i, "'", escapes) };
  }
  if (c === '"') return { kind: 'identifier', index: quotedEnd(sql, i, '"', false) };
  if (c === '$' && (i === 0 || !/[\w$]/.test(sql[i - 1]!))) {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return { kind: 'string', index: close < 0 ? sql.length : close + tag[0].length };
    }
  }
  return undefined;
}

function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function blockCommentEnd(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

/** The statements of a `;`-separated script, each trimmed; empty ones (only blanks/comments) are left out. */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const segment of segmentSql(sql)) {
    if (segment.kind !== 'code') {
      current += segment.text;
      continue;
    }
    const parts = segment.text.split(';');
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim() !== '');
}

/** SQL with comments blanked out (string literals kept), to look at keywords. */
export function stripComments(sql: string): string {
  return segmentSql(sql)
    .map((s) => (s.kind === 'comment' ? ' ' : s.text))
    .join('');
}

/** SQL with comments, literals and quoted identifiers blanked out: only keywords and bare names remain. */
export function codeOnly(sql: string): string {
  return segmentSql(sql)
    .map((s) => (s.kind === 'code' ? s.text : ' '))
    .join('');
}

/** `:name` placeholders (not `::` casts) in code, in order of appearance, duplicates kept. */
export function namedPlaceholders(sql: string): string[] {
  const names: string[] = [];
  for (const segment of segmentSql(sql)) {
    if (segment.kind !== 'code') continue;
    for (const match of segment.text.matchAll(PLACEHOLDER)) names.push(match[2]!);
  }
  return names;
}

// `(^|[^:])` keeps `a::int` out; a name must start right after the colon.
const PLACEHOLDER = /(^|[^:]):([0-9a-zA-Z_]+)/g;

export interface BoundSql {
  /** SQL with `$1..$n` in place of `:name`. */
  readonly text: string;
  /** Values for `$1..$n`, as strings (the database casts them, as Redshift does). */
  readonly values: string[];
}

/**
 * Rewrites Redshift Data API named parameters (`:name`) into Postgres positional ones.
 * Every placeholder must have a parameter (else ValidationException naming it).
 */
export function bindNamedParameters(sql: string, parameters: readonly { name: string; value: string }[], where: string): BoundSql {
  const byName = new Map(parameters.map((p) => [p.name, p.value]));
  const positions = new Map<string, number>();
  const values: string[] = [];
  const text = segmentSql(sql)
    .map((segment) => {
      if (segment.kind !== 'code') return segment.text;
      return segment.text.replace(PLACEHOLDER, (_whole, before: string, name: string) => {
        const value = byName.get(name);
        if (value === undefined) {
          throw validationError(
            `${where} uses the named parameter :${name}, but Parameters has no entry named '${name}' (names: ${[...byName.keys()].join(', ') || 'none'})`,
          );
        }
        let position = positions.get(name);
        if (position === undefined) {
          values.push(value);
          position = values.length;
          positions.set(name, position);
        }
        return `${before}$${position}`;
      });
    })
    .join('');
  return { text, values };
}
