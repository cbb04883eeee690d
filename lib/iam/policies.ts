import {
  LOG_DELIVERY_ACTIONS,
  RESULTS_READER_ACTIONS,
  RESULTS_READER_TAG_KEY,
  RESULTS_READER_TAG_VALUE,
  SQL_RUNNING_ACTIONS,
  TARGET_SCOPED_ACTIONS,
} from './constants';
import { serviceTrust } from './service-trust';
import type { PolicyConfig, PolicySet, PolicyStatement, Switch, SwitchLogic, TriggerRolePolicyConfig } from './types';

const DOC = {
  sfnConfusedDeputy: 'https://docs.aws.amazon.com/step-functions/latest/dg/cross-service-confused-deputy-prevention.html',
  sfnTaskCredentials: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html',
  sfnLogs: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
  sfnXray: 'https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html',
  sfnKms: 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html',
  logsKms: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
  schedulerKms: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/encryption-rest.html',
  dataApiActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html',
  dataApiAccess: 'https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html',
  redshiftActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshift.html',
  serverlessActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftserverless.html',
  sessionTags: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
  eventsRole: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html',
  schedulerRole: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
  schedulerDlq: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html',
} as const;

/** Known values only: every switch must be a boolean. */
export const LITERAL_LOGIC: SwitchLogic = {
  and: (...switches) => switches.every((s) => known(s)),
  or: (...switches) => switches.some((s) => known(s)),
  not: (value) => !known(value),
  choose: (when, then, otherwise) => (known(when) ? then : otherwise),
  startsWith: (text, prefix) => text.startsWith(prefix),
  matches: (text, pattern) => new RegExp(pattern).test(text),
};

function known(value: Switch): boolean {
  if (typeof value !== 'boolean') throw new TypeError('LITERAL_LOGIC got a plan-time switch: pass a SwitchLogic that renders it');
  return value;
}

/** Credential actions of every sign-in mode: denied to reader sessions whichever mode applies. */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'redshift-serverless:GetCredentials',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'secretsmanager:GetSecretValue',
];

/**
 * The policies of the construct's two roles, worked out from the configuration alone. Statements that apply only in
 * some configurations carry `when`; with plan-time values, every candidate statement is returned once, each with the
 * (plan-time) switch under which it applies, and exactly the applicable ones render.
 */
export function buildPolicies(config: PolicyConfig): PolicySet {
  return {
    executionRoleTrust: [
      serviceTrust({
        sid: 'TrustStepFunctionsForThisStateMachine',
        services: ['states.amazonaws.com'],
        accountId: config.accountId,
        sourceArn: { test: 'ArnEquals', values: [config.stateMachineArn] },
        docUrl: DOC.sfnConfusedDeputy,
      }),
    ],
    executionRolePolicy: applicable(executionRolePolicy(config)),
    resultsRoleTrust: applicable(resultsRoleTrust(config)),
    resultsRolePolicy: applicable(resultsRolePolicy(config)),
  };
}

/** Statements whose switch is not known to be off; a known-on switch is dropped from the statement. */
function applicable(statements: readonly PolicyStatement[]): PolicyStatement[] {
  return statements
    .filter((statement) => statement.when !== false)
    .map((statement) => {
      if (statement.when !== true) return statement;
      const { when: _on, ...always } = statement;
      return always;
    });
}

function executionRolePolicy(config: PolicyConfig): PolicyStatement[] {
  const logic = config.logic ?? LITERAL_LOGIC;
  const kms = config.kms ?? config.kmsKeyArn !== undefined;
  const logging = config.logging ?? false;
  return [
    {
      sid: 'AssumeResultsRoleForRedshiftDataTasks',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      resources: [config.resultsRoleArn],
      docUrl: DOC.sfnTaskCredentials,
    },
    {
      sid: 'DeliverExecutionLogs',
      effect: 'Allow',
      when: logging,
      actions: [...LOG_DELIVERY_ACTIONS],
      resources: ['*'],
      docUrl: DOC.sfnLogs,
    },
    {
      sid: 'SendXRayTraces',
      effect: 'Allow',
      when: config.tracing ?? false,
      actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
      docUrl: DOC.sfnXray,
    },
    {
      sid: 'UseStateMachineKey',
      effect: 'Allow',
      when: kms,
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [config.kmsKeyArn ?? ''],
      conditions: [
        // A string-typed context key: StringEquals, with the exact ARN (never a name pattern).
        { test: 'StringEquals', variable: 'kms:EncryptionContext:aws:states:stateMachineArn', values: [config.stateMachineArn] },
      ],
      docUrl: DOC.sfnKms,
    },
    {
      // Step Functions writes execution logs to a CMK-encrypted log group with a data key generated under the
      // execution role, in the CloudWatch Logs encryption context (aws-cdk's StateMachine grants the same).
      sid: 'EncryptExecutionLogsWithKey',
      effect: 'Allow',
      when: logic.and(kms, logging),
      actions: ['kms:GenerateDataKey'],
      resources: [config.kmsKeyArn ?? ''],
      conditions: [
        {
          test: 'StringEquals',
          variable: 'kms:EncryptionContext:SourceArn',
          values: [`arn:${config.partition}:logs:${config.region}:${config.accountId}:*`],
        },
      ],
      docUrl: DOC.sfnKms,
    },
  ];
}

