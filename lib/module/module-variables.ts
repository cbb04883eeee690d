/**
 * The Terraform module's inputs, as data: one entry per variable, in the order (and under the banner) the README lists
 * them. Names are the construct props in snake_case. Validation conditions are Terraform JSON-syntax templates
 * (`${...}`); Terraform 1.11 does not short-circuit `||`, so optional values are tested with `x == null ? true : ...`.
 */
import { MAX_RETRIES_LIMIT, MAX_SETTING_SECONDS } from '../definition';

export type ModuleVariableGroup =
  | 'State machine'
  | 'Polling and retries'
  | 'Redshift target'
  | 'IAM'
  | 'Logging, tracing and encryption'
  | 'Alarm';

export interface ModuleVariableValidation {
  /** A Terraform JSON-syntax template that evaluates to a bool, e.g. `${var.max_wait >= 0}`. */
  readonly condition: string;
  /** Names the variable, says what is allowed. */
  readonly errorMessage: string;
}

export interface ModuleVariableSpec {
  readonly name: string;
  readonly group: ModuleVariableGroup;
  /** A Terraform type constraint, e.g. `number`, `list(string)`. */
  readonly type: string;
  readonly description: string;
  /** The default value; `null` = optional and not set. Absent = the variable is required. */
  readonly default?: unknown;
  readonly validations?: readonly ModuleVariableValidation[];
}

import { CLUSTER_IDENTIFIER_RULE, DATABASE_NAME_RULE, DB_USER_RULE, WORKGROUP_ARN_PATTERN, WORKGROUP_NAME_RULE, type NameRule } from '../input-rules';

/** Largest wait setting / timeout, and largest max_retries: the definition's own rules (lib/definition/settings.ts). */
const MAX_WAIT_SECONDS = MAX_SETTING_SECONDS;

/** Retention values CloudWatch Logs accepts (`0` = never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

function secondsRange(name: string, min: number, what: string): ModuleVariableValidation {
  return {
    condition: `\${var.${name} >= ${min} && var.${name} <= ${MAX_WAIT_SECONDS}}`,
    errorMessage: `${name} must be a number of seconds from ${min} to ${MAX_WAIT_SECONDS} (${what}).`,
  };
}

function optionalPattern(name: string, pattern: string, what: string): ModuleVariableValidation {
  return {
    condition: `\${var.${name} == null ? true : can(regex(${JSON.stringify(pattern)}, var.${name}))}`,
    errorMessage: `${name} must be null or ${what}.`,
  };
}

/**
 * The construct's Redshift name rule (lib/input-rules) as a validation block, quoting AWS. Every test sits inside
 * `can()`, so nothing fails on a null even if Terraform evaluates both branches of the conditional.
 */
function nameRule(name: string, rule: NameRule, options: { optional: boolean; orPattern?: string; orWhat?: string }): ModuleVariableValidation {
  const tests = [
    `can(regex(${JSON.stringify(rule.pattern)}, var.${name}))`,
    `can(regex(${JSON.stringify(`^.{${rule.minLength},${rule.maxLength}}$`)}, var.${name}))`,
    ...(rule.forbidden ?? []).map((word) => `!can(regex(${JSON.stringify(`^(?i)${word}$`)}, var.${name}))`),
  ];
  const valid = options.orPattern ? `(can(regex(${JSON.stringify(options.orPattern)}, var.${name})) || (${tests.join(' && ')}))` : tests.join(' && ');
  return {
    condition: options.optional ? `\${var.${name} == null ? true : ${valid}}` : `\${${valid}}`,
    errorMessage: `${name} must be ${options.optional ? 'null or ' : ''}${options.orWhat ? `${options.orWhat} or ` : ''}${rule.what}. AWS: "${rule.awsRule}" (${rule.source})`,
  };
}

const PARTITION = 'arn:aws[a-z-]*';

