/**
 * Runs our definition in event completion mode on one scenario: the main machine, the relay and the cleanup on a
 * LocalCloud (one virtual clock) with the Redshift Data emulator, and prices what every piece used.
 */
import { VirtualClock, seededRandom } from '../../lib/clock';
import { RedshiftDataEmulator, type Scenario, type SqlEngine } from '../../lib/emulator';
import { LocalCloud } from '../../lib/local-cloud';
import { deployLocally } from '../../lib/local-deploy';
import { eventModeCostOf } from './pricing';
import { BENCH_CONNECTION, HISTORY_LIMIT, measure } from './run-system';
import type { SystemMetrics } from './system-metrics';

/**
 * Assumed time from a statement's end to the relay's start: Redshift's emission delay (not documented, not
 * measured) plus the EventBridge hop (~0.5 s typical). The scenario file's own `events` faults win when present.
 */
export const ASSUMED_EVENT_DELAY_SECONDS = 2;

export interface RunEventSystemOptions {
  readonly scenario: Scenario;
  readonly input: readonly unknown[];
  readonly sqlEngine: SqlEngine;
  /** @default 42 */
  readonly seed?: number;
}

export async function runEventSystem(options: RunEventSystemOptions): Promise<SystemMetrics> {
  const clock = new VirtualClock();
  const emulator = new RedshiftDataEmulator({ clock, scenario: options.scenario, sqlEngine: options.sqlEngine });
  const cloud = new LocalCloud({
    redshiftData: emulator,
    random: seededRandom(options.seed ?? 42),
    eventFaults: options.scenario.events ?? { delaySeconds: ASSUMED_EVENT_DELAY_SECONDS },
  });
  const startedWall = process.hrtime.bigint();
  try {
    const deployment = deployLocally(cloud, { definition: { ...BENCH_CONNECTION }, deploymentId: 'bench' });
    const { executionArn } = cloud.startExecution({ stateMachineArn: deployment.stateMachineArn, name: 'bench-ours-event', input: JSON.stringify(options.input) });
    await cloud.settle();
    const result = await cloud.result(executionArn);
    const wallMs = Number(process.hrtime.bigint() - startedWall) / 1e6;
    const usage = cloud.usage();
    const cost = eventModeCostOf(result.transitions, {
      expressExecutions: usage.express.executions,
      expressBilledDurationMs: usage.express.billedDurationMs,
      dynamoDbWriteUnits: usage.dynamoDb.writeRequestUnits,
      serviceEvents: usage.eventBridge.serviceEventsReceived,
    });
    return measure('ours-event', result, emulator, 0, HISTORY_LIMIT, wallMs, cost);
  } finally {
    cloud.close();
    await emulator.close();
  }
}
