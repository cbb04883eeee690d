/** Session tag a results principal must set when assuming the results role; tagged sessions cannot run SQL. */
export const RESULTS_READER_TAG_KEY = 'RedshiftQueryAccess';
export const RESULTS_READER_TAG_VALUE = 'results-reader';

/** What a results reader calls; granted to the results role even when the definition does not use them. */
export const RESULTS_READER_ACTIONS: readonly string[] = [
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
];

/** Redshift Data actions that take a cluster or workgroup ARN as resource; the others only accept `*`. */
export const TARGET_SCOPED_ACTIONS: readonly string[] = [
  'redshift-data:ExecuteStatement',
  'redshift-data:BatchExecuteStatement',
];

/** Actions that run or stop SQL: denied to sessions carrying the results-reader tag. */
export const SQL_RUNNING_ACTIONS: readonly string[] = [
  'redshift-data:BatchExecuteStatement',
  'redshift-data:CancelStatement',
  'redshift-data:ExecuteStatement',
];

/** What Step Functions needs to deliver execution logs; these actions support no resource-level permissions. */
export const LOG_DELIVERY_ACTIONS: readonly string[] = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
];
