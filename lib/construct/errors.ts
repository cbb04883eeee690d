/**
 * A construct prop or trigger option with an impossible value, caught at synth time. The message names the
 * construct path, the prop and what was received, so the fix is obvious from the message alone.
 */
export class ConstructValidationError extends Error {
  override readonly name = 'ConstructValidationError';

  constructor(
    /** Construct path, e.g. `stack/Queries`. */
    readonly constructPath: string,
    /** Prop or option path, e.g. `maxRetries`, `addSchedule.queries[2].ExecuteStatementParameters`. */
    readonly prop: string,
    /** What is wrong and what is allowed. */
    readonly problem: string,
  ) {
    super(`${constructPath}: '${prop}' ${problem}`);
  }
}
