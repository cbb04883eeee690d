/** Every invalid input fails with RedshiftQuery.InvalidInput, naming item index and field, before any API call. */
import { buildDefinition, REDSHIFT_QUERY_ERRORS } from '../../lib/definition';
import { runExecution } from '../../lib/runtime';
import { QueryRunner } from './helpers/run-queries';

const runner = new QueryRunner();
afterAll(() => runner.close());

const ok = 'select 1';

describe('invalid execution input', () => {
  test.each<[string, unknown, string]>([
    ['not a list', 'select 1', 'The execution input must be an array of queries or an object {"Queries": [...]}, got "select 1"'],
    ['an object without Queries', { queries: [ok] }, 'The execution input must be an array of queries or an object {"Queries": [...]}, got {"queries":["select 1"]}'],
    ['an extra field next to Queries', { Queries: [ok], Extra: 1 }, 'The execution input object may only have the field Queries, got the field "Extra"'],
    ['an empty SQL string', [ok, '  '], 'Query at index 1: the SQL text is empty'],
    ['a number item', [ok, 42], 'Query at index 1: expected a SQL string or an object, got number 42'],
    ['an array item', [[ok]], 'Query at index 0: expected a SQL string or an object, got array ["select 1"]'],
    ['an unknown item field', [{ ExecuteStatementParameters: ok, MaxRetry: 1 }], 'Query at index 0: unknown field "MaxRetry" (allowed: ExecuteStatementParameters, StatementId, RetryErrorMatch, InitialWaitTime, BaseWaitTime, WaitMultiplier, MaxWait, MaxRetries, TimeoutSeconds, CompletionMode)'],
    ['no SQL and no StatementId', [{ MaxRetries: 1 }], 'Query at index 0: needs ExecuteStatementParameters (the SQL) or a StatementId (to resume)'],
    ['an empty StatementId', [{ StatementId: '' }], 'Query at index 0: StatementId must be a non-empty string, got ""'],
    ['a negative wait', [{ ExecuteStatementParameters: ok, InitialWaitTime: -1 }], 'Query at index 0: InitialWaitTime must be a number from 0 to 99999999, got -1'],
    ['a non-numeric wait', [{ ExecuteStatementParameters: ok, BaseWaitTime: '15' }], 'Query at index 0: BaseWaitTime must be a number above 0 and at most 99999999, got "15"'],
    ['a zero BaseWaitTime', [{ ExecuteStatementParameters: ok, BaseWaitTime: 0 }], 'Query at index 0: BaseWaitTime must be a number above 0 and at most 99999999, got 0'],
    ['a multiplier below 1', [{ ExecuteStatementParameters: ok, WaitMultiplier: 0.5 }], 'Query at index 0: WaitMultiplier must be a number from 1 to 1000, got 0.5'],
    ['a zero MaxWait', [{ ExecuteStatementParameters: ok, MaxWait: 0 }], 'Query at index 0: MaxWait must be a number above 0 and at most 99999999, got 0'],
    ['a fractional MaxRetries', [{ ExecuteStatementParameters: ok, MaxRetries: 1.5 }], 'Query at index 0: MaxRetries must be a non-negative integer (at most 10000), got 1.5'],
    ['a negative MaxRetries', [{ ExecuteStatementParameters: ok, MaxRetries: -1 }], 'Query at index 0: MaxRetries must be a non-negative integer (at most 10000), got -1'],
    ['a zero TimeoutSeconds', [{ ExecuteStatementParameters: ok, TimeoutSeconds: 0 }], 'Query at index 0: TimeoutSeconds must be a number above 0 and at most 99999999, or null for no limit, got 0'],
    ['a non-string RetryErrorMatch', [{ ExecuteStatementParameters: ok, RetryErrorMatch: 1 }], 'Query at index 0: RetryErrorMatch must be a string (a regular expression), got 1'],
    ['unsupported regex syntax', [ok, ok, { ExecuteStatementParameters: ok, RetryErrorMatch: '(?i)deadlock' }], 'Query at index 2: RetryErrorMatch "(?i)deadlock" is not supported: unsupported group syntax (? at position 0'],
    ['a broken regex', [{ ExecuteStatementParameters: ok, RetryErrorMatch: '(deadlock' }], 'Query at index 0: RetryErrorMatch "(deadlock" is not supported: missing ), unterminated subpattern at position 0'],
    ['parameters of the wrong type', [{ ExecuteStatementParameters: 7 }], 'Query at index 0: ExecuteStatementParameters must be a SQL string or an object, got 7'],
    ['an empty SQL parameter string', [{ ExecuteStatementParameters: '' }], 'Query at index 0: ExecuteStatementParameters is an empty SQL text'],
    ['Sql and Sqls together', [{ ExecuteStatementParameters: { Sql: ok, Sqls: [ok] } }], 'Query at index 0: ExecuteStatementParameters has both Sql and Sqls; use Sql for one statement or Sqls for a batch (one transaction)'],
    ['neither Sql nor Sqls', [{ ExecuteStatementParameters: { Database: 'dev' } }], 'Query at index 0: ExecuteStatementParameters has no Sql (or Sqls for a batch)'],
    ['a non-string Sql', [{ ExecuteStatementParameters: { Sql: ['a'] } }], 'Query at index 0: ExecuteStatementParameters.Sql must be a non-empty string, got ["a"]'],
    ['an empty Sqls', [{ ExecuteStatementParameters: { Sqls: [] } }], 'Query at index 0: ExecuteStatementParameters.Sqls must be an array of 1 to 40 SQL strings, got []'],
    ['41 Sqls', [{ ExecuteStatementParameters: { Sqls: Array(41).fill(ok) } }], 'Query at index 0: ExecuteStatementParameters.Sqls must be an array of 1 to 40 SQL strings, got ["select 1","select 1","select 1","select 1","select 1","select 1","select 1","s...'],
    ['an empty string in Sqls', [{ ExecuteStatementParameters: { Sqls: [ok, ''] } }], 'Query at index 0: ExecuteStatementParameters.Sqls must contain only non-empty strings, got ["select 1",""]'],
    ['an unknown parameter field', [{ ExecuteStatementParameters: { Sql: ok, sql: ok } }], 'Query at index 0: ExecuteStatementParameters has an unknown field "sql" (allowed: Sql, Sqls, ClusterIdentifier, WorkgroupName, Database, DbUser, SecretArn, Parameters, StatementName, WithEvent, SessionId, SessionKeepAliveSeconds, ResultFormat)'],
    ['a ClientToken', [{ ExecuteStatementParameters: { Sql: ok, ClientToken: 'x' } }], 'Query at index 0: ExecuteStatementParameters has an unknown field "ClientToken" (the state machine sets ClientToken itself)'],
    ['a non-string Database', [{ ExecuteStatementParameters: { Sql: ok, Database: 5 } }], 'Query at index 0: ExecuteStatementParameters.Database must be a non-empty string, got 5'],
    ['cluster and workgroup together', [{ ExecuteStatementParameters: { Sql: ok, ClusterIdentifier: 'a', WorkgroupName: 'b' } }], 'Query at index 0: ExecuteStatementParameters has both ClusterIdentifier and WorkgroupName; give one'],
    ['a non-boolean WithEvent', [{ ExecuteStatementParameters: { Sql: ok, WithEvent: 'yes' } }], 'Query at index 0: ExecuteStatementParameters.WithEvent must be true or false, got "yes"'],
    ['an unknown ResultFormat', [{ ExecuteStatementParameters: { Sql: ok, ResultFormat: 'XML' } }], 'Query at index 0: ExecuteStatementParameters.ResultFormat must be "JSON" or "CSV", got "XML"'],
    ['a bad SessionKeepAliveSeconds', [{ ExecuteStatementParameters: { Sql: ok, SessionKeepAliveSeconds: 90000 } }], 'Query at index 0: ExecuteStatementParameters.SessionKeepAliveSeconds must be an integer from 0 to 86400, got 90000'],
    ['empty Parameters', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [] } }], 'Query at index 0: ExecuteStatementParameters.Parameters must be a non-empty array of {"name": ..., "value": ...}, got []'],
    ['a bad parameter name', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [{ name: 'a', value: '1' }, { name: 'b-c', value: '1' }] } }], 'Query at index 0: ExecuteStatementParameters.Parameters[1] must be {"name": <letters, digits, _>, "value": <non-empty string>}, got {"name":"b-c","value":"1"}'],
    ['an empty parameter value', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [{ name: 'a', value: '' }] } }], 'Query at index 0: ExecuteStatementParameters.Parameters[0] must be {"name": <letters, digits, _>, "value": <non-empty string>}, got {"name":"a","value":""}'],
  ])('%s', async (_case, input, cause) => {
    const { result, emulator } = await runner.run(input);
    expect({ error: result.error, cause: result.cause }).toEqual({ error: REDSHIFT_QUERY_ERRORS.INVALID_INPUT, cause });
    expect(emulator.callLog).toHaveLength(0);
    expect(emulator.statements()).toHaveLength(0);
  });

  test('the whole list is checked before the first item runs', async () => {
    const { result, emulator } = await runner.run(['select 1', 'select 2', { ExecuteStatementParameters: 'select 3', MaxRetries: 'ten' }]);
    expect(result.cause).toBe('Query at index 2: MaxRetries must be a non-negative integer (at most 10000), got "ten"');
    expect(emulator.callLog).toHaveLength(0);
  });

  test('a plain SQL string needs a default cluster or workgroup', async () => {
    const emulator = runner.emulator();
    const result = await runExecution(buildDefinition({ database: 'dev' }), ['select 1'], { emulator });
    expect(result.cause).toBe(
      'Query at index 0: a plain SQL string needs a default cluster or workgroup in the state machine; give ExecuteStatementParameters with ClusterIdentifier or WorkgroupName',
    );
    expect(emulator.callLog).toHaveLength(0);
  });

  test('an invalid deploy-time default passed as a token is reported at run time', async () => {
    const emulator = runner.emulator();
    // A token is not checked at build time; here it "resolved" to a bad value.
    const definition = buildDefinition({ clusterIdentifier: 'c', maxRetries: -3 }, { isUnresolved: (value) => value === -3 });
    const result = await runExecution(definition, ['select 1'], { emulator });
    expect(result.cause).toBe('Deploy-time default MaxRetries must be a non-negative integer (at most 10000), got -3');
    expect(emulator.callLog).toHaveLength(0);
  });
});
