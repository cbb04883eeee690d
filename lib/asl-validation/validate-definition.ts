import { DiagnosticCode, type ValidationDiagnostic } from './diagnostic';
import { DiagnosticSink } from './diagnostic-sink';
import { checkScopeGraph } from './graph-checks';
import { describeValue, isJsonObject, type JsonObject } from './json-value';
import { checkQueryLanguages } from './query-language-checks';
import { checkMachineSchema } from './schema/schema-checks';
import { buildScopeTree, type Scope, type StateEntry } from './scope-tree';
import { checkState } from './state-checks';
import { checkStateNames } from './state-name-checks';
import { checkVariables } from './variable-checks';

/**
 * Statically validates a Step Functions state-machine definition the way AWS's
 * `ValidateStateMachineDefinition` does, recursing into Map and Parallel scopes. Accepts the parsed
 * definition or its JSON text. Never throws for bad input; an empty result means AWS would accept the
 * definition as far as this validator knows. Compiled schemas are shared by all calls.
 */
export function validateDefinition(definition: unknown): ValidationDiagnostic[] {
  const sink = new DiagnosticSink();
  const parsed = parseInput(definition, sink);
  if (!parsed) return [...sink.diagnostics];
  try {
    runChecks(parsed, sink);
  } catch (error) {
    // The checks recurse through the JSON; only absurd nesting gets here (a 1 MB definition can nest ~150,000 levels).
    if (!(error instanceof RangeError)) throw error;
    return [
      {
        severity: 'ERROR',
        code: DiagnosticCode.TooDeeplyNested,
        message: 'The state machine definition is nested too deeply to validate; flatten its states or templates',
        location: '',
      },
    ];
  }
  return [...sink.diagnostics];
}

function runChecks(parsed: JsonObject, sink: DiagnosticSink): void {
  const tree = buildScopeTree(parsed);
  const downgraded = checkQueryLanguages(parsed, tree, sink);
  checkStateNames(tree.states, sink);
  const statesByScope = groupByScope(tree.states);
  for (const scope of tree.scopes) checkScopeGraph(scope, statesByScope.get(scope) ?? [], sink);
  for (const state of tree.states) checkState(state, downgraded.has(state), sink);
  checkVariables(tree.states, sink);
  checkMachineSchema(parsed, sink);
}

function parseInput(definition: unknown, sink: DiagnosticSink): JsonObject | undefined {
  let value = definition;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    sink.error(DiagnosticCode.MissingDescription, [], 'The state machine definition is empty');
    return undefined;
  }
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      sink.error(DiagnosticCode.InvalidJsonDescription, [], `The state machine definition is not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
  }
  if (!isJsonObject(value)) {
    sink.error(DiagnosticCode.SchemaValidationFailed, [], `The state machine definition must be a JSON object with StartAt and States (got ${describeValue(value)})`);
    return undefined;
  }
  return value;
}

function groupByScope(states: readonly StateEntry[]): Map<Scope, StateEntry[]> {
  const grouped = new Map<Scope, StateEntry[]>();
  for (const state of states) {
    const list = grouped.get(state.scope) ?? [];
    list.push(state);
    grouped.set(state.scope, list);
  }
  return grouped;
}
