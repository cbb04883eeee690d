import { RealClock } from '../clock';
import { EmulatorServer, loadScenario, RedshiftDataEmulator, Scenario, startEmulatorServer } from '../emulator';

export interface LocalEmulatorServerOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Scenario object or JSON file path, for the emulator this creates. @default - no faults */
  readonly scenario?: Scenario | string;
  /** Speed of the emulator's real-time clock: 0.01 makes a 100-second statement take 1 second. Ignored with `emulator`. @default 1 */
  readonly timeScale?: number;
  /** Serve this emulator (left open on close) instead of creating one. @default - a new one on a real-time clock */
  readonly emulator?: RedshiftDataEmulator;
  /** Account STS `GetCallerIdentity` answers with. @default '123456789012' */
  readonly accountId?: string;
}

/**
 * Starts the emulator's HTTP server, loading the scenario file first so a typo fails before anything
 * listens. Rejects with the emulator's `PortInUseError` when the port is taken.
 */
export async function startLocalEmulatorServer(options: LocalEmulatorServerOptions): Promise<EmulatorServer> {
  const scenario = typeof options.scenario === 'string' ? await loadScenario(options.scenario) : options.scenario;
  return startEmulatorServer({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(scenario ? { scenario } : {}),
    ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
    ...(options.emulator ? { emulator: options.emulator } : { clock: new RealClock(options.timeScale ?? 1) }),
  });
}
