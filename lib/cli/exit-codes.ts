/**
 * Process exit codes of `redshift-query`, listed in every `--help`.
 * Scripts can tell "the SQL failed" (1) from "you called it wrong" (2).
 */
export enum ExitCode {
  /** The command did what was asked; for executions, the status is SUCCEEDED. */
  SUCCESS = 0,
  /** The execution ran and ended FAILED or TIMED_OUT; its Error and Cause are printed on stderr. */
  EXECUTION_FAILED = 1,
  /** Bad usage or bad input: unknown flag, malformed JSON, missing file, invalid number, port in use, ... */
  USAGE_ERROR = 2,
}

/** The `--help` footer that documents {@link ExitCode}. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  `  ${ExitCode.SUCCESS}  success (execution SUCCEEDED)`,
  `  ${ExitCode.EXECUTION_FAILED}  execution FAILED or TIMED_OUT (Error and Cause printed on stderr)`,
  `  ${ExitCode.USAGE_ERROR}  usage or input error (unknown flag, malformed JSON, missing file, port in use, ...)`,
].join('\n');
