import type { HistoryEvent } from '../../lib/runtime';
import { QueryProgressEvent, QueryProgressTracker, summarizeQueryList } from '../../lib/local-run';

const ARN = 'arn:aws:states:::aws-sdk:redshiftdata:';

/** Builds a history the way a query-list state machine produces one (only the events the tracker reads). */
class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private time = 0;

  add(type: string, details?: Record<string, unknown>): this {
    this.time += 1000;
    this.events.push({ id: this.events.length + 1, previousEventId: this.events.length, timestamp: this.time, type, details });
    return this;
  }

  task(action: string, parameters: Record<string, unknown>, output: Record<string, unknown>): this {
    return this.add('TaskStateEntered', { name: action })
      .add('TaskScheduled', { resource: `${ARN}${action}`, parameters: JSON.stringify(parameters) })
      .add('TaskStarted', { resource: `${ARN}${action}` })
      .add('TaskSucceeded', { resource: `${ARN}${action}`, output: JSON.stringify(output) })
      .add('TaskStateExited', { name: action });
  }

  submit(sql: string, id: string): this {
    return this.task('executeStatement', { Sql: sql, ClusterIdentifier: 'c', ClientToken: 't' }, { Id: id });
  }

  poll(id: string, status: string, error?: string): this {
    return this.add('WaitStateEntered', { name: 'Wait' })
      .add('WaitStateExited', { name: 'Wait' })
      .task('describeStatement', { Id: id }, { Id: id, Status: status, ...(error ? { Error: error } : {}) });
  }
}

function track(queries: unknown, history: HistoryBuilder): QueryProgressEvent[] {
  const seen: QueryProgressEvent[] = [];
  const tracker = new QueryProgressTracker(summarizeQueryList(queries), (event) => seen.push(event), 'exec-1');
  history.events.forEach(tracker.onEvent);
  return seen;
}

/** Compact "type:index" view, with the interesting field of each event. */
function outline(events: QueryProgressEvent[]): string[] {
  return events.map((event) => {
    switch (event.type) {
      case 'execution-started':
        return `started total=${event.total}`;
      case 'item-started':
        return `item ${event.index} ${event.resumed ? 'resumed ' : ''}${event.label}`;
      case 'submitted':
        return `submitted ${event.index} attempt=${event.attempt} id=${event.statementId}`;
      case 'polling':
        return `poll ${event.index} #${event.polls} ${event.status}`;
      case 'attempt-failed':
        return `attempt-failed ${event.index} attempt=${event.attempt} ${event.error}`;
      case 'retrying':
        return `retrying ${event.index} next=${event.nextAttempt}`;
      case 'cancelling':
        return `cancelling ${event.index} ${event.statementId}`;
      case 'item-finished':
        return `finished ${event.index} attempts=${event.attempts} polls=${event.polls}`;
      case 'item-failed':
        return `failed ${event.index} attempts=${event.attempts} ${event.error}`;
      case 'execution-finished':
        return `execution ${event.status}${event.error ? ` ${event.error}` : ''}`;
    }
  });
}

