import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { forEachObjectEntry, has, type JsonObject } from './json-value';
import type { StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;

/** Fields that exist only in JSONPath states (JSONata replaces them with Arguments, Output and expressions). */
export const JSONPATH_ONLY_FIELDS = [
  'InputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'Result',
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'ErrorPath',
  'CausePath',
] as const;

/** Fields that exist only in JSONata states (measured on AWS: Arguments, Output, Items). */
export const JSONATA_ONLY_FIELDS = ['Arguments', 'Output', 'Items'] as const;

/** Flags fields and `.$` keys of the other query language, with AWS's wording. */
export function checkFieldLanguage(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (state.language === 'JSONata') {
    for (const field of JSONPATH_ONLY_FIELDS) {
      if (has(node, field)) reportWrongLanguageField(state, field, 'JSONata', 'JSONPath', sink);
    }
    forEachObjectEntry(node.Catch, (catcher, index) => {
      if (has(catcher, 'ResultPath')) {
        sink.stateError(SchemaValidationFailed, state, ['Catch', index], wrongLanguageText(`Catch[${index}].ResultPath`, 'JSONata', 'JSONPath'));
      }
    });
    // A key ending in `.$` inside a JSONata template is a plain key, as AWS treats it (LocalStack's AWS recording
    // outputdecl/test_output.snapshot.json, BASE_LITERALS: Output key "constant_jp_input.$" is kept as written).
    return;
  }
  for (const field of JSONATA_ONLY_FIELDS) {
    if (has(node, field)) reportWrongLanguageField(state, field, 'JSONPath', 'JSONata', sink);
  }
  forEachObjectEntry(node.Catch, (catcher, index) => {
    if (has(catcher, 'Output')) {
      sink.stateError(SchemaValidationFailed, state, ['Catch', index], wrongLanguageText(`Catch[${index}].Output`, 'JSONPath', 'JSONata'));
    }
  });
  forEachObjectEntry(node.Choices, (rule, index) => {
    if (has(rule, 'Condition')) {
      sink.stateError(SchemaValidationFailed, state, ['Choices', index], wrongLanguageText(`Choices[${index}].Condition`, 'JSONPath', 'JSONata'));
    }
  });
}

function reportWrongLanguageField(state: StateEntry, field: string, actual: string, needed: string, sink: DiagnosticSink): void {
  // AWS locates this finding at the state, not at the field.
  sink.stateErrorAtState(SchemaValidationFailed, state, field, wrongLanguageText(field, actual, needed));
}

function wrongLanguageText(field: string, actual: string, needed: string): string {
  return `The QueryLanguage is set to '${actual}', but field '${field}' is only supported for the '${needed}' QueryLanguage`;
}
