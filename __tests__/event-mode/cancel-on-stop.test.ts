/**
 * Cancel on stop: a Standard execution that is stopped (or fails) publishes its status change; the rule starts the
 * cleanup machine, which lists the execution's statements by name prefix (as the results role) and cancels the
 * running ones. Both completion modes.
 */
import { CLEANUP_STATE_NAMES, type CompletionMode } from '../../lib/definition';
import type { LocalCloud } from '../../lib/local-cloud';
import { CloudRunner, executionsOf } from './helpers/event-cloud';

const runner = new CloudRunner();
beforeAll(() => runner.warmUp(), 180_000);
afterAll(() => runner.close());

/** Stops the execution `seconds` after it started, on the cloud's clock. */
function stopAfter(seconds: number) {
  return (cloud: LocalCloud, executionArn: string) => {
    void cloud.clock.sleep(seconds * 1000).then(() => cloud.stopExecution({ executionArn, error: 'Operator', cause: 'stopped by a test' }));
  };
}

describe.each<CompletionMode>(['event', 'poll'])('%s mode', (completionMode) => {
  test('StopExecution while a statement runs: the cleanup cancels it, as the role that submitted it', async () => {
    const run = await runner.run(['select 1 as quick', 'select 2 as endless'], {
      scenario: { statements: [{ match: 'endless', neverFinishes: true }] },
      deploy: { completionMode },
      whileRunning: stopAfter(600),
    });
    expect(run.settle.stuck).toEqual([]);
    expect(run.result.status).toBe('ABORTED');
    const [quick, endless] = run.emulator.statements();
    expect(quick!.Status).toBe('FINISHED');
    expect(endless!.Status).toBe('ABORTED');

    const cleanups = executionsOf(run, run.deployment.cleanupArn);
    expect(cleanups.map((execution) => execution.status)).toEqual(['SUCCEEDED']);
    expect(JSON.parse(cleanups[0]!.output!)).toEqual({ Execution: run.executionArn, Statements: [{ Id: endless!.Id, Cancelled: true }] });
    const cancel = run.emulator.callLog.find((call) => call.operation === 'CancelStatement')!;
    expect(cancel.identity).toBe(run.deployment.resultsRoleArn);
    expect(run.emulator.callLog.find((call) => call.operation === 'ListStatements')!.request).toEqual({
      StatementName: 'local-deploy/event-test/', Status: 'ALL', MaxResults: 100,
    });
  });
});

test('a failed execution (our own Fail state) has nothing running: the cleanup cancels nothing', async () => {
  const run = await runner.run([{ ExecuteStatementParameters: 'select 1 as broken', MaxRetries: 0 }], {
    scenario: { statements: [{ match: 'broken', fail: { error: 'ERROR: relation does not exist' } }] },
  });
  expect(run.result.error).toBe('RedshiftQuery.QueryFailed');
  const cleanups = executionsOf(run, run.deployment.cleanupArn);
  expect(cleanups.map((execution) => JSON.parse(execution.output!).Statements)).toEqual([[]]);
  expect(run.emulator.callLog.filter((call) => call.operation === 'CancelStatement')).toEqual([]);
});

test('only the stopped execution\'s statements are cancelled ("run-1" does not match "run-10")', async () => {
  const { cloud, emulator, deployment } = runner.deploy({ scenario: { statements: [{ match: 'endless', neverFinishes: true }] } });
  const start = (name: string) =>
    cloud.startExecution({ stateMachineArn: deployment.stateMachineArn, name, input: JSON.stringify(['select 1 as endless']) }).executionArn;
  const startedAt = cloud.clock.now();
  const first = start('run-1');
  const tenth = start('run-10');
  stopAfter(120)(cloud, first);
  void cloud.clock.sleep(3_000_000).then(() => cloud.stopExecution({ executionArn: tenth }));
  await cloud.settle();
  const byName = Object.fromEntries(emulator.statements().map((s) => [s.StatementName, s]));
  const cleanups = cloud.listExecutions({ stateMachineArn: deployment.cleanupArn! });
  expect(cleanups).toHaveLength(2);
  // The first cleanup ran at ~130 s: it cancelled run-1's statement only; run-10's ran until its own stop.
  const firstCancel = emulator.callLog.filter((call) => call.operation === 'CancelStatement')[0]!;
  expect((firstCancel.request as { Id: string }).Id).toBe(byName['local-deploy/run-1/0/1']!.Id);
  expect((firstCancel.time - startedAt) / 1000).toBe(130); // stopped at 120 s + the cleanup's 10 s settle wait
  expect(byName['local-deploy/run-10/0/1']!.Status).toBe('ABORTED');
  expect(cleanups.every((execution) => execution.history.some((event) => event.details?.name === CLEANUP_STATE_NAMES.CANCEL))).toBe(true);
});

test('cancelOnStop: false deploys no cleanup; the stopped execution\'s statement keeps running (as on AWS)', async () => {
  const run = await runner.run(['select 1 as endless'], {
    scenario: { statements: [{ match: 'endless', neverFinishes: true }] },
    deploy: { cancelOnStop: false },
    whileRunning: stopAfter(60),
  });
  expect(run.deployment.cleanupArn).toBeUndefined();
  expect(run.result.status).toBe('ABORTED');
  expect(run.emulator.statements()[0]!.Status).not.toBe('ABORTED');
});
