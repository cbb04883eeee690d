import {
  buildDeadLetterQueuePolicy,
  buildKmsKeyPolicyStatements,
  buildScheduleKeyPolicy,
  buildPolicies,
  buildTriggerRolePolicies,
  RESULTS_READER_TAG_KEY,
  RESULTS_READER_TAG_VALUE,
  type PolicyConfig,
  type PolicyStatement,
  type RedshiftTarget,
} from '../../lib/iam';
import { ACCOUNT, decide } from './simulate';

const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-query-sfn-1`;
const RESULTS_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-query-results-1`;
const CLUSTER_ARN = `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:analytics`;
const STATE_MACHINE_ARN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:redshift-query-1a2b3c4d`;
const NONE = { useWorkgroupArn: false, useSecret: false, useDbUser: false } as const;
const clusterTarget = (extra: Partial<RedshiftTarget> = {}): RedshiftTarget => ({ ...NONE, workgroup: false, clusterId: 'analytics', dbName: 'dev', ...extra });
const workgroupTarget = (extra: Partial<RedshiftTarget> = {}): RedshiftTarget => ({ ...NONE, workgroup: true, ...extra });
const ALL_DATA_ACTIONS = [
  'redshift-data:BatchExecuteStatement',
  'redshift-data:CancelStatement',
  'redshift-data:DescribeStatement',
  'redshift-data:ExecuteStatement',
];

function config(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  return {
    partition: 'aws',
    region: 'us-east-1',
    accountId: ACCOUNT,
    stateMachineArn: STATE_MACHINE_ARN,
    executionRoleArn: EXECUTION_ROLE,
    resultsRoleArn: RESULTS_ROLE,
    redshiftDataActions: ALL_DATA_ACTIONS,
    target: clusterTarget({ dbUser: 'etl', useDbUser: true }),
    resultsPrincipals: [],
    ...overrides,
  };
}

const bySid = (statements: readonly PolicyStatement[], sid: string): PolicyStatement => {
  const found = statements.find((statement) => statement.sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${statements.map((s) => s.sid).join(', ')}`);
  return found;
};
const credentialsOf = (target: RedshiftTarget) =>
  buildPolicies(config({ target })).resultsRolePolicy.filter((s) => s.effect === 'Allow' && !s.actions[0].startsWith('redshift-data:'));

