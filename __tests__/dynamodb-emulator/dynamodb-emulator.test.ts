import { VirtualClock } from '../../lib/clock';
import { DynamoDbEmulator, DynamoDbError } from '../../lib/dynamodb-emulator';
import { runExecution } from '../../lib/runtime';
import { rejection } from '../helpers/rejection';

const TABLE = 'completions';

function setup(ttlDeletionDelaySeconds = 0) {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const db = new DynamoDbEmulator({
    clock,
    ttlDeletionDelaySeconds,
    tables: [{ TableName: TABLE, KeySchema: [{ AttributeName: 'sid', KeyType: 'HASH' }], TimeToLiveAttribute: 'ttl' }],
  });
  return { clock, db };
}

/** The main machine's registration: store the token unless a completion is already recorded. */
const register = (sid: string, token: string) => ({
  TableName: TABLE,
  Key: { sid: { S: sid } },
  UpdateExpression: 'SET #tt = :token, #ttl = :ttl',
  ConditionExpression: 'attribute_not_exists(#st)',
  ExpressionAttributeNames: { '#tt': 'tt', '#ttl': 'ttl', '#st': 'st' },
  ExpressionAttributeValues: { ':token': { S: token }, ':ttl': { N: '1767312000' } },
});

/** The relay's record of a completion, returning what was there before. */
const complete = (sid: string, state: string) => ({
  TableName: TABLE,
  Key: { sid: { S: sid } },
  UpdateExpression: 'SET st = :st, ev = :ev',
  ExpressionAttributeValues: { ':st': { S: state }, ':ev': { M: { rows: { N: '3' }, ok: { BOOL: true }, none: { NULL: true as const } } } },
  ReturnValues: 'ALL_OLD' as const,
});

