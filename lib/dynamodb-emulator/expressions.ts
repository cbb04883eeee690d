/**
 * Parser and evaluator for DynamoDB update and condition expressions: SET (with `+`/`-`, if_not_exists,
 * list_append) and REMOVE; comparisons, BETWEEN, IN, AND/OR/NOT, attribute_exists, attribute_not_exists,
 * attribute_type, begins_with, contains and size. Names and values come from ExpressionAttributeNames/Values;
 * like AWS, a placeholder that is used but not defined, or defined but not used, is a ValidationException.
 */
import { DynamoDbError } from './errors';
import type { AttributeValue, Item } from './types';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

type Operand =
  | { readonly kind: 'path'; readonly path: Path }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly path: Path }
  | { readonly kind: 'if_not_exists'; readonly path: Path; readonly fallback: Operand }
  | { readonly kind: 'list_append'; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'arith'; readonly op: '+' | '-'; readonly left: Operand; readonly right: Operand };

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly inner: Condition }
  | { readonly kind: 'compare'; readonly op: string; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly value: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly value: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'function'; readonly name: string; readonly path: Path; readonly argument?: Operand };

export interface UpdateActions {
  readonly set: readonly { readonly path: Path; readonly value: Operand }[];
  readonly remove: readonly Path[];
}

export interface ExpressionContext {
  readonly names?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, AttributeValue>>;
  readonly usedNames: Set<string>;
  readonly usedValues: Set<string>;
}

const TOKEN = /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(\d+)|(<>|<=|>=|[=<>(),.[\]+-]))/y;

interface Token {
  readonly type: 'name' | 'value' | 'word' | 'number' | 'symbol';
  readonly text: string;
}

function tokenize(text: string, what: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw syntax(what, text.slice(at).trim().charAt(0), text);
    const type = m[1] ? 'name' : m[2] ? 'value' : m[3] ? 'word' : m[4] ? 'number' : 'symbol';
    tokens.push({ type, text: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5])! });
  }
  return tokens;
}

function syntax(what: string, token: string, text: string): DynamoDbError {
  return new DynamoDbError('ValidationException', `Invalid ${what}: Syntax error; token: "${token || '<EOF>'}", near: "${text.slice(0, 40)}"`);
}

