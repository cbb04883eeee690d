/** Placeholder until the static validator lands: the contract other folders code against. */
export interface ValidationDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** Stable machine-readable code, e.g. `DANGLING_NEXT`, `SCHEMA_VALIDATION_FAILED`. */
  readonly code: string;
  /** Names the state and the field, e.g. "State 'Poll': Next 'Nope' does not name a state". */
  readonly message: string;
  /** JSON-pointer-like location, e.g. `/States/Poll/Next` (AWS's ValidateStateMachineDefinition style). */
  readonly location: string;
}

export function validateDefinition(_definition: unknown): ValidationDiagnostic[] {
  return [];
}
