/**
 * A cdktf synth output that cannot give us a state machine definition: the path is missing, there is
 * no `aws_sfn_state_machine`, the stack is ambiguous, or the definition is not JSON. The message names
 * the file (and resource) and what is missing.
 */
export class SynthesizedDefinitionError extends Error {
  override readonly name = 'SynthesizedDefinitionError';

  constructor(
    message: string,
    /** The file or directory the problem is in. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** An option of {@link fetchStatementResults} out of range; names the option and the value given. */
export class FetchResultsOptionError extends Error {
  override readonly name = 'FetchResultsOptionError';

  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
