import { DiagnosticCode } from '../diagnostic';
import type { DiagnosticSink } from '../diagnostic-sink';
import type { JsonObject } from '../json-value';
import type { StateEntry } from '../scope-tree';
import { summarizeAjvErrors } from './ajv-error-summary';
import { compiledValidators } from './compiled-validators';

/** Top-level fields whose problems this folder reports itself (graph and QueryLanguage checks). */
const MACHINE_FIELDS_CHECKED_ELSEWHERE = new Set(['StartAt', 'States', 'QueryLanguage']);

/** The machine's own fields against asl-validator's state-machine schema (States are validated one by one). */
export function checkMachineSchema(definition: JsonObject, sink: DiagnosticSink): void {
  const validate = compiledValidators().machine;
  if (validate(definition)) return;
  for (const finding of summarizeAjvErrors(validate.errors ?? [], definition)) {
    if (MACHINE_FIELDS_CHECKED_ELSEWHERE.has(finding.field)) continue;
    sink.error(DiagnosticCode.SchemaValidationFailed, finding.path, `State machine: ${finding.text}`);
  }
}

/**
 * One state against asl-validator's schema for its Type and effective QueryLanguage: unknown fields
 * ("Field 'X' is not supported", as AWS words it) and field types. Fields already reported by a more
 * specific check are skipped.
 */
export function checkStateSchema(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (typeof node.Type !== 'string') return;
  const validate = compiledValidators().forState(node.Type, state.language);
  if (!validate || validate(node)) return;
  for (const finding of summarizeAjvErrors(validate.errors ?? [], node)) {
    if (sink.isClaimed(state.path, finding.field)) continue;
    sink.error(DiagnosticCode.SchemaValidationFailed, [...state.path, ...finding.path], `State '${state.name}': ${finding.text}`);
  }
}
