import { RedshiftDataEmulator, RedshiftDataError } from '../../lib/emulator';
import { rejection } from '../helpers/rejection';

/** Every request here is rejected before any SQL runs, so no database is ever started. */
describe('RedshiftDataEmulator request validation', () => {
  const emulator = new RedshiftDataEmulator();
  afterAll(() => emulator.close());

  const base = { ClusterIdentifier: 'analytics', Database: 'dev', Sql: 'select 1' };

  test.each([
    ['neither ClusterIdentifier nor WorkgroupName', { Database: 'dev', Sql: 'select 1' }, /Either ClusterIdentifier .* or WorkgroupName/],
    ['both ClusterIdentifier and WorkgroupName', { ...base, WorkgroupName: 'wg1' }, /cannot both be specified/],
    ['an upper-case ClusterIdentifier', { ...base, ClusterIdentifier: 'Analytics' }, /ClusterIdentifier "Analytics" is invalid/],
    ['a ClusterIdentifier with a trailing hyphen', { ...base, ClusterIdentifier: 'abc-' }, /is invalid/],
    ['a ClusterIdentifier longer than 63', { ...base, ClusterIdentifier: 'a'.repeat(64) }, /between 1 and 63 characters/],
    ['a WorkgroupName shorter than 3', { Database: 'dev', Sql: 'select 1', WorkgroupName: 'wg' }, /between 3 and 128/],
    ['a WorkgroupName with invalid characters', { Database: 'dev', Sql: 'select 1', WorkgroupName: 'My_WG' }, /WorkgroupName "My_WG" is invalid/],
    ['no Database', { ClusterIdentifier: 'analytics', Sql: 'select 1' }, /Database is required/],
    ['DbUser with WorkgroupName', { WorkgroupName: 'wg1', Database: 'dev', Sql: 'select 1', DbUser: 'u' }, /DbUser cannot be used with WorkgroupName/],
    ['DbUser and SecretArn together', { ...base, DbUser: 'u', SecretArn: 'arn:aws:secretsmanager:us-east-1:1:secret:s' }, /DbUser and SecretArn cannot both/],
    ['no Sql', { ClusterIdentifier: 'analytics', Database: 'dev' }, /Sql is required/],
    ['a blank Sql', { ...base, Sql: '   ' }, /Sql must not be empty/],
    ['several statements', { ...base, Sql: "insert into t values ('a;b'); delete from t" }, /Sql contains 2 SQL statements; ExecuteStatement accepts a single SQL statement/],
    ['only a comment', { ...base, Sql: '-- nothing' }, /contains no SQL statement/],
    ['SQL over 100 KB', { ...base, Sql: `select '${'x'.repeat(100 * 1024)}'` }, /at most 102400 bytes/],
    ['a StatementName over 500 characters', { ...base, StatementName: 'n'.repeat(501) }, /StatementName must be between 0 and 500/],
    ['an empty ClientToken', { ...base, ClientToken: '' }, /ClientToken must be between 1 and 64/],
    ['a ClientToken over 64 characters', { ...base, ClientToken: 't'.repeat(65) }, /ClientToken must be between 1 and 64/],
    ['an empty Parameters list', { ...base, Parameters: [] }, /Parameters must be a list of at least 1/],
    ['a parameter name with a dash', { ...base, Parameters: [{ name: 'a-b', value: '1' }] }, /Parameters\[0\]\.name must match/],
    ['an empty parameter value', { ...base, Parameters: [{ name: 'a', value: '' }] }, /Parameters\[0\]\.value \(parameter 'a'\) must be a non-empty string/],
    ['a duplicated parameter', { ...base, Parameters: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }, /given more than once/],
    ['an unknown ResultFormat', { ...base, ResultFormat: 'XML' }, /ResultFormat must be JSON or CSV/],
    ['SessionKeepAliveSeconds over a day', { ...base, SessionKeepAliveSeconds: 86401 }, /between 0 and 86400/],
    ['a misspelt field', { ...base, WithEvents: true }, /ExecuteStatement has no parameter 'WithEvents'/],
    ['SessionId with a ClusterIdentifier', { ...base, SessionId: '12345678-1234-1234-1234-123456789012' }, /cannot be specified together with SessionId/],
  ])('ExecuteStatement fails with %s', async (_name, request, message) => {
    const error = await rejection<RedshiftDataError>(emulator.executeStatement(request as never));
    expect(error).toBeInstanceOf(RedshiftDataError);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(message);
  });

  const batch = { ClusterIdentifier: 'analytics', Database: 'dev' };
  test.each([
    ['an empty Sqls', { ...batch, Sqls: [] }, /Sqls must be a list of 1 to 40 SQL statements, got 0 entries/],
    ['41 Sqls', { ...batch, Sqls: Array.from({ length: 41 }, () => 'select 1') }, /got 41 entries/],
    ['an entry with two statements', { ...batch, Sqls: ['select 1', 'select 2; select 3'] }, /Sqls\[1\] contains 2 SQL statements/],
    ['a blank entry', { ...batch, Sqls: ['select 1', ''] }, /Sqls\[1\] must not be empty/],
    ['an unknown ExecutionMode', { ...batch, Sqls: ['select 1'], ExecutionMode: 'BATCH' }, /ExecutionMode must be TRANSACTION or AUTO_COMMIT/],
    ['an unused parameter', { ...batch, Sqls: ['select :a'], Parameters: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] }, /Parameters b are not used/],
    ['a Sql field', { ...batch, Sqls: ['select 1'], Sql: 'select 1' }, /has no parameter 'Sql'/],
  ])('BatchExecuteStatement fails with %s', async (_name, request, message) => {
    const error = await rejection<RedshiftDataError>(emulator.batchExecuteStatement(request as never));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(message);
  });

  test.each([
    ['describeStatement', 'not-an-id'],
    ['getStatementResult', 'ABCDEFGH-1234-1234-1234-123456789012'],
    ['cancelStatement', '12345678-1234-1234-1234-123456789012:x'],
  ] as const)('%s fails with ValidationException for the malformed Id %j', async (operation, id) => {
    const error = await rejection<RedshiftDataError>(emulator[operation]({ Id: id }));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('is not a statement Id');
  });

  test.each(['describeStatement', 'getStatementResult', 'cancelStatement'] as const)(
    '%s fails with ResourceNotFoundException for an unknown Id',
    async (operation) => {
      const error = await rejection<RedshiftDataError>(emulator[operation]({ Id: '12345678-1234-1234-1234-123456789012' }));
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toMatch(/^Query does not exist/);
      expect(error.resourceId).toBe('12345678-1234-1234-1234-123456789012');
    },
  );

  test('rejected calls are logged with their error and leave no statement behind', () => {
    expect(emulator.statements()).toEqual([]);
    expect(emulator.callLog.length).toBeGreaterThan(30);
    expect(emulator.callLog.every((call) => call.errorCode !== undefined)).toBe(true);
    expect(emulator.callLog[0]).toMatchObject({
      operation: 'ExecuteStatement',
      identity: 'arn:aws:iam::123456789012:role/LocalRedshiftDataUser',
      errorCode: 'ValidationException',
      time: Date.UTC(2026, 0, 1),
    });
  });
});
