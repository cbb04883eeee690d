import type { ValidationDiagnostic } from './diagnostic';
import { toLocation, type PathSegment } from './location';
import type { StateEntry } from './scope-tree';

/**
 * Collects diagnostics. A check that reports on a state's field "claims" it, so the generic schema
 * pass (asl-validator's JSON schemas) does not report the same field a second time in vaguer words.
 */
export class DiagnosticSink {
  private readonly found: ValidationDiagnostic[] = [];
  private readonly claimed = new Set<string>();

  error(code: string, path: readonly PathSegment[], message: string): void {
    this.found.push({ severity: 'ERROR', code, message, location: toLocation(path) });
  }

  warning(code: string, path: readonly PathSegment[], message: string): void {
    this.found.push({ severity: 'WARNING', code, message, location: toLocation(path) });
  }

  /** Reports on `state`'s field at `fieldPath` (relative to the state) and claims its top-level field. */
  stateError(code: string, state: StateEntry, fieldPath: readonly PathSegment[], message: string): void {
    this.error(code, [...state.path, ...fieldPath], `State '${state.name}': ${message}`);
    this.claim(state, fieldPath.length > 0 ? String(fieldPath[0]) : '*');
  }

  /** Like {@link stateError} but located at the state itself (AWS locates field-support findings there). */
  stateErrorAtState(code: string, state: StateEntry, claimedField: string, message: string): void {
    this.error(code, state.path, `State '${state.name}': ${message}`);
    this.claim(state, claimedField);
  }

  claim(state: StateEntry, field: string): void {
    this.claimed.add(`${toLocation(state.path)}#${field}`);
  }

  isClaimed(statePath: readonly PathSegment[], field: string): boolean {
    const location = toLocation(statePath);
    return this.claimed.has(`${location}#*`) || this.claimed.has(`${location}#${field}`);
  }

  get diagnostics(): readonly ValidationDiagnostic[] {
    return this.found;
  }
}
