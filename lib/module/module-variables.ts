/**
 * The Terraform module's inputs, as data: one entry per variable, in the order (and under the banner) the README lists
 * them. Names are the construct props in snake_case. Validation conditions are Terraform JSON-syntax templates
 * (`${...}`); Terraform 1.11 does not short-circuit `||`, so optional values are tested with `x == null ? true : ...`.
 */

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

/** Step Functions' largest Wait `Seconds`. */
const MAX_WAIT_SECONDS = 99_999_999;

/** Retention values CloudWatch Logs accepts (`0` = never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

function secondsRange(name: string, what: string): ModuleVariableValidation {
  return {
    condition: `\${var.${name} >= 0 && var.${name} <= ${MAX_WAIT_SECONDS}}`,
    errorMessage: `${name} must be a number of seconds from 0 to ${MAX_WAIT_SECONDS} (${what}).`,
  };
}

function optionalPattern(name: string, pattern: string, what: string): ModuleVariableValidation {
  return {
    condition: `\${var.${name} == null ? true : can(regex(${JSON.stringify(pattern)}, var.${name}))}`,
    errorMessage: `${name} must be null or ${what}.`,
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
      'Name of the Step Functions state machine; also the base of the IAM role names. Unique per account and region.',
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
    description: 'Prefix added to the names of every resource the module creates (roles, log group, alarm).',
    default: '',
    validations: [optionalPattern('name_prefix', '^[0-9A-Za-z_-]{0,32}$', 'at most 32 letters, digits, hyphens or underscores')],
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
    validations: [secondsRange('initial_wait_time', 'the wait before the first status check')],
  },
  {
    name: 'base_wait_time',
    group: 'Polling and retries',
    type: 'number',
    description: 'Seconds between status checks after the initial wait, before wait_multiplier is applied.',
    default: 15,
    validations: [secondsRange('base_wait_time', 'the interval between status checks')],
  },
  {
    name: 'wait_multiplier',
    group: 'Polling and retries',
    type: 'number',
    description: 'Each interval between status checks is the previous one times this factor (1 = constant interval).',
    default: 1,
    validations: [
      {
        condition: '${var.wait_multiplier >= 1}',
        errorMessage: 'wait_multiplier must be a number of at least 1 (intervals never shrink).',
      },
    ],
  },
  {
    name: 'max_wait',
    group: 'Polling and retries',
    type: 'number',
    description: 'Upper bound, in seconds, of any interval between status checks and of any retry delay.',
    default: 450,
    validations: [secondsRange('max_wait', 'the cap of poll intervals and retry delays')],
  },
  {
    name: 'max_retries',
    group: 'Polling and retries',
    type: 'number',
    description: 'How many times a FAILED statement is submitted again, with decorrelated-jitter delays (0 = never).',
    default: 10,
    validations: [
      {
        condition: '${var.max_retries >= 0 && floor(var.max_retries) == var.max_retries}',
        errorMessage: 'max_retries must be a whole number of 0 or more.',
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
          '${var.default_timeout_seconds == null ? true : var.default_timeout_seconds > 0 && floor(var.default_timeout_seconds) == var.default_timeout_seconds}',
        errorMessage: 'default_timeout_seconds must be null or a whole number of seconds greater than 0.',
      },
    ],
  },

  // ##### Redshift target (defaults for queries that do not name their own)
  {
    name: 'default_cluster_id',
    group: 'Redshift target',
    type: 'string',
    description: 'Provisioned cluster used by queries that name neither a cluster nor a workgroup.',
    default: null,
    validations: [
      optionalPattern('default_cluster_id', '^[a-z][a-z0-9-]{0,62}$', 'a cluster identifier (lowercase letters, digits, hyphens; starts with a letter)'),
    ],
  },
  {
    name: 'default_workgroup_name',
    group: 'Redshift target',
    type: 'string',
    description: 'Redshift Serverless workgroup used by queries that name neither a cluster nor a workgroup. Exclusive with default_cluster_id.',
    default: null,
    validations: [
      optionalPattern('default_workgroup_name', '^[a-z0-9-]{3,64}$', 'a workgroup name (3 to 64 lowercase letters, digits, hyphens)'),
      {
        condition: '${var.default_workgroup_name == null || var.default_cluster_id == null}',
        errorMessage: 'default_workgroup_name and default_cluster_id cannot both be set: a query runs on one target.',
      },
    ],
  },
  {
    name: 'default_db',
    group: 'Redshift target',
    type: 'string',
    description: 'Database used by queries that do not name one.',
    default: null,
  },
  {
    name: 'default_user',
    group: 'Redshift target',
    type: 'string',
    description: 'Database user for temporary credentials (provisioned clusters), used by queries that name no user or secret.',
    default: null,
  },
  {
    name: 'default_secret_arn',
    group: 'Redshift target',
    type: 'string',
    description: 'Secrets Manager secret with database credentials, used by queries that name no user or secret.',
    default: null,
    validations: [optionalPattern('default_secret_arn', `^${PARTITION}:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$`, 'a Secrets Manager secret ARN')],
  },

  // ##### IAM
  {
    name: 'allowed_cluster_id',
    group: 'IAM',
    type: 'string',
    description: 'Cluster the results role may use; null = derived from default_cluster_id; "*" = any cluster (the original template\'s default).',
    default: null,
  },
  {
    name: 'allowed_user_id',
    group: 'IAM',
    type: 'string',
    description: 'Database user the results role may get credentials for; null = derived from default_user; "*" = any user.',
    default: null,
  },
  {
    name: 'allowed_db_name',
    group: 'IAM',
    type: 'string',
    description: 'Database the results role may connect to; null = derived from default_db; "*" = any database.',
    default: null,
  },
  {
    name: 'results_role_aws_principals',
    group: 'IAM',
    type: 'list(string)',
    description:
      'AWS account IDs or IAM ARNs allowed to assume the results role to read statement results (DescribeStatement, GetStatementResult); they cannot run SQL.',
    default: [],
    validations: [
      {
        condition: `\${alltrue([for p in var.results_role_aws_principals : can(regex("^([0-9]{12}|${PARTITION}:iam::[0-9]{12}:(root|(role|user)/.+))$", p))])}`,
        errorMessage:
          'results_role_aws_principals must hold 12-digit AWS account IDs or IAM ARNs (arn:aws:iam::123456789012:root, ...:role/NAME, ...:user/NAME).',
      },
    ],
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
    description: 'Execution history sent to CloudWatch Logs: ALL, ERROR, FATAL or OFF.',
    default: 'OFF',
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
    description: 'Whether logs include execution input and output (the SQL text and results metadata).',
    default: false,
  },
  {
    name: 'log_retention_days',
    group: 'Logging, tracing and encryption',
    type: 'number',
    description: 'Days CloudWatch Logs keeps the execution logs (0 = never expire).',
    default: 365,
    validations: [
      {
        condition: `\${contains([${LOG_RETENTION_DAYS.join(', ')}], var.log_retention_days)}`,
        errorMessage: `log_retention_days must be one of ${LOG_RETENTION_DAYS.join(', ')}.`,
      },
    ],
  },
  {
    name: 'tracing_enabled',
    group: 'Logging, tracing and encryption',
    type: 'bool',
    description: 'Whether AWS X-Ray tracing is enabled for executions.',
    default: false,
  },
  {
    name: 'kms_key_arn',
    group: 'Logging, tracing and encryption',
    type: 'string',
    description: 'Customer managed KMS key encrypting the state machine data and the log group; null = AWS owned keys.',
    default: null,
    validations: [optionalPattern('kms_key_arn', `^${PARTITION}:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$`, 'a KMS key or alias ARN')],
  },

  // ##### Alarm
  {
    name: 'alarm_topic_arn',
    group: 'Alarm',
    type: 'string',
    description: 'SNS topic notified by a CloudWatch alarm when an execution fails or times out; null = no alarm.',
    default: null,
    validations: [optionalPattern('alarm_topic_arn', `^${PARTITION}:sns:[a-z0-9-]+:[0-9]{12}:.+$`, 'an SNS topic ARN')],
  },
];
