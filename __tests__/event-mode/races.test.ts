/**
 * Event completion mode on the local cloud: the main machine, the relay and the cleanup run side by side on one
 * virtual clock with the Redshift Data emulator, the local EventBridge (the construct's patterns) and DynamoDB.
 * Every race of the design: no execution hangs and no completion is lost.
 */
import { AWAIT_RESOURCE, EVENT_STATE_NAMES, RELAY_STATE_NAMES, STATE_NAMES } from '../../lib/definition';
import type { ExecutionResult } from '../../lib/runtime';
import { CloudRunner, executionsOf, statesEntered, type CloudRun } from './helpers/event-cloud';

const runner = new CloudRunner();
beforeAll(() => runner.warmUp(), 180_000);
afterAll(() => runner.close());

const FALLBACK = 300;
const SHORT_FALLBACK = { definition: { eventFallbackSeconds: FALLBACK } };

/** The relay executions' last state (how each event ended). */
function relayEndings(run: CloudRun): string[] {
  return executionsOf(run, run.deployment.relayArn).map((execution) => {
    const entered = execution.history.filter((event) => event.type === 'SucceedStateEntered' || event.type === 'FailStateEntered');
    return `${execution.status}:${String(entered[entered.length - 1]?.details?.name)}`;
  });
}

/** How each AwaitCompletionEvent visit ended: woken by the relay, event already recorded, or fallback. */
function awaitEndings(result: ExecutionResult): string[] {
  const endings: string[] = [];
  let inAwait = false;
  for (const event of result.history) {
    if (event.type === 'TaskStateEntered' && event.details?.name === EVENT_STATE_NAMES.AWAIT) inAwait = true;
    if (!inAwait) continue;
    if (event.type === 'TaskSucceeded') endings.push('woken');
    if (event.type === 'TaskFailed') endings.push(String(event.details?.error));
    if (event.type === 'TaskTimedOut') endings.push('fallback');
    if (event.type === 'TaskStateExited') inAwait = false;
  }
  return endings;
}

function secondsTaken(result: ExecutionResult): number {
  return result.durationMs / 1000;
}

describe('the event wakes the waiting execution', () => {
  test('one callback wait per statement, no polling; the output is the poll mode output', async () => {
    const scenario = { statements: [{ match: 'long', durationSeconds: 3607 }] };
    const input = ['select 1 as long', 'select 2'];
    const event = await runner.run(input, { scenario, executionName: 'same-name' });
    const poll = await runner.run(input, { scenario, executionName: 'same-name', deploy: { completionMode: 'poll' } });

    expect(event.settle.stuck).toEqual([]);
    expect(event.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(event.result)).toEqual(['woken', 'woken']);
    expect(statesEntered(event.result)).toEqual([
      'Defaults', 'ValidateInput', 'StartFirstQuery',
      'ExecuteStatementWithEvent', 'AwaitCompletionEvent', 'DescribeStatement', 'CheckStatus',
      'ExecuteStatementWithEvent', 'AwaitCompletionEvent', 'DescribeStatement', 'CheckStatus',
      'Done',
    ]);
    expect(relayEndings(event)).toEqual([`SUCCEEDED:${RELAY_STATE_NAMES.WOKEN}`, `SUCCEEDED:${RELAY_STATE_NAMES.WOKEN}`]);
    // Detected when the statement ended, not at the next poll.
    expect(secondsTaken(event.result)).toBe(3608);
    expect(secondsTaken(poll.result)).toBeGreaterThan(3608);

    const withoutIds = (result: ExecutionResult) => (result.output as Record<string, unknown>[]).map(({ StatementId: _id, ...entry }) => entry);
    expect(withoutIds(event.result)).toEqual(withoutIds(poll.result));
    expect(event.result.transitions).toBe(12); // 4 fixed + 4 per statement
    expect(poll.result.transitions).toBeGreaterThan(690);
  });

  test('statements carry WithEvent and a name <deployment>/<execution>/<index>/<attempt>[/<own name>]', async () => {
    const run = await runner.run(['select 1', { ExecuteStatementParameters: { Sql: 'select 2', StatementName: 'nightly "etl" ${x} é' } }], { executionName: 'run-7' });
    expect(run.result.status).toBe('SUCCEEDED');
    const submits = run.emulator.callLog.filter((call) => call.operation === 'ExecuteStatement').map((call) => call.request as Record<string, unknown>);
    expect(submits.map((request) => [request.StatementName, request.WithEvent])).toEqual([
      ['local-deploy/run-7/0/1', true],
      ['local-deploy/run-7/1/1/nightly "etl" ${x} é', true],
    ]);
  });
});

