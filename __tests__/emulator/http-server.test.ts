import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListStatementsCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { VirtualClock } from '../../lib/clock';
import {
  createSdkRedshiftDataHandler,
  EmulatorServer,
  PortInUseError,
  RedshiftDataEmulator,
  startEmulatorServer,
} from '../../lib/emulator';
import { runExecution } from '../../lib/runtime';

/** One emulator (one PGlite) behind one loopback server for the whole file, driven by the real AWS SDK client. */
const clock = new VirtualClock();
const emulator = new RedshiftDataEmulator({
  clock,
  resultPageRows: 3,
  scenario: { statements: [{ match: 'pg_sleep|long_one', durationSeconds: 600 }] },
});
let server: EmulatorServer;
let client: RedshiftDataClient;

beforeAll(async () => {
  server = await startEmulatorServer({
    emulator,
    validateDefinition: (definition) =>
      (definition as { StartAt?: unknown }).StartAt === undefined
        ? [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'StartAt is required', location: '/StartAt' }]
        : [],
  });
  client = sdkClient('AKIDEXAMPLE');
});
afterAll(async () => {
  client.destroy();
  await server.close();
  await emulator.close();
});

function sdkClient(accessKeyId: string): RedshiftDataClient {
  return new RedshiftDataClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'any' },
    maxAttempts: 1,
  });
}

const cluster = { ClusterIdentifier: 'analytics', Database: 'dev' };

describe('Redshift Data API over HTTP with @aws-sdk/client-redshift-data', () => {
  test('listens on loopback', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  test('runs a statement through its lifecycle and pages its result', async () => {
    const submitted = await client.send(new ExecuteStatementCommand({ ...cluster, Sql: 'select g, g * 1.5::float8 as half from generate_series(1, 7) g' }));
    expect(submitted.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.CreatedAt).toEqual(new Date(clock.now()));
    expect((await client.send(new DescribeStatementCommand({ Id: submitted.Id }))).Status).toBe('PICKED');
    clock.advance(1000);
    const described = await client.send(new DescribeStatementCommand({ Id: submitted.Id }));
    expect(described).toMatchObject({ Status: 'FINISHED', ResultRows: 7, HasResultSet: true, Duration: 1_000_000_000 });
    expect(described.UpdatedAt).toBeInstanceOf(Date);

    const rows: number[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new GetStatementResultCommand({ Id: submitted.Id, NextToken }));
      expect(page.TotalNumRows).toBe(7);
      expect(page.ColumnMetadata!.map((c) => c.typeName)).toEqual(['int4', 'float8']);
      for (const record of page.Records!) rows.push(record[0]!.longValue!, record[1]!.doubleValue!);
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(rows).toEqual([1, 1.5, 2, 3, 3, 4.5, 4, 6, 5, 7.5, 6, 9, 7, 10.5]);
  });

  test('returns blobs, nulls and booleans as the SDK expects', async () => {
    const { Id } = await client.send(new ExecuteStatementCommand({ ...cluster, Sql: "select '\\xdeadbeef'::bytea b, null::int n, false f" }));
    clock.advance(1000);
    const { Records } = await client.send(new GetStatementResultCommand({ Id }));
    expect(Records![0]![0]!.blobValue).toEqual(Uint8Array.from([0xde, 0xad, 0xbe, 0xef]));
    expect(Records![0]![1]).toEqual({ isNull: true });
    expect(Records![0]![2]).toEqual({ booleanValue: false });
  });

  test('serves GetStatementResultV2 for CSV statements', async () => {
    const { Id } = await client.send(new ExecuteStatementCommand({ ...cluster, ResultFormat: 'CSV', Sql: "select 1 as a, 'x' as b" }));
    clock.advance(1000);
    const result = await client.send(new GetStatementResultV2Command({ Id }));
    expect(result).toMatchObject({ Records: [{ CSVRecords: 'a,b\n1,x\n' }], TotalNumRows: 1, ResultFormat: 'CSV' });
  });

  test('reports validation errors with AWS exception names and HTTP 400', async () => {
    const error = await client.send(new ExecuteStatementCommand({ ...cluster, WorkgroupName: 'wg-1', Sql: 'select 1' })).catch((e) => e);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('ClusterIdentifier and WorkgroupName cannot both be specified; give exactly one');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$fault).toBe('client');

    const multi = await client.send(new ExecuteStatementCommand({ ...cluster, Sql: 'select 1; select 2' })).catch((e) => e);
    expect(multi.name).toBe('ValidationException');

    const missing = await client.send(new DescribeStatementCommand({ Id: '12345678-1234-1234-1234-123456789012' })).catch((e) => e);
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.ResourceId).toBe('12345678-1234-1234-1234-123456789012');
  });

  test('ClientToken: same request returns the same Id, a different request is a ValidationException', async () => {
    const request = { ...cluster, Sql: 'select 42', ClientToken: 'http-token-1' };
    const first = await client.send(new ExecuteStatementCommand(request));
    const second = await client.send(new ExecuteStatementCommand(request));
    expect(second.Id).toBe(first.Id);
    const other = await client.send(new ExecuteStatementCommand({ ...request, Sql: 'select 43' })).catch((e) => e);
    expect(other.name).toBe('ValidationException');
    expect(other.message).toContain('ClientToken "http-token-1" was already used');
  });

  test('batches, cancels and lists; the access key is the identity', async () => {
    const batch = await client.send(new BatchExecuteStatementCommand({ ...cluster, Sqls: ['select 1', "select 'long_one'"] }));
    clock.advance(2000);
    const described = await client.send(new DescribeStatementCommand({ Id: batch.Id }));
    expect(described.SubStatements!.map((s) => [s.Id, s.Status])).toEqual([
      [`${batch.Id}:1`, 'FINISHED'],
      [`${batch.Id}:2`, 'STARTED'],
    ]);
    const stranger = sdkClient('SOMEONEELSE');
    const denied = await stranger.send(new CancelStatementCommand({ Id: batch.Id })).catch((e) => e);
    expect(denied.name).toBe('ResourceNotFoundException');
    expect((await stranger.send(new ListStatementsCommand({}))).Statements).toEqual([]);
    stranger.destroy();

    await expect(client.send(new CancelStatementCommand({ Id: batch.Id }))).resolves.toMatchObject({ Status: true });
    const again = await client.send(new CancelStatementCommand({ Id: batch.Id })).catch((e) => e);
    expect(again.name).toBe('ValidationException');
    const listed = await client.send(new ListStatementsCommand({ Status: 'ABORTED' }));
    expect(listed.Statements!.map((s) => [s.Id, s.IsBatchStatement])).toEqual([[batch.Id, true]]);
    expect(emulator.callLog.filter((c) => c.operation === 'CancelStatement').map((c) => c.identity)).toEqual([
      'arn:aws:iam::123456789012:user/SOMEONEELSE',
      'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
      'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
    ]);
  });

  test('answers unknown operations and malformed bodies like AWS', async () => {
    const post = (target: string, body: string) =>
      fetch(server.url, { method: 'POST', headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body });
    const unknown = await post('RedshiftData.DescribeTable', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const malformed = await post('RedshiftData.DescribeStatement', '{oops');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ __type: 'SerializationException' });
  });
});