export const MODULE_VARIABLES: readonly ModuleVariableSpec[] = [
  // ##### State machine
  {
    name: 'state_machine_name',
    group: 'State machine',
    type: 'string',
    description:
      'Name of the Step Functions state machine (1 to 80 letters, digits, - or _), unique per account and region.',
    validations: [
      {
        condition: '${can(regex("^[0-9A-Za-z_-]{1,80}$", var.state_machine_name))}',
        errorMessage: 'state_machine_name must be 1 to 80 letters, digits, hyphens or underscores.',
      },
    ],
  },
  {
    name: 'name_prefix',
    group: 'State machine',
    type: 'string',
    description: 'Prefix of the generated names of the IAM roles, role policies and log group.',
    default: 'redshift-query-',
    validations: [
      {
        condition: '${can(regex("^[0-9A-Za-z_-]{1,30}$", var.name_prefix))}',
        errorMessage: 'name_prefix must be 1 to 30 letters, digits, hyphens or underscores.',
      },
    ],
  },
  {
    name: 'tags',
    group: 'State machine',
    type: 'map(string)',
    description: 'Tags for every resource the module creates.',
    default: {},
  },

  // ##### Polling and retries (per-query overrides are possible in the execution input)
  {
    name: 'initial_wait_time',
    group: 'Polling and retries',
    type: 'number',
    description: 'Seconds to wait after submitting a statement before its first status check.',
    default: 30,
    validations: [secondsRange('initial_wait_time', 0, 'the wait before the first status check')],
  },
  {
    name: 'base_wait_time',
    group: 'Polling and retries',
    type: 'number',
    description: 'Seconds between status checks after the initial wait (before wait_multiplier), and the base of the retry delay.',
    default: 15,
    validations: [secondsRange('base_wait_time', 1, 'the interval between status checks')],
  },
  {
    name: 'wait_multiplier',
    group: 'Polling and retries',
    type: 'number',
    description: 'Each interval between status checks is the previous one times this factor (1 = constant interval).',
    default: 1,
    validations: [
      {
        condition: '${var.wait_multiplier >= 1 && var.wait_multiplier <= 1000}',
        errorMessage: 'wait_multiplier must be a number from 1 to 1000 (intervals never shrink).',
      },
    ],
  },
  {
    name: 'max_wait',
    group: 'Polling and retries',
    type: 'number',
    description: 'Upper bound, in seconds, of any interval between status checks and of any retry delay.',
    default: 450,
    validations: [
      secondsRange('max_wait', 1, 'the cap of poll intervals and retry delays'),
      // Cross-variable: on this side only (Terraform rejects rules that refer to each other).
      {
        condition: '${var.max_wait >= var.base_wait_time}',
        errorMessage:
          'max_wait must be at least base_wait_time: max_wait caps every interval between status checks and every retry delay, so a larger base_wait_time would never be used (initial_wait_time is not capped).',
      },
    ],
  },
  {
    name: 'max_retries',
    group: 'Polling and retries',
    type: 'number',
    description: 'How many times a FAILED statement is submitted again, with decorrelated-jitter delays (0 = never).',
    default: 10,
    validations: [
      {
        condition: `\${var.max_retries >= 0 && var.max_retries <= ${MAX_RETRIES_LIMIT} && floor(var.max_retries) == var.max_retries}`,
        errorMessage: `max_retries must be a whole number from 0 to ${MAX_RETRIES_LIMIT}.`,
      },
    ],
  },
  {
    name: 'retry_error_match',
    group: 'Polling and retries',
    type: 'string',
    description:
      'Regular expression matched at the start of a failed statement\'s error (Python re.match semantics); a FAILED statement is retried only when it matches. "" retries every error.',
    default: '',
    validations: [
      {
        condition: '${var.retry_error_match != null}',
        errorMessage: 'retry_error_match must be a string ("" retries every error).',
      },
    ],
  },
  {
    name: 'default_timeout_seconds',
    group: 'Polling and retries',
    type: 'number',
    description: 'Seconds after which a running statement is cancelled and the execution fails; null = no limit.',
    default: null,
    validations: [
      {
        condition:
          `\${var.default_timeout_seconds == null ? true : var.default_timeout_seconds >= 1 && var.default_timeout_seconds <= ${MAX_SETTING_SECONDS}}`,
        errorMessage: `default_timeout_seconds must be null or a number of seconds from 1 to ${MAX_SETTING_SECONDS}.`,
      },
    ],
  },

  {
    name: 'completion_mode',
    group: 'Polling and retries',
    type: 'string',
    description:
      'How an execution learns a statement ended unless a query says otherwise (CompletionMode): "event" waits for the Data API status-change event (DynamoDB callback + Express relay, a few transitions per query), "poll" waits and calls DescribeStatement. The table and relay always exist (idle, they cost nothing).',
    default: 'event',
    validations: [{ condition: '${contains(["poll", "event"], var.completion_mode)}', errorMessage: 'completion_mode must be "poll" or "event".' }],
  },
  {
    name: 'event_fallback_seconds',
    group: 'Polling and retries',
    type: 'number',
    description: 'Event mode: seconds an execution waits for the event before it checks the statement itself (then waits again).',
    default: 7200,
    validations: [
      { condition: '${var.event_fallback_seconds >= 300 && var.event_fallback_seconds <= 86400}', errorMessage: 'event_fallback_seconds must be a number of seconds from 300 to 86400.' },
    ],
  },
  {
    name: 'cancel_on_stop',
    group: 'Polling and retries',
    type: 'bool',
    description: 'Cancel the running statement of an execution that is stopped, times out or fails (Express cleanup machine on an EventBridge rule).',
    default: true,
  },

  // ##### Redshift target (defaults for queries that do not name their own)
  {
    name: 'default_cluster_id',
    group: 'Redshift target',
    type: 'string',
    description:
      'Provisioned cluster used by queries that name neither a cluster nor a workgroup. This or default_workgroup_name is required: IAM is scoped to it.',
    default: null,
    validations: [
      nameRule('default_cluster_id', CLUSTER_IDENTIFIER_RULE, { optional: true }),
    ],
  },
  {
    name: 'default_workgroup_name',
    group: 'Redshift target',
    type: 'string',
    description:
      'Redshift Serverless workgroup name (or ARN) used by queries that name neither a cluster nor a workgroup. Exclusive with default_cluster_id.',
    default: null,
    validations: [
      nameRule('default_workgroup_name', WORKGROUP_NAME_RULE, { optional: true, orPattern: WORKGROUP_ARN_PATTERN, orWhat: 'a workgroup ARN (…:workgroup/<workgroup id>)' }),
      // Cross-variable rules live on one side only: Terraform rejects validations that refer to each other (a cycle).
      {
        condition: '${var.default_cluster_id != null || var.default_workgroup_name != null}',
        errorMessage: 'default_cluster_id (a provisioned cluster) or default_workgroup_name (Redshift Serverless) must be set.',
      },      {
        condition: '${var.default_workgroup_name == null || var.default_cluster_id == null}',
        errorMessage: 'default_workgroup_name and default_cluster_id cannot both be set: a query runs on one target.',
      },
    ],
  },
  {
    name: 'default_db',
    group: 'Redshift target',
    type: 'string',
    description: 'Database used by queries that do not name one; credentials are scoped to it.',
    validations: [
      nameRule('default_db', DATABASE_NAME_RULE, { optional: false }),
    ],
  },
  {
    name: 'default_user',
    group: 'Redshift target',
    type: 'string',
    description:
      'Database user for temporary credentials (redshift:GetClusterCredentials; provisioned clusters only). With neither this nor default_secret_arn, the IAM identity of the results role signs in.',
    default: null,
    validations: [
      nameRule('default_user', DB_USER_RULE, { optional: true }),
      {
        condition: '${var.default_user == null || var.default_workgroup_name == null}',
        errorMessage: 'default_user cannot be used with default_workgroup_name: Redshift Serverless takes no DbUser (use default_secret_arn, or neither for IAM identity).',
      },
      {
        condition: '${var.default_user == null || var.default_secret_arn == null}',
        errorMessage: 'default_user cannot be set together with default_secret_arn: the Data API takes either a DbUser or a SecretArn.',
      },
    ],
  },
  {
    name: 'default_secret_arn',
    group: 'Redshift target',
    type: 'string',
    description: 'Secrets Manager secret (name or ARN) with the database credentials, used by queries that name no user or secret.',
    default: null,
    validations: [
      optionalPattern(
        'default_secret_arn',
        `^(${PARTITION}:secretsmanager:[^:]+:[0-9]{12}:secret:.+|[A-Za-z0-9/_+=.@-]{1,512})$`,
        'a secret name or a Secrets Manager secret ARN',
      ),
    ],
  },

  // ##### IAM
  {
    name: 'allowed_cluster_id',
    group: 'IAM',
    type: 'string',
    description:
      'Cluster the results role may run SQL on and get credentials for; null = default_cluster_id; "*" = any cluster (the original template\'s default).',
    default: null,
    validations: [
      {
        condition:
          '${var.allowed_cluster_id == null ? true : can(regex("^([a-z*?]([a-z0-9*?]|-[a-z0-9*?])*|[*])$", var.allowed_cluster_id)) && can(regex("^.{1,63}$", var.allowed_cluster_id))}',
        errorMessage: 'allowed_cluster_id must be null or a cluster identifier (1 to 63 characters, IAM wildcards * and ? allowed) or "*".',
      },
      {
        condition: '${var.allowed_cluster_id == null || var.default_workgroup_name == null}',
        errorMessage: 'allowed_cluster_id cannot be used with default_workgroup_name.',
      },
    ],
  },
  {
    name: 'allowed_user_id',
    group: 'IAM',
    type: 'string',
    description: 'Database user the results role may get credentials for; null = default_user; "*" = any user.',
    default: null,
    validations: [optionalPattern('allowed_user_id', '^[A-Za-z0-9_+.@*?$-]{1,64}$', 'a database user name or "*"')],
  },
  {
    name: 'allowed_db_name',
    group: 'IAM',
    type: 'string',
    description: 'Database the results role may get credentials for; null = default_db; "*" = any database.',
    default: null,
    validations: [optionalPattern('allowed_db_name', '^[A-Za-z0-9_+.@*?$-]{1,64}$', 'a database name or "*"')],
  },
  {
    name: 'allowed_workgroup_arn',
    group: 'IAM',
    type: 'string',
    description:
      'Serverless workgroup ARN the results role may run SQL on (IAM needs the workgroup id, which its name does not tell); null = default_workgroup_name when it is an ARN, else every workgroup of the account and region.',
    default: null,
    validations: [
      optionalPattern('allowed_workgroup_arn', `^${PARTITION}:redshift-serverless:[^:]+:[0-9]{12}:workgroup/.+$`, 'a Redshift Serverless workgroup ARN'),
      {
        condition: '${var.allowed_workgroup_arn == null || var.default_cluster_id == null}',
        errorMessage: 'allowed_workgroup_arn cannot be used with default_cluster_id.',
      },
    ],
  },
  {
    name: 'results_role_aws_principals',
    group: 'IAM',
    type: 'list(string)',
    description:
      'AWS account IDs or IAM principal ARNs that may assume the results role to read statement results. They must tag the session RedshiftQueryAccess=results-reader, and such sessions cannot run SQL.',
    default: [],
    validations: [
      {
        condition: `\${alltrue([for p in var.results_role_aws_principals : can(regex("^([0-9]{12}|${PARTITION}:(iam|sts)::[0-9]{12}:[A-Za-z0-9+=,.@_/:-]+)$", p))])}`,
        errorMessage:
          'results_role_aws_principals must hold 12-digit AWS account IDs or IAM principal ARNs (arn:aws:iam::123456789012:root, ...:role/NAME).',
      },
    ],
  },
  {
    name: 'results_role_name',
    group: 'IAM',
    type: 'string',
    description:
      'Name of the results role. null = name_prefix + state_machine_name (cut to 47 characters) + a hash of region and names + "-results": fixed, so its ARN, and the whole definition, are known (and validated by the provider) at plan time.',
    default: null,
    validations: [optionalPattern('results_role_name', '^[0-9A-Za-z+=,.@_-]{1,64}$', '1 to 64 letters, digits or +=,.@_-')],
  },
  {
    name: 'iam_path',
    group: 'IAM',
    type: 'string',
    description: 'Path of the IAM roles the module creates.',
    default: '/',
    validations: [
      {
        condition: '${can(regex("^/([\\\\x21-\\\\x7E]+/)?$", var.iam_path))}',
        errorMessage: 'iam_path must start and end with "/", e.g. "/" or "/data/".',
      },
    ],
  },
  {
    name: 'permissions_boundary',
    group: 'IAM',
    type: 'string',
    description: 'ARN of the managed policy set as permissions boundary of every IAM role the module creates.',
    default: null,
    validations: [optionalPattern('permissions_boundary', `^${PARTITION}:iam::([0-9]{12}|aws):policy/.+$`, 'an IAM managed policy ARN')],
  },

  // ##### Logging, tracing and encryption
  {
    name: 'logging_level',
    group: 'Logging, tracing and encryption',
    type: 'string',
    description: 'Execution events sent to the CloudWatch log group: ALL, ERROR, FATAL or OFF.',
    default: 'ERROR',
    validations: [
      {
        condition: '${contains(["ALL", "ERROR", "FATAL", "OFF"], var.logging_level)}',
        errorMessage: 'logging_level must be one of ALL, ERROR, FATAL, OFF.',
      },
    ],
  },
  {
    name: 'logging_include_execution_data',
    group: 'Logging, tracing and encryption',
    type: 'bool',
    description: 'Whether log events carry execution input and output (the SQL text, result metadata). Off: the SQL is data.',
    default: false,
  },
  {
    name: 'log_retention_days',
    group: 'Logging, tracing and encryption',
    type: 'number',
    description: 'Days CloudWatch Logs keeps the execution logs (0 = never expire).',
    default: 30,
    validations: [
      {
        condition: `\${contains([${LOG_RETENTION_DAYS.join(', ')}], var.log_retention_days)}`,
        errorMessage: `log_retention_days must be one of ${LOG_RETENTION_DAYS.join(', ')}.`,
      },
    ],
  },
  {
    name: 'tracing',
    group: 'Logging, tracing and encryption',
    type: 'bool',
    description: 'Whether AWS X-Ray tracing is enabled for executions.',
    default: false,
  },
  {
    name: 'kms_key_arn',
    group: 'Logging, tracing and encryption',
    type: 'string',
    description:
      'Customer managed KMS key ARN (key/..., not an alias) encrypting the state machine (definition, history), the log group and Scheduler inputs; its key policy must hold the statements of the kms_key_policy_statements_json output. null = AWS owned keys.',
    default: null,
    // IAM policies identify a key by its key ARN; an alias names no key there.
    validations: [optionalPattern('kms_key_arn', `^${PARTITION}:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$`, 'a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>), not an alias or alias ARN: IAM grants cannot name a key by alias')],
  },

  // ##### Alarm
  {
    name: 'alarm_sns_topic_arn',
    group: 'Alarm',
    type: 'string',
    description: 'SNS topic notified by a CloudWatch alarm when executions fail or time out (and when it clears); null = no alarm.',
    default: null,
    validations: [optionalPattern('alarm_sns_topic_arn', `^${PARTITION}:sns:[^:]+:[0-9]{12}:.+$`, 'an SNS topic ARN')],
  },
  {
    name: 'alarm_period_seconds',
    group: 'Alarm',
    type: 'number',
    description: 'Length of one alarm evaluation period, in seconds (the Step Functions metrics are per minute).',
    default: 300,
    validations: [
      {
        condition: '${var.alarm_period_seconds >= 60 && floor(var.alarm_period_seconds) == var.alarm_period_seconds}',
        errorMessage: 'alarm_period_seconds must be a whole number of 60 or more.',
      },
    ],
  },
  {
    name: 'alarm_threshold',
    group: 'Alarm',
    type: 'number',
    description: 'Failed plus timed-out executions in one period that raise the alarm.',
    default: 1,
    validations: [
      {
        condition: '${var.alarm_threshold >= 1 && floor(var.alarm_threshold) == var.alarm_threshold}',
        errorMessage: 'alarm_threshold must be a whole number of 1 or more.',
      },
    ],
  },
];
