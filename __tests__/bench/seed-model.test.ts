/**
 * The original-design model must really behave like the original (D1: immediate re-submit, D2: polls every
 * InitialWaitTime × WaitMultiplier^n), or the benchmark compares against a straw man.
 */
import { VirtualClock } from '../../lib/clock';
import { PgliteEngine, RedshiftDataEmulator, Scenario } from '../../lib/emulator';
import { ExecutionResult, runExecution } from '../../lib/runtime';
import { buildSeedModelDefinition, createSeedLambdas, SeedTemplateParameters } from '../../bench/seed-model';

const engine = new PgliteEngine();
afterAll(() => engine.close());

const CONNECTION: SeedTemplateParameters = { defaultClusterId: 'bench-cluster', defaultDb: 'dev', defaultUser: 'bench' };

interface ModelRun {
  readonly result: ExecutionResult;
  readonly emulator: RedshiftDataEmulator;
  readonly lambdaCalls: number;
  /** Seconds after the execution started of each call of that operation. */
  readonly callTimes: (operation: string) => number[];
}

async function runModel(scenario: Scenario, input: unknown[], parameters: SeedTemplateParameters = {}): Promise<ModelRun> {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({ clock, scenario, sqlEngine: engine });
  const lambdas = createSeedLambdas({ emulator, parameters: { ...CONNECTION, ...parameters }, random: () => 0.5 });
  const result = await runExecution(buildSeedModelDefinition(), input, { emulator, clock, taskHandlers: lambdas.taskHandlers });
  await emulator.close();
  return {
    result,
    emulator,
    lambdaCalls: lambdas.invocations.length,
    callTimes: (operation) =>
      emulator.callLog.filter((call) => call.operation === operation).map((call) => (call.time - result.startTime) / 1000),
  };
}

describe('seed model of the original workflow', () => {
  test('D2: polls every InitialWaitTime (30 s), ignoring BaseWaitTime (15 s)', async () => {
    const run = await runModel({ defaultDurationSeconds: 95 }, ['select 1']);

    expect(run.result.status).toBe('SUCCEEDED');
    expect(run.callTimes('ExecuteStatement')).toEqual([0]);
    expect(run.callTimes('DescribeStatement')).toEqual([30, 60, 90, 120]);
  });

  test('D2: with WaitMultiplier 1.5 the intervals grow from InitialWaitTime, rounded up (30, 45, 68, 102 s)', async () => {
    const run = await runModel({ defaultDurationSeconds: 200 }, [{ ExecuteStatementParameters: 'select 1', WaitMultiplier: 1.5 }]);

    expect(run.result.status).toBe('SUCCEEDED');
    expect(run.callTimes('DescribeStatement')).toEqual([30, 75, 143, 245]);
  });

  test('MaxWait caps the growing interval', async () => {
    const run = await runModel({ defaultDurationSeconds: 200 }, [{ ExecuteStatementParameters: 'select 1', WaitMultiplier: 3, MaxWait: 50 }]);

    expect(run.callTimes('DescribeStatement')).toEqual([30, 80, 130, 180, 230]);
  });

  test('D1: a failed statement is submitted again at once, the jitter delay is never waited', async () => {
    const scenario: Scenario = {
      defaultDurationSeconds: 40,
      statements: [{ match: 'merge', fail: { error: 'ERROR: 1023 DETAIL: Serializable isolation violation', times: 1 } }],
    };
    const run = await runModel(scenario, ["select 'merge' as job"]);

    expect(run.result.status).toBe('SUCCEEDED');
    // The failure is seen at the 60 s poll and the second submission happens in the same instant.
    expect(run.callTimes('DescribeStatement')).toEqual([30, 60, 90, 120]);
    expect(run.callTimes('ExecuteStatement')).toEqual([0, 60]);
    expect(run.emulator.statements().map((s) => s.Status)).toEqual(['FAILED', 'FINISHED']);
  });

  test('every Lambda task call counts as one invocation', async () => {
    const run = await runModel({ defaultDurationSeconds: 95 }, ['select 1', 'select 2']);

    expect(run.result.status).toBe('SUCCEEDED');
    const dataApiCalls = run.emulator.callLog.length;
    expect(run.lambdaCalls).toBe(dataApiCalls);
    expect(run.lambdaCalls).toBe(2 * (1 + 4));
  });

  test('a statement failing more than MaxRetries times fails the execution, with no Error name (D8)', async () => {
    const scenario: Scenario = { defaultDurationSeconds: 10, statements: [{ match: 'broken', fail: { error: 'ERROR: syntax error' } }] };
    const run = await runModel(scenario, [{ ExecuteStatementParameters: "select 'broken'", MaxRetries: 2 }]);

    expect(run.result.status).toBe('FAILED');
    expect(run.result.error ?? '').toBe('');
    expect(run.callTimes('ExecuteStatement')).toEqual([0, 30, 60]);
  });

  test('a non-matching RetryErrorMatch fails at once; ABORTED is never retried', async () => {
    const failing: Scenario = { defaultDurationSeconds: 10, statements: [{ match: 'broken', fail: { error: 'ERROR: syntax error' } }] };
    const noMatch = await runModel(failing, [{ ExecuteStatementParameters: "select 'broken'", RetryErrorMatch: 'ERROR: 1023' }]);
    expect(noMatch.result.status).toBe('FAILED');
    expect(noMatch.callTimes('ExecuteStatement')).toEqual([0]);

    const aborted = await runModel({ statements: [{ match: 'stop', abort: true, durationSeconds: 10 }] }, ["select 'stop'"]);
    expect(aborted.result.status).toBe('FAILED');
    expect(aborted.callTimes('ExecuteStatement')).toEqual([0]);
  });
});
