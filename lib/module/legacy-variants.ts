/**
 * Addresses of the resources of the module's old layout (before 0.2: one inner module per target x auth x KMS
 * "variant", instantiated with `count`), so the single-module layout can declare `moved` blocks from every one of
 * them and users upgrade without replacing the state machine or its roles. Frozen data: never change it.
 */

/** Module block names of the old inner modules (`module.<name>[0]`), in the order they were declared. */
export const LEGACY_VARIANT_MODULES: readonly string[] = [
  'cluster_db_user',
  'cluster_db_user_kms',
  'cluster_secret',
  'cluster_secret_kms',
  'cluster_iam',
  'cluster_iam_kms',
  'workgroup_secret',
  'workgroup_secret_kms',
  'workgroup_iam',
  'workgroup_iam_kms',
];

/** The managed resources every old variant held (same logical ids in all of them), by role in the construct. */
export const LEGACY_RESOURCES = {
  stateMachine: 'aws_sfn_state_machine.redshift_query_StateMachine_B06B0F2B',
  executionRole: 'aws_iam_role.redshift_query_ExecutionRole_CA44537A',
  resultsRole: 'aws_iam_role.redshift_query_ResultsRole_5F0DC829',
  executionRolePolicy: 'aws_iam_role_policy.redshift_query_ExecutionRolePolicy_F38E68BB',
  resultsRolePolicy: 'aws_iam_role_policy.redshift_query_ResultsRolePolicy_DADFB9AC',
  /** Always created by the old layout (no count); now `count`-ed on logging_level. */
  logGroup: 'aws_cloudwatch_log_group.redshift_query_LogGroup_CD55E0AC',
  /** `count`-ed on alarm_sns_topic_arn in both layouts. */
  alarm: 'aws_cloudwatch_metric_alarm.redshift_query_FailedExecutionsAlarm_AB409305',
} as const;

export type LegacyResource = keyof typeof LEGACY_RESOURCES;
