/** Runs the generated system (main machine + relay + cleanup + rules) on a LocalCloud against the Redshift emulator. */
import type { DefinitionOptions } from '../../../lib/definition';
import { PgliteEngine, RedshiftDataEmulator, type Scenario } from '../../../lib/emulator';
import { LocalCloud, type SettleReport } from '../../../lib/local-cloud';
import { deployLocally, type LocalDeployment, type LocalDeploymentOptions } from '../../../lib/local-deploy';
import type { ExecutionResult, RunOptions } from '../../../lib/runtime';

export const CONNECTION: DefinitionOptions = { clusterIdentifier: 'test-cluster', database: 'dev', dbUser: 'admin' };

export interface CloudRun {
  readonly cloud: LocalCloud;
  readonly emulator: RedshiftDataEmulator;
  readonly deployment: LocalDeployment;
  readonly executionArn: string;
  readonly result: ExecutionResult;
  readonly settle: SettleReport;
}

export interface CloudSetup {
  readonly scenario?: Scenario;
  readonly deploy?: LocalDeploymentOptions;
  readonly executionName?: string;
  /** Called once the execution started, before the clock runs (to stop it later, inspect the table...). */
  readonly whileRunning?: (cloud: LocalCloud, executionArn: string, deployment: LocalDeployment) => void;
  /** Handlers by exact Task resource, given the cloud (e.g. a slow DynamoDB in front of the real emulator). */
  readonly taskHandlers?: (cloud: () => LocalCloud) => RunOptions['taskHandlers'];
}

/** One PGlite engine per test file; each run gets a fresh emulator, cloud and clock. */
export class CloudRunner {
  private readonly engine = new PgliteEngine();
  private readonly emulators: RedshiftDataEmulator[] = [];

  /** Starts the embedded database (seconds, more on a busy machine) outside any test's timeout. */
  async warmUp(): Promise<void> {
    await this.engine.database('dev');
  }

  /** Deploys, starts one execution of the main machine, and runs the clock until nothing can move. */
  async run(input: unknown, setup: CloudSetup = {}): Promise<CloudRun> {
    const { cloud, emulator, deployment } = this.deploy(setup);
    const { executionArn } = cloud.startExecution({
      stateMachineArn: deployment.stateMachineArn,
      name: setup.executionName ?? 'event-test',
      input: JSON.stringify(input),
    });
    setup.whileRunning?.(cloud, executionArn, deployment);
    const settle = await cloud.settle();
    const result = await cloud.result(executionArn);
    return { cloud, emulator, deployment, executionArn, result, settle };
  }

  deploy(setup: CloudSetup = {}): { cloud: LocalCloud; emulator: RedshiftDataEmulator; deployment: LocalDeployment } {
    const emulator = new RedshiftDataEmulator({ sqlEngine: this.engine, ...(setup.scenario ? { scenario: setup.scenario } : {}) });
    this.emulators.push(emulator);
    let cloudRef: LocalCloud | undefined;
    const cloud = new LocalCloud({
      redshiftData: emulator,
      ...(setup.scenario?.events ? { eventFaults: setup.scenario.events } : {}),
      ...(setup.taskHandlers ? { taskHandlers: setup.taskHandlers(() => cloudRef!) } : {}),
    });
    cloudRef = cloud;
    const deployment = deployLocally(cloud, { ...setup.deploy, definition: { ...CONNECTION, ...setup.deploy?.definition } });
    return { cloud, emulator, deployment };
  }

  async close(): Promise<void> {
    for (const emulator of this.emulators) await emulator.close();
    await this.engine.close();
  }
}

/** Executions of one machine (relay, cleanup) in start order. */
export function executionsOf(run: { cloud: LocalCloud }, stateMachineArn: string | undefined) {
  return run.cloud.listExecutions({ stateMachineArn: stateMachineArn! });
}

/** Names of the states entered, in order. */
export function statesEntered(result: ExecutionResult): string[] {
  return result.history.filter((event) => event.type.endsWith('StateEntered')).map((event) => String(event.details?.name));
}
