import { Command, Option } from 'commander';
import type { LocalRunOptions } from '../../local-run';
import { parseNonNegativeNumberArg } from '../option-parsers';
import { resolveUserPath } from '../read-input';
import { CommandContext, sharedEmulator } from './command-context';

/** Flags shared by the commands that run an execution (`run`, `queries`, `synthesized`). */
export interface ExecutionFlags {
  /** Fault-injection scenario file for the emulator. @default - no faults */
  readonly scenario?: string;
  /** 0 = virtual time (instant); 1 = real time; 0.01 = 100× faster than real time. @default 0 */
  readonly timeScale?: number;
  /** @default - a random UUID */
  readonly name?: string;
  /** Include the full execution history in the JSON result. @default false */
  readonly history?: boolean;
  /** No progress display; stderr only gets the final summary (and errors). @default false */
  readonly quiet?: boolean;
}

export function addExecutionFlags(command: Command): Command {
  return command
    .option('--scenario <file>', 'emulator fault-injection scenario (JSON, see docs/emulator.md)')
    .addOption(
      new Option('--time-scale <n>', 'run waits in real time scaled by n (1 = real time, 0.01 = 100x faster); 0 = virtual, instant time')
        .argParser(parseNonNegativeNumberArg)
        .default(0, 'virtual time'),
    )
    .option('--name <execution-name>', 'execution name ($states.context.Execution.Name)')
    .option('--history', 'include the full execution history in the JSON result')
    .option('-q, --quiet', 'no per-query progress on stderr (the summary and errors still go there)');
}

/** The local-run options these flags set, as `run`, `queries` and `synthesized` pass them. */
export function executionRunOptions(flags: ExecutionFlags, context: CommandContext): Pick<LocalRunOptions, 'scenario' | 'timeScale' | 'executionName' | 'emulator'> {
  return {
    scenario: flags.scenario === undefined ? undefined : resolveUserPath(flags.scenario, context.io),
    timeScale: flags.timeScale,
    executionName: flags.name,
    emulator: sharedEmulator(context, flags),
  };
}
