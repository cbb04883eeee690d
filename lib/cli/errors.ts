import { ExitCode } from './exit-codes';

/**
 * A problem with what the user gave us (flags, files, JSON, ports). The CLI prints the message as one
 * line and exits with {@link ExitCode.USAGE_ERROR}; the message must say what is wrong and where.
 */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
  readonly exitCode = ExitCode.USAGE_ERROR;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Errors from other folders that are the user's input at fault (a scenario file with a typo, an
 * invalid definition, a synth output without a state machine). Recognised by name so the CLI need not
 * import every error class; anything else is a bug and keeps exit code 2 but shows "internal error".
 */
const INPUT_ERROR_NAMES = new Set([
  'CliInputError',
  'ScenarioError',
  'SynthesizedDefinitionError',
  'DefinitionValidationError',
  'AslValidationError',
  'ValidationError',
  'UnscopedValidationError',
  'DefinitionOptionsError',
  'UnsupportedDefinitionError',
  'InvalidDefinitionError',
  'InvalidExecutionInputError',
  'PortInUseError',
  'FetchResultsOptionError',
]);

/** True when the error is bad user input rather than a defect of ours. */
export function isInputError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (INPUT_ERROR_NAMES.has(error.name) || INPUT_ERROR_NAMES.has(error.constructor.name)) return true;
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL';
}

/** One line for the user: the error's own message (collapsed to one line), prefixed when it is not bad input. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  return isInputError(error) ? oneLine : `internal error: ${oneLine} (run again with --debug for the stack trace)`;
}
