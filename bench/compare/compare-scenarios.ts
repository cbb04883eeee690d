import { loadScenario, PgliteEngine } from '../../lib/emulator';
import type { BenchScenario } from '../scenarios/catalog';
import { runEventSystem } from './run-event-system';
import { runSystem } from './run-system';
import type { ScenarioComparison, SystemMetrics } from './system-metrics';

/** Runs every scenario on both systems, one after the other, sharing one embedded database. */
export async function compareScenarios(
  scenarios: readonly BenchScenario[],
  log: (line: string) => void,
): Promise<ScenarioComparison[]> {
  const sqlEngine = new PgliteEngine();
  try {
    // Start the embedded database once, so the first run's wall time is not mostly PGlite's start-up.
    await sqlEngine.database('dev');
    const comparisons: ScenarioComparison[] = [];
    for (const scenario of scenarios) {
      const emulatorScenario = await loadScenario(scenario.scenarioFile);
      const run = async (system: 'original' | 'ours' | 'ours-event'): Promise<SystemMetrics> => {
        const metrics =
          system === 'ours-event'
            ? await runEventSystem({ scenario: emulatorScenario, input: scenario.input, sqlEngine })
            : await runSystem({ system, scenario: emulatorScenario, input: scenario.input, sqlEngine });
        log(
          `(${scenario.id}) ${system}: ${metrics.status}${metrics.error ? ` ${metrics.error}` : ''}, ` +
            `${metrics.transitions} transitions, ${metrics.historyEvents} events, ${(metrics.wallMs / 1000).toFixed(1)} s`,
        );
        return metrics;
      };
      const original = await run('original');
      try {
        const ours = await run('ours');
        comparisons.push({ id: scenario.id, title: scenario.title, original, ours, oursEvent: await run('ours-event') });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log(`(${scenario.id}) ours: could not run: ${reason}`);
        comparisons.push({ id: scenario.id, title: scenario.title, original, oursMissing: reason });
      }
    }
    return comparisons;
  } finally {
    await sqlEngine.close();
  }
}
