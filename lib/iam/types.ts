/**
 * IAM policy statements as plain data, shaped like Terraform's `aws_iam_policy_document` statement block so the
 * construct can render them with `DataAwsIamPolicyDocument` and tests can evaluate them without cdktf.
 */
export interface PolicyCondition {
  /** Condition operator, e.g. `StringEquals`, `ArnLike`. */
  readonly test: string;
  /** Condition key, e.g. `aws:SourceAccount`. */
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyPrincipal {
  readonly type: 'AWS' | 'Service';
  /** ARNs, account ids or service names; may be a single list token (`resultsRoleAwsPrincipals` as a variable). */
  readonly identifiers: readonly string[];
}

export interface PolicyStatement {
  readonly sid: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** Omitted in trust policies. */
  readonly resources?: readonly string[];
  /** Only in trust policies. */
  readonly principals?: readonly PolicyPrincipal[];
  readonly conditions?: readonly PolicyCondition[];
  /** Whether the statement applies (plan-time statements are rendered conditionally). @default true */
  readonly when?: Switch;
  /** The AWS page that justifies this rule (reviewers follow it; never rendered into the policy). */
  readonly docUrl: string;
}

/**
 * Whether something applies: a `boolean` when known when the policies are built, else an opaque plan-time value (a
 * Terraform boolean expression) that only a renderer understands. See {@link SwitchLogic}.
 */
export type Switch = boolean | PlanTimeSwitch;

/** A boolean decided at plan time (a cdktf token: anything with `resolve`). */
export interface PlanTimeSwitch {
  resolve(context: never): unknown;
}

/**
 * How the rules combine switches and choose values. {@link LITERAL_LOGIC} handles known values; the construct passes
 * one that builds Terraform expressions for plan-time values, so one set of rules serves both.
 */
export interface SwitchLogic {
  and(...switches: Switch[]): Switch;
  or(...switches: Switch[]): Switch;
  not(value: Switch): Switch;
  /** `when ? then : otherwise`. */
  choose<T>(when: Switch, then: T, otherwise: T): T;
  startsWith(text: string, prefix: string): Switch;
  /** Whether `pattern` (a regular expression meaning the same in RE2 and JavaScript) matches somewhere in `text`. */
  matches(text: string, pattern: string): Switch;
}

/**
 * The Redshift target and sign-in the results role is scoped to. Values may be plan-time (then `workgroup` and the
 * `use*` switches are too); exactly one credential grant applies: a secret, else a DbUser (clusters), else the IAM
 * identity.
 */
export interface RedshiftTarget {
  /** Serverless workgroup (`true`) or provisioned cluster (`false`). */
  readonly workgroup: Switch;
  /** Cluster identifier or an IAM wildcard (`*`); used for clusters. */
  readonly clusterId?: string;
  /** Database name or an IAM wildcard; used for clusters. */
  readonly dbName?: string;
  /** Workgroup ARN (IAM needs the workgroup id, not its name). Used when `useWorkgroupArn`, else every workgroup. */
  readonly workgroupArn?: string;
  readonly useWorkgroupArn: Switch;
  /** Secrets Manager secret name, ARN or partial ARN (no 6-character suffix). Used when `useSecret`. */
  readonly secretArn?: string;
  readonly useSecret: Switch;
  /** Database user (or wildcard) for temporary credentials; used when `useDbUser` (clusters, no secret). */
  readonly dbUser?: string;
  readonly useDbUser: Switch;
}

export interface PolicyConfig {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Exact ARN of the state machine (trust and KMS conditions are scoped to it, never to a name pattern). */
  readonly stateMachineArn: string;
  readonly executionRoleArn: string;
  /** Role of the cleanup machine, which also runs Redshift Data calls as the results role. @default - none */
  readonly cleanupRoleArn?: string;
  readonly resultsRoleArn: string;
  /** IAM actions the definition's Redshift Data tasks call, e.g. `redshift-data:ExecuteStatement`. */
  readonly redshiftDataActions: readonly string[];
  readonly target: RedshiftTarget;
  /** Principals allowed to assume the results role with the reader session tag; a list token is kept as is. */
  readonly resultsPrincipals: readonly string[];
  /** Whether the reader statement applies (a plan-time list may be empty). @default - `resultsPrincipals` is not empty */
  readonly hasResultsPrincipals?: Switch;
  /** @default false */
  readonly logging?: Switch;
  /** @default false */
  readonly tracing?: Switch;
  /** Customer managed key ARN encrypting the state machine and its logs; used when `kms`. */
  readonly kmsKeyArn?: string;
  /** @default - whether `kmsKeyArn` is given */
  readonly kms?: Switch;
  /** @default LITERAL_LOGIC */
  readonly logic?: SwitchLogic;
}

export interface PolicySet {
  readonly executionRoleTrust: readonly PolicyStatement[];
  readonly executionRolePolicy: readonly PolicyStatement[];
  readonly resultsRoleTrust: readonly PolicyStatement[];
  readonly resultsRolePolicy: readonly PolicyStatement[];
}

export interface TriggerRolePolicyConfig {
  readonly accountId: string;
  readonly stateMachineArn: string;
}
