import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { forEachObjectEntry, isJsonObject, shorten, type JsonObject } from './json-value';
import { isExpressionString, parseExpression } from './jsonata-parse';
import { toFieldLabel, type PathSegment } from './location';
import { JSONPATH_ONLY_FIELDS } from './field-language-checks';
import type { StateEntry } from './scope-tree';

const { SchemaValidationFailed, InvalidJsonataExpression, UnsupportedJsonataExpression, UnsupportedJsonataFunction } =
  DiagnosticCode;

/** State fields that never hold expressions (names, structure) or are checked elsewhere (Retry, nested scopes). */
const LITERAL_FIELDS = new Set<string>([
  'Type',
  'Next',
  'End',
  'Comment',
  'Resource',
  'QueryLanguage',
  'Default',
  'Retry',
  'Catch',
  'Choices',
  'ItemProcessor',
  'Iterator',
  'Branches',
  'Label',
  ...JSONPATH_ONLY_FIELDS,
]);

/**
 * In a JSONata state, every string that starts with `{%` must be a whole `{% ... %}` expression that
 * parses with jsonata 2.0.6 and uses only what Step Functions offers at that place.
 */
export function checkJsonataExpressions(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  for (const [field, value] of Object.entries(node)) {
    if (!LITERAL_FIELDS.has(field)) checkValue(state, [field], value, false, sink);
  }
  forEachObjectEntry(node.Catch, (catcher, index) => {
    for (const field of ['Output', 'Assign']) checkValue(state, ['Catch', index, field], catcher[field], true, sink);
  });
  forEachObjectEntry(node.Choices, (rule, index) => {
    for (const field of ['Condition', 'Output', 'Assign']) checkValue(state, ['Choices', index, field], rule[field], false, sink);
  });
}

function checkValue(state: StateEntry, path: PathSegment[], value: unknown, inCatch: boolean, sink: DiagnosticSink): void {
  if (typeof value === 'string') {
    if (value.startsWith('{%')) checkExpression(state, path, value, inCatch, sink);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkValue(state, [...path, index], item, inCatch, sink));
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) checkValue(state, [...path, key], child, inCatch, sink);
  }
}

function checkExpression(state: StateEntry, path: PathSegment[], text: string, inCatch: boolean, sink: DiagnosticSink): void {
  const field = toFieldLabel(path);
  if (!isExpressionString(text)) {
    sink.stateError(
      SchemaValidationFailed,
      state,
      path,
      `field '${field}' starts with '{%' but does not end with '%}'; a JSONata expression must be the whole string, ` +
        `like "{% $states.input.id %}" (got '${shorten(text, 60)}')`,
    );
    return;
  }
  const parsed = parseExpression(text.slice(2, -2));
  if (!parsed.ok) {
    const where = parsed.position === undefined ? '' : ` at character ${parsed.position} of the expression`;
    const code = parsed.code ? `JSONata error ${parsed.code}` : 'JSONata error';
    sink.stateError(
      InvalidJsonataExpression,
      state,
      path,
      `the JSONata expression in field '${field}' does not parse: ${parsed.message} (${code}${where}: '${shorten(text, 80)}')`,
    );
    return;
  }
  for (const reference of parsed.unsupported) {
    if (reference.kind === 'double-dollar') {
      sink.stateError(
        UnsupportedJsonataExpression,
        state,
        path,
        `field '${field}': Reference to '$$' is not supported. Use $states.input for the state input or $states.context for the context object`,
      );
    } else if (reference.kind === 'error-output' && !inCatch) {
      sink.stateError(
        UnsupportedJsonataExpression,
        state,
        path,
        `field '${field}': Field '$states.errorOutput' does not exist. It is only available in a Catch's Output and Assign`,
      );
    } else if (reference.kind === 'eval') {
      sink.warning(
        UnsupportedJsonataFunction,
        [...state.path, ...path],
        `State '${state.name}': field '${field}' calls $eval, which Step Functions refuses when the expression runs; use $parse instead`,
      );
    }
  }
}
