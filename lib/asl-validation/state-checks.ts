import { checkChoice } from './choice-checks';
import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { checkFail } from './fail-checks';
import { checkFieldLanguage } from './field-language-checks';
import { describeValue, has, isJsonObject, type JsonObject } from './json-value';
import { checkJsonataExpressions } from './jsonata-checks';
import { checkMap, checkParallel } from './map-parallel-checks';
import { checkRetryAndCatch } from './retry-catch-checks';
import { checkStateSchema } from './schema/schema-checks';
import type { StateEntry } from './scope-tree';
import { checkTask } from './task-checks';
import { checkWait } from './wait-checks';

export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;

const TYPE_CHECKS: Readonly<Record<string, (state: StateEntry, node: JsonObject, sink: DiagnosticSink) => void>> = {
  Task: checkTask,
  Wait: checkWait,
  Fail: checkFail,
  Map: checkMap,
  Parallel: checkParallel,
  Choice: checkChoice,
};
const RETRYABLE_TYPES = new Set(['Task', 'Map', 'Parallel']);

/** Everything about one state's own fields (its transitions are checked per scope). */
export function checkState(state: StateEntry, skipLanguageFieldCheck: boolean, sink: DiagnosticSink): void {
  const node = state.node;
  if (!isJsonObject(node)) {
    sink.stateErrorAtState(DiagnosticCode.SchemaValidationFailed, state, '*', `a state must be an object with a 'Type' field (got ${describeValue(node)})`);
    return;
  }
  const type = node.Type;
  if (!has(node, 'Type')) {
    sink.stateErrorAtState(DiagnosticCode.SchemaValidationFailed, state, '*', `field 'Type' is required, one of [${STATE_TYPES.join(', ')}]`);
    return;
  }
  if (typeof type !== 'string' || !(STATE_TYPES as readonly string[]).includes(type)) {
    sink.stateError(DiagnosticCode.SchemaValidationFailed, state, ['Type'], `unknown state Type ${describeValue(type)}; expected one of [${STATE_TYPES.join(', ')}]`);
    sink.claim(state, '*');
    return;
  }
  if (!skipLanguageFieldCheck) checkFieldLanguage(state, node, sink);
  TYPE_CHECKS[type]?.(state, node, sink);
  if (RETRYABLE_TYPES.has(type)) checkRetryAndCatch(state, node, sink);
  if (state.language === 'JSONata') checkJsonataExpressions(state, node, sink);
  checkStateSchema(state, node, sink);
}
