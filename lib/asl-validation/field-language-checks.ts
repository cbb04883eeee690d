import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { forEachObjectEntry, has, isJsonObject, type JsonObject } from './json-value';
import { toFieldLabel, type PathSegment } from './location';
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

/** State fields whose value is a payload template, where JSONPath writes `"key.$": "<path>"`. */
const TEMPLATE_FIELDS = ['Arguments', 'Output', 'Assign', 'ItemSelector', 'Credentials', 'ItemReader', 'ItemBatcher', 'ResultWriter'];

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
    for (const field of TEMPLATE_FIELDS) findDollarKeys(state, [field], node[field], sink);
    forEachObjectEntry(node.Catch, (catcher, index) => {
      for (const field of ['Output', 'Assign']) findDollarKeys(state, ['Catch', index, field], catcher[field], sink);
    });
    forEachObjectEntry(node.Choices, (rule, index) => {
      for (const field of ['Output', 'Assign']) findDollarKeys(state, ['Choices', index, field], rule[field], sink);
    });
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

/** Reports keys ending in `.$` anywhere inside a JSONata template value. */
function findDollarKeys(state: StateEntry, path: PathSegment[], value: unknown, sink: DiagnosticSink): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => findDollarKeys(state, [...path, index], item, sink));
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (key.endsWith('.$')) {
        sink.stateError(
          SchemaValidationFailed,
          state,
          childPath,
          `key '${key}' in ${toFieldLabel(path)} uses the JSONPath '.$' suffix, which the 'JSONata' QueryLanguage does not support; ` +
            `write "${key.slice(0, -2)}": "{% <expression> %}" instead`,
        );
      }
      findDollarKeys(state, childPath, child, sink);
    }
  }
}
