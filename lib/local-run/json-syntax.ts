/** Where a JSON text stops being valid, as an offset and a 1-based line and column. */
export interface JsonSyntaxErrorLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** What was expected or found there, e.g. "unexpected '}'". */
  readonly reason: string;
}

/**
 * Finds the first syntax error of a JSON text. Node's `JSON.parse` messages give a position for
 * some errors only ("Unexpected token 'o', "nope" is not valid JSON" has none), so we scan ourselves.
 * Returns undefined when the text is valid JSON.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxErrorLocation | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.skipWhitespace();
    scanner.value();
    scanner.skipWhitespace();
    if (scanner.pos < text.length) scanner.fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { ...lineAndColumn(text, error.offset), offset: error.offset, reason: error.message };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class JsonScanner {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(reason: string): never {
    throw new ScanError(reason, this.pos);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  value(): void {
    const char = this.text[this.pos];
    if (char === undefined) this.fail('unexpected end of input');
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    this.fail(`unexpected ${describeChar(char)}`);
  }

  private object(): void {
    this.sequence('}', 'an object', () => {
      if (this.text[this.pos] !== '"') this.fail(`expected a double-quoted property name, found ${this.found()}`);
      this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after a property name, found ${this.found()}`);
      this.pos++;
      this.skipWhitespace();
      this.value();
    });
  }

  private array(): void {
    this.sequence(']', 'an array', () => this.value());
  }

  /** An object or array from its opening character: comma-separated elements, no trailing comma. */
  private sequence(close: '}' | ']', container: string, element: () => void): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      element();
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === close) {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail(`expected ',' or '${close}' in ${container}, found ${this.found()}`);
      this.pos++;
    }
  }

  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('bad \\u escape in a string');
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('bad escape in a string');
        this.pos += 2;
        continue;
      }
      if (char < ' ') this.fail('unescaped control character in a string');
      this.pos++;
    }
    this.fail('unterminated string');
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match || match[0] === '-') this.fail('malformed number');
    this.pos += match[0].length;
  }

  private found(): string {
    const char = this.text[this.pos];
    return char === undefined ? 'end of input' : describeChar(char);
  }
}

function describeChar(char: string): string {
  return char === '\n' ? 'a line break' : `'${char}'`;
}

/** `JSON.parse` whose error message says where: "line 3, column 7: expected ',' or '}' in an object, found 'x'". */
export function parseJsonWithLocation(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (text.trim() === '') return { ok: false, message: 'empty, expected JSON' };
    const location = locateJsonSyntaxError(text);
    return {
      ok: false,
      message: location ? `line ${location.line}, column ${location.column}: ${location.reason}` : (error as Error).message,
    };
  }
}
