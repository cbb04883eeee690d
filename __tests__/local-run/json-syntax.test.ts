import { locateJsonSyntaxError, parseJsonWithLocation } from '../../lib/local-run';

describe('locateJsonSyntaxError', () => {
  test.each([
    ['{"a": }', 1, 7, "unexpected '}'"],
    ['{"a":1,}', 1, 8, "expected a double-quoted property name, found '}'"],
    ['[1 2]', 1, 4, "expected ',' or ']' in an array, found '2'"],
    ['nope', 1, 1, "unexpected 'n'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' in an object, found '\"'"],
    ['{"a": "x', 1, 9, 'unterminated string'],
    ['{"a": 1}\n}', 2, 1, 'unexpected text after the JSON value'],
    ['[01]', 1, 3, "expected ',' or ']' in an array, found '1'"],
    ['{"a": "\\q"}', 1, 8, 'bad escape in a string'],
  ])('locates the error in %j at line %i, column %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toMatchObject({ line, column, reason });
  });

  test.each(['{}', '[]', '"x"', '-1.5e3', ' {"a": [true, false, null, {"b": "\\u00e9\\n"}]} ', '0'])('accepts valid JSON %j', (text) => {
    expect(locateJsonSyntaxError(text)).toBeUndefined();
  });
});

describe('parseJsonWithLocation', () => {
  test('returns the value of valid JSON', () => {
    expect(parseJsonWithLocation('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
  });

  test('fails with line, column and reason', () => {
    expect(parseJsonWithLocation('[\n  "a",\n  b\n]')).toEqual({ ok: false, message: "line 3, column 3: unexpected 'b'" });
  });

  test('fails clearly on empty text', () => {
    expect(parseJsonWithLocation('  \n')).toEqual({ ok: false, message: 'empty, expected JSON' });
  });
});