describe('scenario API faults over HTTP', () => {
  test('arrive as AWS errors: 400 for throttling, 500 for server faults; nothing runs', async () => {
    const faulty = new RedshiftDataEmulator({
      clock,
      scenario: {
        api: [
          { operation: 'ExecuteStatement', error: 'ThrottlingException', firstCalls: 1 },
          { operation: 'ExecuteStatement', error: 'InternalServerException', message: 'try later' },
        ],
      },
    });
    const faultyServer = await startEmulatorServer({ emulator: faulty });
    const faultyClient = new RedshiftDataClient({
      endpoint: faultyServer.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 1,
    });
    try {
      const throttled = await faultyClient.send(new ExecuteStatementCommand({ ...cluster, Sql: 'select 1' })).catch((e) => e);
      expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual(['ThrottlingException', 400]);
      const server500 = await faultyClient.send(new ExecuteStatementCommand({ ...cluster, Sql: 'select 1' })).catch((e) => e);
      expect([server500.name, server500.message, server500.$metadata.httpStatusCode, server500.$fault]).toEqual([
        'InternalServerException', 'try later', 500, 'server',
      ]);
      expect(faulty.statements()).toEqual([]);
    } finally {
      faultyClient.destroy();
      await faultyServer.close();
      await faulty.close();
    }
  });
});

