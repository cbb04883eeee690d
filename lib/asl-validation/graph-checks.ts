import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { has, isJsonObject, type JsonObject } from './json-value';
import { toFieldLabel, type PathSegment } from './location';
import { describeScope, type Scope, type StateEntry } from './scope-tree';
import { transitionsOf } from './transitions';

const { SchemaValidationFailed, MissingTransitionTarget, MissingEndState } = DiagnosticCode;

/** State types that must either go on (`Next`) or end the execution (`End: true`). */
const FLOW_TYPES = new Set(['Pass', 'Task', 'Wait', 'Map', 'Parallel']);

/**
 * StartAt and States of one scope, every transition target, End/Next rules, reachability and
 * (for the machine only, as AWS) the presence of a terminal state.
 */
export function checkScopeGraph(scope: Scope, statesInScope: readonly StateEntry[], sink: DiagnosticSink): void {
  const where = describeScope(scope);
  const { container, states } = scope;
  const startAt = container.StartAt;

  // Problems of a branch or ItemProcessor container are reported here; keep the owner's schema pass quiet about them.
  const containerError = (code: string, path: PathSegment[], message: string): void => {
    sink.error(code, path, message);
    if (scope.owner) sink.claim(scope.owner, scope.kind === 'Branch' ? 'Branches' : scope.kind);
  };
  if (!has(container, 'StartAt')) {
    containerError(SchemaValidationFailed, [...scope.path], `${where}: field 'StartAt' is required (the name of the first state to run)`);
  } else if (typeof startAt !== 'string') {
    containerError(SchemaValidationFailed, [...scope.path, 'StartAt'], `${where}: field 'StartAt' must be a string naming a state`);
  }
  if (!has(container, 'States')) {
    containerError(SchemaValidationFailed, [...scope.path], `${where}: field 'States' is required (an object of named states)`);
    return;
  }
  if (!states) {
    containerError(SchemaValidationFailed, [...scope.path, 'States'], `${where}: field 'States' must be an object of named states`);
    return;
  }
  if (Object.keys(states).length === 0) {
    containerError(SchemaValidationFailed, [...scope.path, 'States'], `${where}: field 'States' must contain at least one state`);
    return;
  }

  if (typeof startAt === 'string' && !has(states, startAt)) {
    containerError(
      MissingTransitionTarget,
      [...scope.path, 'StartAt'],
      `${where}: StartAt '${startAt}' does not name a state in its States (Missing 'Next' target: ${startAt})`,
    );
  }

  const referenced = new Set<string>(typeof startAt === 'string' ? [startAt] : []);
  for (const state of statesInScope) {
    if (!isJsonObject(state.node)) continue;
    checkEndAndNext(state, state.node, sink);
    for (const { fieldPath, target } of transitionsOf(state.node)) {
      referenced.add(target);
      if (!has(states, target)) {
        sink.stateError(
          MissingTransitionTarget,
          state,
          fieldPath,
          `${toFieldLabel(fieldPath)} '${target}' does not name a state in the same scope (Missing 'Next' target: ${target})`,
        );
      }
    }
  }

  // AWS reports a missing terminal state for the top-level workflow only, and then skips reachability.
  if (scope.kind === 'machine' && !statesInScope.some((state) => isTerminal(state.node))) {
    sink.error(
      MissingEndState,
      [],
      'Workflow has no terminal state: at least one top-level state must be a Succeed or Fail state or have "End": true',
    );
    return;
  }

  // Reference-based, like AWS's language service: a state nothing names (not StartAt, no Next/Default/Catch) is unreachable.
  for (const state of statesInScope) {
    if (!referenced.has(state.name)) {
      sink.error(
        MissingTransitionTarget,
        state.path,
        `State "${state.name}" is not reachable. No StartAt, Next, Default, Choices[].Next or Catch[].Next in its scope names it.`,
      );
    }
  }
}

function checkEndAndNext(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  const type = node.Type;
  const hasNext = has(node, 'Next');
  const hasEnd = has(node, 'End');
  if (typeof type === 'string' && FLOW_TYPES.has(type)) {
    if (hasNext && hasEnd && node.End === true) {
      sink.stateErrorAtState(SchemaValidationFailed, state, 'End', `fields 'End' and 'Next' are mutually exclusive; keep 'Next' to go on, or "End": true to stop`);
      sink.claim(state, 'Next');
    } else if (!hasNext && node.End !== true) {
      sink.stateErrorAtState(
        SchemaValidationFailed,
        state,
        'Next',
        `a ${type} state must have a 'Next' field naming the following state, or "End": true`,
      );
      sink.claim(state, 'End');
    }
    return;
  }
  if (type === 'Choice' || type === 'Succeed' || type === 'Fail') {
    const why = type === 'Choice' ? 'a Choice state moves on through Choices[].Next and Default' : `a ${type} state ends the execution`;
    for (const field of ['Next', 'End']) {
      if (has(node, field)) sink.stateErrorAtState(SchemaValidationFailed, state, field, `Field '${field}' is not supported: ${why}`);
    }
  }
}

function isTerminal(node: unknown): boolean {
  return isJsonObject(node) && (node.End === true || node.Type === 'Succeed' || node.Type === 'Fail');
}
