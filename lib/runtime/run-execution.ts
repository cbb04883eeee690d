/** `runExecution`: validates and compiles a definition, then runs one execution to its end on a clock. */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { validateDefinition } from '../asl-validation';
import { Clock, createClock } from '../clock';
import { compileDefinition } from './engine/compile-definition';
import { Execution, ExecutionIdentity, Lane } from './engine/execution';
import { HistoryRecorder } from './engine/history';
import { isOverPayloadLimit, MAX_PAYLOAD_BYTES } from './engine/payload';
import { runStates } from './engine/run-states';
import { TaskDispatcher } from './engine/task-dispatch';
import { VariableScope } from './engine/variables';
import { DefinitionValidationError, ExecutionTerminated, InvalidExecutionInputError, StatesError, StatesErrors } from './errors';
import { createRootVariables } from './jsonata/expression';
import type { ExecutionResult, ExecutionStatus, RunOptions } from './types';

/** A state machine definition: an ASL object, or its JSON text. */
export type StateMachineDefinition = Readonly<Record<string, unknown>> | string;

export const RUN_DEFAULTS = {
  stateMachineName: 'LocalStateMachine',
  roleArn: 'arn:aws:iam::123456789012:role/LocalStepFunctionsRole',
  maxHistoryEvents: 25_000,
  region: 'us-east-1',
} as const;

/**
 * Runs one execution of a state machine (JSONata, JSONPath or both) and resolves with its outcome; an execution failure resolves with
 * status FAILED (never rejects).
 * @throws DefinitionValidationError when static validation (unless `skipValidation`) or compilation finds errors
 * @throws UnsupportedDefinitionError for a Distributed Map
 * @throws InvalidExecutionInputError when the input is not JSON or is over 256 KiB
 */
export async function runExecution(definition: StateMachineDefinition | unknown, input?: unknown, options: RunOptions = {}): Promise<ExecutionResult> {
  const executionInput = input === undefined ? {} : input;
  return execute(compile(definition, options), executionInput, serialiseInput(executionInput), options);
}

/**
 * Redrives a failed, aborted or timed-out execution as Step Functions does: same execution ARN and input,
 * `RedriveCount` one higher, the history continued after an `ExecutionRedriven` event, and the run resumed at the
 * top-level state that did not finish (the state that failed, a Fail state included), with that state's input and
 * the variables as they were. States that finished are not run again. Pass the same definition and the same
 * service handlers (emulator) as the first attempt.
 * @throws Error when the execution succeeded (AWS: ExecutionNotRedrivable)
 */
export async function redriveExecution(definition: StateMachineDefinition | unknown, previous: ExecutionResult, options: RunOptions = {}): Promise<ExecutionResult> {
  if (previous.status === 'SUCCEEDED' || !previous.redrivePoint) {
    throw new Error(`ExecutionNotRedrivable: the execution ${previous.executionArn} ended ${previous.status}; only failed, aborted or timed-out executions can be redriven`);
  }
  const started = previous.history[0]!.details as { input: string; roleArn: string };
  const [, , , , , , stateMachineName, executionName] = previous.executionArn.split(':');
  const redriveCount = previous.redriveCount + 1;
  const redriveOptions: RunOptions = { ...options, executionName, stateMachineName, roleArn: started.roleArn, redriveCount };
  return execute(compile(definition, options), JSON.parse(started.input), started.input, redriveOptions, { previous, redriveCount });
}

function compile(definition: unknown, options: RunOptions) {
  const parsed = parseDefinition(definition);
  if (!options.skipValidation) {
    const errors = validateDefinition(parsed).filter((d) => d.severity === 'ERROR');
    if (errors.length > 0) throw new DefinitionValidationError(errors);
  }
  return compileDefinition(parsed);
}

