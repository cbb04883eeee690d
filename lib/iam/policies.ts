import {
  LOG_DELIVERY_ACTIONS,
  RESULTS_READER_ACTIONS,
  RESULTS_READER_TAG_KEY,
  RESULTS_READER_TAG_VALUE,
  SQL_RUNNING_ACTIONS,
  TARGET_SCOPED_ACTIONS,
} from './constants';
import type { PolicyConfig, PolicySet, PolicyStatement, RedshiftTarget, TriggerRolePolicyConfig } from './types';

const DOC = {
  sfnConfusedDeputy: 'https://docs.aws.amazon.com/step-functions/latest/dg/cross-service-confused-deputy-prevention.html',
  sfnTaskCredentials: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html',
  sfnLogs: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
  sfnXray: 'https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html',
  sfnKms: 'https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html',
  dataApiActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftdataapi.html',
  dataApiAccess: 'https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html',
  redshiftActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshift.html',
  serverlessActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshiftserverless.html',
  sessionTags: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html',
  eventsRole: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html',
  schedulerRole: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role',
  schedulerDlq: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html',
} as const;

/** The four policies of the construct's two roles, worked out from the configuration alone. */
export function buildPolicies(config: PolicyConfig): PolicySet {
  return {
    executionRoleTrust: [
      {
        sid: 'TrustStepFunctionsForThisStateMachine',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }],
        conditions: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: [config.accountId] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [config.stateMachineArnPattern] },
        ],
        docUrl: DOC.sfnConfusedDeputy,
      },
    ],
    executionRolePolicy: executionRolePolicy(config),
    resultsRoleTrust: resultsRoleTrust(config),
    resultsRolePolicy: resultsRolePolicy(config),
  };
}

function executionRolePolicy(config: PolicyConfig): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      sid: 'AssumeResultsRoleForRedshiftDataTasks',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      resources: [config.resultsRoleArn],
      docUrl: DOC.sfnTaskCredentials,
    },
  ];
  if (config.logging) {
    statements.push({
      sid: 'DeliverExecutionLogs',
      effect: 'Allow',
      actions: [...LOG_DELIVERY_ACTIONS],
      resources: ['*'],
      docUrl: DOC.sfnLogs,
    });
  }
  if (config.tracing) {
    statements.push({
      sid: 'SendXRayTraces',
      effect: 'Allow',
      actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
      docUrl: DOC.sfnXray,
    });
  }
  if (config.kmsKeyArn !== undefined) {
    statements.push({
      sid: 'UseStateMachineKey',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [config.kmsKeyArn],
      conditions: [
        {
          // The encryption context key is a string key: StringLike (ArnLike applies to ARN-typed keys).
          test: 'StringLike',
          variable: 'kms:EncryptionContext:aws:states:stateMachineArn',
          values: [config.stateMachineArnPattern],
        },
      ],
      docUrl: DOC.sfnKms,
    });
  }
  return statements;
}

function resultsRoleTrust(config: PolicyConfig): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      sid: 'TrustStateMachineExecutionRole',
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: [config.executionRoleArn, ...(config.cleanupRoleArn === undefined ? [] : [config.cleanupRoleArn])] }],
      docUrl: DOC.sfnTaskCredentials,
    },
  ];
  if (config.resultsPrincipals.length > 0) {
    statements.push({
      sid: 'TrustResultsReadersWithSessionTag',
      effect: 'Allow',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      principals: [{ type: 'AWS', identifiers: config.resultsPrincipals }],
      conditions: [
        { test: 'StringEquals', variable: `aws:RequestTag/${RESULTS_READER_TAG_KEY}`, values: [RESULTS_READER_TAG_VALUE] },
      ],
      docUrl: DOC.sessionTags,
    });
  }
  return statements;
}

function resultsRolePolicy(config: PolicyConfig): PolicyStatement[] {
  const used = new Set(config.redshiftDataActions);
  const submit = TARGET_SCOPED_ACTIONS.filter((action) => used.has(action));
  const track = [...new Set([...config.redshiftDataActions, ...RESULTS_READER_ACTIONS])]
    .filter((action) => !TARGET_SCOPED_ACTIONS.includes(action))
    .sort();
  const credentials = credentialStatement(config, config.target);
  const statements: PolicyStatement[] = [];
  if (submit.length > 0) {
    statements.push({
      sid: 'SubmitStatementsToTarget',
      effect: 'Allow',
      actions: submit,
      resources: [targetArn(config, config.target)],
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
    credentials,
    {
      sid: 'DenySqlToResultsReaders',
      effect: 'Deny',
      actions: [...SQL_RUNNING_ACTIONS, ...credentials.actions].sort(),
      resources: ['*'],
      conditions: [
        { test: 'StringEquals', variable: `aws:PrincipalTag/${RESULTS_READER_TAG_KEY}`, values: [RESULTS_READER_TAG_VALUE] },
      ],
      docUrl: DOC.sessionTags,
    },
  );
  return statements;
}

function credentialStatement(config: PolicyConfig, target: RedshiftTarget): PolicyStatement {
  const { auth } = target;
  if (auth.kind === 'secret') {
    return {
      sid: 'ReadDatabaseSecret',
      effect: 'Allow',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secretArnPattern(config, auth.secretArn)],
      docUrl: DOC.dataApiAccess,
    };
  }
  if (target.kind === 'workgroup') {
    return {
      sid: 'GetServerlessCredentials',
      effect: 'Allow',
      actions: ['redshift-serverless:GetCredentials'],
      resources: [targetArn(config, target)],
      docUrl: DOC.serverlessActions,
    };
  }
  const redshiftArn = (type: string, name: string): string =>
    `arn:${config.partition}:redshift:${config.region}:${config.accountId}:${type}:${target.clusterId}/${name}`;
  if (auth.kind === 'dbUser') {
    return {
      sid: 'GetClusterCredentialsForDbUser',
      effect: 'Allow',
      actions: ['redshift:GetClusterCredentials'],
      resources: [redshiftArn('dbuser', auth.dbUser), redshiftArn('dbname', target.dbName)],
      docUrl: DOC.redshiftActions,
    };
  }
  return {
    sid: 'GetClusterCredentialsWithIam',
    effect: 'Allow',
    actions: ['redshift:GetClusterCredentialsWithIAM'],
    resources: [redshiftArn('dbname', target.dbName)],
    docUrl: DOC.redshiftActions,
  };
}

function targetArn(config: PolicyConfig, target: RedshiftTarget): string {
  if (target.kind === 'cluster') {
    return `arn:${config.partition}:redshift:${config.region}:${config.accountId}:cluster:${target.clusterId}`;
  }
  return (
    target.workgroupArn ??
    `arn:${config.partition}:redshift-serverless:${config.region}:${config.accountId}:workgroup/*`
  );
}

/** The Data API accepts a secret name; IAM needs the ARN, whose last 7 characters (`-` + 6 random) it cannot know. */
function secretArnPattern(config: PolicyConfig, secret: string): string {
  return secret.startsWith('arn:')
    ? secret
    : `arn:${config.partition}:secretsmanager:${config.region}:${config.accountId}:secret:${secret}-??????`;
}

/** The role EventBridge rules and Scheduler schedules use to start executions of this one state machine. */
export function buildTriggerRolePolicies(config: TriggerRolePolicyConfig): {
  trust: PolicyStatement[];
  policy: PolicyStatement[];
} {
  return {
    trust: [
      {
        sid: 'TrustEventBridgeAndSchedulerOfThisAccount',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com', 'scheduler.amazonaws.com'] }],
        conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [config.accountId] }],
        docUrl: DOC.schedulerRole,
      },
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
