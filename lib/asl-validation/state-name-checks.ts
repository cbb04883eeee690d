import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { codePointLength, shorten } from './json-value';
import { toLocation } from './location';
import type { StateEntry } from './scope-tree';

/** AWS limits state names to 80 Unicode characters. */
export const MAX_STATE_NAME_LENGTH = 80;

/** Name length, and uniqueness across the whole machine (AWS requires it across nested Map/Parallel scopes too). */
export function checkStateNames(states: readonly StateEntry[], sink: DiagnosticSink): void {
  const firstSeen = new Map<string, StateEntry>();
  for (const state of states) {
    const length = codePointLength(state.name);
    if (length === 0 || length > MAX_STATE_NAME_LENGTH) {
      sink.error(
        DiagnosticCode.InvalidStateName,
        state.path,
        `State name '${shorten(state.name, 40)}' is ${length} characters long; state names must be 1 to ${MAX_STATE_NAME_LENGTH} characters`,
      );
    }
    const earlier = firstSeen.get(state.name);
    if (earlier) {
      sink.error(
        DiagnosticCode.DuplicateStateName,
        state.path,
        `State name '${state.name}' is used more than once (also at ${toLocation(earlier.path)}); ` +
          'state names must be unique across the whole state machine, Map and Parallel branches included',
      );
    } else {
      firstSeen.set(state.name, state);
    }
  }
}