/**
 * Statements the key policy of a customer managed key must hold for the state machine's logs (a role policy cannot
 * grant a service principal): CloudWatch Logs encrypts the log group with it, and the log delivery service decrypts.
 * Printed by the module (`kms_key_policy_statements` output) and the construct (`kmsKeyPolicyStatements`).
 */
export function buildKmsKeyPolicyStatements(config: { partition: string; region: string; accountId: string }): PolicyStatement[] {
  return [
    {
      sid: 'AllowCloudWatchLogsToEncryptStateMachineLogs',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: [`logs.${config.region}.amazonaws.com`] }],
      conditions: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [`arn:${config.partition}:logs:${config.region}:${config.accountId}:log-group:*`],
        },
      ],
      docUrl: DOC.logsKms,
    },
    {
      sid: 'AllowLogDeliveryToDecrypt',
      effect: 'Allow',
      actions: ['kms:Decrypt'],
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
      docUrl: DOC.sfnKms,
    },
  ];
}

function resultsRoleTrust(config: PolicyConfig): PolicyStatement[] {
  return [
    {
      sid: 'TrustStateMachineExecutionRole',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: [config.executionRoleArn, ...(config.cleanupRoleArn === undefined ? [] : [config.cleanupRoleArn])] }],
      docUrl: DOC.sfnTaskCredentials,
    },
    {
      sid: 'TrustResultsReadersWithSessionTag',
      effect: 'Allow',
      when: config.hasResultsPrincipals ?? config.resultsPrincipals.length > 0,
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      principals: [{ type: 'AWS', identifiers: config.resultsPrincipals }],
      conditions: [
        { test: 'StringEquals', variable: `aws:RequestTag/${RESULTS_READER_TAG_KEY}`, values: [RESULTS_READER_TAG_VALUE] },
      ],
      docUrl: DOC.sessionTags,
    },
  ];
}

function resultsRolePolicy(config: PolicyConfig): PolicyStatement[] {
  const used = new Set(config.redshiftDataActions);
  const submit = TARGET_SCOPED_ACTIONS.filter((action) => used.has(action));
  const track = [...new Set([...config.redshiftDataActions, ...RESULTS_READER_ACTIONS])]
    .filter((action) => !TARGET_SCOPED_ACTIONS.includes(action))
    .sort();
  const statements: PolicyStatement[] = [];
  if (submit.length > 0) {
    statements.push({
      sid: 'SubmitStatementsToTarget',
      effect: 'Allow',
      actions: submit,
      resources: [targetArn(config)],
      docUrl: DOC.dataApiActions,
    });
  }
  statements.push(
    {
      sid: 'TrackOwnStatements',
      effect: 'Allow',
      // Statement-level actions take no resource; the Data API limits them to statements of the same role.
      actions: track,
      resources: ['*'],
      docUrl: DOC.dataApiActions,
    },
    ...credentialStatements(config),
    {
      sid: 'DenySqlToResultsReaders',
      effect: 'Deny',
      actions: [...SQL_RUNNING_ACTIONS, ...CREDENTIAL_ACTIONS].sort(),
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', variable: `aws:PrincipalTag/${RESULTS_READER_TAG_KEY}`, values: [RESULTS_READER_TAG_VALUE] },
      ],
      docUrl: DOC.sessionTags,
    },
  );
  return statements;
}