describe('createSdkRedshiftDataHandler error names', () => {
  test('report what Step Functions reports: modelled exceptions by name, unmodelled codes as RedshiftDataException', async () => {
    const faulty = new RedshiftDataEmulator({
      clock,
      scenario: {
        api: [
          { operation: 'ExecuteStatement', error: 'AccessDeniedException', message: 'not authorized', firstCalls: 1 },
          { operation: 'ExecuteStatement', error: 'ExecuteStatementException', message: 'environmental error' },
        ],
      },
    });
    const faultyServer = await startEmulatorServer({ emulator: faulty });
    const handler = createSdkRedshiftDataHandler({ endpoint: faultyServer.url });
    const invocation = {
      resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement', stateName: 'S', executionRoleArn: 'arn:aws:iam::123456789012:role/R',
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:m:e', executionName: 'e', retryCount: 0, clock, signal: new AbortController().signal,
    };
    try {
      const denied = await handler.call('executeStatement', { ...cluster, Sql: 'select 1' }, invocation).catch((e: unknown) => e);
      expect(denied).toMatchObject({ error: 'RedshiftData.RedshiftDataException', cause: expect.stringMatching(/^not authorized \(Service: RedshiftData, Status Code: 400, Request ID: /) });
      const fault = await handler.call('executeStatement', { ...cluster, Sql: 'select 1' }, invocation).catch((e: unknown) => e);
      expect(fault).toMatchObject({ error: 'RedshiftData.ExecuteStatementException', cause: expect.stringMatching(/^environmental error \(Service: RedshiftData, Status Code: 500, /) });
    } finally {
      await faultyServer.close();
      await faulty.close();
    }
  });
});

describe('Step Functions ValidateStateMachineDefinition on the same server', () => {
  const validate = async (body: unknown) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.ValidateStateMachineDefinition', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    return (await response.json()) as { result: string; diagnostics: Record<string, unknown>[] };
  };

  test('answers OK for a definition the validator accepts', async () => {
    const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
    await expect(validate({ definition: JSON.stringify(definition), type: 'STANDARD' })).resolves.toEqual({
      result: 'OK', diagnostics: [], truncated: false,
    });
  });

  test('answers FAIL with the validator diagnostics', async () => {
    await expect(validate({ definition: JSON.stringify({ States: {} }), type: 'STANDARD' })).resolves.toEqual({
      result: 'FAIL',
      diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'StartAt is required', location: '/StartAt' }],
      truncated: false,
    });
  });

  test('answers FAIL with a diagnostic for malformed definition JSON', async () => {
    const answer = await validate({ definition: '{"StartAt": ', type: 'STANDARD' });
    expect(answer.result).toBe('FAIL');
    expect(answer.diagnostics[0]).toMatchObject({ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', location: '/' });
    expect(answer.diagnostics[0]!.message).toMatch(/^The definition is not valid JSON: /);
  });
});

describe('startEmulatorServer', () => {
  test('fails with PortInUseError naming the port', async () => {
    const error = await startEmulatorServer({ emulator, port: server.port }).catch((e) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error.message).toBe(`Port ${server.port} on 127.0.0.1 is already in use; choose another port (or 0 for any free port)`);
  });
});

describe('createSdkRedshiftDataHandler', () => {
  test('runs a state machine whose tasks reach the emulator through the SDK, with per-task roles', async () => {
    const handler = createSdkRedshiftDataHandler({ endpoint: server.url });
    const reader = 'arn:aws:iam::123456789012:role/Reader';
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Submit',
      States: {
        Submit: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
          Credentials: { RoleArn: reader },
          Arguments: { ClusterIdentifier: 'analytics', Database: 'dev', Sql: 'select 7 as n' },
          Assign: { id: '{% $states.result.Id %}' },
          Next: 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 5, Next: 'Describe' },
        Describe: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
          Credentials: { RoleArn: reader },
          Arguments: { Id: '{% $id %}' },
          Next: 'Fetch',
        },
        Fetch: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:redshiftdata:getStatementResult',
          Arguments: { Id: '{% $id %}' },
          Catch: [{ ErrorEquals: ['RedshiftData.ResourceNotFoundException'], Output: '{% $states.errorOutput %}', Next: 'Denied' }],
          End: true,
        },
        Denied: { Type: 'Pass', End: true },
      },
    };
    const result = await runExecution(definition, {}, { services: [handler], clock, skipValidation: true });
    expect(result.status).toBe('SUCCEEDED');
    // The execution role is not the reader role, so it may not read the reader's statement (AWS's per-identity scoping).
    expect(result.output).toMatchObject({ Error: 'RedshiftData.ResourceNotFoundException' });
    const submits = emulator.callLog.filter((c) => c.identity === reader);
    expect(submits.map((c) => c.operation)).toEqual(['ExecuteStatement', 'DescribeStatement']);
  });
});
