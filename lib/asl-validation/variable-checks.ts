import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { codePointLength, forEachObjectEntry, isJsonObject, shorten, type JsonObject } from './json-value';
import { toFieldLabel, toLocation, type PathSegment } from './location';
import type { Scope, StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;
/** AWS limits variable names to 80 characters. */
export const MAX_VARIABLE_NAME_LENGTH = 80;
/** Unicode identifier rules (UAX #31), '_' also allowed first: no dots, brackets, '$' or spaces (no sub-path assignment). */
const VARIABLE_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

interface Assignment {
  readonly name: string;
  readonly state: StateEntry;
  readonly fieldPath: readonly PathSegment[];
}

/**
 * Variable names in every Assign (state, Choice rule, Catch), and AWS's scoping rule: a Map iteration or
 * Parallel branch may read the variables of the scopes around it but not assign them.
 */
export function checkVariables(states: readonly StateEntry[], sink: DiagnosticSink): void {
  const assignedByScope = new Map<Scope, Map<string, Assignment[]>>();
  const all: Assignment[] = [];
  for (const state of states) {
    if (!isJsonObject(state.node)) continue;
    for (const assignment of assignmentsOf(state, state.node)) {
      if (!checkName(assignment, sink)) continue;
      all.push(assignment);
      const names = assignedByScope.get(state.scope) ?? new Map<string, Assignment[]>();
      names.set(assignment.name, [...(names.get(assignment.name) ?? []), assignment]);
      assignedByScope.set(state.scope, names);
    }
  }
  for (const assignment of all) {
    let inner = assignment.state.scope;
    for (let outer = inner.parent; outer; inner = outer, outer = outer.parent) {
      // The Map/Parallel state around the inner scope may assign the same name itself (its Assign or Catch Assign
      // run after its iterations or branches): AWS accepts that (LocalStack's AWS recording
      // states_variables/test_error_output.snapshot.json, PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING).
      const owner = assignedByScope.get(outer)?.get(assignment.name)?.find((other) => other.state !== inner.owner);
      if (!owner) continue;
      sink.stateError(
        SchemaValidationFailed,
        assignment.state,
        assignment.fieldPath,
        `${toFieldLabel(assignment.fieldPath.slice(0, -1))} assigns variable '${assignment.name}', which belongs to an outer scope ` +
          `(assigned by state '${owner.state.name}' at ${toLocation(owner.state.path)}); a Map iteration or Parallel branch can read ` +
          'outer variables but not assign them: return the value through Output instead',
      );
      break;
    }
  }
}

function assignmentsOf(state: StateEntry, node: JsonObject): Assignment[] {
  const found: Assignment[] = [];
  const collect = (assign: unknown, assignPath: PathSegment[]): void => {
    if (!isJsonObject(assign)) return;
    for (const key of Object.keys(assign)) {
      const name = state.language === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
      found.push({ name, state, fieldPath: [...assignPath, key] });
    }
  };
  collect(node.Assign, ['Assign']);
  forEachObjectEntry(node.Choices, (rule, index) => collect(rule.Assign, ['Choices', index, 'Assign']));
  forEachObjectEntry(node.Catch, (catcher, index) => collect(catcher.Assign, ['Catch', index, 'Assign']));
  return found;
}

/** Returns whether the name is usable (so scoping is only checked for valid names). */
function checkName(assignment: Assignment, sink: DiagnosticSink): boolean {
  const { name, state, fieldPath } = assignment;
  const where = toFieldLabel(fieldPath.slice(0, -1));
  const length = codePointLength(name);
  if (length > MAX_VARIABLE_NAME_LENGTH) {
    sink.stateError(SchemaValidationFailed, state, fieldPath, `${where}: variable name '${shorten(name, 40)}' is ${length} characters long; the limit is ${MAX_VARIABLE_NAME_LENGTH}`);
    return false;
  }
  if (!VARIABLE_NAME.test(name)) {
    sink.stateError(
      SchemaValidationFailed,
      state,
      fieldPath,
      `${where}: '${shorten(name, 40)}' is not a valid variable name; it must start with a letter or '_' and contain only ` +
        "letters, digits and '_' (no '.', '[', '$' or spaces: a variable is assigned whole)",
    );
    return false;
  }
  return true;
}
