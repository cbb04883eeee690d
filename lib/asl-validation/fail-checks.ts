import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { has, type JsonObject } from './json-value';
import type { StateEntry } from './scope-tree';

/** JSONPath Fail states give Error and Cause either literally or by path, not both. (JSONata: *Path is JSONPath-only.) */
export function checkFail(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (state.language !== 'JSONPath') return;
  for (const field of ['Error', 'Cause']) {
    const pathField = `${field}Path`;
    if (has(node, field) && has(node, pathField)) {
      sink.stateErrorAtState(
        DiagnosticCode.SchemaValidationFailed,
        state,
        field,
        `fields '${field}' and '${pathField}' are mutually exclusive; give the ${field.toLowerCase()} literally or by path, not both`,
      );
      sink.claim(state, pathField);
    }
  }
}