describe('DynamoDB emulator: UpdateItem', () => {
  test('registration first: the relay sees the token in ALL_OLD; the item holds both', async () => {
    const { db } = setup();
    expect(await db.updateItem(register('s1', 'tok'))).toEqual({});
    const old = await db.updateItem(complete('s1', 'FINISHED'));
    expect(old).toEqual({ Attributes: { sid: { S: 's1' }, tt: { S: 'tok' }, ttl: { N: '1767312000' } } });
    expect(db.items(TABLE)).toEqual([{ sid: { S: 's1' }, tt: { S: 'tok' }, ttl: { N: '1767312000' }, st: { S: 'FINISHED' }, ev: { M: { rows: { N: '3' }, ok: { BOOL: true }, none: { NULL: true } } } }]);
  });

  test('event first: no old item, and the registration then fails its condition', async () => {
    const { db } = setup();
    expect(await db.updateItem(complete('s2', 'FAILED'))).toEqual({});
    const error = await rejection<DynamoDbError>(db.updateItem(register('s2', 'tok')));
    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed' });
    expect(db.items(TABLE)[0]).not.toHaveProperty('tt');
    expect(db.usage.conditionalCheckFailures).toBe(1);
  });

  test('ReturnValues ALL_NEW, UPDATED_OLD, UPDATED_NEW; REMOVE; SET from other attributes and arithmetic', async () => {
    const { db } = setup();
    await db.putItem({ TableName: TABLE, Item: { sid: { S: 'k' }, n: { N: '5' }, keep: { S: 'x' }, gone: { S: 'y' } } });
    const updatedOld = await db.updateItem({
      TableName: TABLE,
      Key: { sid: { S: 'k' } },
      UpdateExpression: 'SET n = n + :one, copy = keep, fresh = if_not_exists(fresh, :zero) REMOVE gone',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':zero': { N: '0' } },
      ReturnValues: 'UPDATED_OLD',
    });
    expect(updatedOld).toEqual({ Attributes: { n: { N: '5' }, gone: { S: 'y' } } });
    const updatedNew = await db.updateItem({ TableName: TABLE, Key: { sid: { S: 'k' } }, UpdateExpression: 'SET n = n - :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'UPDATED_NEW' });
    expect(updatedNew).toEqual({ Attributes: { n: { N: '5' } } });
    const allNew = await db.updateItem({ TableName: TABLE, Key: { sid: { S: 'k' } }, UpdateExpression: 'REMOVE copy', ReturnValues: 'ALL_NEW' });
    expect(allNew).toEqual({ Attributes: { sid: { S: 'k' }, n: { N: '5' }, keep: { S: 'x' }, fresh: { N: '0' } } });
  });

  test('condition expressions: =, <>, comparisons, AND/OR/NOT, BETWEEN, IN, functions', async () => {
    const { db } = setup();
    await db.putItem({ TableName: TABLE, Item: { sid: { S: 'c' }, st: { S: 'STARTED' }, n: { N: '10' }, tags: { SS: ['a', 'b'] }, name: { S: 'deploy1/x' } } });
    const check = async (ConditionExpression: string, values: Record<string, unknown> = {}, names?: Record<string, string>) => {
      try {
        await db.updateItem({
          TableName: TABLE,
          Key: { sid: { S: 'c' } },
          UpdateExpression: 'SET touched = :t',
          ConditionExpression,
          ExpressionAttributeValues: { ':t': { BOOL: true }, ...values } as never,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        });
        return true;
      } catch (error) {
        if ((error as DynamoDbError).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    };
    expect(await check('st = :s', { ':s': { S: 'STARTED' } })).toBe(true);
    expect(await check('st <> :s', { ':s': { S: 'STARTED' } })).toBe(false);
    expect(await check('n > :a AND n <= :b', { ':a': { N: '9.5' }, ':b': { N: '10' } })).toBe(true);
    expect(await check('n BETWEEN :a AND :b', { ':a': { N: '11' }, ':b': { N: '20' } })).toBe(false);
    expect(await check('st IN (:x, :y)', { ':x': { S: 'FINISHED' }, ':y': { S: 'STARTED' } })).toBe(true);
    expect(await check('attribute_exists(st) AND NOT attribute_exists(nope)')).toBe(true);
    expect(await check('attribute_not_exists(st) OR (n = :ten AND begins_with(#nm, :p))', { ':ten': { N: '10.0' }, ':p': { S: 'deploy1/' } }, { '#nm': 'name' })).toBe(true);
    expect(await check('attribute_not_exists(st) OR (n = :ten AND begins_with(#nm, :p))', { ':ten': { N: '10.0' }, ':p': { S: 'deploy2/' } }, { '#nm': 'name' })).toBe(false);
    expect(await check('contains(tags, :b) AND attribute_type(n, :N) AND size(name) = :len', { ':b': { S: 'b' }, ':N': { S: 'N' }, ':len': { N: '9' } })).toBe(true);
    // The number is compared as a number, strings byte-wise.
    expect(await check('n = :ten', { ':ten': { N: '1e1' } })).toBe(true);
    expect(await check('st < :s', { ':s': { S: 'Z' } })).toBe(true);
  });

  test('a missing item: attribute_not_exists holds, equality does not, and UpdateItem creates the item', async () => {
    const { db } = setup();
    await expect(db.updateItem({ TableName: TABLE, Key: { sid: { S: 'new' } }, UpdateExpression: 'SET a = :a', ConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } })).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await db.updateItem({ TableName: TABLE, Key: { sid: { S: 'new' } }, UpdateExpression: 'SET a = :a', ConditionExpression: 'attribute_not_exists(a)', ExpressionAttributeValues: { ':a': { S: 'x' } } });
    expect(await db.getItem({ TableName: TABLE, Key: { sid: { S: 'new' } } })).toEqual({ Item: { sid: { S: 'new' }, a: { S: 'x' } } });
  });

  test.each([
    ['an undefined value placeholder', { UpdateExpression: 'SET a = :nope' }, 'An expression attribute value used in expression is not defined; attribute value: :nope'],
    ['an undefined name placeholder', { UpdateExpression: 'SET #a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }, 'An expression attribute name used in the document path is not defined; attribute name: #a'],
    ['an unused value', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' }, ':extra': { S: 'y' } } }, 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}'],
    ['an unused name', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } }, ExpressionAttributeNames: { '#b': 'b' } }, 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}'],
    ['a syntax error', { UpdateExpression: 'SET a = = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }, 'Invalid UpdateExpression: Syntax error; token: "="'],
    ['a key attribute update', { UpdateExpression: 'SET sid = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } }, 'Cannot update attribute sid. This attribute is part of the key'],
    ['a value with two types', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x', N: '1' } } }, 'must contain exactly one of the supported datatypes'],
    ['a number that is not one', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { N: 'ten' } } }, 'cannot be converted to a numeric value'],
    ['an invalid ReturnValues', { UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } }, ReturnValues: 'SOME' }, 'Return values set to invalid value: SOME'],
  ])('refuses %s with ValidationException', async (_what, request, message) => {
    const { db } = setup();
    const error = await rejection<DynamoDbError>(db.updateItem({ TableName: TABLE, Key: { sid: { S: 'k' } }, ...(request as object) } as never));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(message);
    expect(db.items(TABLE)).toEqual([]);
  });

  test('keys must match the schema; unknown tables are ResourceNotFoundException', async () => {
    const { db } = setup();
    await expect(db.getItem({ TableName: TABLE, Key: { sid: { N: '1' } } })).rejects.toMatchObject({ name: 'ValidationException', message: 'The provided key element does not match the schema' });
    await expect(db.getItem({ TableName: TABLE, Key: { other: { S: '1' } } })).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(db.getItem({ TableName: 'nope', Key: { sid: { S: '1' } } })).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found' });
  });

  test('hostile strings are stored and compared verbatim', async () => {
    const { db } = setup();
    const hostile = 'q"uote\\back${x}é\u2028';
    await db.updateItem({ TableName: TABLE, Key: { sid: { S: hostile } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: hostile } } });
    const got = await db.getItem({ TableName: TABLE, Key: { sid: { S: hostile } } });
    expect(got.Item).toEqual({ sid: { S: hostile }, v: { S: hostile } });
  });
});

describe('DynamoDB emulator: TTL on the clock', () => {
  test('an item disappears once the clock passes its TTL (plus the deletion delay)', async () => {
    const { clock, db } = setup(3600);
    const ttl = Date.UTC(2026, 0, 1) / 1000 + 60;
    await db.putItem({ TableName: TABLE, Item: { sid: { S: 'x' }, ttl: { N: String(ttl) } } });
    clock.advance(120_000);
    // Expired but not yet deleted: still readable, as AWS documents.
    expect((await db.getItem({ TableName: TABLE, Key: { sid: { S: 'x' } } })).Item).toBeDefined();
    clock.advance(3600_000);
    expect(await db.getItem({ TableName: TABLE, Key: { sid: { S: 'x' } } })).toEqual({});
    expect(db.usage.ttlDeletions).toBe(1);
    // A TTL attribute that is not a number is ignored.
    await db.putItem({ TableName: TABLE, Item: { sid: { S: 'y' }, ttl: { S: 'soon' } } });
    clock.advance(10 ** 9);
    expect(db.items(TABLE)).toHaveLength(1);
  });
});

describe('DynamoDB emulator as the aws-sdk:dynamodb service of a state machine', () => {
  test('a conditional-check failure is DynamoDb.ConditionalCheckFailedException, catchable by a Catch', async () => {
    const { clock, db } = setup();
    await db.updateItem(complete('s9', 'FINISHED'));
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Register',
      States: {
        Register: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem',
          Arguments: register('s9', 'tok'),
          Catch: [{ ErrorEquals: ['DynamoDb.ConditionalCheckFailedException'], Output: '{% $states.errorOutput %}', Next: 'AlreadyDone' }],
          End: true,
        },
        AlreadyDone: { Type: 'Succeed' },
      },
    };
    const result = await runExecution(definition, {}, { clock, services: [db] });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ Error: 'DynamoDb.ConditionalCheckFailedException', Cause: 'The conditional request failed' });
  });

  test('ALL_OLD comes back to the state machine as DynamoDB JSON', async () => {
    const { clock, db } = setup();
    await db.updateItem(register('s3', 'tok'));
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Mark',
      States: { Mark: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:dynamodb:updateItem', Arguments: complete('s3', 'FINISHED'), Output: '{% $states.result.Attributes.tt.S %}', End: true } },
    };
    expect((await runExecution(definition, {}, { clock, services: [db] })).output).toBe('tok');
  });
});
