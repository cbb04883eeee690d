import { PgliteEngine } from '../../lib/emulator';
import { runSystem } from '../../bench/compare/run-system';

const sqlEngine = new PgliteEngine();
afterAll(() => sqlEngine.close());

describe('runSystem', () => {
  test('measures the original model: Lambda calls, Data API calls by operation, detection latency', async () => {
    const metrics = await runSystem({ system: 'original', scenario: { defaultDurationSeconds: 95 }, input: ['select 1'], sqlEngine });

    expect(metrics.status).toBe('SUCCEEDED');
    expect(metrics.lambdaInvocations).toBe(5);
    expect(metrics.dataApiCalls).toEqual({ ExecuteStatement: 1, DescribeStatement: 4 });
    // Ends at 95 s, seen by the 120 s poll.
    expect(metrics.latency).toEqual({ observed: 1, unobserved: 0, meanMs: 25_000, maxMs: 25_000 });
    expect(metrics.historyLimitHit).toBe(false);
    expect(metrics.cost.lambdaUsd).toBeGreaterThan(0);
    expect(metrics.virtualDurationMs).toBe(120_000);
  });

  test('measures our definition with no Lambda at all', async () => {
    const metrics = await runSystem({ system: 'ours', scenario: { defaultDurationSeconds: 95 }, input: ['select 1'], sqlEngine });

    expect(metrics.status).toBe('SUCCEEDED');
    expect(metrics.lambdaInvocations).toBe(0);
    expect(metrics.cost.lambdaUsd).toBe(0);
    expect(metrics.dataApiCalls.ExecuteStatement).toBe(1);
    expect(metrics.latency.observed).toBe(1);
    expect(metrics.transitions).toBeGreaterThan(0);
  });

  test('reports the history limit when an execution runs into it', async () => {
    const metrics = await runSystem({
      system: 'original',
      scenario: { defaultDurationSeconds: 3600 },
      input: ['select 1'],
      sqlEngine,
      maxHistoryEvents: 200,
    });

    expect(metrics.status).toBe('FAILED');
    expect(metrics.historyLimitHit).toBe(true);
    expect(metrics.historyEvents).toBe(200);
    // The statement was still running when the execution died: nothing ended unseen.
    expect(metrics.latency.unobserved).toBe(0);
  });
});
