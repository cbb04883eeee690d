/**
 * An in-memory DynamoDB for the calls the event mode makes: UpdateItem/PutItem/DeleteItem/GetItem with condition
 * and update expressions, ReturnValues, and TTL expiry on a {@link Clock}. It is the runtime's `dynamodb` service
 * handler: Step Functions passes PascalCase members, which are the API's own member names.
 */
import { Clock, VirtualClock } from '../clock';
import type { ServiceEmulator, TaskInvocation } from '../runtime';
import { DynamoDbError } from './errors';
import { equalValues, evaluateCondition, ExpressionContext, operandValue, parseCondition, parseUpdate, Path, readPath } from './expressions';
import type {
  AttributeValue,
  DeleteItemRequest,
  DynamoDbUsage,
  GetItemRequest,
  GetItemResponse,
  Item,
  PutItemRequest,
  ReturnValue,
  TableDefinition,
  UpdateItemRequest,
  WriteItemResponse,
} from './types';

export interface DynamoDbEmulatorOptions {
  /** @default new VirtualClock() */
  readonly clock?: Clock;
  /** Tables that exist from the start. @default [] */
  readonly tables?: readonly TableDefinition[];
  /**
   * Seconds between an item's TTL time and its deletion. AWS deletes expired items "within a few days" and
   * expired items stay readable until then; 0 deletes them as soon as the clock passes their TTL. @default 0
   */
  readonly ttlDeletionDelaySeconds?: number;
}

/** One API call as the emulator received it. */
export interface DynamoDbCall {
  readonly operation: string;
  readonly request: unknown;
  readonly time: number;
  readonly errorCode?: string;
}

interface Table {
  readonly definition: TableDefinition;
  readonly keyNames: readonly string[];
  readonly keyTypes: Readonly<Record<string, string>>;
  ttlAttribute?: string;
  readonly items: Map<string, Item>;
}

const MAX_ITEM_BYTES = 400 * 1024;
const ACTIONS = ['updateItem', 'putItem', 'deleteItem', 'getItem'] as const;

export class DynamoDbEmulator implements ServiceEmulator {
  readonly service = 'dynamodb';
  readonly clock: Clock;
  private readonly tables = new Map<string, Table>();
  private readonly ttlDelayMs: number;
  private readonly calls: DynamoDbCall[] = [];
  private readonly counts = { writeRequestUnits: 0, readRequestUnits: 0, conditionalCheckFailures: 0, ttlDeletions: 0 };

  constructor(options: DynamoDbEmulatorOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.ttlDelayMs = (options.ttlDeletionDelaySeconds ?? 0) * 1000;
    for (const table of options.tables ?? []) this.createTable(table);
  }

