import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, isJsonObject, type JsonObject } from './json-value';
import { integerFieldProblem } from './literal-values';
import type { StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;
const PROCESSOR_MODES = ['INLINE', 'DISTRIBUTED'];

/** Map: one ItemProcessor (or legacy Iterator), a known ProcessorConfig.Mode, MaxConcurrency a non-negative integer. */
export function checkMap(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  const hasProcessor = has(node, 'ItemProcessor');
  const hasIterator = has(node, 'Iterator');
  if (hasProcessor && hasIterator) {
    sink.stateErrorAtState(SchemaValidationFailed, state, 'Iterator', "fields 'ItemProcessor' and 'Iterator' are mutually exclusive; keep 'ItemProcessor'");
  } else if (!hasProcessor && !hasIterator) {
    sink.stateErrorAtState(SchemaValidationFailed, state, 'ItemProcessor', "a Map state needs an 'ItemProcessor' with StartAt and States for each item");
  }
  const processor = node.ItemProcessor;
  if (isJsonObject(processor) && isJsonObject(processor.ProcessorConfig) && has(processor.ProcessorConfig, 'Mode')) {
    const mode = processor.ProcessorConfig.Mode;
    if (typeof mode !== 'string' || !PROCESSOR_MODES.includes(mode)) {
      sink.stateError(
        SchemaValidationFailed,
        state,
        ['ItemProcessor', 'ProcessorConfig', 'Mode'],
        `ItemProcessor.ProcessorConfig.Mode must be one of [INLINE, DISTRIBUTED] (got ${describeValue(mode)})`,
      );
    }
  }
  if (state.language === 'JSONata' && has(node, 'Items')) {
    const items = node.Items;
    const isExpression = typeof items === 'string' && items.startsWith('{%');
    if (!Array.isArray(items) && !isJsonObject(items) && !isExpression) {
      sink.stateError(SchemaValidationFailed, state, ['Items'], `field 'Items' must be an array, an object or a {% %} expression (got ${describeValue(items)})`);
    }
  }
  if (has(node, 'MaxConcurrency')) {
    if (has(node, 'MaxConcurrencyPath')) {
      sink.stateError(SchemaValidationFailed, state, ['MaxConcurrency'], "fields 'MaxConcurrency' and 'MaxConcurrencyPath' are mutually exclusive");
      sink.claim(state, 'MaxConcurrencyPath');
    }
    // AWS accepts any non-negative integer (0 = no limit) and caps it when the Map runs.
    const problem = integerFieldProblem(node.MaxConcurrency, state.language, 0, Number.MAX_SAFE_INTEGER);
    if (problem) {
      const expected = state.language === 'JSONata' ? 'a non-negative integer or a {% %} expression' : 'a non-negative integer';
      sink.stateError(SchemaValidationFailed, state, ['MaxConcurrency'], `field 'MaxConcurrency' must be ${expected} (got ${describeValue(node.MaxConcurrency)})`);
    }
  }
}

/** Parallel: Branches is a non-empty array (each branch's StartAt/States is checked as its own scope). */
export function checkParallel(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (!has(node, 'Branches')) {
    sink.stateErrorAtState(SchemaValidationFailed, state, 'Branches', "a Parallel state needs 'Branches', a non-empty array of {StartAt, States} objects");
  } else if (!Array.isArray(node.Branches) || node.Branches.length === 0) {
    sink.stateError(
      SchemaValidationFailed,
      state,
      ['Branches'],
      `field 'Branches' must be a non-empty array of {StartAt, States} objects (got ${describeValue(node.Branches)})`,
    );
  }
}
