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
  /** The AWS page that justifies this rule (reviewers follow it; never rendered into the policy). */
  readonly docUrl: string;
}

/** How Redshift Data authenticates: the credential action the results role needs follows from it. */
export type RedshiftAuth =
  | { readonly kind: 'dbUser'; readonly dbUser: string }
  | { readonly kind: 'iam' }
  | { readonly kind: 'secret'; readonly secretArn: string };

export type RedshiftTarget =
  | {
      readonly kind: 'cluster';
      /** Cluster identifier or an IAM wildcard (`*`). */
      readonly clusterId: string;
      /** Database name or an IAM wildcard. */
      readonly dbName: string;
      readonly auth: RedshiftAuth;
    }
  | {
      readonly kind: 'workgroup';
      /** Workgroup ARN (IAM needs the workgroup id, not its name). @default - every workgroup of the account and region */
      readonly workgroupArn?: string;
      readonly auth: { readonly kind: 'iam' } | { readonly kind: 'secret'; readonly secretArn: string };
    };

export interface PolicyConfig {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Exact state machine ARN, or an `ArnLike` pattern when the name is generated at apply time. */
  readonly stateMachineArnPattern: string;
  readonly executionRoleArn: string;
  /** Role of the cleanup machine, which also runs Redshift Data calls as the results role. @default - none */
  readonly cleanupRoleArn?: string;
  readonly resultsRoleArn: string;
  /** IAM actions the definition's Redshift Data tasks call, e.g. `redshift-data:ExecuteStatement`. */
  readonly redshiftDataActions: readonly string[];
  readonly target: RedshiftTarget;
  /** Principals allowed to assume the results role with the reader session tag; a list token is kept as is. */
  readonly resultsPrincipals: readonly string[];
  /** @default false */
  readonly logging?: boolean;
  /** @default false */
  readonly tracing?: boolean;
  /** Customer managed key encrypting the state machine. @default - AWS owned key, no KMS statement */
  readonly kmsKeyArn?: string;
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
