import { Token } from 'cdktf';
import {
  CLUSTER_IDENTIFIER_RULE,
  DATABASE_NAME_RULE,
  DB_USER_RULE,
  WORKGROUP_ARN_PATTERN,
  WORKGROUP_NAME_RULE,
} from '../input-rules';
import { PropChecks, isKnown } from './prop-checks';
import type { RedshiftQueryStepFunctionProps } from './props';

/** @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
/** A database or user name as GetClusterCredentials allows it, with IAM wildcards. */
const IAM_SCOPE_NAME = /^[A-Za-z0-9_+.@*?$-]{1,64}$/;
const ACCOUNT_OR_PRINCIPAL_ARN = /^(\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/:-]+)$/;

/** Throws a {@link ConstructValidationError} naming the first impossible prop. */
export function validateProps(constructPath: string, props: RedshiftQueryStepFunctionProps): void {
  const check = new PropChecks(constructPath);

  check.pattern('stateMachineName', props.stateMachineName, /^[A-Za-z0-9_-]{1,80}$/, '1-80 letters, digits, "-" or "_"');
  check.pattern('resultsRoleName', props.resultsRoleName, /^[\w+=,.@-]{1,64}$/, '1-64 letters, digits or +=,.@_-');
  check.pattern('namePrefix', props.namePrefix, /^[A-Za-z0-9_-]{0,30}$/, 'at most 30 letters, digits, "-" or "_"');

  // Wait, retry and timeout values, and maxWait against baseWaitTime, are checked by buildDefinition
  // (DefinitionOptionsError, mapped to props by the construct).

  check.name('defaultClusterId', props.defaultClusterId, CLUSTER_IDENTIFIER_RULE);
  const workgroup = props.defaultWorkgroupName;
  if (typeof workgroup === 'string' && workgroup.startsWith('arn:')) {
    check.pattern('defaultWorkgroupName', workgroup, new RegExp(WORKGROUP_ARN_PATTERN), "a workgroup ARN naming the workgroup by id, as the Data API's WorkgroupName takes it (arn:aws:redshift-serverless:<region>:<account>:workgroup/<workgroup id>)");
  } else {
    check.name('defaultWorkgroupName', workgroup, WORKGROUP_NAME_RULE);
  }
  check.name('defaultDb', props.defaultDb, DATABASE_NAME_RULE);
  check.name('defaultUser', props.defaultUser, DB_USER_RULE);
  check.pattern('defaultSecretArn', props.defaultSecretArn, /^(arn:aws[a-z-]*:secretsmanager:[^:]+:\d{12}:secret:.+|[A-Za-z0-9/_+=.@-]{1,512})$/, 'a secret name or Secrets Manager secret ARN');
  // Exclusivity is only judged between known values: a module passes nullable variables as tokens.
  if (isKnown(props.defaultClusterId) && isKnown(props.defaultWorkgroupName)) {
    check.fail('defaultWorkgroupName', 'cannot be set together with defaultClusterId: a query runs either on a provisioned cluster or on a serverless workgroup.');
  }
  if (isKnown(props.defaultWorkgroupName) && isKnown(props.defaultUser)) {
    check.fail('defaultUser', 'cannot be used with defaultWorkgroupName: Redshift Serverless takes no DbUser (use defaultSecretArn, or no credentials for IAM identity).');
  }
  if (isKnown(props.defaultSecretArn) && isKnown(props.defaultUser)) {
    check.fail('defaultUser', 'cannot be set together with defaultSecretArn: the Data API takes either a DbUser or a SecretArn.');
  }

  check.pattern('allowedClusterId', props.allowedClusterId, /^(?=.{1,63}$)([a-z*?]([a-z0-9*?]|-[a-z0-9*?])*|\*)$/, "a cluster identifier (1-63 characters) or '*'");
  check.pattern('allowedUserId', props.allowedUserId, IAM_SCOPE_NAME, "a database user name or '*'");
  check.pattern('allowedDbName', props.allowedDbName, IAM_SCOPE_NAME, "a database name or '*'");
  check.pattern('allowedWorkgroupArn', props.allowedWorkgroupArn, /^arn:aws[a-z-]*:redshift-serverless:[^:]+:\d{12}:workgroup\/.+$/, 'a Redshift Serverless workgroup ARN (arn:aws:redshift-serverless:<region>:<account>:workgroup/<id>)');
  if (isKnown(props.allowedWorkgroupArn) && isKnown(props.defaultClusterId)) {
    check.fail('allowedWorkgroupArn', 'cannot be used with defaultClusterId.');
  }
  if (isKnown(props.allowedClusterId) && isKnown(props.defaultWorkgroupName)) {
    check.fail('allowedClusterId', 'cannot be used with defaultWorkgroupName.');
  }
  const hasCluster = props.defaultClusterId !== undefined || props.allowedClusterId !== undefined;
  const hasWorkgroup = props.defaultWorkgroupName !== undefined || props.allowedWorkgroupArn !== undefined;
  if (!hasCluster && !hasWorkgroup) {
    check.fail('defaultClusterId', "is required (or defaultWorkgroupName, or allowedClusterId = '*' when every query names its cluster): IAM permissions are scoped to the target.");
  }
  if (hasCluster && props.defaultDb === undefined && props.allowedDbName === undefined) {
    check.fail('defaultDb', "is required with a cluster (or allowedDbName, '*' to allow any database): credentials are scoped to a database.");
  }

  const principals = props.resultsRoleAwsPrincipals;
  if (principals !== undefined && !Token.isUnresolved(principals)) {
    principals.forEach((principal, index) =>
      check.pattern(`resultsRoleAwsPrincipals[${index}]`, principal, ACCOUNT_OR_PRINCIPAL_ARN, 'a 12-digit AWS account id or an IAM principal ARN'),
    );
  }
  check.pattern('permissionsBoundary', props.permissionsBoundary, /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+$/, 'an IAM policy ARN');
  check.pattern('iamPath', props.iamPath, /^\/([\x21-\x7e]{0,510}\/)?$/, 'a path that starts and ends with "/"');

  check.oneOf('completionMode', props.completionMode, ['poll', 'event']);
  check.oneOf('logging.level', props.logging?.level, ['ALL', 'ERROR', 'FATAL', 'OFF']);
  check.oneOf('logRetentionDays', props.logRetentionDays, LOG_RETENTION_DAYS);
  // IAM policies identify a key by its key ARN; an alias (ARN) names no key there, so grants on it would not apply.
  check.pattern('kmsKeyArn', props.kmsKeyArn, /^arn:aws[a-z-]*:kms:[^:]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>; an alias or alias ARN cannot scope IAM grants)');
  if (props.alarm !== undefined) {
    check.pattern('alarm.snsTopicArn', props.alarm.snsTopicArn, /^arn:aws[a-z-]*:sns:[^:]+:\d{12}:.+$/, 'an SNS topic ARN');
    check.number('alarm.periodSeconds', props.alarm.periodSeconds, { min: 60, integer: true });
    check.number('alarm.threshold', props.alarm.threshold, { min: 1, integer: true });
  }
  for (const [key, value] of Object.entries(props.tags ?? {})) {
    check.pattern(`tags.${key}`, value, /^[\s\S]{0,256}$/, 'at most 256 characters');
    if (key.length > 128) check.fail(`tags.${key.slice(0, 20)}…`, 'key must be at most 128 characters.');
  }
}