describe('races', () => {
  test('event before the token: the conditional write fails and the execution looks at once', async () => {
    // The token write reaches DynamoDB 30 s late; the statement (10 s) and its event are done by then.
    const run = await runner.run(['select 1'], {
      scenario: { defaultDurationSeconds: 10 },
      taskHandlers: (cloud) => ({
        'arn:aws:states:::aws-sdk:dynamodb:updateItem': async (args, invocation) => {
          if (invocation.resource === AWAIT_RESOURCE) await invocation.clock.sleep(30_000);
          return cloud().dynamoDb.call('updateItem', args);
        },
      }),
    });
    expect(run.settle.stuck).toEqual([]);
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['DynamoDb.ConditionalCheckFailedException']);
    expect(relayEndings(run)).toEqual([`SUCCEEDED:${RELAY_STATE_NAMES.NOBODY_WAITING}`]);
    expect(secondsTaken(run.result)).toBe(30);
  });

  test('duplicate events: the first wakes the execution, the copy finds no token and ends', async () => {
    const run = await runner.run(['select 1'], {
      scenario: { defaultDurationSeconds: 20, events: { duplicate: [{ times: 1 }], duplicateDelaySeconds: 5 } },
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['woken']);
    expect(relayEndings(run)).toEqual([`SUCCEEDED:${RELAY_STATE_NAMES.WOKEN}`, `SUCCEEDED:${RELAY_STATE_NAMES.NOBODY_WAITING}`]);
  });

  test('lost event: the fallback fires, one DescribeStatement finds the statement finished', async () => {
    const run = await runner.run(['select 1'], {
      scenario: { defaultDurationSeconds: 20, events: { lose: [{ times: 1 }] } },
      deploy: SHORT_FALLBACK,
    });
    expect(run.settle.stuck).toEqual([]);
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['fallback']);
    expect(relayEndings(run)).toEqual([]);
    expect(secondsTaken(run.result)).toBe(FALLBACK);
  });

  test('late event after the fallback found the statement finished: the stale token is caught', async () => {
    const run = await runner.run(['select 1', 'select 2'], {
      scenario: { defaultDurationSeconds: 20, events: { delaySeconds: 400 } },
      deploy: SHORT_FALLBACK,
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['fallback', 'fallback']);
    expect(relayEndings(run)).toEqual([`SUCCEEDED:${RELAY_STATE_NAMES.STALE_TOKEN}`, `SUCCEEDED:${RELAY_STATE_NAMES.STALE_TOKEN}`]);
    const outputs = executionsOf(run, run.deployment.relayArn).map((execution) => JSON.parse(execution.output!));
    expect(outputs.map((output) => [output.woken, output.staleToken])).toEqual([[false, 'Sfn.TaskTimedOutException'], [false, 'Sfn.TaskTimedOutException']]);
  });

  test('a statement still running at the fallback: the execution waits again with a fresh token and the event wakes it', async () => {
    const run = await runner.run(['select 1'], { scenario: { defaultDurationSeconds: 700 }, deploy: SHORT_FALLBACK });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['fallback', 'fallback', 'woken']);
    expect(secondsTaken(run.result)).toBe(700);
  });

  test('a completion recorded while DescribeStatement still says running falls back to polling, never spins', async () => {
    // The relay records FINISHED at once, but DescribeStatement lags (the statement is still STARTED).
    const run = await runner.run(['select 1'], {
      scenario: { defaultDurationSeconds: 100 },
      taskHandlers: (cloud) => ({
        'arn:aws:states:::aws-sdk:dynamodb:updateItem': async (args, invocation) => {
          if (invocation.resource === AWAIT_RESOURCE) {
            await cloud().dynamoDb.call('updateItem', {
              TableName: args.TableName, Key: args.Key, UpdateExpression: 'SET CompletedStatus = :s', ExpressionAttributeValues: { ':s': { S: 'FINISHED' } },
            });
          }
          return cloud().dynamoDb.call('updateItem', args);
        },
      }),
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['DynamoDb.ConditionalCheckFailedException']);
    const entered = statesEntered(run.result);
    expect(entered.filter((name) => name === EVENT_STATE_NAMES.AWAIT)).toHaveLength(1);
    expect(entered).toContain(STATE_NAMES.WAIT_FOR_STATEMENT);
  });

  test('DynamoDB unusable: the statement is polled instead, the execution still succeeds', async () => {
    const run = await runner.run(['select 1'], {
      taskHandlers: () => ({
        'arn:aws:states:::aws-sdk:dynamodb:updateItem': async () => {
          throw Object.assign(new Error('User is not authorized to perform: dynamodb:UpdateItem'), { name: 'AccessDeniedException' });
        },
      }),
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(awaitEndings(run.result)).toEqual(['DynamoDb.AccessDeniedException']);
    expect(statesEntered(run.result)).toContain(STATE_NAMES.WAIT_FOR_STATEMENT);
  });

  test('a retried statement is submitted again in event mode and woken again', async () => {
    const run = await runner.run([{ ExecuteStatementParameters: 'select 1 as flaky', MaxRetries: 2, BaseWaitTime: 5 }], {
      scenario: { statements: [{ match: 'flaky', fail: { error: 'ERROR: could not serialize access', times: 1 } }] },
    });
    expect(run.result.status).toBe('SUCCEEDED');
    expect(run.result.output).toEqual([expect.objectContaining({ Attempts: 2, Errors: ['ERROR: could not serialize access'] })]);
    expect(awaitEndings(run.result)).toEqual(['woken', 'woken']);
    expect(statesEntered(run.result)).toContain(EVENT_STATE_NAMES.WAIT_BEFORE_RESUBMIT);
    expect(run.emulator.statements().map((s) => s.StatementName)).toEqual(['local-deploy/event-test/0/1', 'local-deploy/event-test/0/2']);
  });

  test('a query TimeoutSeconds shorter than the fallback still cancels on time', async () => {
    const run = await runner.run([{ ExecuteStatementParameters: 'select 1', TimeoutSeconds: 45 }], { scenario: { defaultDurationSeconds: 1000 } });
    expect(run.result.status).toBe('FAILED');
    expect(run.result.error).toBe('RedshiftQuery.QueryTimedOut');
    expect(secondsTaken(run.result)).toBe(45);
    expect(run.emulator.statements()[0]!.Status).toBe('ABORTED');
  });
});
