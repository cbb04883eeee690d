/**
 * Process exit codes of `redshift-query`, listed in every `--help` (each command lists the ones it can return).
 * Scripts can tell "the SQL failed" (1) from "you called it wrong" (2).
 */
export enum ExitCode {
  /** The command did what was asked; for executions, the status is SUCCEEDED. */
  SUCCESS = 0,
  /** The execution ran and ended FAILED or TIMED_OUT (its Error and Cause are printed on stderr); for plan-offline, the plan failed. */
  EXECUTION_FAILED = 1,
  /** Bad usage or bad input: unknown flag, malformed JSON, missing file, invalid number, port in use, ... */
  USAGE_ERROR = 2,
}

/** A `--help` footer listing the exit codes a command can return, with what each means for it. */
export function exitCodesHelp(meanings: Partial<Record<ExitCode, string>>): string {
  const lines = Object.entries(meanings).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return ['Exit codes:', ...lines].join('\n');
}

const EXECUTION_EXIT_CODES = {
  [ExitCode.SUCCESS]: 'success (execution SUCCEEDED)',
  [ExitCode.EXECUTION_FAILED]: 'execution FAILED or TIMED_OUT (Error and Cause printed on stderr)',
  [ExitCode.USAGE_ERROR]: 'usage or input error (unknown flag, malformed JSON, missing file, ...)',
};

/** The exit codes of each subcommand (`definition` and `emulator` run no execution, so never return 1). */
export const COMMAND_EXIT_CODES_HELP: Readonly<Record<string, string>> = {
  run: exitCodesHelp(EXECUTION_EXIT_CODES),
  queries: exitCodesHelp(EXECUTION_EXIT_CODES),
  synthesized: exitCodesHelp(EXECUTION_EXIT_CODES),
  definition: exitCodesHelp({
    [ExitCode.SUCCESS]: 'the definition was printed (or written with --out)',
    [ExitCode.USAGE_ERROR]: 'usage or input error (unknown flag, invalid number, conflicting options, unwritable --out)',
  }),
  emulator: exitCodesHelp({
    [ExitCode.SUCCESS]: 'the server ran and was stopped with Ctrl-C (SIGINT) or SIGTERM',
    [ExitCode.USAGE_ERROR]: 'usage or input error (unknown flag, port in use, invalid scenario, invalid --account-id)',
  }),
  'plan-offline': exitCodesHelp({
    [ExitCode.SUCCESS]: 'terraform plan succeeded (every state machine definition known at plan time was valid)',
    [ExitCode.EXECUTION_FAILED]: 'terraform init or plan failed (a configuration error, or a definition our validator rejects)',
    [ExitCode.USAGE_ERROR]: 'usage error (no such folder, no .tf files, terraform not found, invalid --account-id)',
  }),
};

/** The top-level `--help` footer: every code any command returns. */
export const EXIT_CODES_HELP = exitCodesHelp({
  [ExitCode.SUCCESS]: 'success (execution SUCCEEDED; plan succeeded)',
  [ExitCode.EXECUTION_FAILED]: 'execution FAILED or TIMED_OUT (Error and Cause printed on stderr); plan-offline: the plan failed',
  [ExitCode.USAGE_ERROR]: 'usage or input error (unknown flag, malformed JSON, missing file, port in use, ...)',
});