async function execute(
  machine: ReturnType<typeof compileDefinition>,
  executionInput: unknown,
  inputJson: string,
  options: RunOptions,
  redrive?: { readonly previous: ExecutionResult; readonly redriveCount: number },
): Promise<ExecutionResult> {
  const clock: Clock = options.clock ?? options.emulator?.clock ?? createClock(options.timeScale);
  const identity = executionIdentity(options);
  const history = new HistoryRecorder(clock, options.maxHistoryEvents ?? RUN_DEFAULTS.maxHistoryEvents, options.onEvent, redrive?.previous.history);
  const random = options.random ?? Math.random;
  const startTime = redrive?.previous.startTime ?? clock.now();
  const exec = new Execution(identity, clock, history, new TaskDispatcher(options), options, random, startTime, executionInput);
  const stop = new AbortController();
  // Parallel branches and Map iterations all listen to it; they are not a leak.
  setMaxListeners(0, stop.signal);
  const rootScope = new VariableScope(createRootVariables(exec), exec.variableBudget);
  const lane: Lane = { previousEventId: history.lastEventId, signal: stop.signal, scope: rootScope };
  const resumeAt = redrive?.previous.redrivePoint;
  if (resumeAt) rootScope.restore(resumeAt.variables);

  let status: ExecutionStatus;
  let output: unknown;
  let error: string | undefined;
  let cause: string | undefined;
  try {
    if (redrive) exec.record(lane, 'ExecutionRedriven', { redriveCount: redrive.redriveCount });
    else exec.record(lane, 'ExecutionStarted', { input: inputJson, roleArn: identity.roleArn, stateMachineArn: identity.stateMachineArn });
    const run = resumeAt ? runStates(exec, machine, resumeAt.input, lane, resumeAt.stateName) : runStates(exec, machine, executionInput, lane);
    output = await (machine.timeoutSeconds ? raceExecutionTimeout(run, clock, machine.timeoutSeconds, stop) : run);
    status = 'SUCCEEDED';
    history.recordFinal('ExecutionSucceeded', { output: exec.json(output) });
  } catch (failure) {
    output = undefined;
    ({ status, error, cause } = describeFailure(failure));
    stop.abort(failure);
    const details: Record<string, unknown> = {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    history.recordFinal(status === 'TIMED_OUT' ? 'ExecutionTimedOut' : 'ExecutionFailed', details);
  }
  const stopTime = clock.now();
  const failedAt = status !== 'SUCCEEDED' && exec.failedAt?.lane === lane ? exec.failedAt : undefined;
  return {
    status,
    ...(status === 'SUCCEEDED' ? { output } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
    history: history.events,
    transitions: exec.transitions,
    durationMs: stopTime - startTime,
    startTime,
    stopTime,
    executionArn: identity.executionArn,
    redriveCount: redrive?.redriveCount ?? options.redriveCount ?? 0,
    ...(failedAt ? { redrivePoint: { stateName: failedAt.stateName, input: failedAt.input, variables: { ...rootScope.values } } } : {}),
  };
}

function parseDefinition(definition: unknown): Readonly<Record<string, unknown>> {
  if (typeof definition !== 'string') {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw new DefinitionValidationError([{ severity: 'ERROR', code: 'INVALID_JSON', message: 'The definition must be a JSON object', location: '' }]);
    }
    return definition as Readonly<Record<string, unknown>>;
  }
  try {
    return parseDefinition(JSON.parse(definition) as Record<string, unknown>);
  } catch (error) {
    if (error instanceof DefinitionValidationError) throw error;
    throw new DefinitionValidationError([{ severity: 'ERROR', code: 'INVALID_JSON', message: `The definition is not valid JSON: ${(error as Error).message}`, location: '' }]);
  }
}

function serialiseInput(input: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(input);
  } catch (error) {
    throw new InvalidExecutionInputError(`The execution input is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (isOverPayloadLimit(json)) {
    throw new InvalidExecutionInputError(`The execution input has ${Buffer.byteLength(json)} bytes, over the ${MAX_PAYLOAD_BYTES}-byte (256 KiB) limit.`);
  }
  return json;
}

function executionIdentity(options: RunOptions): ExecutionIdentity {
  const roleArn = options.roleArn ?? RUN_DEFAULTS.roleArn;
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '123456789012';
  const stateMachineName = options.stateMachineName ?? RUN_DEFAULTS.stateMachineName;
  const executionName = options.executionName ?? randomUUID();
  const region = RUN_DEFAULTS.region;
  return {
    executionArn: `arn:aws:states:${region}:${account}:execution:${stateMachineName}:${executionName}`,
    executionName,
    stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
    stateMachineName,
    roleArn,
    region,
  };
}

/** Execution-level `TimeoutSeconds`: the execution ends TIMED_OUT (States.Timeout) when the clock reaches it. */
async function raceExecutionTimeout(run: Promise<unknown>, clock: Clock, seconds: number, stop: AbortController): Promise<unknown> {
  const timer = new AbortController();
  run.catch(() => undefined);
  const expired = clock.sleep(seconds * 1000, AbortSignal.any([timer.signal, stop.signal])).then(
    () => {
      throw new ExecutionTerminated('TIMED_OUT', StatesErrors.Timeout, `The execution did not finish within its TimeoutSeconds (${seconds} s).`);
    },
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([run, expired]);
  } finally {
    timer.abort();
  }
}

function describeFailure(failure: unknown): { status: ExecutionStatus; error?: string; cause?: string } {
  if (failure instanceof ExecutionTerminated) return { status: failure.status, error: failure.error, cause: failure.cause };
  if (failure instanceof StatesError) {
    // A Fail state without Error/Cause fails the execution without them, as on AWS.
    return { status: 'FAILED', ...(failure.error ? { error: failure.error } : {}), ...(failure.cause ? { cause: failure.cause } : {}) };
  }
  // A defect of the runtime itself: still end the execution cleanly, saying what happened.
  const message = failure instanceof Error ? failure.message : String(failure);
  return { status: 'FAILED', error: StatesErrors.Runtime, cause: `Internal runtime error: ${message}` };
}
