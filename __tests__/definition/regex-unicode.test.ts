/**
 * RetryErrorMatch agrees with CPython `re.match` (default flags, str pattern) on non-ASCII text: a character above
 * U+FFFF is one character, and `\d \w \s` are Unicode classes. The expected answers below were taken from CPython;
 * when python3 is on the PATH the test asks it again, and checks the generated Unicode tables against it.
 */
import { execFileSync } from 'node:child_process';
import jsonata from 'jsonata';
import { checkPatternSyntax } from '../../lib/definition/regex/pattern-syntax';
import { RX_COMPILE_FUNCTION, RX_MATCH_FUNCTION, RX_TEXT_PREFIX } from '../../lib/definition/regex/regex-jsonata';
import { DIGIT_RANGES, SPACE_RANGES, UNICODE_VERSION, WORD_RANGES } from '../../lib/definition/regex/unicode-classes';

const engine = jsonata(`( ${RX_COMPILE_FUNCTION}; ${RX_MATCH_FUNCTION};
  $compiled := $rxCompile($pattern);
  $exists($compiled.e) ? {"error": $compiled.e} : {"matches": $rxMatch($compiled, $text)} )`);

async function ours(pattern: string, text: string): Promise<boolean | string> {
  const result = (await engine.evaluate({}, { pattern, text })) as { error?: string; matches?: boolean };
  return result.error ?? result.matches!;
}

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'import re'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!python && process.env.CI === 'true') throw new Error('python3 is required under CI=true for the CPython checks of RetryErrorMatch');

/** CPython's answers: `re.match(p, t)` as a boolean, or the `re.error` message. */
function cpython(cases: ReadonlyArray<readonly [string, string]>): Array<boolean | string> {
  const script = [
    'import json, re, sys',
    'out = []',
    'for p, t in json.load(sys.stdin):',
    '    try:',
    '        out.append(bool(re.match(p, t)))',
    '    except re.error as e:',
    '        out.append(str(e))',
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(cases) }).toString()) as Array<boolean | string>;
}

/** [pattern, text, CPython's answer]: accented, Cyrillic, CJK, emoji, NBSP, fullwidth digits and more. */
const CASES: ReadonlyArray<readonly [string, string, boolean | string]> = [
  ['.', '😀', true],
  ['.$', '😀', true],
  ['..', '😀', false],
  ['.{2}$', '😀😀', true],
  ['[^"]$', '😀', true],
  ['[^"]{2}', '😀', false],
  ['[😀-🙏]', '🙂', true],
  ['[😀-🙏]', '🚀', false],
  ['[😀-🙏]+$', '😀🙂🙏', true],
  ['[！-😀]', '🌍', true], // from the BMP to above U+FFFF: UTF-16 order would call this range reversed
  ['[！-😀]', 'Ａ', true],
  ['[！-😀]', 'a', false],
  ['[^😀]', '😀', false],
  ['😀?a', 'a', true],
  ['\\d', '١', true], // ARABIC-INDIC DIGIT ONE
  ['\\d', '１', true], // FULLWIDTH DIGIT ONE
  ['\\d', '²', false], // superscript two: numeric, not a decimal digit
  ['\\w', '²', true],
  ['\\d+$', '１２３', true],
  ['\\w', 'é', true],
  ['\\w', 'Ж', true],
  ['\\w', '中', true],
  ['\\w', '😀', false],
  ['\\w', '𝟘', true], // MATHEMATICAL DOUBLE-STRUCK DIGIT ZERO, above U+FFFF
  ['\\w+$', 'Ошибка_数据', true],
  ['\\W', '\u00a0', true],
  ['\\s', '\u00a0', true], // NO-BREAK SPACE
  ['\\s', '\u3000', true], // IDEOGRAPHIC SPACE
  ['\\s', '\u001c', true], // FILE SEPARATOR: whitespace for str.isspace
  ['\\s', '\u200b', false], // ZERO WIDTH SPACE is not
  ['\\S', '\u2028', false],
  ['[\\d\\s]+$', '١ ２\u00a0', true],
  ['[^\\W\\d]+$', 'éЖ中', true],
  ['[^\\W\\d]', '٣', false],
  ['[à-ÿ]+$', 'àéîõü', true],
  ['[а-я]+ [А-Я]', 'ошибка Д', true],
  ['.*deadlock', 'ОШИБКА: 😀 deadlock detected', true],
  ['ERROR: 中文$', 'ERROR: 中文\n', true],
  ['[🙏-😀]', '😀', 'bad character range 🙏-😀 at position 1'],
  ['a😀[z-a]', 'a', 'bad character range z-a at position 3'], // positions count code points, not UTF-16 units
  ['😀(', '', 'missing ), unterminated subpattern at position 1'],
];

describe('RetryErrorMatch on non-ASCII text, as CPython re.match', () => {
  test.each(CASES)('re.match(%j, %j) → %j', async (pattern, text, expected) => {
    expect(await ours(pattern, text)).toBe(expected);
    // The build-time check gives the same verdict (and message) as the in-definition compiler.
    expect(checkPatternSyntax(pattern)).toBe(typeof expected === 'string' ? expected : undefined);
  });

  (python ? test : test.skip)('the expected answers are CPython’s (needs python3)', () => {
    expect(cpython(CASES.map(([p, t]) => [p, t]))).toEqual(CASES.map(([, , expected]) => expected));
  });

  test(`only the first ${RX_TEXT_PREFIX} characters of the error text are matched: re.match(p, text[:${RX_TEXT_PREFIX}])`, async () => {
    const filler = '😀'.repeat(RX_TEXT_PREFIX - 1);
    expect(await ours('.*x', `${filler}x`)).toBe(true);
    expect(await ours('.*x', `${filler}yx`)).toBe(false);
    // `$` sees the end of the prefix as the end of the text.
    expect(await ours(`[😀]{100}.*$`, `${filler}yz`)).toBe(true);
  });
});

/** Python's classes, computed by CPython over every code point. */
function cpythonRanges(): { version: string; d: number[][]; w: number[][]; s: number[][] } {
  const script = [
    'import json, re, unicodedata',
    'def ranges(rx):',
    '    r, start = [], None',
    '    for cp in range(0x110000):',
    '        ok = re.match(rx, chr(cp)) is not None',
    '        if ok and start is None: start = cp',
    '        if not ok and start is not None: r.append([start, cp - 1]); start = None',
    '    if start is not None: r.append([start, 0x10FFFF])',
    '    return r',
    "print(json.dumps({'version': unicodedata.unidata_version, 'd': ranges(r'\\d'), 'w': ranges(r'\\w'), 's': ranges(r'\\s')}))",
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { maxBuffer: 16 * 1024 * 1024 }).toString());
}

(python ? test : test.skip)(`the Unicode tables are CPython's for Unicode ${UNICODE_VERSION} (needs python3 with that Unicode version)`, () => {
  const actual = cpythonRanges();
  if (actual.version !== UNICODE_VERSION) {
    console.warn(`python3 has Unicode ${actual.version}; the tables were generated for ${UNICODE_VERSION}: not compared`);
    return;
  }
  expect({ d: DIGIT_RANGES, w: WORD_RANGES, s: SPACE_RANGES }).toEqual({ d: actual.d, w: actual.w, s: actual.s });
});
