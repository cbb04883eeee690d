/**
 * Inline Map: runs ItemProcessor once per item (each iteration its own variable scope, reading outer variables),
 * at most MaxConcurrency at a time (0 = no limit, capped at AWS's 40 for inline Maps), with tolerated failures.
 */
import { StatesError, StatesErrors } from '../../errors';
import type { EvaluationEnv } from '../../jsonata/expression';
import { evaluateTemplate, Template } from '../../jsonata/template';
import type { MapState } from '../compiled-machine';
import type { MachineRunner } from '../run-states';
import type { StateOutcome, StateRun } from '../state-run';
import { childLane, groupSignal, PathAborted } from './branch-lane';
import { readValuePath } from './value-path';

/** AWS runs at most 40 iterations of an inline Map at once, whatever MaxConcurrency says. */
export const INLINE_MAP_MAX_CONCURRENCY = 40;

export async function runMap(run: StateRun<MapState>, runStates: MachineRunner): Promise<StateOutcome> {
  const { state, exec, lane } = run;
  const env = run.env();
  const items = await itemsOf(run, env);
  const maxConcurrency = (await integerField(run, state.maxConcurrency, 'MaxConcurrency', 0, Number.MAX_SAFE_INTEGER)) ?? pathNumber(run, 'MaxConcurrencyPath', 'integer');
  const toleratedCount = (await integerField(run, state.toleratedFailureCount, 'ToleratedFailureCount', 0, Number.MAX_SAFE_INTEGER)) ?? pathNumber(run, 'ToleratedFailureCountPath', 'integer');
  const toleratedPercentage = (await numberField(run, state.toleratedFailurePercentage, 'ToleratedFailurePercentage')) ?? pathNumber(run, 'ToleratedFailurePercentagePath', 'float');
  if (toleratedCount !== undefined && toleratedCount < 0) throw runtimeError(run, 'ToleratedFailureCount cannot be negative.');
  if (toleratedPercentage !== undefined && (toleratedPercentage < 0 || toleratedPercentage > 100)) throw runtimeError(run, 'ToleratedFailurePercentage must be between 0 and 100.');
  const hasTolerance = toleratedCount !== undefined || toleratedPercentage !== undefined;
  const allowedFailures = Math.min(
    toleratedCount ?? Infinity,
    toleratedPercentage !== undefined ? Math.floor((toleratedPercentage / 100) * items.length) : Infinity,
  );

  const startedId = exec.record(lane, 'MapStateStarted', { length: items.length });
  const group = new AbortController();
  const signal = groupSignal(lane.signal, group);
  const results: unknown[] = new Array(items.length);
  let failures = 0;
  let firstFailure: StatesError | undefined;
  let fatal: unknown;

  const runIteration = async (index: number): Promise<void> => {
    const item = items[index];
    const iterationLane = childLane(exec, lane, startedId, signal, { Index: index, Value: item });
    try {
      exec.record(iterationLane, 'MapIterationStarted', { name: state.name, index });
      const input = state.itemSelector
        ? await evaluateTemplate(state.itemSelector, run.env({ context: { ...run.contextObject(), Map: { Item: iterationLane.mapItem } } }))
        : item;
      results[index] = await runStates(exec, state.processor, input, iterationLane);
      exec.record(iterationLane, 'MapIterationSucceeded', { name: state.name, index });
    } catch (error) {
      try {
        if (error instanceof StatesError) {
          failures++;
          firstFailure ??= error;
          results[index] = { Error: error.error, Cause: error.cause };
          if (failures > allowedFailures || !hasTolerance) group.abort(new PathAborted());
          // AWS writes no error or cause in these events (LocalStack's AWS recordings, e.g. timeouts/test_timeouts.snapshot.json).
          exec.record(iterationLane, 'MapIterationFailed', { name: state.name, index });
        } else if (error instanceof PathAborted && !lane.signal.aborted) {
          exec.record(iterationLane, 'MapIterationAborted', { name: state.name, index });
        } else {
          throw error;
        }
      } catch (fatalError) {
        // The execution is ending (history limit, timeout) or the runtime failed: stop every sibling.
        fatal ??= fatalError;
        group.abort(fatalError);
      }
    } finally {
      iterationLane.scope.release();
    }
  };

  const limit = Math.min(maxConcurrency || INLINE_MAP_MAX_CONCURRENCY, INLINE_MAP_MAX_CONCURRENCY);
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    // Iterations not started when the Map is stopped are never started (no events for them).
    while (nextIndex < items.length && !signal.aborted) await runIteration(nextIndex++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (fatal !== undefined) throw fatal;
  if (lane.signal.aborted) throw lane.signal.reason;

  if (firstFailure && (!hasTolerance || failures > allowedFailures)) {
    const error = hasTolerance
      ? // AWS's cause (LocalStack's AWS recording test_state/test_state_configuration.snapshot.json, test_map_state_failure_count).
        new StatesError(StatesErrors.ExceedToleratedFailureThreshold, 'The specified tolerated failure threshold was exceeded')
      : firstFailure;
    exec.record(lane, 'MapStateFailed');
    // The Map state fails with the iteration's own error (its failure event is already written), matched by
    // the Map's Retry/Catch.
    throw error;
  }
  exec.record(lane, 'MapStateSucceeded', { name: state.name });
  return run.finish(run.env({ result: results }), results, state.next);
}

/**
 * The array to iterate. When there is none, AWS writes EvaluationFailed (for an expression) then MapStateFailed
 * (LocalStack's AWS recording scenarios/test_base_scenarios.snapshot.json, test_map_state_items_eval_jsonata_fail).
 */
async function itemsOf(run: StateRun<MapState>, env: EvaluationEnv): Promise<unknown[]> {
  const { state } = run;
  try {
    const items = state.items ? await evaluateTemplate(state.items, env) : state.jsonPath ? jsonPathItems(run) : run.input;
    if (!Array.isArray(items)) throw notArray(run, items);
    return items;
  } catch (error) {
    if (error instanceof StatesError) {
      run.recordFailure(error);
      run.exec.record(run.lane, 'MapStateFailed');
    }
    throw error;
  }
}

/**
 * AWS's errors for a Map without an array to iterate (LocalStack's AWS recordings,
 * scenarios/test_base_scenarios.snapshot.json: test_map_state_items_eval_jsonata_fail,
 * test_map_state_items_input_types): both are States.QueryEvaluationError.
 */
function notArray(run: StateRun<MapState>, items: unknown): StatesError {
  if (run.state.items) return run.unexpectedType(run.state.items, 'Items', 'array', items);
  return new StatesError(
    StatesErrors.QueryEvaluationError,
    `${run.errorPrefix()} Map state input must be an array but was: ${JSON.stringify(items) ?? 'null'}`,
  );
}

/** JSONPath: ItemsPath (default `$`) on the effective input must be an array. */
function jsonPathItems(run: StateRun<MapState>): unknown {
  const path = run.state.jsonPath!.fieldPaths.ItemsPath;
  const items = path ? readValuePath(run, 'ItemsPath') : run.effectiveInput();
  // AWS's wording as recorded by its TestState API (LocalStack: test_state/test_state_context_object.snapshot.json).
  if (!Array.isArray(items)) throw runtimeError(run, `Reference path "${path?.text ?? '$'}" must point to array.`);
  return items;
}

/**
 * MaxConcurrencyPath, ToleratedFailureCountPath (integers) and ToleratedFailurePercentagePath (a number), with AWS's
 * causes (LocalStack's AWS recordings, scenarios/test_base_scenarios.snapshot.json: test_max_concurrency_path,
 * test_map_state_tolerated_failure_count_path, test_map_state_tolerated_failure_percentage_path).
 */
function pathNumber(run: StateRun<MapState>, field: 'MaxConcurrencyPath' | 'ToleratedFailureCountPath' | 'ToleratedFailurePercentagePath', kind: 'integer' | 'float'): number | undefined {
  const value = readValuePath(run, field);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || (kind === 'integer' && !Number.isInteger(value))) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    throw runtimeError(run, `The ${field} field refers to value "${shown}" which is not a valid ${kind}: ${run.state.jsonPath!.fieldPaths[field]!.text}`);
  }
  return value;
}

function runtimeError(run: StateRun<MapState>, text: string): StatesError {
  return new StatesError(StatesErrors.Runtime, `${run.errorPrefix()} ${text}`);
}

async function integerField(run: StateRun<MapState>, template: Template | undefined, field: string, min: number, max: number): Promise<number | undefined> {
  if (!template) return undefined;
  const value = await evaluateTemplate(template, run.env());
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw run.fieldTypeError(template, field, `an integer of at least ${min}`, value);
  }
  return value;
}

async function numberField(run: StateRun<MapState>, template: Template | undefined, field: string): Promise<number | undefined> {
  if (!template) return undefined;
  const value = await evaluateTemplate(template, run.env());
  if (typeof value !== 'number' || value < 0 || value > 100) throw run.fieldTypeError(template, field, 'a number between 0 and 100', value);
  return value;
}