/** One grant per sign-in mode, each with the switch under which it is the one that applies. */
function credentialStatements(config: PolicyConfig): PolicyStatement[] {
  const logic = config.logic ?? LITERAL_LOGIC;
  const { target } = config;
  const cluster = logic.not(target.workgroup);
  const noSecret = logic.not(target.useSecret);
  const redshiftArn = (type: string, name: string | undefined): string =>
    `arn:${config.partition}:redshift:${config.region}:${config.accountId}:${type}:${target.clusterId ?? ''}/${name ?? ''}`;
  return [
    {
      sid: 'ReadDatabaseSecret',
      effect: 'Allow',
      when: target.useSecret,
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secretArnPattern(config, target.secretArn ?? '')],
      docUrl: DOC.dataApiAccess,
    },
    {
      sid: 'GetServerlessCredentials',
      effect: 'Allow',
      when: logic.and(target.workgroup, noSecret),
      actions: ['redshift-serverless:GetCredentials'],
      resources: [workgroupArn(config)],
      docUrl: DOC.serverlessActions,
    },
    {
      sid: 'GetClusterCredentialsForDbUser',
      effect: 'Allow',
      when: logic.and(cluster, noSecret, target.useDbUser),
      actions: ['redshift:GetClusterCredentials'],
      resources: [redshiftArn('dbuser', target.dbUser), redshiftArn('dbname', target.dbName)],
      docUrl: DOC.redshiftActions,
    },
    {
      sid: 'GetClusterCredentialsWithIam',
      effect: 'Allow',
      when: logic.and(cluster, noSecret, logic.not(target.useDbUser)),
      actions: ['redshift:GetClusterCredentialsWithIAM'],
      resources: [redshiftArn('dbname', target.dbName)],
      docUrl: DOC.redshiftActions,
    },
  ];
}

function targetArn(config: PolicyConfig): string {
  const logic = config.logic ?? LITERAL_LOGIC;
  const clusterArn = `arn:${config.partition}:redshift:${config.region}:${config.accountId}:cluster:${config.target.clusterId ?? ''}`;
  return logic.choose(config.target.workgroup, workgroupArn(config), clusterArn);
}

function workgroupArn(config: PolicyConfig): string {
  const logic = config.logic ?? LITERAL_LOGIC;
  const everyWorkgroup = `arn:${config.partition}:redshift-serverless:${config.region}:${config.accountId}:workgroup/*`;
  return logic.choose(config.target.useWorkgroupArn, config.target.workgroupArn ?? '', everyWorkgroup);
}

/**
 * The Data API accepts a secret name, ARN or partial ARN; IAM needs the full ARN, whose suffix (`-` + 6 random
 * characters) only a full ARN carries. A name or partial ARN therefore gets the `-??????` wildcard. Decided by
 * `logic`, so a plan-time value is decided by Terraform.
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources
 */
function secretArnPattern(config: PolicyConfig, secret: string): string {
  const logic = config.logic ?? LITERAL_LOGIC;
  const fullArn = logic.matches(secret, '^arn:[^:]+:secretsmanager:[^:]+:[0-9]{12}:secret:.+-[A-Za-z0-9]{6}$');
  const anyArn = logic.startsWith(secret, 'arn:');
  const byName = `arn:${config.partition}:secretsmanager:${config.region}:${config.accountId}:secret:${secret}-??????`;
  return logic.choose(fullArn, secret, logic.choose(anyArn, `${secret}-??????`, byName));
}

/** The role EventBridge rules and Scheduler schedules use to start executions of this one state machine. */
export function buildTriggerRolePolicies(config: TriggerRolePolicyConfig): {
  trust: PolicyStatement[];
  policy: PolicyStatement[];
} {
  return {
    trust: [
      serviceTrust({
        sid: 'TrustEventBridgeAndSchedulerOfThisAccount',
        services: ['events.amazonaws.com', 'scheduler.amazonaws.com'],
        accountId: config.accountId,
        docUrl: DOC.schedulerRole,
      }),
    ],
    policy: [
      {
        sid: 'StartThisStateMachine',
        effect: 'Allow',
        actions: ['states:StartExecution'],
        resources: [config.stateMachineArn],
        docUrl: DOC.eventsRole,
      },
    ],
  };
}

/**
 * Scheduler encrypts a schedule's target input with a customer managed key and decrypts it with the schedule's role
 * when the schedule fires (aws-cdk's Schedule grants the same).
 */
export function buildScheduleKeyPolicy(kmsKeyArn: string): PolicyStatement[] {
  return [{ sid: 'DecryptScheduleInput', effect: 'Allow', actions: ['kms:Decrypt'], resources: [kmsKeyArn], docUrl: DOC.schedulerKms }];
}

/**
 * Scheduler delivers undeliverable invocations to the dead-letter queue with the schedule's role (EventBridge rules
 * use the queue's resource policy instead).
 */
export function buildDeadLetterQueuePolicy(queueArn: string): PolicyStatement[] {
  return [
    {
      sid: 'SendUndeliveredSchedulesToDeadLetterQueue',
      effect: 'Allow',
      actions: ['sqs:SendMessage'],
      resources: [queueArn],
      docUrl: DOC.schedulerDlq,
    },
  ];
}
