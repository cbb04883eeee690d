import { MAX_WAIT_SECONDS, WAIT_TIMESTAMP_PATTERN } from './asl-limits';
import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, type JsonObject } from './json-value';
import { integerFieldProblem } from './literal-values';
import type { StateEntry } from './scope-tree';

/** Exactly one way to say how long to wait, with literal values in range. */
export function checkWait(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  const candidates = state.language === 'JSONata' ? ['Seconds', 'Timestamp'] : ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];
  const present = candidates.filter((field) => has(node, field));
  if (present.length !== 1) {
    const found = present.length === 0 ? 'none was given' : `found ${present.map((field) => `'${field}'`).join(' and ')}`;
    sink.stateErrorAtState(
      DiagnosticCode.SchemaValidationFailed,
      state,
      present[0] ?? 'Seconds',
      `a Wait state needs exactly one of ${candidates.map((field) => `'${field}'`).join(', ')}; ${found}`,
    );
    for (const field of present) sink.claim(state, field);
    return;
  }
  if (has(node, 'Seconds')) {
    const problem = integerFieldProblem(node.Seconds, state.language, 0, MAX_WAIT_SECONDS);
    if (problem) sink.stateError(DiagnosticCode.SchemaValidationFailed, state, ['Seconds'], `field 'Seconds' ${problem} (got ${describeValue(node.Seconds)})`);
  }
  if (has(node, 'Timestamp')) {
    const value = node.Timestamp;
    const isExpression = state.language === 'JSONata' && typeof value === 'string' && value.startsWith('{%');
    if (!isExpression && (typeof value !== 'string' || !WAIT_TIMESTAMP_PATTERN.test(value) || Number.isNaN(Date.parse(value)))) {
      sink.stateError(
        DiagnosticCode.SchemaValidationFailed,
        state,
        ['Timestamp'],
        `field 'Timestamp' must be an RFC 3339 timestamp with an uppercase T and Z, like "2026-08-18T17:33:00Z"` +
          `${state.language === 'JSONata' ? ', or a {% %} expression' : ''} (got ${describeValue(value)})`,
      );
    }
  }
}
