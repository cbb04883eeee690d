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
    ['an unknown item field', [{ ExecuteStatementParameters: ok, MaxRetry: 1 }], 'Query at index 0: unknown field "MaxRetry" (allowed: ExecuteStatementParameters, StatementId, RetryErrorMatch, InitialWaitTime, BaseWaitTime, WaitMultiplier, MaxWait, MaxRetries, TimeoutSeconds)'],
    ['no SQL and no StatementId', [{ MaxRetries: 1 }], 'Query at index 0: needs ExecuteStatementParameters (the SQL) or a StatementId (to resume)'],
    ['an empty StatementId', [{ StatementId: '' }], 'Query at index 0: StatementId must be a non-empty string, got ""'],
    ['a negative wait', [{ ExecuteStatementParameters: ok, InitialWaitTime: -1 }], 'Query at index 0: InitialWaitTime must be a number from 0 to 86400, got -1'],
    ['a non-numeric wait', [{ ExecuteStatementParameters: ok, BaseWaitTime: '15' }], 'Query at index 0: BaseWaitTime must be a number above 0 and at most 86400, got "15"'],
    ['a zero BaseWaitTime', [{ ExecuteStatementParameters: ok, BaseWaitTime: 0 }], 'Query at index 0: BaseWaitTime must be a number above 0 and at most 86400, got 0'],
    ['a multiplier below 1', [{ ExecuteStatementParameters: ok, WaitMultiplier: 0.5 }], 'Query at index 0: WaitMultiplier must be a number from 1 to 1000, got 0.5'],
    ['a zero MaxWait', [{ ExecuteStatementParameters: ok, MaxWait: 0 }], 'Query at index 0: MaxWait must be a number above 0 and at most 86400, got 0'],
    ['a fractional MaxRetries', [{ ExecuteStatementParameters: ok, MaxRetries: 1.5 }], 'Query at index 0: MaxRetries must be a non-negative integer (at most 1000), got 1.5'],
    ['a negative MaxRetries', [{ ExecuteStatementParameters: ok, MaxRetries: -1 }], 'Query at index 0: MaxRetries must be a non-negative integer (at most 1000), got -1'],
    ['a zero TimeoutSeconds', [{ ExecuteStatementParameters: ok, TimeoutSeconds: 0 }], 'Query at index 0: TimeoutSeconds must be a number above 0 and at most 86400, or null for no limit, got 0'],
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
    ['empty Parameters', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [] } }], 'Query at index 0: ExecuteStatementParameters.Parameters must be a non-empty array of {"Name": ..., "Value": ...}, got []'],
    ['a bad parameter name', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [{ name: 'a', value: '1' }, { name: 'b-c', value: '1' }] } }], 'Query at index 0: ExecuteStatementParameters.Parameters[1] must be {"Name": <letters, digits, _>, "Value": <non-empty string>} (or name/value), got {"name":"b-c","value":"1"}'],
    ['an empty parameter value', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [{ name: 'a', value: '' }] } }], 'Query at index 0: ExecuteStatementParameters.Parameters[0] must be {"Name": <letters, digits, _>, "Value": <non-empty string>} (or name/value), got {"name":"a","value":""}'],
    // Mixed casing of one member is refused; name/value and Name/Value are both accepted (see execution tests).
    ['a parameter with both name and Name', [{ ExecuteStatementParameters: { Sql: ok, Parameters: [{ name: 'a', Name: 'a' }] } }], 'Query at index 0: ExecuteStatementParameters.Parameters[0] must be {"Name": <letters, digits, _>, "Value": <non-empty string>} (or name/value), got {"name":"a","Name":"a"}'],
    // Wait bounds (issue 10 item 9): Data API statements and results live 24 h.
    ['an InitialWaitTime over a day', [{ ExecuteStatementParameters: ok, InitialWaitTime: 86_401 }], 'Query at index 0: InitialWaitTime must be a number from 0 to 86400, got 86401'],
    ['a MaxWait over a day', [{ ExecuteStatementParameters: ok, MaxWait: 100_000 }], 'Query at index 0: MaxWait must be a number above 0 and at most 86400, got 100000'],
    ['a TimeoutSeconds over a day', [{ ExecuteStatementParameters: ok, TimeoutSeconds: 86_400.5 }], 'Query at index 0: TimeoutSeconds must be a number above 0 and at most 86400, or null for no limit, got 86400.5'],
    // MaxRetries cap (item 7): 1,000 retries × 16 events fit one execution's history.
    ['a MaxRetries over 1000', [{ ExecuteStatementParameters: ok, MaxRetries: 1001 }], 'Query at index 0: MaxRetries must be a non-negative integer (at most 1000), got 1001'],
    // StatementId format (item 12), checked before anything is sent.
    ['a malformed StatementId after valid items', [ok, { StatementId: 'not-a-statement-id' }], 'Query at index 1: StatementId must be a Data API statement Id (a lowercase UUID, with :<n> for a sub-statement), got "not-a-statement-id"'],
    ['an uppercase StatementId', [{ StatementId: 'D9B6C0C9-0747-4BF4-B142-E8883122F766' }], 'Query at index 0: StatementId must be a Data API statement Id (a lowercase UUID, with :<n> for a sub-statement), got "D9B6C0C9-0747-4BF4-B142-E8883122F766"'],
    // SQL size (item 12): 100 KiB per item, counted in UTF-8 (é = 2 bytes), for a batch all Sqls together.
    ['a Sql over 100 KiB', [{ ExecuteStatementParameters: { Sql: `select '${'x'.repeat(102_400)}'` } }], 'Query at index 0: ExecuteStatementParameters has 102409 bytes of SQL; at most 102400 (100 KiB, UTF-8) per item, for Sql or for all Sqls of a batch together'],
    ['a plain SQL string over 100 KiB in UTF-8', [`select '${'é'.repeat(51_200)}'`], 'Query at index 0: the SQL text has 102409 bytes of SQL; at most 102400 (100 KiB, UTF-8) per item'],
    ['a batch over 100 KiB in total', [{ ExecuteStatementParameters: { Sqls: [`select '${'x'.repeat(60_000)}'`, `select '${'y'.repeat(60_000)}'`] } }], 'Query at index 0: ExecuteStatementParameters has 120018 bytes of SQL; at most 102400 (100 KiB, UTF-8) per item, for Sql or for all Sqls of a batch together'],
  ])('%s', async (_case, input, cause) => {
    const { result, emulator } = await runner.run(input);
    expect({ error: result.error, cause: result.cause }).toEqual({ error: REDSHIFT_QUERY_ERRORS.INVALID_INPUT, cause });
    expect(emulator.callLog).toHaveLength(0);
    expect(emulator.statements()).toHaveLength(0);
  });

  test('an input over 240,000 bytes fails with InvalidInput naming its size, not States.DataLimitExceeded', async () => {
    // 252,000 bytes of JSON: under the 256 KiB StartExecution accepts, over what one Assign may hold once re-keyed.
    const queries = Array.from({ length: 250 }, (_, i) => `select '${String(i).padEnd(999, 'x')}'`);
    expect(Buffer.byteLength(JSON.stringify(queries))).toBeGreaterThan(252_000);
    const { result, emulator } = await runner.run(queries);
    expect(result.error).toBe(REDSHIFT_QUERY_ERRORS.INVALID_INPUT);
    expect(result.cause).toBe(
      `The execution input is ${Buffer.byteLength(JSON.stringify(queries))} bytes of JSON (UTF-8); at most 240000 are accepted, so that the query list fits the 256 KiB Step Functions allows for the variables of one state`,
    );
    expect(emulator.callLog).toHaveLength(0);
  });

  test('non-ASCII text counts with its UTF-8 size', async () => {
    // 80,000 characters, 240,000+ bytes: 3 bytes each for CJK.
    const { result } = await runner.run([`select '${'漢'.repeat(80_000)}'`]);
    expect(result.cause).toMatch(/^The execution input is 2400\d\d bytes of JSON \(UTF-8\); at most 240000 are accepted/);
  });

  test('more queries than one execution history holds fail with InvalidInput', async () => {
    const { result, emulator } = await runner.run(Array.from({ length: 1001 }, () => 'select 1'));
    expect(result.cause).toBe("The execution input has 1001 queries; at most 1000 fit in one execution (25,000 history events, 256 KiB of output)");
    expect(emulator.callLog).toHaveLength(0);
  });

  test('the whole list is checked before the first item runs', async () => {
    const { result, emulator } = await runner.run(['select 1', 'select 2', { ExecuteStatementParameters: 'select 3', MaxRetries: 'ten' }]);
    expect(result.cause).toBe('Query at index 2: MaxRetries must be a non-negative integer (at most 1000), got "ten"');
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
    expect(result.cause).toBe('Deploy-time default MaxRetries must be a non-negative integer (at most 1000), got -3');
    expect(emulator.callLog).toHaveLength(0);
  });
});
