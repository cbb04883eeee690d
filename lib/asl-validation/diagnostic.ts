/** One finding about a state-machine definition, in the shape of AWS `ValidateStateMachineDefinition`. */
export interface ValidationDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** Stable machine-readable code; AWS's own codes where AWS has one (see {@link DiagnosticCode}). */
  readonly code: string;
  /** Names the state and the field, e.g. "State 'Poll': Next 'Nope' does not name a state in the same scope". */
  readonly message: string;
  /**
   * Where the problem is, in AWS's style: `/States/Poll/Next`, `/States/C/Choices[0]/Next`,
   * `/States/M/ItemProcessor/States/Inner`. The empty string means the whole definition (AWS sends no location then).
   */
  readonly location: string;
}

/** The codes this validator emits. AWS uses the same codes for the same findings where it has one. */
export const DiagnosticCode = {
  /** AWS: "Schema validation reported errors" — any structural problem (fields, types, ranges, language mixing). */
  SchemaValidationFailed: 'SCHEMA_VALIDATION_FAILED',
  /** AWS: a `StartAt`/`Next`/`Default`/`Catch[].Next` names no state in its scope, or a state is not reachable. */
  MissingTransitionTarget: 'MISSING_TRANSITION_TARGET',
  /** AWS: the top-level workflow has no terminal state. */
  MissingEndState: 'MISSING_END_STATE',
  /** AWS: the same state name appears more than once (across all Map/Parallel scopes). */
  DuplicateStateName: 'DUPLICATE_STATE_NAME',
  /** AWS: the state name does not follow the naming convention (empty or longer than 80 characters). */
  InvalidStateName: 'INVALID_STATE_NAME',
  /** AWS: the value of a Task state's `Resource` field is invalid. */
  InvalidResource: 'INVALID_RESOURCE',
  /** AWS: a `{% %}` expression does not parse with JSONata 2.0.6. */
  InvalidJsonataExpression: 'INVALID_JSONATA_EXPRESSION',
  /** AWS: a JSONata expression uses something Step Functions does not offer there (`$$`, `$states.errorOutput` outside a Catch). */
  UnsupportedJsonataExpression: 'UNSUPPORTED_JSONATA_EXPRESSION',
  /** AWS: the definition text is not JSON. */
  InvalidJsonDescription: 'INVALID_JSON_DESCRIPTION',
  /** AWS: the states are too deeply nested (here: nesting deep enough to exhaust the call stack). */
  TooDeeplyNested: 'TOO_DEEPLY_NESTED',
  /** AWS: the definition is null or empty. */
  MissingDescription: 'MISSING_DESCRIPTION',
  /** Warning only (AWS refuses `$eval` when the expression runs, not when the definition is created). */
  UnsupportedJsonataFunction: 'UNSUPPORTED_JSONATA_FUNCTION',
} as const;

export type DiagnosticCodeValue = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];
