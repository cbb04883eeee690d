import type { ValidationDiagnostic } from './diagnostic';
import { validateDefinition } from './validate-definition';

/** Thrown by {@link assertValidDefinition}: the definition has at least one ERROR diagnostic. */
export class DefinitionValidationError extends Error {
  override readonly name = 'DefinitionValidationError';

  /** Every diagnostic found, warnings included. */
  readonly diagnostics: readonly ValidationDiagnostic[];

  constructor(diagnostics: readonly ValidationDiagnostic[]) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'ERROR');
    super(
      `Invalid state machine definition (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((diagnostic) => `  ${formatDiagnostic(diagnostic)}`).join('\n'),
    );
    this.diagnostics = diagnostics;
  }

  /** The ERROR diagnostics only. */
  get errors(): readonly ValidationDiagnostic[] {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === 'ERROR');
  }
}

/** "<location>: <message>", with "(definition)" standing for the whole definition. */
export function formatDiagnostic(diagnostic: ValidationDiagnostic): string {
  return `${diagnostic.location === '' ? '(definition)' : diagnostic.location}: ${diagnostic.message}`;
}

/** Throws {@link DefinitionValidationError} when the definition has any ERROR; returns its warnings otherwise. */
export function assertValidDefinition(definition: unknown): readonly ValidationDiagnostic[] {
  const diagnostics = validateDefinition(definition);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'ERROR')) throw new DefinitionValidationError(diagnostics);
  return diagnostics;
}
