/** The event-completion companions' IAM, proven with a real policy evaluator. */
import {
  buildCleanupRolePolicies,
  buildCompanionStarterPolicies,
  buildCompletionTableAccess,
  buildPolicies,
  buildRelayRolePolicies,
  type EventPolicyConfig,
} from '../../lib/iam';
import { ACCOUNT, decide } from './simulate';

const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/redshift-query-abc-completions`;
const OTHER_TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`;
const MAIN = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nightly-etl`;
const OTHER_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:payments`;
const RESULTS_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-query-results-1`;
const CLEANUP_ROLE = `arn:aws:iam::${ACCOUNT}:role/redshift-query-cleanup-1`;
const RELAY = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:redshift-query-relay-1`;
const CLEANUP = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:redshift-query-cleanup-1`;
const CLUSTER_ARN = `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:analytics`;

const config: EventPolicyConfig = {
  accountId: ACCOUNT,
  completionTableArn: TABLE,
  relayArnPattern: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:redshift-query-relay-*`,
  cleanupArnPattern: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:redshift-query-cleanup-*`,
  resultsRoleArn: RESULTS_ROLE,
};

describe('the relay role can only record completions and send task success', () => {
  const { policy } = buildRelayRolePolicies(config);
  const asRelay = (action: string, resource: string) =>
    decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-relay-1/x`, action, resource, identity: policy });

  test('UpdateItem on the completion table; SendTaskSuccess, which IAM cannot scope (no resource types: the token is the capability)', async () => {
    expect(await asRelay('dynamodb:UpdateItem', TABLE)).toBe('Allowed');
    expect(await asRelay('states:SendTaskSuccess', '*')).toBe('Allowed');
  });

  test('nothing else: other tables, other machines, reads, deletes, failures, SQL', async () => {
    expect(await asRelay('dynamodb:UpdateItem', OTHER_TABLE)).toBe('ImplicitlyDenied');
    expect(await asRelay('dynamodb:GetItem', TABLE)).toBe('ImplicitlyDenied');
    expect(await asRelay('dynamodb:DeleteItem', TABLE)).toBe('ImplicitlyDenied');
    expect(await asRelay('dynamodb:Scan', TABLE)).toBe('ImplicitlyDenied');
    expect(await asRelay('states:SendTaskFailure', '*')).toBe('ImplicitlyDenied');
    expect(await asRelay('states:SendTaskHeartbeat', '*')).toBe('ImplicitlyDenied');
    expect(await asRelay('states:StartExecution', OTHER_MACHINE)).toBe('ImplicitlyDenied');
    expect(await asRelay('states:StopExecution', `arn:aws:states:us-east-1:${ACCOUNT}:execution:nightly-etl:run-1`)).toBe('ImplicitlyDenied');
    expect(await asRelay('redshift-data:CancelStatement', '*')).toBe('ImplicitlyDenied');
    expect(await asRelay('redshift-data:ExecuteStatement', CLUSTER_ARN)).toBe('ImplicitlyDenied');
  });
});

describe('the cleanup role cancels statements only as the role that owns them', () => {
  const { policy } = buildCleanupRolePolicies(config);
  const asCleanup = (action: string, resource: string) =>
    decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-cleanup-1/x`, action, resource, identity: policy });

  test('it may only assume the results role: no Data API action of its own (statements of other roles stay out of reach)', async () => {
    expect(await asCleanup('sts:AssumeRole', RESULTS_ROLE)).toBe('Allowed');
    expect(await asCleanup('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/admin`)).toBe('ImplicitlyDenied');
    expect(await asCleanup('redshift-data:CancelStatement', '*')).toBe('ImplicitlyDenied');
    expect(await asCleanup('redshift-data:ListStatements', '*')).toBe('ImplicitlyDenied');
    expect(await asCleanup('redshift-data:ExecuteStatement', CLUSTER_ARN)).toBe('ImplicitlyDenied');
  });

  test('the results role trusts the cleanup role; as the results role it may list and cancel, not run SQL elsewhere', async () => {
    const policies = buildPolicies({
      partition: 'aws',
      region: 'us-east-1',
      accountId: ACCOUNT,
      stateMachineArn: MAIN,
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/redshift-query-sfn-1`,
      cleanupRoleArn: CLEANUP_ROLE,
      resultsRoleArn: RESULTS_ROLE,
      redshiftDataActions: ['redshift-data:ExecuteStatement', 'redshift-data:DescribeStatement', 'redshift-data:CancelStatement', 'redshift-data:ListStatements'],
      target: { workgroup: false, clusterId: 'analytics', dbName: 'dev', useWorkgroupArn: false, useSecret: false, dbUser: 'etl', useDbUser: true },
      resultsPrincipals: [],
    });
    const assume = (principal: string) =>
      decide({
        principal,
        action: 'sts:AssumeRole',
        resource: RESULTS_ROLE,
        identity: [{ sid: 'MayAssume', effect: 'Allow', actions: ['sts:AssumeRole'], resources: [RESULTS_ROLE], docUrl: 'https://docs.aws.amazon.com/' }],
        resourcePolicy: policies.resultsRoleTrust,
      });
    expect(await assume(CLEANUP_ROLE)).toBe('Allowed');
    expect(await assume(`arn:aws:iam::${ACCOUNT}:role/someone-else`)).toBe('ImplicitlyDenied');
    const asResults = (action: string, resource: string) =>
      decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-results-1/cleanup`, action, resource, identity: policies.resultsRolePolicy });
    expect(await asResults('redshift-data:ListStatements', '*')).toBe('Allowed');
    expect(await asResults('redshift-data:CancelStatement', '*')).toBe('Allowed');
    expect(await asResults('redshift-data:ExecuteStatement', `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:other`)).toBe('ImplicitlyDenied');
  });

  test('only Step Functions running the cleanup machine of this account may assume the cleanup role', async () => {
    const { trust } = buildCleanupRolePolicies(config);
    const assume = (sourceArn: string, sourceAccount = ACCOUNT) =>
      decide({
        principal: 'states.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: CLEANUP_ROLE,
        context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
        identity: [],
        resourcePolicy: trust,
      });
    expect(await assume(CLEANUP)).toBe('Allowed');
    expect(await assume(MAIN)).toBe('ImplicitlyDenied');
    expect(await assume(CLEANUP, '210987654321')).toBe('ImplicitlyDenied');
  });
});

test('the execution role may write its token to the completion table only', async () => {
  const identity = buildCompletionTableAccess(TABLE);
  const asExecution = (action: string, resource: string) =>
    decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-sfn-1/x`, action, resource, identity });
  expect(await asExecution('dynamodb:UpdateItem', TABLE)).toBe('Allowed');
  expect(await asExecution('dynamodb:UpdateItem', OTHER_TABLE)).toBe('ImplicitlyDenied');
  expect(await asExecution('dynamodb:GetItem', TABLE)).toBe('ImplicitlyDenied');
});

test('EventBridge may start the relay and the cleanup machines, nothing else', async () => {
  const { policy } = buildCompanionStarterPolicies(ACCOUNT, [RELAY, CLEANUP]);
  const asEvents = (resource: string) =>
    decide({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/redshift-query-events-1/x`, action: 'states:StartExecution', resource, identity: policy });
  expect(await asEvents(RELAY)).toBe('Allowed');
  expect(await asEvents(CLEANUP)).toBe('Allowed');
  expect(await asEvents(MAIN)).toBe('ImplicitlyDenied');
});
