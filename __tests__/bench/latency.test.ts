import { completionLatency } from '../../bench/compare/latency';
import { costOf, PRICES } from '../../bench/compare/pricing';

describe('completionLatency', () => {
  test('measures from the end of each statement to the first poll that saw it ended', () => {
    const stats = completionLatency(
      [
        { id: 'a', endedAt: 1_000 },
        { id: 'b', endedAt: 5_000 },
      ],
      [
        { id: 'a', at: 900, status: 'STARTED' },
        { id: 'a', at: 4_000, status: 'FINISHED' },
        { id: 'a', at: 9_000, status: 'FINISHED' },
        { id: 'b', at: 5_000, status: 'FAILED' },
      ],
    );

    expect(stats).toEqual({ observed: 2, unobserved: 0, meanMs: 1_500, maxMs: 3_000 });
  });

  test('counts statements that ended unseen and ignores those still running', () => {
    const stats = completionLatency([{ id: 'a', endedAt: 1_000 }, { id: 'b' }], [{ id: 'a', at: 500, status: 'STARTED' }]);

    expect(stats.observed).toBe(0);
    expect(stats.unobserved).toBe(1);
    expect(stats.meanMs).toBeNaN();
  });
});

describe('costOf', () => {
  test('prices transitions at $0.025 per 1,000 and Lambda at 128 MB for the assumed billed duration', () => {
    const cost = costOf(1_000, 1_000_000);

    expect(cost.stepFunctionsUsd).toBeCloseTo(0.025, 10);
    // $0.20 for the requests + 1M × 0.125 GB × 0.1 s × $0.0000166667 per GB-s.
    expect(cost.lambdaUsd).toBeCloseTo(0.2 + 1_000_000 * 0.125 * PRICES.lambdaBilledSeconds * 0.0000166667, 8);
    expect(cost.totalUsd).toBeCloseTo(cost.stepFunctionsUsd + cost.lambdaUsd, 10);
  });
});
