/**
 * Task: evaluates Arguments and Credentials, calls the handler serving the Resource with TimeoutSeconds and
 * HeartbeatSeconds enforced on the clock, and records TaskScheduled/Started/Succeeded/Failed/TimedOut.
 */
import { MAX_TASK_SECONDS } from '../../../asl-validation';
import { StatesError, StatesErrors } from '../../errors';
import { evaluateTemplate, Template } from '../../jsonata/template';
import type { TaskInvocation } from '../../types';
import type { TaskState } from '../compiled-machine';
import { dataLimitExceeded, isOverPayloadLimit } from '../payload';
import type { StateOutcome, StateRun } from '../state-run';
import { OperationShapes, SdkMemberProblem, toServiceRequest, toStepFunctionsResponse } from '../sdk-members';
import { taskErrorFrom } from '../task-dispatch';
import { readValuePath } from './value-path';

export async function runTask(run: StateRun<TaskState>): Promise<StateOutcome> {
  const { state, exec, lane } = run;
  const env = run.env();
  const args = state.arguments ? await evaluateTemplate(state.arguments, env) : run.effectiveInput();
  let credentials: { RoleArn: string } | undefined;
  if (state.credentials) {
    // Compiled from `Credentials.RoleArn`, or from a whole-field `Credentials` expression yielding `{ RoleArn }`.
    const value = await evaluateTemplate(state.credentials, env);
    const roleArn = value !== null && typeof value === 'object' ? (value as { RoleArn?: unknown }).RoleArn : value;
    if (typeof roleArn !== 'string' || roleArn.length === 0) throw run.fieldTypeError(state.credentials, 'Credentials/RoleArn', 'a role ARN string', value);
    credentials = { RoleArn: roleArn };
  }
  const timeoutSeconds = (await seconds(run, state.timeoutSeconds, 'TimeoutSeconds')) ?? secondsFromPath(run, 'TimeoutSecondsPath');
  const heartbeatSeconds = (await seconds(run, state.heartbeatSeconds, 'HeartbeatSeconds')) ?? secondsFromPath(run, 'HeartbeatSecondsPath');

  const resourceDetails = { resourceType: state.resourceType, resource: state.resourceName };
  const parameters = JSON.stringify(args);
  const shapes = exec.dispatcher.shapesOf(state.resource);
  // Step Functions refuses a member it cannot map to the service's request before scheduling anything.
  const serviceArgs = shapes ? serviceRequest(run, args, parameters, shapes) : undefined;
  const scheduled: Record<string, unknown> = { resourceType: state.resourceType, resource: state.resourceName, region: exec.identity.region, parameters };
  if (timeoutSeconds !== undefined) scheduled.timeoutInSeconds = timeoutSeconds;
  if (heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = heartbeatSeconds;
  if (credentials) scheduled.taskCredentials = { roleArn: credentials.RoleArn };
  exec.record(lane, 'TaskScheduled', scheduled);
  if (isOverPayloadLimit(parameters)) throw failed(run, dataLimitExceeded(`The Arguments payload of the task '${state.name}'`, parameters), 'TaskFailed', resourceDetails);

  const invoke = exec.dispatcher.resolve(state.resource);
  if (!invoke) throw failed(run, exec.dispatcher.describeMissing(state.resource, state.name), 'TaskFailed', resourceDetails);
  exec.record(lane, 'TaskStarted', resourceDetails);

  const limit = timeLimit(timeoutSeconds, heartbeatSeconds);
  const controller = limit ? new AbortController() : undefined;
  const invocation: TaskInvocation = {
    resource: state.resource,
    stateName: state.name,
    ...(credentials ? { credentials } : {}),
    executionRoleArn: exec.identity.roleArn,
    executionArn: exec.identity.executionArn,
    executionName: exec.identity.executionName,
    retryCount: run.retryCount,
    clock: exec.clock,
    signal: limit ? controller!.signal : lane.signal,
  };
  let result: unknown;
  try {
    // A JSON copy: a handler that mutates its arguments cannot touch the definition's constants or state data.
    // Promise.resolve: a plain-JavaScript handler may return a value instead of a promise.
    const request = shapes ? serviceArgs : typeof args === 'object' && args !== null ? JSON.parse(parameters) : args;
    const call = Promise.resolve(invoke(request, invocation));
    result = limit ? await withTimeLimit(run, call, limit, controller!) : await call;
    if (shapes) result = toStepFunctionsResponse(result, shapes);
  } catch (thrown) {
    if (thrown instanceof StatesError && thrown.recorded) throw thrown;
    if (lane.signal.aborted && thrown === lane.signal.reason) throw thrown;
    const error = taskErrorFrom(thrown, state.resource);
    const timedOut = error.error === StatesErrors.Timeout || error.error === StatesErrors.HeartbeatTimeout;
    throw failed(run, error, timedOut && limit ? 'TaskTimedOut' : 'TaskFailed', resourceDetails);
  }

  let resultJson: string;
  try {
    resultJson = result === undefined ? 'null' : JSON.stringify(result);
  } catch (error) {
    throw failed(run, new StatesError(StatesErrors.TaskFailed, `The handler of '${state.resource}' returned a value that is not JSON (${(error as Error).message}).`), 'TaskFailed', resourceDetails);
  }
  if (isOverPayloadLimit(resultJson)) {
    throw failed(run, dataLimitExceeded(`The result of the task '${state.name}'`, resultJson), 'TaskFailed', resourceDetails);
  }
  // A fresh JSON copy: the state never shares objects with the handler, and Dates etc. become JSON as on AWS.
  const taskResult = typeof result === 'object' && result !== null ? JSON.parse(resultJson) : result ?? null;
  exec.rememberJson(taskResult, resultJson);
  exec.record(lane, 'TaskSucceeded', { resourceType: state.resourceType, resource: state.resourceName, output: resultJson });
  return run.finish(run.env({ result: taskResult }), taskResult, state.next);
}

function serviceRequest(run: StateRun<TaskState>, args: unknown, parameters: string, shapes: OperationShapes): unknown {
  try {
    // A JSON copy, as for handlers without schemas (parameters is undefined only when the arguments are).
    return toServiceRequest(parameters === undefined ? args : (JSON.parse(parameters) as unknown), shapes);
  } catch (problem) {
    if (!(problem instanceof SdkMemberProblem)) throw problem;
    const field = run.state.arguments ? 'Arguments' : 'Parameters';
    throw new StatesError(
      StatesErrors.Runtime,
      `An error occurred while executing the state '${run.state.name}' (entered at the event id #${run.enteredEventId}). ` +
        `The ${field} '${parameters}' could not be used to start the Task: [${problem.message}]`,
    );
  }
}

async function seconds(run: StateRun<TaskState>, template: Template | undefined, field: string): Promise<number | undefined> {
  if (!template) return undefined;
  const value = await evaluateTemplate(template, run.env());
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TASK_SECONDS) {
    throw run.fieldTypeError(template, field, `an integer between 1 and ${MAX_TASK_SECONDS}`, value);
  }
  return value;
}

