/** The generator itself: shape, determinism, where deploy-time values go, and option checks. */
import { validateDefinition } from '../../lib/asl-validation';
import {
  AslDefinition,
  buildDefinition,
  DEFINITION_DEFAULTS,
  DefinitionOptions,
  DefinitionOptionsError,
  REDSHIFT_QUERY_ERRORS,
  RETRYABLE_API_ERRORS,
  STATE_NAMES,
} from '../../lib/definition';

const FULL_OPTIONS: DefinitionOptions = {
  initialWaitTime: 12345,
  baseWaitTime: 23456.5,
  waitMultiplier: 3.25,
  maxWait: 45678,
  maxRetries: 321,
  retryErrorMatch: 'UNIQUE_PATTERN.*',
  timeoutSeconds: 67890,
  clusterIdentifier: 'cluster-unique',
  database: 'database_unique',
  dbUser: 'user_unique',
  resultsRoleArn: 'arn:aws:iam::000000000000:role/ResultsUnique',
};

function tasks(definition: AslDefinition) {
  return Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('buildDefinition', () => {
  test('is a JSONata state machine with no Lambda: every Task calls the Redshift Data API', () => {
    const definition = buildDefinition({ clusterIdentifier: 'c' });
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(tasks(definition).map(([, state]) => state.Resource)).toEqual([
      'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
      'arn:aws:states:::aws-sdk:redshiftdata:batchExecuteStatement',
      'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
      'arn:aws:states:::aws-sdk:redshiftdata:cancelStatement',
    ]);
    expect(JSON.stringify(definition)).not.toMatch(/lambda/i);
  });

  test.each<[string, DefinitionOptions]>([
    ['no options', {}],
    ['every option', FULL_OPTIONS],
    ['a Serverless workgroup with a secret', { workgroupName: 'wg', database: 'dev', secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s', maxRetries: 0 }],
  ])('passes static validation (%s)', (_name, options) => {
    expect(validateDefinition(buildDefinition(options))).toEqual([]);
  });

  test('is deterministic', () => {
    expect(JSON.stringify(buildDefinition(FULL_OPTIONS))).toBe(JSON.stringify(buildDefinition(FULL_OPTIONS)));
  });

  test('puts every deploy-time default in one place: the config object of the first state', () => {
    const definition = buildDefinition(FULL_OPTIONS);
    const text = JSON.stringify(definition);
    expect(definition.StartAt).toBe(STATE_NAMES.DEFAULTS);
    expect(definition.States[STATE_NAMES.DEFAULTS]!.Assign).toEqual({
      config: {
        InitialWaitTime: 12345,
        BaseWaitTime: 23456.5,
        WaitMultiplier: 3.25,
        MaxWait: 45678,
        MaxRetries: 321,
        RetryErrorMatch: 'UNIQUE_PATTERN.*',
        TimeoutSeconds: 67890,
        Connection: { ClusterIdentifier: 'cluster-unique', Database: 'database_unique', DbUser: 'user_unique' },
      },
    });
    for (const value of ['12345', '23456.5', '3.25', '45678', '321', 'UNIQUE_PATTERN', '67890', 'cluster-unique', 'database_unique', 'user_unique']) {
      expect({ value, occurrences: occurrences(text, value) }).toEqual({ value, occurrences: 1 });
    }
  });

  test('uses the seed defaults when no option is given', () => {
    const config = (buildDefinition().States[STATE_NAMES.DEFAULTS]!.Assign as { config: Record<string, unknown> }).config;
    expect(config).toEqual({
      InitialWaitTime: DEFINITION_DEFAULTS.initialWaitTime,
      BaseWaitTime: 15,
      WaitMultiplier: 1,
      MaxWait: 450,
      MaxRetries: 10,
      RetryErrorMatch: '',
      TimeoutSeconds: null,
      Connection: {},
    });
  });

  test('runs every Redshift Data task under the results role, literally, when one is given', () => {
    const arn = '${aws_iam_role.results.arn}';
    const definition = buildDefinition({ resultsRoleArn: arn }, { isUnresolved: (value) => value === arn });
    expect(tasks(definition).map(([name]) => name).sort()).toEqual(['BatchExecuteStatement', 'CancelStatement', 'DescribeStatement', 'ExecuteStatement']);
    for (const [, state] of tasks(definition)) expect(state.Credentials).toEqual({ RoleArn: arn });
    expect(tasks(buildDefinition()).every(([, state]) => state.Credentials === undefined)).toBe(true);
  });

  test('passes unresolved tokens through untouched, numbers staying JSON numbers', () => {
    const numberToken = -1.8881545897087626e289;
    const stringToken = '${TfToken[TOKEN.1]}';
    const isUnresolved = (value: unknown) => value === numberToken || value === stringToken;
    const definition = buildDefinition({ maxRetries: numberToken, waitMultiplier: numberToken, clusterIdentifier: stringToken, workgroupName: stringToken }, { isUnresolved });
    const config = (definition.States[STATE_NAMES.DEFAULTS]!.Assign as { config: Record<string, unknown> }).config;
    expect(config.MaxRetries).toBe(numberToken);
    expect(config.Connection).toEqual({ ClusterIdentifier: stringToken, WorkgroupName: stringToken });
  });

  test('contains no Terraform template sequences of its own (safe inside HCL strings)', () => {
    const text = JSON.stringify(buildDefinition({ clusterIdentifier: 'c', resultsRoleArn: 'arn:aws:iam::1:role/r', timeoutSeconds: 9 }));
    expect(text).not.toContain('${');
    expect(text).not.toContain('%{');
  });

  test('retries API calls only on server faults and capacity errors, with back-off, never on ValidationException or the unmodelled catch-all', () => {
    for (const [, state] of tasks(buildDefinition())) {
      expect(state.Retry).toEqual([
        { ErrorEquals: [...RETRYABLE_API_ERRORS], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
      ]);
    }
    expect(RETRYABLE_API_ERRORS).not.toContain('RedshiftData.ValidationException');
    // Access denied and expired credentials come as RedshiftDataException: they must fail at once.
    expect(RETRYABLE_API_ERRORS).not.toContain('RedshiftData.RedshiftDataException');
    expect(RETRYABLE_API_ERRORS).toEqual(expect.arrayContaining(['RedshiftData.ExecuteStatementException', 'RedshiftData.BatchExecuteStatementException', 'RedshiftData.DatabaseConnectionException']));
  });

  test('fails only through named errors', () => {
    const errors = Object.values(buildDefinition().States)
      .filter((state) => state.Type === 'Fail')
      .map((state) => state.Error);
    expect(new Set(errors)).toEqual(new Set(Object.values(REDSHIFT_QUERY_ERRORS)));
  });

  test.each<[DefinitionOptions, keyof DefinitionOptions, string]>([
    [{ maxRetries: 1.5 }, 'maxRetries', 'maxRetries must be a non-negative integer (at most 1000), got 1.5'],
    [{ maxRetries: -1 }, 'maxRetries', 'maxRetries must be a non-negative integer (at most 1000), got -1'],
    [{ initialWaitTime: -5 }, 'initialWaitTime', 'initialWaitTime must be a number from 0 to 86400, got -5'],
    [{ initialWaitTime: Number.NaN }, 'initialWaitTime', 'initialWaitTime must be a number from 0 to 86400, got NaN'],
    [{ baseWaitTime: 0 }, 'baseWaitTime', 'baseWaitTime must be a number above 0 and at most 86400, got 0'],
    [{ waitMultiplier: 0.5 }, 'waitMultiplier', 'waitMultiplier must be a number from 1 to 1000, got 0.5'],
    [{ maxWait: 100_000 }, 'maxWait', 'maxWait must be a number above 0 and at most 86400, got 100000'],
    [{ maxRetries: 1001 }, 'maxRetries', 'maxRetries must be a non-negative integer (at most 1000), got 1001'],
    [{ timeoutSeconds: 86_401 }, 'timeoutSeconds', 'timeoutSeconds must be a number above 0 and at most 86400, got 86401'],
    [{ timeoutSeconds: 0 }, 'timeoutSeconds', 'timeoutSeconds must be a number above 0 and at most 86400, got 0'],
    [{ retryErrorMatch: '(?i)deadlock' }, 'retryErrorMatch', 'retryErrorMatch "(?i)deadlock" is not supported: unsupported group syntax (? at position 0'],
    [{ database: '' }, 'database', 'database must be a non-empty string, got ""'],
    [{ clusterIdentifier: 'c', workgroupName: 'w' }, 'workgroupName', 'clusterIdentifier and workgroupName are both set; give one (a provisioned cluster or a Serverless workgroup)'],
  ])('rejects %j', (options, option, message) => {
    let thrown: unknown;
    try {
      buildDefinition(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionOptionsError);
    expect(thrown).toMatchObject({ option, message, name: 'DefinitionOptionsError' });
  });
});

describe('generated definition snapshots (a guard; behaviour is proven in execution tests)', () => {
  test.each<[string, DefinitionOptions]>([
    ['defaults', {}],
    ['provisioned cluster, results role, custom waits', { clusterIdentifier: 'analytics', database: 'dev', dbUser: 'etl', resultsRoleArn: 'arn:aws:iam::123456789012:role/Results', baseWaitTime: 10, waitMultiplier: 1.5 }],
    ['serverless, secret, timeout, retry pattern', { workgroupName: 'wg', database: 'dev', secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db', timeoutSeconds: 3600, retryErrorMatch: '.*(deadlock|serializ)', maxRetries: 3 }],
  ])('%s', (_name, options) => {
    expect(buildDefinition(options)).toMatchSnapshot();
  });
});