const RESERVED_FOR_CLAUSES = new Set(['SET', 'REMOVE', 'ADD', 'DELETE']);

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly what: string,
    private readonly context: ExpressionContext,
  ) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw syntax(this.what, '', this.text);
    return token;
  }

  expect(symbol: string): void {
    const token = this.next();
    if (token.text !== symbol) throw syntax(this.what, token.text, this.text);
  }

  isWord(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toUpperCase() === word;
  }

  path(): Path {
    const segments: PathSegment[] = [this.attributeName()];
    for (;;) {
      const token = this.peek();
      if (token?.text === '.') {
        this.next();
        segments.push(this.attributeName());
      } else if (token?.text === '[') {
        this.next();
        const index = this.next();
        if (index.type !== 'number') throw syntax(this.what, index.text, this.text);
        this.expect(']');
        segments.push(Number(index.text));
      } else return segments;
    }
  }

  private attributeName(): string {
    const token = this.next();
    if (token.type === 'name') {
      const name = this.context.names?.[token.text];
      if (name === undefined) {
        throw new DynamoDbError('ValidationException', `Invalid ${this.what}: An expression attribute name used in the document path is not defined; attribute name: ${token.text}`);
      }
      this.context.usedNames.add(token.text);
      return name;
    }
    if (token.type === 'word') return token.text;
    throw syntax(this.what, token.text, this.text);
  }

  value(): AttributeValue {
    const token = this.next();
    const value = this.context.values?.[token.text];
    if (value === undefined) {
      throw new DynamoDbError('ValidationException', `Invalid ${this.what}: An expression attribute value used in expression is not defined; attribute value: ${token.text}`);
    }
    this.context.usedValues.add(token.text);
    return value;
  }

  operand(): Operand {
    const token = this.peek();
    if (!token) throw syntax(this.what, '', this.text);
    if (token.type === 'value') return { kind: 'value', value: this.value() };
    if (token.type === 'word' && this.tokens[this.index + 1]?.text === '(') {
      const name = this.next().text;
      this.expect('(');
      let operand: Operand;
      if (name === 'size') operand = { kind: 'size', path: this.path() };
      else if (name === 'if_not_exists' && this.what === 'UpdateExpression') {
        const path = this.path();
        this.expect(',');
        operand = { kind: 'if_not_exists', path, fallback: this.operand() };
      } else if (name === 'list_append' && this.what === 'UpdateExpression') {
        const left = this.operand();
        this.expect(',');
        operand = { kind: 'list_append', left, right: this.operand() };
      } else throw new DynamoDbError('ValidationException', `Invalid ${this.what}: Invalid function name; function: ${name}`);
      this.expect(')');
      return operand;
    }
    return { kind: 'path', path: this.path() };
  }

  // ------------------------------------------------------------------ conditions
  condition(): Condition {
    let left = this.conjunction();
    while (this.isWord('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.isWord('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.negation() };
    }
    return left;
  }

  private negation(): Condition {
    if (this.isWord('NOT')) {
      this.next();
      return { kind: 'not', inner: this.negation() };
    }
    return this.primary();
  }

  private primary(): Condition {
    const token = this.peek();
    if (token?.text === '(') {
      this.next();
      const inner = this.condition();
      this.expect(')');
      return inner;
    }
    const functions = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains'];
    if (token?.type === 'word' && functions.includes(token.text) && this.tokens[this.index + 1]?.text === '(') {
      const name = this.next().text;
      this.expect('(');
      const path = this.path();
      let argument: Operand | undefined;
      if (name !== 'attribute_exists' && name !== 'attribute_not_exists') {
        this.expect(',');
        argument = this.operand();
      }
      this.expect(')');
      return argument ? { kind: 'function', name, path, argument } : { kind: 'function', name, path };
    }
    const left = this.operand();
    if (this.isWord('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.isWord('AND')) throw syntax(this.what, this.peek()?.text ?? '', this.text);
      this.next();
      return { kind: 'between', value: left, low, high: this.operand() };
    }
    if (this.isWord('IN')) {
      this.next();
      this.expect('(');
      const list = [this.operand()];
      while (this.peek()?.text === ',') {
        this.next();
        list.push(this.operand());
      }
      this.expect(')');
      return { kind: 'in', value: left, list };
    }
    const op = this.next();
    if (!['=', '<>', '<', '<=', '>', '>='].includes(op.text)) throw syntax(this.what, op.text, this.text);
    return { kind: 'compare', op: op.text, left, right: this.operand() };
  }

  // ------------------------------------------------------------------ updates
  update(): UpdateActions {
    const set: { path: Path; value: Operand }[] = [];
    const remove: Path[] = [];
    const seen = new Set<string>();
    while (!this.done) {
      const clause = this.next();
      const keyword = clause.text.toUpperCase();
      if (clause.type !== 'word' || !RESERVED_FOR_CLAUSES.has(keyword)) throw syntax(this.what, clause.text, this.text);
      if (seen.has(keyword)) throw new DynamoDbError('ValidationException', `Invalid UpdateExpression: The "${keyword}" section can only be used once in an update expression;`);
      seen.add(keyword);
      if (keyword === 'ADD' || keyword === 'DELETE') {
        throw new DynamoDbError('ValidationException', `Invalid UpdateExpression: the local DynamoDB emulator does not support ${keyword} clauses (use SET ... = a + :n)`);
      }
      do {
        if (keyword === 'SET') {
          const path = this.path();
          this.expect('=');
          set.push({ path, value: this.setValue() });
        } else remove.push(this.path());
      } while (this.peek()?.text === ',' && this.next());
    }
    return { set, remove };
  }

  private setValue(): Operand {
    const left = this.operand();
    const op = this.peek()?.text;
    if (op === '+' || op === '-') {
      this.next();
      return { kind: 'arith', op, left, right: this.operand() };
    }
    return left;
  }
}

export function parseCondition(text: string, context: ExpressionContext, what = 'ConditionExpression'): Condition {
  const parser = new Parser(tokenize(text, what), text, what, context);
  const condition = parser.condition();
  if (!parser.done) throw syntax(what, parser.peek()!.text, text);
  return condition;
}

export function parseUpdate(text: string, context: ExpressionContext): UpdateActions {
  const parser = new Parser(tokenize(text, 'UpdateExpression'), text, 'UpdateExpression', context);
  const actions = parser.update();
  if (actions.set.length + actions.remove.length === 0) throw syntax('UpdateExpression', '', text);
  return actions;
}

// ---------------------------------------------------------------------------------------------- evaluation

export function readPath(item: Item | undefined, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined = item ? { M: item } : undefined;
  for (const segment of path) {
    if (!current) return undefined;
    const node: AttributeValue = current;
    if (typeof segment === 'number') current = 'L' in node ? (node as { L: readonly AttributeValue[] }).L[segment] : undefined;
    else current = 'M' in node ? (node as { M: Item }).M[segment] : undefined;
  }
  return current;
}

