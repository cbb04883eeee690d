import jsonata = require('jsonata');
import { BoundedCache } from './bounded-cache';
import { findUnsupportedReferences, type UnsupportedReference } from './jsonata-references';

/** What the validator needs from a parsed expression: what it refers to that AWS refuses, or why it does not parse. */
export type ParsedExpression =
  | { readonly ok: true; readonly unsupported: readonly UnsupportedReference[] }
  | { readonly ok: false; readonly message: string; readonly code?: string; readonly position?: number };

/** Enough for repeated validation of the same definitions (the runtime validates before every execution). */
const PARSE_CACHE_CAPACITY = 2000;
const cache = new BoundedCache<string, ParsedExpression>(PARSE_CACHE_CAPACITY);

/** Parses a JSONata expression body (the text between `{%` and `%}`) with jsonata 2.0.6, as Step Functions does. */
export function parseExpression(body: string): ParsedExpression {
  const cached = cache.get(body);
  if (cached) return cached;
  let parsed: ParsedExpression;
  try {
    parsed = { ok: true, unsupported: findUnsupportedReferences(jsonata(body).ast()) };
  } catch (thrown) {
    const error = thrown as { message?: unknown; code?: unknown; position?: unknown };
    parsed = {
      ok: false,
      message: typeof error.message === 'string' ? error.message : String(thrown),
      code: typeof error.code === 'string' ? error.code : undefined,
      position: typeof error.position === 'number' ? error.position : undefined,
    };
  }
  cache.set(body, parsed);
  return parsed;
}

/** `{% ... %}`: the whole string is one expression (AWS schema pattern `^{%(.*)%}$`). */
export function isExpressionString(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');
}