/** JSONPath TimeoutSecondsPath/HeartbeatSecondsPath, read from the effective input. */
function secondsFromPath(run: StateRun<TaskState>, field: 'TimeoutSecondsPath' | 'HeartbeatSecondsPath'): number | undefined {
  const value = readValuePath(run, field);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TASK_SECONDS) {
    throw new StatesError(StatesErrors.Runtime, `${run.errorPrefix()} The ${field} field refers to value ${JSON.stringify(value)}, which is not an integer between 1 and ${MAX_TASK_SECONDS}: ${run.state.jsonPath!.fieldPaths[field]!.text}`);
  }
  return value;
}

interface TimeLimit {
  readonly ms: number;
  readonly error: string;
}

/** Without heartbeats from handlers, HeartbeatSeconds bounds the call like TimeoutSeconds; the shorter wins. */
function timeLimit(timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined): TimeLimit | undefined {
  if (heartbeatSeconds !== undefined && (timeoutSeconds === undefined || heartbeatSeconds < timeoutSeconds)) {
    return { ms: heartbeatSeconds * 1000, error: StatesErrors.HeartbeatTimeout };
  }
  if (timeoutSeconds !== undefined) return { ms: timeoutSeconds * 1000, error: StatesErrors.Timeout };
  return undefined;
}

async function withTimeLimit(run: StateRun<TaskState>, call: Promise<unknown>, limit: TimeLimit, controller: AbortController): Promise<unknown> {
  const { lane, exec, state } = run;
  const timer = new AbortController();
  const onLaneAbort = () => controller.abort(lane.signal.reason);
  lane.signal.addEventListener('abort', onLaneAbort, { once: true });
  // The handler may keep running after a timeout; its late rejection must not surface as unhandled.
  call.catch(() => undefined);
  const expired = exec.clock.sleep(limit.ms, timer.signal).then(
    () => {
      // AWS's States.Timeout carries no cause (LocalStack's AWS recordings, timeouts/test_timeouts.snapshot.json:
      // TaskTimedOut and ExecutionFailed hold only the error).
      const error = new StatesError(limit.error, '');
      controller.abort(error);
      throw error;
    },
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([call, expired]);
  } finally {
    timer.abort();
    lane.signal.removeEventListener('abort', onLaneAbort);
  }
}

function failed(run: StateRun<TaskState>, error: StatesError, type: 'TaskFailed' | 'TaskTimedOut', resourceDetails: Record<string, unknown>): StatesError {
  run.exec.record(run.lane, type, error.cause === '' && type === 'TaskTimedOut' ? { ...resourceDetails, error: error.error } : { ...resourceDetails, error: error.error, cause: error.cause });
  error.recorded = true;
  return error;
}
