import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, isJsonObject, type JsonObject } from './json-value';
import type { PathSegment } from './location';
import type { StateEntry } from './scope-tree';

const { SchemaValidationFailed } = DiagnosticCode;

/** Retrier field ranges (aws-facts A2; AWS's ASL language-service schema allows IntervalSeconds 0). */
export const RETRY_LIMITS = {
  IntervalSeconds: { min: 0, max: 99_999_999 },
  MaxAttempts: { min: 0, max: 99_999_999 },
  MaxDelaySeconds: { min: 1, max: 31_622_400 },
  BackoffRateMin: 1,
} as const;
const JITTER_STRATEGIES = ['FULL', 'NONE'];
const ALL_ERRORS = 'States.ALL';

/** Retry and Catch of Task, Map and Parallel states (other types get the schema's "Field 'Retry' is not supported"). */
export function checkRetryAndCatch(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (has(node, 'Retry')) checkList(state, node.Retry, 'Retry', sink);
  if (has(node, 'Catch')) checkList(state, node.Catch, 'Catch', sink);
}

function checkList(state: StateEntry, list: unknown, field: 'Retry' | 'Catch', sink: DiagnosticSink): void {
  const noun = field === 'Retry' ? 'retrier' : 'catcher';
  if (!Array.isArray(list)) {
    sink.stateError(SchemaValidationFailed, state, [field], `field '${field}' must be an array of ${noun}s (got ${describeValue(list)})`);
    return;
  }
  list.forEach((entry, index) => {
    const path: PathSegment[] = [field, index];
    if (!isJsonObject(entry)) {
      sink.stateError(SchemaValidationFailed, state, path, `${field}[${index}] must be an object (got ${describeValue(entry)})`);
      return;
    }
    const matchesAll = checkErrorEquals(state, entry, path, sink);
    if (matchesAll && index < list.length - 1) {
      sink.stateError(
        SchemaValidationFailed,
        state,
        path,
        `${field}[${index}] matches '${ALL_ERRORS}' but is not the last ${noun}; ${noun}s after it could never match, so it must come last`,
      );
    }
    if (field === 'Retry') checkRetrierFields(state, entry, index, sink);
    else if (!has(entry, 'Next')) {
      sink.stateError(SchemaValidationFailed, state, path, `Catch[${index}] is missing required field 'Next' (the state to go to when it matches)`);
    } else if (typeof entry.Next !== 'string') {
      sink.stateError(SchemaValidationFailed, state, [...path, 'Next'], `Catch[${index}].Next must be a state name (got ${describeValue(entry.Next)})`);
    }
  });
}

/** Returns whether the entry matches States.ALL. */
function checkErrorEquals(state: StateEntry, entry: JsonObject, path: PathSegment[], sink: DiagnosticSink): boolean {
  const label = `${String(path[0])}[${String(path[1])}]`;
  if (!has(entry, 'ErrorEquals')) {
    sink.stateError(SchemaValidationFailed, state, path, `${label} is missing required field 'ErrorEquals' (a non-empty array of error names)`);
    return false;
  }
  const errors = entry.ErrorEquals;
  const errorsPath = [...path, 'ErrorEquals'];
  if (!Array.isArray(errors) || errors.length === 0) {
    sink.stateError(SchemaValidationFailed, state, errorsPath, `${label}.ErrorEquals must be a non-empty array of error names (got ${describeValue(errors)})`);
    return false;
  }
  const notStrings = errors.filter((name) => typeof name !== 'string' || name === '');
  if (notStrings.length > 0) {
    sink.stateError(SchemaValidationFailed, state, errorsPath, `${label}.ErrorEquals must contain only non-empty error-name strings (got ${describeValue(notStrings[0])})`);
  }
  const matchesAll = errors.includes(ALL_ERRORS);
  if (matchesAll && errors.length > 1) {
    sink.stateError(SchemaValidationFailed, state, errorsPath, `${label}.ErrorEquals: '${ALL_ERRORS}' must appear alone in its ErrorEquals`);
  }
  return matchesAll;
}

function checkRetrierFields(state: StateEntry, retrier: JsonObject, index: number, sink: DiagnosticSink): void {
  const integerField = (field: 'IntervalSeconds' | 'MaxAttempts' | 'MaxDelaySeconds'): void => {
    if (!has(retrier, field)) return;
    const { min, max } = RETRY_LIMITS[field];
    const value = retrier[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      sink.stateError(SchemaValidationFailed, state, ['Retry', index, field], `Retry[${index}].${field} must be an integer from ${min} to ${max} (got ${describeValue(value)})`);
    }
  };
  integerField('IntervalSeconds');
  integerField('MaxAttempts');
  integerField('MaxDelaySeconds');
  if (has(retrier, 'BackoffRate')) {
    const rate = retrier.BackoffRate;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < RETRY_LIMITS.BackoffRateMin) {
      sink.stateError(SchemaValidationFailed, state, ['Retry', index, 'BackoffRate'], `Retry[${index}].BackoffRate must be a number >= ${RETRY_LIMITS.BackoffRateMin} (got ${describeValue(rate)})`);
    }
  }
  if (has(retrier, 'JitterStrategy') && !JITTER_STRATEGIES.includes(retrier.JitterStrategy as string)) {
    sink.stateError(
      SchemaValidationFailed,
      state,
      ['Retry', index, 'JitterStrategy'],
      `Retry[${index}].JitterStrategy must be one of [FULL, NONE] (got ${describeValue(retrier.JitterStrategy)})`,
    );
  }
}
