import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, isJsonObject, type JsonObject } from './json-value';
import { describeScope, type Scope, type ScopeTree, type StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;
const LANGUAGES = ['JSONPath', 'JSONata'];

/**
 * `QueryLanguage` values and placement, as AWS measures them: only the two enum spellings; a state may
 * not fall back to JSONPath in a JSONata machine; ItemProcessor/Iterator/branches carry no QueryLanguage.
 * Returns the states whose JSONPath-vs-JSONata field check AWS skips (the "downgraded" ones).
 */
export function checkQueryLanguages(definition: JsonObject, tree: ScopeTree, sink: DiagnosticSink): Set<StateEntry> {
  if (has(definition, 'QueryLanguage')) {
    const problem = enumProblem(definition.QueryLanguage);
    if (problem) sink.error(SchemaValidationFailed, ['QueryLanguage'], `State machine: field 'QueryLanguage' ${problem}`);
  }
  for (const scope of tree.scopes) checkScopeContainer(scope, sink);

  const downgraded = new Set<StateEntry>();
  for (const state of tree.states) {
    if (!isJsonObject(state.node) || !has(state.node, 'QueryLanguage')) continue;
    const declared = state.node.QueryLanguage;
    const problem = enumProblem(declared);
    if (problem) sink.stateError(SchemaValidationFailed, state, ['QueryLanguage'], `field 'QueryLanguage' ${problem}`);
    if (declared === 'JSONPath' && tree.machineLanguage === 'JSONata') {
      sink.stateErrorAtState(
        SchemaValidationFailed,
        state,
        'QueryLanguage',
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
      );
      downgraded.add(state);
    }
  }
  return downgraded;
}

function checkScopeContainer(scope: Scope, sink: DiagnosticSink): void {
  if (scope.kind === 'machine' || !has(scope.container, 'QueryLanguage')) return;
  sink.error(
    SchemaValidationFailed,
    scope.path,
    `${describeScope(scope)}: Field 'QueryLanguage' is not supported; set it on the states inside, or on the whole state machine`,
  );
  if (scope.owner) sink.claim(scope.owner, scope.kind === 'Branch' ? 'Branches' : scope.kind);
}

function enumProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, one of [JSONPath, JSONata] (got ${describeValue(value)})`;
  if (!LANGUAGES.includes(value)) return `must be one of [JSONPath, JSONata] (got ${describeValue(value)}); spelling and case matter`;
  return undefined;
}