export function evaluateCondition(condition: Condition, item: Item | undefined): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item) && evaluateCondition(condition.right, item);
    case 'or':
      return evaluateCondition(condition.left, item) || evaluateCondition(condition.right, item);
    case 'not':
      return !evaluateCondition(condition.inner, item);
    case 'compare': {
      const left = operandValue(condition.left, item);
      const right = operandValue(condition.right, item);
      if (!left || !right) return condition.op === '<>' && (left !== undefined || right !== undefined);
      if (condition.op === '=') return equalValues(left, right);
      if (condition.op === '<>') return !equalValues(left, right);
      const order = compareValues(left, right);
      if (order === undefined) return false;
      return condition.op === '<' ? order < 0 : condition.op === '<=' ? order <= 0 : condition.op === '>' ? order > 0 : order >= 0;
    }
    case 'between': {
      const value = operandValue(condition.value, item);
      const low = operandValue(condition.low, item);
      const high = operandValue(condition.high, item);
      if (!value || !low || !high) return false;
      const a = compareValues(value, low);
      const b = compareValues(value, high);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const value = operandValue(condition.value, item);
      return value !== undefined && condition.list.some((candidate) => {
        const other = operandValue(candidate, item);
        return other !== undefined && equalValues(value, other);
      });
    }
    case 'function': {
      const value = readPath(item, condition.path);
      const argument = condition.argument ? operandValue(condition.argument, item) : undefined;
      switch (condition.name) {
        case 'attribute_exists':
          return value !== undefined;
        case 'attribute_not_exists':
          return value === undefined;
        case 'attribute_type':
          return value !== undefined && argument !== undefined && 'S' in argument && Object.keys(value)[0] === argument.S;
        case 'begins_with':
          if (!value || !argument) return false;
          if ('S' in value && 'S' in argument) return value.S.startsWith(argument.S);
          if ('B' in value && 'B' in argument) return Buffer.from(value.B, 'base64').subarray(0, Buffer.from(argument.B, 'base64').length).equals(Buffer.from(argument.B, 'base64'));
          return false;
        case 'contains':
          if (!value || !argument) return false;
          if ('S' in value && 'S' in argument) return value.S.includes(argument.S);
          if ('SS' in value && 'S' in argument) return value.SS.includes(argument.S);
          if ('NS' in value && 'N' in argument) return value.NS.some((n) => Number(n) === Number(argument.N));
          if ('L' in value) return value.L.some((element) => equalValues(element, argument));
          return false;
        default:
          return false;
      }
    }
  }
}

export function operandValue(operand: Operand, item: Item | undefined): AttributeValue | undefined {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path':
      return readPath(item, operand.path);
    case 'size': {
      const value = readPath(item, operand.path);
      if (!value) return undefined;
      const size =
        'S' in value ? Buffer.byteLength(value.S) : 'B' in value ? Buffer.from(value.B, 'base64').length : 'L' in value ? value.L.length : 'M' in value ? Object.keys(value.M).length
        : 'SS' in value ? value.SS.length : 'NS' in value ? value.NS.length : 'BS' in value ? value.BS.length : undefined;
      return size === undefined ? undefined : { N: String(size) };
    }
    case 'if_not_exists':
      return readPath(item, operand.path) ?? operandValue(operand.fallback, item);
    case 'list_append': {
      const left = operandValue(operand.left, item);
      const right = operandValue(operand.right, item);
      if (!left || !right || !('L' in left) || !('L' in right)) {
        throw new DynamoDbError('ValidationException', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: not a list');
      }
      return { L: [...left.L, ...right.L] };
    }
    case 'arith': {
      const left = operandValue(operand.left, item);
      const right = operandValue(operand.right, item);
      if (!left || !right) throw new DynamoDbError('ValidationException', 'The provided expression refers to an attribute that does not exist in the item');
      if (!('N' in left) || !('N' in right)) {
        throw new DynamoDbError('ValidationException', `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${operand.op}, operand type: ${Object.keys('N' in left ? right : left)[0]}`);
      }
      const result = operand.op === '+' ? Number(left.N) + Number(right.N) : Number(left.N) - Number(right.N);
      return { N: String(result) };
    }
  }
}

export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const [typeA] = Object.keys(a);
  const [typeB] = Object.keys(b);
  if (typeA !== typeB) return false;
  if ('N' in a && 'N' in b) return Number(a.N) === Number(b.N);
  if ('M' in a && 'M' in b) {
    const keys = Object.keys(a.M);
    return keys.length === Object.keys(b.M).length && keys.every((k) => b.M[k] !== undefined && equalValues(a.M[k]!, b.M[k]!));
  }
  if ('L' in a && 'L' in b) return a.L.length === b.L.length && a.L.every((v, i) => equalValues(v, b.L[i]!));
  if ('SS' in a && 'SS' in b) return sameSet(a.SS, b.SS);
  if ('NS' in a && 'NS' in b) return sameSet(a.NS.map(Number).map(String), b.NS.map(Number).map(String));
  if ('BS' in a && 'BS' in b) return sameSet(a.BS, b.BS);
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((v) => set.has(v));
}

/** Order of two scalars of one type (N numerically, S and B by bytes); undefined when they cannot be ordered. */
function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('N' in a && 'N' in b) return Math.sign(Number(a.N) - Number(b.N));
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}