describe('QueryProgressTracker', () => {
  test('follows a list of queries through submit, polls and finish', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .submit('create table t (n int)', 's1')
      .poll('s1', 'STARTED')
      .poll('s1', 'FINISHED')
      .submit('insert into t values (1)', 's2')
      .poll('s2', 'FINISHED')
      .add('ExecutionSucceeded', { output: '[]' });
    expect(outline(track(['create table t (n int)', { ExecuteStatementParameters: { Sql: 'insert into t values (1)' } }], history))).toEqual([
      'started total=2',
      'item 0 create table t (n int)',
      'submitted 0 attempt=1 id=s1',
      'poll 0 #1 STARTED',
      'poll 0 #2 FINISHED',
      'finished 0 attempts=1 polls=2',
      'item 1 insert into t values (1)',
      'submitted 1 attempt=1 id=s2',
      'poll 1 #1 FINISHED',
      'finished 1 attempts=1 polls=1',
      'execution SUCCEEDED',
    ]);
  });

  test('reports a failed attempt, the retry wait and the new submission of the same item', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .submit('vacuum', 's1')
      .poll('s1', 'FAILED', 'ERROR: lock timeout')
      .add('WaitStateEntered', { name: 'RetryBackoff' })
      .add('WaitStateExited', { name: 'RetryBackoff' })
      .submit('vacuum', 's2')
      .poll('s2', 'FINISHED')
      .add('ExecutionSucceeded');
    expect(outline(track(['vacuum'], history))).toEqual([
      'started total=1',
      'item 0 vacuum',
      'submitted 0 attempt=1 id=s1',
      'poll 0 #1 FAILED',
      'attempt-failed 0 attempt=1 ERROR: lock timeout',
      'retrying 0 next=2',
      'submitted 0 attempt=2 id=s2',
      'poll 0 #2 FINISHED',
      'finished 0 attempts=2 polls=2',
      'execution SUCCEEDED',
    ]);
  });

  test('marks the item failed with the Redshift error when the execution fails after the last attempt', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .submit('selec 1', 's1')
      .poll('s1', 'FAILED', 'ERROR: syntax error at or near "selec"')
      .add('ExecutionFailed', { error: 'RedshiftQuery.QueryFailed', cause: 'item 0 failed' });
    expect(outline(track(['selec 1'], history)).slice(-2)).toEqual([
      'failed 0 attempts=1 ERROR: syntax error at or near "selec"',
      'execution FAILED RedshiftQuery.QueryFailed',
    ]);
  });

  test('recognises a resumed item by a DescribeStatement of a statement it did not submit', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .submit('select 1', 's1')
      .poll('s1', 'FINISHED')
      .poll('old-statement', 'FINISHED')
      .add('ExecutionSucceeded');
    expect(outline(track(['select 1', { StatementId: 'old-statement' }], history))).toEqual([
      'started total=2',
      'item 0 select 1',
      'submitted 0 attempt=1 id=s1',
      'poll 0 #1 FINISHED',
      'finished 0 attempts=1 polls=1',
      'item 1 resumed resume old-statement',
      'poll 1 #1 FINISHED',
      'finished 1 attempts=1 polls=1',
      'execution SUCCEEDED',
    ]);
  });

  test('does not count an API-level retry of a submission as a new attempt', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .add('TaskScheduled', { resource: `${ARN}executeStatement`, parameters: { Sql: 'select 1' } })
      .add('TaskFailed', { resource: `${ARN}executeStatement`, error: 'RedshiftData.ThrottlingException', cause: 'Rate exceeded' })
      .submit('select 1', 's1')
      .poll('s1', 'FINISHED')
      .add('ExecutionSucceeded');
    expect(outline(track(['select 1'], history))).toEqual([
      'started total=1',
      'item 0 select 1',
      'submitted 0 attempt=1 id=s1',
      'poll 0 #1 FINISHED',
      'finished 0 attempts=1 polls=1',
      'execution SUCCEEDED',
    ]);
  });

  test('reports a cancellation and the failure of a timed-out item', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .submit('select pg_sleep(100)', 's1')
      .poll('s1', 'STARTED')
      .task('cancelStatement', { Id: 's1' }, { Status: true })
      .add('ExecutionFailed', { error: 'RedshiftQuery.QueryTimedOut', cause: 'item 0 timed out' });
    expect(outline(track({ Queries: ['select pg_sleep(100)'] }, history)).slice(-3)).toEqual([
      'cancelling 0 s1',
      'failed 0 attempts=1 RedshiftQuery.QueryTimedOut',
      'execution FAILED RedshiftQuery.QueryTimedOut',
    ]);
  });

  test('reports an invalid list as an execution failure with no item started', () => {
    const history = new HistoryBuilder().add('ExecutionStarted').add('ExecutionFailed', { error: 'RedshiftQuery.InvalidInput', cause: 'item 1: no SQL' });
    expect(outline(track(['ok', 42], history))).toEqual(['started total=2', 'execution FAILED RedshiftQuery.InvalidInput']);
  });

  test('matches a batch by its Sqls and its sub-statement ids', () => {
    const history = new HistoryBuilder()
      .add('ExecutionStarted')
      .task('batchExecuteStatement', { Sqls: ['a', 'b'] }, { Id: 'b1' })
      .poll('b1', 'FINISHED')
      .add('ExecutionSucceeded');
    const events = track([{ ExecuteStatementParameters: { Sqls: ['a', 'b'] } }], history);
    expect(events.find((e) => e.type === 'item-started')).toMatchObject({ label: 'a; b' });
    expect(events.find((e) => e.type === 'submitted')).toMatchObject({ batch: true, statementId: 'b1' });
  });

  test('accepts parameters and outputs as objects as well as JSON strings', () => {
    const history = new HistoryBuilder().add('ExecutionStarted');
    history
      .add('TaskScheduled', { resource: `${ARN}executeStatement`, parameters: { Sql: 'select 2' } })
      .add('TaskSucceeded', { resource: `${ARN}executeStatement`, output: { Id: 'x' } });
    expect(outline(track(['select 1', 'select 2'], history))).toEqual(['started total=2', 'item 1 select 2', 'submitted 1 attempt=1 id=x']);
  });
});
