/**
 * EventBridge patterns of the two companion rules, as data: the construct renders them, the local deployment
 * (lib/local-deploy) routes the local cloud's events with exactly the same patterns.
 */

/** @see https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-monitoring-events.html */
export const STATEMENT_EVENT = { source: 'aws.redshift-data', detailType: 'Redshift Data Statement Status Change' } as const;
/** @see https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html */
export const EXECUTION_EVENT = { source: 'aws.states', detailType: 'Step Functions Execution Status Change' } as const;
/** Execution ends that can leave a statement running (SUCCEEDED cannot). */
export const STOPPED_STATUSES = ['ABORTED', 'TIMED_OUT', 'FAILED'] as const;

/** Status changes of this deployment's statements (their StatementName starts with `<prefix>/`), to the relay. */
export function statementEventPattern(statementNamePrefix: string): Record<string, unknown> {
  return {
    source: [STATEMENT_EVENT.source],
    'detail-type': [STATEMENT_EVENT.detailType],
    detail: { statementName: [{ prefix: `${statementNamePrefix}/` }] },
  };
}

/** Executions of the main machine that ended without succeeding, to the cleanup. */
export function executionStoppedPattern(stateMachineArn: string): Record<string, unknown> {
  return {
    source: [EXECUTION_EVENT.source],
    'detail-type': [EXECUTION_EVENT.detailType],
    detail: { stateMachineArn: [stateMachineArn], status: [...STOPPED_STATUSES] },
  };
}
