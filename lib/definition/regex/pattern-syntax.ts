/**
 * Build-time twin of `$rxCompile`'s parser (regex-jsonata.ts): tells whether a deploy-time RetryErrorMatch is inside
 * the supported subset, so `buildDefinition` can reject it at synth time. Property tests keep both in agreement.
 */
import { RX_MAX_REPEAT } from './regex-jsonata';

class PatternSyntaxError extends Error {}

const isAlnum = (ch: string) => /^[A-Za-z0-9]$/.test(ch);
const CONTROL_ESCAPES = new Set(['n', 't', 'r', 'f', 'v']);
const SHORTHANDS = new Set(['d', 'w', 's', 'D', 'W', 'S']);

/** Returns why `pattern` is outside the supported subset, or undefined when it is supported. */
export function checkPatternSyntax(pattern: string): string | undefined {
  const c = pattern.split('');
  const n = c.length;
  const fail = (at: number, message: string): never => {
    throw new PatternSyntaxError(`${message} at position ${at}`);
  };
  const escapedLiteral = (e: string) => CONTROL_ESCAPES.has(e) || !isAlnum(e);

  const controls: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
  const classAtom = (i: number): { p: number; literal?: string } => {
    if (c[i] !== '\\') return { p: i + 1, literal: c[i] };
    if (i + 1 >= n) fail(i, 'unterminated character set');
    const e = c[i + 1];
    if (SHORTHANDS.has(e)) return { p: i + 2 };
    if (escapedLiteral(e)) return { p: i + 2, literal: controls[e] ?? e };
    return fail(i, `unsupported escape \\${e}`);
  };
  const classEnd = (start: number): number => {
    let i = start;
    let first = true;
    for (;;) {
      if (i >= n) fail(i, 'unterminated character set');
      if (c[i] === ']' && !first) return i + 1;
      const a = classAtom(i);
      if (c[a.p] === '-' && a.p + 1 < n && c[a.p + 1] !== ']') {
        const b = classAtom(a.p + 1);
        if (a.literal === undefined || b.literal === undefined) fail(i, 'bad character range');
        if (a.literal! > b.literal!) fail(i, `bad character range ${a.literal}-${b.literal}`);
        i = b.p;
      } else {
        i = a.p;
      }
      first = false;
    }
  };
  const digits = (i: number) => {
    let j = i;
    while (j < n && c[j] >= '0' && c[j] <= '9') j++;
    return { v: c.slice(i, j).join(''), p: j };
  };
  const braces = (i: number): { min: number; max: number; p: number } => {
    const lo = digits(i + 1);
    const brace = 'unsupported use of { (escape a literal brace as \\{)';
    if (lo.v === '') fail(i, 'unsupported use of { (escape a literal brace as \\{; write {0,n} rather than {,n})');
    if (c[lo.p] === '}') return { min: Number(lo.v), max: Number(lo.v), p: lo.p + 1 };
    if (c[lo.p] !== ',') fail(i, brace);
    const hi = digits(lo.p + 1);
    if (c[hi.p] !== '}') fail(i, brace);
    if (hi.v === '') return { min: Number(lo.v), max: -1, p: hi.p + 1 };
    if (Number(lo.v) > Number(hi.v)) fail(i, 'min repeat greater than max repeat');
    return { min: Number(lo.v), max: Number(hi.v), p: hi.p + 1 };
  };
  const atom = (i: number): { p: number; anchor: boolean } => {
    const ch = c[i];
    if (ch === '(') {
      if (c[i + 1] === '?') fail(i, 'unsupported group syntax (?');
      const end = alternation(i + 1);
      if (c[end] !== ')') fail(i, 'missing ), unterminated subpattern');
      return { p: end + 1, anchor: false };
    }
    if (ch === '[') return { p: classEnd(c[i + 1] === '^' ? i + 2 : i + 1), anchor: false };
    if (ch === '^' || ch === '$') return { p: i + 1, anchor: true };
    if (ch === '\\') {
      if (i + 1 >= n) fail(i, 'bad escape (end of pattern)');
      const e = c[i + 1];
      if (SHORTHANDS.has(e) || escapedLiteral(e)) return { p: i + 2, anchor: false };
      fail(i, `unsupported escape \\${e}`);
    }
    if (ch === '*' || ch === '+' || ch === '?') fail(i, 'nothing to repeat');
    if (ch === '{') fail(i, 'unsupported use of { (escape a literal brace as \\{)');
    return { p: i + 1, anchor: false };
  };
  const quantifier = (a: { p: number; anchor: boolean }): number => {
    const i = a.p;
    const ch = c[i];
    let q: { min: number; max: number; p: number } | undefined;
    if (ch === '*') q = { min: 0, max: -1, p: i + 1 };
    else if (ch === '+') q = { min: 1, max: -1, p: i + 1 };
    else if (ch === '?') q = { min: 0, max: 1, p: i + 1 };
    else if (ch === '{') q = braces(i);
    if (q === undefined) return i;
    if (a.anchor) fail(i, 'nothing to repeat');
    if (['*', '+', '?', '{'].includes(c[q.p])) fail(q.p, 'multiple repeat (lazy, possessive and nested quantifiers are not supported)');
    if (q.min > RX_MAX_REPEAT || q.max > RX_MAX_REPEAT) fail(i, `repeat count above ${RX_MAX_REPEAT}`);
    return q.p;
  };
  const sequence = (start: number): number => {
    let i = start;
    while (i < n && c[i] !== '|' && c[i] !== ')') i = quantifier(atom(i));
    return i;
  };
  const alternation = (start: number): number => {
    let i = sequence(start);
    while (c[i] === '|') i = sequence(i + 1);
    return i;
  };

  try {
    const end = alternation(0);
    if (end < n) fail(end, 'unbalanced parenthesis');
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error.message;
    throw error;
  }
}
