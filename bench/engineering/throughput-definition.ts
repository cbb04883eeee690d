/**
 * Issue 2's performance workload: submit one statement, then Wait → describeStatement → Choice until it
 * finishes. With a 1-hour statement polled every 15 s that is 240 loops per execution.
 */
export const THROUGHPUT_POLL_SECONDS = 15;
export const THROUGHPUT_STATEMENT_SECONDS = 3600;

export function buildThroughputDefinition(): Record<string, unknown> {
  return {
    Comment: 'Runtime throughput workload: one statement, polled until it finishes.',
    QueryLanguage: 'JSONata',
    StartAt: 'Submit',
    States: {
      Submit: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
        Arguments: {
          ClusterIdentifier: 'bench-cluster',
          Database: 'dev',
          DbUser: 'bench',
          Sql: '{% $states.input.sql %}',
        },
        Assign: { statementId: '{% $states.result.Id %}' },
        Next: 'WaitBeforePoll',
      },
      WaitBeforePoll: { Type: 'Wait', Seconds: THROUGHPUT_POLL_SECONDS, Next: 'Poll' },
      Poll: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:redshiftdata:describeStatement',
        Arguments: { Id: '{% $statementId %}' },
        Assign: { status: '{% $states.result.Status %}' },
        Next: 'IsFinished',
      },
      IsFinished: {
        Type: 'Choice',
        Choices: [
          { Condition: "{% $status = 'FINISHED' %}", Next: 'Done' },
          { Condition: "{% $status in ['FAILED', 'ABORTED'] %}", Next: 'Failed' },
        ],
        Default: 'WaitBeforePoll',
      },
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail', Error: 'Bench.StatementFailed', Cause: '{% $status %}' },
    },
  };
}