describe('buildPolicies', () => {
  test('grants the results role exactly the definition actions plus the reader extras, Execute scoped to the cluster', () => {
    const { resultsRolePolicy } = buildPolicies(config({ redshiftDataActions: ['redshift-data:ExecuteStatement', 'redshift-data:DescribeStatement'] }));
    expect(bySid(resultsRolePolicy, 'SubmitStatementsToTarget')).toMatchObject({
      actions: ['redshift-data:ExecuteStatement'],
      resources: [CLUSTER_ARN],
    });
    expect(bySid(resultsRolePolicy, 'TrackOwnStatements')).toMatchObject({
      actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
      resources: ['*'],
    });
  });

  test.each<[string, RedshiftTarget, string, string[]]>([
    ['cluster + DbUser', clusterTarget({ dbUser: 'etl', useDbUser: true }), 'redshift:GetClusterCredentials',
      [`arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:analytics/etl`, `arn:aws:redshift:us-east-1:${ACCOUNT}:dbname:analytics/dev`]],
    ['cluster + IAM identity', clusterTarget(), 'redshift:GetClusterCredentialsWithIAM',
      [`arn:aws:redshift:us-east-1:${ACCOUNT}:dbname:analytics/dev`]],
    ['cluster + secret name', clusterTarget({ secretArn: 'redshift/etl', useSecret: true }), 'secretsmanager:GetSecretValue',
      [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:redshift/etl-??????`]],
    ['workgroup + secret ARN', workgroupTarget({ secretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:rs-AbCdEf`, useSecret: true }), 'secretsmanager:GetSecretValue',
      [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:rs-AbCdEf`]],
    ['cluster + partial secret ARN (no 6-character suffix)', clusterTarget({ secretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:redshift/etl`, useSecret: true }), 'secretsmanager:GetSecretValue',
      [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:redshift/etl-??????`]],
    ['workgroup + IAM identity', workgroupTarget(), 'redshift-serverless:GetCredentials',
      [`arn:aws:redshift-serverless:us-east-1:${ACCOUNT}:workgroup/*`]],
    ['the seed wildcards, given explicitly', clusterTarget({ clusterId: '*', dbName: '*', dbUser: '*', useDbUser: true }), 'redshift:GetClusterCredentials',
      [`arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:*/*`, `arn:aws:redshift:us-east-1:${ACCOUNT}:dbname:*/*`]],
  ])('%s: one credential action, scoped to the configured target', (_name, target, action, resources) => {
    const credentials = credentialsOf(target);
    expect(credentials).toHaveLength(1);
    expect(credentials[0].actions).toEqual([action]);
    expect(credentials[0].resources).toEqual(resources);
  });

  test('a workgroup ARN scopes both Execute and GetCredentials', () => {
    const workgroupArn = `arn:aws:redshift-serverless:us-east-1:${ACCOUNT}:workgroup/0d3f3d4e-1111-2222-3333-444455556666`;
    const { resultsRolePolicy } = buildPolicies(config({ target: workgroupTarget({ workgroupArn, useWorkgroupArn: true }) }));
    expect(bySid(resultsRolePolicy, 'SubmitStatementsToTarget').resources).toEqual([workgroupArn]);
    expect(bySid(resultsRolePolicy, 'GetServerlessCredentials').resources).toEqual([workgroupArn]);
  });

  test('no policy uses a wildcard action, and only statement-level or log/trace actions use a * resource', () => {
    const all = buildPolicies(config({ logging: true, tracing: true, kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`, resultsPrincipals: ['210987654321'] }));
    const statements = Object.values(all).flat();
    for (const statement of statements) for (const action of statement.actions) expect(action).not.toContain('*');
    const starAllows = statements.filter((s) => s.effect === 'Allow' && s.resources?.includes('*')).map((s) => s.sid).sort();
    expect(starAllows).toEqual(['DeliverExecutionLogs', 'SendXRayTraces', 'TrackOwnStatements']);
  });

  test('the execution role may only assume the results role unless logs, traces or a key are enabled', () => {
    expect(buildPolicies(config()).executionRolePolicy).toEqual([
      expect.objectContaining({ actions: ['sts:AssumeRole'], resources: [RESULTS_ROLE] }),
    ]);
    const full = buildPolicies(config({ logging: true, tracing: true, kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k` }));
    expect(full.executionRolePolicy.map((s) => s.sid)).toEqual([
      'AssumeResultsRoleForRedshiftDataTasks', 'DeliverExecutionLogs', 'SendXRayTraces', 'UseStateMachineKey', 'EncryptExecutionLogsWithKey',
    ]);
    // A key without logging needs no log-delivery grant.
    const keyOnly = buildPolicies(config({ kmsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k` }));
    expect(keyOnly.executionRolePolicy.map((s) => s.sid)).toEqual(['AssumeResultsRoleForRedshiftDataTasks', 'UseStateMachineKey']);
  });

  test('the execution role trusts Step Functions for this account and state machine only', () => {
    const [trust] = buildPolicies(config()).executionRoleTrust;
    expect(trust.principals).toEqual([{ type: 'Service', identifiers: ['states.amazonaws.com'] }]);
    expect(trust.conditions).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
      // The exact ARN: a same-prefix machine of the account (redshift-query-other) is not trusted.
      { test: 'ArnEquals', variable: 'aws:SourceArn', values: [STATE_MACHINE_ARN] },
    ]);
  });

  test('results principals get a trust statement only when given, and it requires the reader session tag', () => {
    expect(buildPolicies(config()).resultsRoleTrust.map((s) => s.sid)).toEqual(['TrustStateMachineExecutionRole']);
    const readers = bySid(buildPolicies(config({ resultsPrincipals: ['210987654321'] })).resultsRoleTrust, 'TrustResultsReadersWithSessionTag');
    expect(readers.actions).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(readers.conditions).toEqual([
      { test: 'StringEquals', variable: `aws:RequestTag/${RESULTS_READER_TAG_KEY}`, values: [RESULTS_READER_TAG_VALUE] },
    ]);
  });

  test('every statement names the AWS page that justifies it', () => {
    const statements = [...Object.values(buildPolicies(config({ logging: true, tracing: true }))).flat(), ...buildDeadLetterQueuePolicy('arn:aws:sqs:us-east-1:1:q')];
    for (const statement of statements) expect(statement.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });
});

describe('buildTriggerRolePolicies', () => {
  test('starts this state machine only, and trusts EventBridge and Scheduler of this account', () => {
    const arn = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:x`;
    const { trust, policy } = buildTriggerRolePolicies({ accountId: ACCOUNT, stateMachineArn: arn });
    expect(policy).toEqual([expect.objectContaining({ actions: ['states:StartExecution'], resources: [arn] })]);
    expect(trust[0].principals?.[0].identifiers).toEqual(['events.amazonaws.com', 'scheduler.amazonaws.com']);
    expect(trust[0].conditions).toEqual([{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }]);
  });
});

describe('policies under a real IAM evaluator', () => {
  const policies = buildPolicies(config({ resultsPrincipals: ['210987654321'] }));
  const resultsSession = `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-results-1/session`;
  const readerTags = { [`aws:PrincipalTag/${RESULTS_READER_TAG_KEY}`]: RESULTS_READER_TAG_VALUE };
  const asResults = (action: string, resource: string, context?: Record<string, string>) =>
    decide({ principal: resultsSession, action, resource, context, identity: policies.resultsRolePolicy });

  test('a tagged results-reader session is denied every SQL-running and credential action', async () => {
    expect(await asResults('redshift-data:ExecuteStatement', CLUSTER_ARN, readerTags)).toBe('ExplicitlyDenied');
    expect(await asResults('redshift-data:BatchExecuteStatement', CLUSTER_ARN, readerTags)).toBe('ExplicitlyDenied');
    expect(await asResults('redshift-data:CancelStatement', '*', readerTags)).toBe('ExplicitlyDenied');
    expect(await asResults('redshift:GetClusterCredentials', `arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:analytics/etl`, readerTags)).toBe('ExplicitlyDenied');
  });

  test('a tagged results-reader session may describe statements and fetch results', async () => {
    expect(await asResults('redshift-data:GetStatementResult', '*', readerTags)).toBe('Allowed');
    expect(await asResults('redshift-data:DescribeStatement', '*', readerTags)).toBe('Allowed');
  });

  test('the untagged session Step Functions opens runs SQL on the configured cluster only', async () => {
    expect(await asResults('redshift-data:ExecuteStatement', CLUSTER_ARN)).toBe('Allowed');
    expect(await asResults('redshift-data:ExecuteStatement', `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:other`)).toBe('ImplicitlyDenied');
    expect(await asResults('redshift:GetClusterCredentials', `arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:analytics/admin`)).toBe('ImplicitlyDenied');
  });

  test('the execution role cannot run SQL itself, only assume the results role', async () => {
    const asExecution = (action: string, resource: string) =>
      decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-sfn-1/x`, action, resource, identity: policies.executionRolePolicy });
    expect(await asExecution('redshift-data:ExecuteStatement', CLUSTER_ARN)).toBe('ImplicitlyDenied');
    expect(await asExecution('redshift:GetClusterCredentials', `arn:aws:redshift:us-east-1:${ACCOUNT}:dbuser:analytics/etl`)).toBe('ImplicitlyDenied');
    expect(await asExecution('sts:AssumeRole', RESULTS_ROLE)).toBe('Allowed');
  });

  test('a results principal may assume the results role only with the reader session tag', async () => {
    const assume = (action: string, context: Record<string, string>) =>
      decide({
        principal: 'arn:aws:iam::210987654321:role/analyst',
        action,
        resource: RESULTS_ROLE,
        context,
        identity: [{ sid: 'CallerMayAssume', effect: 'Allow', actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [RESULTS_ROLE], docUrl: 'https://docs.aws.amazon.com/' }],
        resourcePolicy: policies.resultsRoleTrust,
      });
    expect(await assume('sts:AssumeRole', {})).toBe('ImplicitlyDenied');
    expect(await assume('sts:AssumeRole', { [`aws:RequestTag/${RESULTS_READER_TAG_KEY}`]: 'admin' })).toBe('ImplicitlyDenied');
    expect(await assume('sts:AssumeRole', { [`aws:RequestTag/${RESULTS_READER_TAG_KEY}`]: RESULTS_READER_TAG_VALUE })).toBe('Allowed');
    expect(await assume('sts:TagSession', { [`aws:RequestTag/${RESULTS_READER_TAG_KEY}`]: RESULTS_READER_TAG_VALUE })).toBe('Allowed');
  });
});

describe('the state machine key statement', () => {
  // iam-simulate does not evaluate kms:EncryptionContext:* keys (every request is "missing" them), so this is structural.
  const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd`;
  test('allows the key only for encryption contexts of this exact state machine (string key: StringEquals)', () => {
    const statement = bySid(buildPolicies(config({ kmsKeyArn: key })).executionRolePolicy, 'UseStateMachineKey');
    expect(statement).toMatchObject({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key] });
    expect(statement.conditions).toEqual([
      { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:states:stateMachineArn', values: [STATE_MACHINE_ARN] },
    ]);
  });

  test('with logging, the role may generate data keys for CloudWatch Logs of this account and region (as aws-cdk grants)', () => {
    const statement = bySid(buildPolicies(config({ kmsKeyArn: key, logging: true })).executionRolePolicy, 'EncryptExecutionLogsWithKey');
    expect(statement).toMatchObject({ actions: ['kms:GenerateDataKey'], resources: [key] });
    expect(statement.conditions).toEqual([
      { test: 'StringEquals', variable: 'kms:EncryptionContext:SourceArn', values: [`arn:aws:logs:us-east-1:${ACCOUNT}:*`] },
    ]);
  });

  test('the key policy statements let CloudWatch Logs encrypt the log group and delivery.logs.amazonaws.com decrypt', () => {
    const statements = buildKmsKeyPolicyStatements({ partition: 'aws', region: 'us-east-1', accountId: ACCOUNT });
    expect(bySid(statements, 'AllowLogDeliveryToDecrypt')).toMatchObject({
      principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
      actions: ['kms:Decrypt'],
    });
    expect(bySid(statements, 'AllowCloudWatchLogsToEncryptStateMachineLogs').principals).toEqual([{ type: 'Service', identifiers: ['logs.us-east-1.amazonaws.com'] }]);
  });

  test('a Scheduler schedule encrypted with the key may be decrypted by the trigger role', () => {
    expect(buildScheduleKeyPolicy(key)).toEqual([expect.objectContaining({ actions: ['kms:Decrypt'], resources: [key] })]);
  });
});

describe('plan-time switches', () => {
  test('a statement behind a plan-time switch is kept with its switch; known switches are folded', () => {
    const planTime = { resolve: () => 'var.kms_key_arn != null' };
    const logic = {
      and: (...s: unknown[]) => (s.includes(false) ? false : s.filter((x) => x !== true).length === 0 ? true : planTime),
      or: () => planTime,
      not: (v: unknown) => (typeof v === 'boolean' ? !v : planTime),
      choose: <T>(_w: unknown, a: T) => a,
      startsWith: () => planTime,
      matches: () => planTime,
    } as never;
    const { executionRolePolicy } = buildPolicies(config({ kmsKeyArn: key(), kms: planTime, logging: false, logic }));
    expect(executionRolePolicy.map((s) => [s.sid, s.when === undefined ? 'always' : 'plan-time'])).toEqual([
      ['AssumeResultsRoleForRedshiftDataTasks', 'always'],
      ['UseStateMachineKey', 'plan-time'],
    ]);
  });
  const key = () => `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd`;
});
