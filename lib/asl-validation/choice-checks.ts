import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, isJsonObject, type JsonObject } from './json-value';
import type { StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;
/** The JSONPath choice-rule vocabulary (`Variable`, `StringEquals`, `And`, `IsPresent`, ...). */
const JSONPATH_RULE_KEY = /^(Variable|And|Or|Not|Is[A-Z][A-Za-z]*|(String|Numeric|Boolean|Timestamp)[A-Z][A-Za-z]*)$/;

/** Choices is a non-empty array of rules with a Next; in JSONata each rule is a `Condition`, not JSONPath operators. */
export function checkChoice(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  const rules = node.Choices;
  if (!Array.isArray(rules) || rules.length === 0) {
    sink.stateError(SchemaValidationFailed, state, ['Choices'], `field 'Choices' must be a non-empty array of choice rules (got ${describeValue(rules)})`);
    return;
  }
  rules.forEach((rule, index) => {
    const label = `Choices[${index}]`;
    if (!isJsonObject(rule)) {
      sink.stateError(SchemaValidationFailed, state, ['Choices', index], `${label} must be an object (got ${describeValue(rule)})`);
      return;
    }
    if (!has(rule, 'Next')) {
      sink.stateError(SchemaValidationFailed, state, ['Choices', index], `${label} is missing required field 'Next' (the state to go to when the rule matches)`);
    }
    if (state.language !== 'JSONata') return;
    const jsonPathKeys = Object.keys(rule).filter((key) => JSONPATH_RULE_KEY.test(key));
    if (jsonPathKeys.length > 0) {
      sink.stateError(
        SchemaValidationFailed,
        state,
        ['Choices', index],
        `${label} uses JSONPath choice-rule field${jsonPathKeys.length > 1 ? 's' : ''} ${jsonPathKeys.map((key) => `'${key}'`).join(', ')}; ` +
          `with the 'JSONata' QueryLanguage a rule is "Condition": "{% <boolean expression> %}"`,
      );
    }
    if (!has(rule, 'Condition')) {
      sink.stateError(SchemaValidationFailed, state, ['Choices', index], `${label} is missing required field 'Condition' (a JSONata choice rule is "Condition": "{% ... %}")`);
    } else if (typeof rule.Condition !== 'boolean' && (typeof rule.Condition !== 'string' || !rule.Condition.startsWith('{%'))) {
      sink.stateError(
        SchemaValidationFailed,
        state,
        ['Choices', index, 'Condition'],
        `${label}.Condition must be a {% %} expression or a boolean (got ${describeValue(rule.Condition)})`,
      );
    }
  });
}