  /** Serves `arn:aws:states:::aws-sdk:dynamodb:<action>`. */
  async call(action: string, args: unknown, _invocation?: TaskInvocation): Promise<unknown> {
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new DynamoDbError('ValidationException', `The local DynamoDB emulator does not serve the action '${action}'; supported: ${ACTIONS.join(', ')}`);
    }
    return this[action as (typeof ACTIONS)[number]](args as never);
  }

  createTable(definition: TableDefinition): void {
    if (this.tables.has(definition.TableName)) throw new DynamoDbError('ResourceInUseException', `Table already exists: ${definition.TableName}`);
    const hash = definition.KeySchema.filter((k) => k.KeyType === 'HASH');
    const range = definition.KeySchema.filter((k) => k.KeyType === 'RANGE');
    if (hash.length !== 1 || range.length > 1) throw new DynamoDbError('ValidationException', `Table ${definition.TableName}: KeySchema needs one HASH key and at most one RANGE key`);
    const keyNames = [hash[0]!.AttributeName, ...range.map((k) => k.AttributeName)];
    const keyTypes = Object.fromEntries(keyNames.map((name) => [name, definition.AttributeDefinitions?.find((d) => d.AttributeName === name)?.AttributeType ?? 'S']));
    this.tables.set(definition.TableName, {
      definition,
      keyNames,
      keyTypes,
      ...(definition.TimeToLiveAttribute ? { ttlAttribute: definition.TimeToLiveAttribute } : {}),
      items: new Map(),
    });
  }

  /** UpdateTimeToLive. */
  updateTimeToLive(request: { TableName: string; TimeToLiveSpecification: { AttributeName: string; Enabled: boolean } }): void {
    const table = this.table(request.TableName);
    table.ttlAttribute = request.TimeToLiveSpecification.Enabled ? request.TimeToLiveSpecification.AttributeName : undefined;
  }

  async updateItem(request: UpdateItemRequest): Promise<WriteItemResponse> {
    return this.logged('UpdateItem', request, () => {
      const { table, key, old, returnValues, parsed: actions } = this.conditionalWrite(request, request.Key, ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'], (context, table) => {
        const parsed = request.UpdateExpression !== undefined ? parseUpdate(request.UpdateExpression, context) : { set: [], remove: [] };
        for (const path of [...parsed.set.map((a) => a.path), ...parsed.remove]) {
          if (table.keyNames.includes(path[0] as string)) {
            throw new DynamoDbError('ValidationException', `One or more parameter values were invalid: Cannot update attribute ${path[0]}. This attribute is part of the key`);
          }
        }
        return parsed;
      });
      // Every value is computed from the old item, then applied: `SET a = b, b = a` swaps.
      const values = actions.set.map((a) => ({ path: a.path, value: operandValue(a.value, old)! }));
      let next: Record<string, AttributeValue> = { ...(old ?? request.Key) };
      for (const { path, value } of values) next = writePath(next, path, value);
      for (const path of actions.remove) next = removePath(next, path);
      this.store(table, key, next);
      const touched = new Set([...actions.set.map((a) => a.path[0] as string), ...actions.remove.map((p) => p[0] as string)]);
      return attributes(returnValues, old, next, touched);
    });
  }

  async putItem(request: PutItemRequest): Promise<WriteItemResponse> {
    return this.logged('PutItem', request, () => {
      const { table, key, old, returnValues } = this.conditionalWrite(request, request.Item, ['NONE', 'ALL_OLD']);
      this.store(table, key, { ...request.Item });
      return returnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
  }

  async deleteItem(request: DeleteItemRequest): Promise<WriteItemResponse> {
    return this.logged('DeleteItem', request, () => {
      const { table, key, old, returnValues } = this.conditionalWrite(request, request.Key, ['NONE', 'ALL_OLD']);
      table.items.delete(key);
      this.counts.writeRequestUnits += writeUnits(old, undefined);
      return returnValues === 'ALL_OLD' && old ? { Attributes: old } : {};
    });
  }

  async getItem(request: GetItemRequest): Promise<GetItemResponse> {
    return this.logged('GetItem', request, () => {
      const table = this.table(request.TableName);
      const key = this.checkKey(table, request.Key);
      const item = this.current(table, key);
      const units = Math.max(1, Math.ceil(itemBytes(item) / 4096));
      this.counts.readRequestUnits += request.ConsistentRead ? units : units / 2;
      return item ? { Item: item } : {};
    });
  }

  /** The items of a table as stored now (expired items past the deletion delay removed first). */
  items(tableName: string): readonly Item[] {
    const table = this.table(tableName);
    for (const key of [...table.items.keys()]) this.current(table, key);
    return [...table.items.values()];
  }

  get callLog(): readonly DynamoDbCall[] {
    return this.calls;
  }

  get usage(): DynamoDbUsage {
    return { ...this.counts };
  }

  // ---------------------------------------------------------------- internals

  private async logged<T>(operation: string, request: unknown, work: () => T): Promise<T> {
    const call: { -readonly [K in keyof DynamoDbCall]: DynamoDbCall[K] } = { operation, request, time: this.clock.now() };
    this.calls.push(call);
    try {
      if (request === null || typeof request !== 'object') throw new DynamoDbError('ValidationException', `${operation} needs a request object`);
      return work();
    } catch (error) {
      if (error instanceof DynamoDbError) call.errorCode = error.name;
      throw error;
    }
  }

  private table(name: unknown): Table {
    if (typeof name !== 'string' || name === '') throw new DynamoDbError('ValidationException', "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    const table = this.tables.get(name);
    if (!table) throw new DynamoDbError('ResourceNotFoundException', 'Requested resource not found');
    return table;
  }

  /** The storage key of an item or Key; checks the key attributes' presence and types. */
  private checkKey(table: Table, key: Item | undefined): string {
    if (!key || typeof key !== 'object') throw new DynamoDbError('ValidationException', 'The provided key element does not match the schema');
    const parts = table.keyNames.map((name) => {
      const value = key[name];
      const type = value && typeof value === 'object' ? Object.keys(value)[0] : undefined;
      if (!value || type !== table.keyTypes[name]) throw new DynamoDbError('ValidationException', 'The provided key element does not match the schema');
      const text = (value as Record<string, string>)[type!]!;
      if (text === '') throw new DynamoDbError('ValidationException', `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`);
      return `${type}:${type === 'N' ? String(Number(text)) : text}`;
    });
    return JSON.stringify(parts);
  }

  /** The item under `key`, or undefined; deletes it first when its TTL passed more than the deletion delay ago. */
  private current(table: Table, key: string): Item | undefined {
    const item = table.items.get(key);
    if (!item || !table.ttlAttribute) return item;
    const ttl = item[table.ttlAttribute];
    // TTL applies to N values in epoch seconds; other types are ignored, as on AWS.
    if (ttl && 'N' in ttl && Number(ttl.N) * 1000 + this.ttlDelayMs <= this.clock.now()) {
      table.items.delete(key);
      this.counts.ttlDeletions++;
      return undefined;
    }
    return item;
  }

  /**
   * What every write does first, in AWS's order: table, key, expressions (and `parse` for the update expression),
   * unused placeholders, ReturnValues, then the condition against the current item.
   */
  private conditionalWrite<T = undefined>(
    request: (UpdateItemRequest | PutItemRequest | DeleteItemRequest) & { ReturnValuesOnConditionCheckFailure?: string },
    keyItem: Item,
    allowedReturnValues: readonly ReturnValue[],
    parse?: (context: ExpressionContext, table: Table) => T,
  ): { table: Table; key: string; old: Item | undefined; returnValues: ReturnValue; parsed: T } {
    const table = this.table(request.TableName);
    const key = this.checkKey(table, keyItem);
    const context = newContext(request);
    const condition = request.ConditionExpression !== undefined ? parseCondition(request.ConditionExpression, context) : undefined;
    const parsed = parse ? parse(context, table) : (undefined as T);
    checkAllUsed(context, request);
    const returnValues = request.ReturnValues ?? 'NONE';
    checkReturnValues(returnValues, allowedReturnValues);
    const old = this.current(table, key);
    this.checkCondition(condition, old, request.ReturnValuesOnConditionCheckFailure);
    return { table, key, old, returnValues, parsed };
  }

  private checkCondition(condition: ReturnType<typeof parseCondition> | undefined, old: Item | undefined, returnOnFailure?: string): void {
    if (!condition || evaluateCondition(condition, old)) return;
    this.counts.conditionalCheckFailures++;
    this.counts.writeRequestUnits += writeUnits(old, undefined);
    throw new DynamoDbError('ConditionalCheckFailedException', 'The conditional request failed', returnOnFailure === 'ALL_OLD' && old ? old : undefined);
  }

  private store(table: Table, key: string, item: Item): void {
    const bytes = itemBytes(item);
    if (bytes > MAX_ITEM_BYTES) throw new DynamoDbError('ValidationException', 'Item size has exceeded the maximum allowed size');
    this.counts.writeRequestUnits += writeUnits(table.items.get(key), item);
    table.items.set(key, item);
  }
}

function newContext(request: { ExpressionAttributeNames?: Readonly<Record<string, string>>; ExpressionAttributeValues?: Readonly<Record<string, AttributeValue>> }): ExpressionContext {
  return {
    ...(request.ExpressionAttributeNames ? { names: request.ExpressionAttributeNames } : {}),
    ...(request.ExpressionAttributeValues ? { values: request.ExpressionAttributeValues } : {}),
    usedNames: new Set(),
    usedValues: new Set(),
  };
}

/** AWS refuses names and values that no expression uses. */
function checkAllUsed(context: ExpressionContext, request: { ExpressionAttributeNames?: object; ExpressionAttributeValues?: object }): void {
  const unusedNames = Object.keys(request.ExpressionAttributeNames ?? {}).filter((n) => !context.usedNames.has(n));
  if (unusedNames.length > 0) throw new DynamoDbError('ValidationException', `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
  const unusedValues = Object.keys(request.ExpressionAttributeValues ?? {}).filter((v) => !context.usedValues.has(v));
  if (unusedValues.length > 0) throw new DynamoDbError('ValidationException', `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  for (const [name, value] of Object.entries(request.ExpressionAttributeValues ?? {})) checkAttributeValue(value, name);
}

function checkAttributeValue(value: unknown, where: string): void {
  const types = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const valid = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'];
  if (types.length !== 1 || !valid.includes(types[0]!)) {
    throw new DynamoDbError('ValidationException', `ExpressionAttributeValues contains invalid value: Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes for key ${where}`);
  }
  const inner = (value as Record<string, unknown>)[types[0]!];
  if (types[0] === 'N' && (typeof inner !== 'string' || inner.trim() === '' || !Number.isFinite(Number(inner)))) {
    throw new DynamoDbError('ValidationException', `ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value for key ${where}`);
  }
}

function checkReturnValues(value: string, allowed: readonly ReturnValue[]): void {
  if (!(allowed as readonly string[]).includes(value)) throw new DynamoDbError('ValidationException', `Return values set to invalid value: ${value}; allowed here: ${allowed.join(', ')}`);
}

function attributes(returnValues: ReturnValue, old: Item | undefined, next: Item, touched: ReadonlySet<string>): WriteItemResponse {
  const pick = (item: Item | undefined): Item | undefined => {
    if (!item) return undefined;
    const picked = Object.fromEntries(Object.entries(item).filter(([name]) => touched.has(name)));
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  const chosen = returnValues === 'ALL_OLD' ? old : returnValues === 'ALL_NEW' ? next : returnValues === 'UPDATED_OLD' ? pick(old) : returnValues === 'UPDATED_NEW' ? pick(next) : undefined;
  return chosen && Object.keys(chosen).length > 0 ? { Attributes: chosen } : {};
}

function writePath(item: Record<string, AttributeValue>, path: Path, value: AttributeValue): Record<string, AttributeValue> {
  const [head, ...rest] = path;
  if (typeof head !== 'string') throw new DynamoDbError('ValidationException', 'The document path provided in the update expression is invalid for update');
  if (rest.length === 0) return { ...item, [head]: value };
  const child = item[head];
  return { ...item, [head]: writeInto(child, rest, value) };
}

function writeInto(container: AttributeValue | undefined, path: Path, value: AttributeValue): AttributeValue {
  const [head, ...rest] = path;
  if (typeof head === 'string' && container && 'M' in container) {
    return { M: rest.length === 0 ? { ...container.M, [head]: value } : { ...container.M, [head]: writeInto(container.M[head], rest, value) } };
  }
  if (typeof head === 'number' && container && 'L' in container) {
    const list = [...container.L];
    if (rest.length === 0) {
      if (head >= list.length) list.push(value);
      else list[head] = value;
    } else list[head] = writeInto(list[head], rest, value);
    return { L: list };
  }
  throw new DynamoDbError('ValidationException', 'The document path provided in the update expression is invalid for update');
}

function removePath(item: Record<string, AttributeValue>, path: Path): Record<string, AttributeValue> {
  if (readPath(item, path) === undefined) return item;
  if (path.length === 1) {
    const { [path[0] as string]: _removed, ...rest } = item;
    return rest;
  }
  const parentPath = path.slice(0, -1);
  const parent = readPath(item, parentPath)!;
  const last = path[path.length - 1]!;
  const updated: AttributeValue =
    'M' in parent ? { M: Object.fromEntries(Object.entries(parent.M).filter(([k]) => k !== last)) } : { L: (parent as { L: readonly AttributeValue[] }).L.filter((_, i) => i !== last) };
  return writePath(item, parentPath, updated);
}

/** Approximate item size as DynamoDB counts it: attribute names plus values. */
function itemBytes(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value), 0);
}

function valueBytes(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return Math.ceil(value.N.replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('M' in value) return 3 + itemBytes(value.M) + Object.keys(value.M).length;
  if ('L' in value) return 3 + value.L.reduce((sum, v) => sum + 1 + valueBytes(v), 0);
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + n.length, 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
  return 1;
}

/** On-demand write units: one per started KB of the larger of the old and new item. */
function writeUnits(old: Item | undefined, next: Item | undefined): number {
  return Math.max(1, Math.ceil(Math.max(itemBytes(old), itemBytes(next)) / 1024));
}
