import type { RedshiftDataEmulator } from '../../emulator';
import type { CliIo } from '../cli-io';
import { ExitCode } from '../exit-codes';

/** What every subcommand's action gets: where to write, and where to leave its exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** Set by an action that ends with something other than success (an execution that FAILED). */
  exitCode: ExitCode;
  /**
   * An emulator to run executions on instead of starting one per command (tests share one: embedded
   * Postgres takes seconds to start). Not used with `--scenario` or `--time-scale`, which need their own.
   * @default - a new emulator per execution
   */
  readonly emulator?: RedshiftDataEmulator;
}

/** The shared emulator when the flags allow it (no scenario, virtual time). */
export function sharedEmulator(context: CommandContext, flags: { scenario?: string; timeScale?: number }): RedshiftDataEmulator | undefined {
  return flags.scenario === undefined && !flags.timeScale ? context.emulator : undefined;
}
