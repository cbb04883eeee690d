/**
 * Build-time twin of `$rxCompile`'s parser (regex-jsonata.ts): tells whether a deploy-time RetryErrorMatch is inside
 * the supported subset (and its bounds), so `buildDefinition` can reject it at synth time. Property tests keep both
 * in agreement, message for message.
 */
import { RX_MAX_NESTING, RX_MAX_PATTERN_LENGTH, RX_MAX_REPEAT, RX_MAX_STATES } from './regex-jsonata';

class PatternSyntaxError extends Error {}

const isAlnum = (ch: string) => /^[A-Za-z0-9]$/.test(ch);
const CONTROL_ESCAPES = new Set(['n', 't', 'r', 'f', 'v']);
const SHORTHANDS = new Set(['d', 'w', 's', 'D', 'W', 'S']);
const QUANTIFIERS = new Set(['*', '+', '?', '{']);

/** Returns why `pattern` is outside the supported subset, or undefined when it is supported. */
export function checkPatternSyntax(pattern: string): string | undefined {
  // Python str patterns index code points: a character above U+FFFF is one position.
  const c = Array.from(pattern);
  const n = c.length;
  if (n > RX_MAX_PATTERN_LENGTH) return `pattern longer than ${RX_MAX_PATTERN_LENGTH} characters`;
  const fail = (at: number, message: string): never => {
    throw new PatternSyntaxError(`${message} at position ${at}`);
  };
  const escapedLiteral = (e: string) => CONTROL_ESCAPES.has(e) || !isAlnum(e);

  const controls: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
  const classAtom = (i: number): { p: number; literal?: string } => {
    if (c[i] !== '\\') return { p: i + 1, literal: c[i] };
    if (i + 1 >= n) fail(i, 'unterminated character set');
    const e = c[i + 1]!;
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
        if (a.literal!.codePointAt(0)! > b.literal!.codePointAt(0)!) fail(i, `bad character range ${a.literal}-${b.literal}`);
        i = b.p;
      } else {
        i = a.p;
      }
      first = false;
    }
  };
  const digits = (i: number) => {
    let j = i;
    while (j < n && c[j]! >= '0' && c[j]! <= '9') j++;
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
  /** One atom (not a group): where it ends, and whether it is an anchor (which no quantifier may follow). */
  const atom = (i: number): { p: number; anchor: boolean } => {
    const ch = c[i];
    if (ch === '[') return { p: classEnd(c[i + 1] === '^' ? i + 2 : i + 1), anchor: false };
    if (ch === '^' || ch === '$') return { p: i + 1, anchor: true };
    if (ch === '\\') {
      if (i + 1 >= n) fail(i, 'bad escape (end of pattern)');
      const e = c[i + 1]!;
      if (SHORTHANDS.has(e) || escapedLiteral(e)) return { p: i + 2, anchor: false };
      fail(i, `unsupported escape \\${e}`);
    }
    return { p: i + 1, anchor: false };
  };

  /** A group being parsed, as in `$rxCompile`: states of finished alternatives and items, and the last item. */
  interface Frame {
    alternatives: number;
    alternativeStates: number;
    states: number;
    pending?: number;
    kind: '' | 'atom' | 'anchor';
    open: number;
  }
  const frame = (open: number): Frame => ({ alternatives: 0, alternativeStates: 0, states: 0, kind: '', open });
  const sequenceStates = (f: Frame) => f.states + (f.pending ?? 0);
  const groupStates = (f: Frame) => (f.alternatives === 0 ? sequenceStates(f) : 1 + f.alternativeStates + sequenceStates(f));
  const withItem = (f: Frame, states: number, kind: Frame['kind']) => {
    f.states = sequenceStates(f);
    f.pending = states;
    f.kind = kind;
  };

  try {
    const stack: Frame[] = [];
    let f = frame(-1);
    let i = 0;
    while (i < n) {
      const ch = c[i]!;
      if (ch === ')') {
        if (stack.length === 0) fail(i, 'unbalanced parenthesis');
        const states = groupStates(f);
        f = stack.pop()!;
        withItem(f, states, 'atom');
        i++;
      } else if (ch === '|') {
        f.alternativeStates += sequenceStates(f);
        f.alternatives++;
        f.states = 0;
        f.pending = undefined;
        f.kind = '';
        i++;
      } else if (ch === '(') {
        if (c[i + 1] === '?') fail(i, 'unsupported group syntax (?');
        if (stack.length >= RX_MAX_NESTING) fail(i, `more than ${RX_MAX_NESTING} nested groups`);
        stack.push(f);
        f = frame(i);
        i++;
      } else if (QUANTIFIERS.has(ch)) {
        if (f.kind === '') fail(i, ch === '{' ? 'unsupported use of { (escape a literal brace as \\{)' : 'nothing to repeat');
        const q = ch === '*' ? { min: 0, max: -1, p: i + 1 } : ch === '+' ? { min: 1, max: -1, p: i + 1 } : ch === '?' ? { min: 0, max: 1, p: i + 1 } : braces(i);
        if (f.kind === 'anchor') fail(i, 'nothing to repeat');
        if (QUANTIFIERS.has(c[q.p] ?? '')) fail(q.p, 'multiple repeat (lazy, possessive and nested quantifiers are not supported)');
        if (q.min > RX_MAX_REPEAT || q.max > RX_MAX_REPEAT) fail(i, `repeat count above ${RX_MAX_REPEAT}`);
        const x = f.pending!;
        f.pending = q.max === -1 ? q.min * x + 1 + x : q.min * x + (q.max - q.min) * (1 + x);
        i = q.p;
      } else {
        const a = atom(i);
        withItem(f, 1, a.anchor ? 'anchor' : 'atom');
        i = a.p;
      }
    }
    if (stack.length > 0) fail(f.open, 'missing ), unterminated subpattern');
    if (groupStates(f) + 1 > RX_MAX_STATES) return `pattern too large (more than ${RX_MAX_STATES} NFA states)`;
    return undefined;
  } catch (error) {
    if (error instanceof PatternSyntaxError) return error.message;
    throw error;
  }
}
