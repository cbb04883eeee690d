/** `runExecution`: validates and compiles a definition, then runs one execution to its end on a clock. */
import { createHash, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { validateDefinition } from '../asl-validation';
import { expressDiagnostics } from './callbacks/integration-pattern';
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
import type { ExecutionResult, ExecutionStatus, RunOptions, StateMachineType, StopExecutionReason } from './types';

/** A state machine definition: an ASL object, or its JSON text. */
export type StateMachineDefinition = Readonly<Record<string, unknown>> | string;

export const RUN_DEFAULTS = {
  stateMachineName: 'LocalStateMachine',
  roleArn: 'arn:aws:iam::123456789012:role/LocalStepFunctionsRole',
  maxHistoryEvents: 25_000,
  region: 'us-east-1',
  /** Express workflows run for at most 5 minutes. */
  expressMaxSeconds: 300,
} as const;

/** A definition checked once by {@link prepareDefinition}: run it many times with `skipValidation: true`. */
export type PreparedDefinition = Readonly<Record<string, unknown>>;

/**
 * Parses and validates a definition for a state machine type once (what CreateStateMachine checks), so a local cloud
 * can start many executions of it without validating each time; the compiled form is cached on the returned object.
 * @throws DefinitionValidationError as runExecution does, and for `.sync`/`.waitForTaskToken` in an EXPRESS machine
 */
export function prepareDefinition(definition: StateMachineDefinition | unknown, type: StateMachineType = 'STANDARD'): PreparedDefinition {
  const parsed = parseDefinition(definition);
  const errors = [...validateDefinition(parsed).filter((d) => d.severity === 'ERROR'), ...expressDiagnostics(parsed, type)];
  if (errors.length > 0) throw new DefinitionValidationError(errors);
  compileDefinition(parsed);
  return parsed;
}

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
  const type = options.stateMachineType ?? 'STANDARD';
  if (!options.skipValidation) {
    const errors = [...validateDefinition(parsed).filter((d) => d.severity === 'ERROR'), ...expressDiagnostics(parsed, type)];
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
  const type = options.stateMachineType ?? 'STANDARD';
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
    const states = resumeAt ? runStates(exec, machine, resumeAt.input, lane, resumeAt.stateName) : runStates(exec, machine, executionInput, lane);
    const run = raceStopSignal(states, options.stopSignal, stop);
    const timeoutSeconds = type === 'EXPRESS' ? Math.min(machine.timeoutSeconds ?? Infinity, RUN_DEFAULTS.expressMaxSeconds) : machine.timeoutSeconds;
    output = await (timeoutSeconds ? raceExecutionTimeout(run, clock, timeoutSeconds, stop, type === 'EXPRESS' && timeoutSeconds === RUN_DEFAULTS.expressMaxSeconds && !machine.timeoutSeconds) : run);
    status = 'SUCCEEDED';
    history.recordFinal('ExecutionSucceeded', { output: exec.json(output) });
  } catch (failure) {
    output = undefined;
    ({ status, error, cause } = describeFailure(failure));
    stop.abort(failure);
    const details: Record<string, unknown> = {};
    if (error !== undefined) details.error = error;
    if (cause !== undefined) details.cause = cause;
    history.recordFinal(status === 'TIMED_OUT' ? 'ExecutionTimedOut' : status === 'ABORTED' ? 'ExecutionAborted' : 'ExecutionFailed', details);
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

/**
 * The ARN of an execution: `...:execution:<machine>:<name>` for Standard, `...:express:<machine>:<name>:<id>` for
 * Express (AWS adds a random id; here it is derived from the name, so it is stable for a given name).
 */
export function executionArnFor(options: Pick<RunOptions, 'roleArn' | 'stateMachineName' | 'stateMachineType'> & { readonly executionName: string }): string {
  const roleArn = options.roleArn ?? RUN_DEFAULTS.roleArn;
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '123456789012';
  const stateMachineName = options.stateMachineName ?? RUN_DEFAULTS.stateMachineName;
  const base = `arn:aws:states:${RUN_DEFAULTS.region}:${account}`;
  if (options.stateMachineType !== 'EXPRESS') return `${base}:execution:${stateMachineName}:${options.executionName}`;
  const hex = createHash('sha256').update(options.executionName).digest('hex');
  return `${base}:express:${stateMachineName}:${options.executionName}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function executionIdentity(options: RunOptions): ExecutionIdentity {
  const roleArn = options.roleArn ?? RUN_DEFAULTS.roleArn;
  const stateMachineName = options.stateMachineName ?? RUN_DEFAULTS.stateMachineName;
  const executionName = options.executionName ?? randomUUID();
  const region = RUN_DEFAULTS.region;
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1] ?? '123456789012';
  return {
    executionArn: executionArnFor({ roleArn, stateMachineName, executionName, ...(options.stateMachineType ? { stateMachineType: options.stateMachineType } : {}) }),
    executionName,
    stateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
    stateMachineName,
    roleArn,
    region,
  };
}

/** Execution-level `TimeoutSeconds`: the execution ends TIMED_OUT (States.Timeout) when the clock reaches it. */
async function raceExecutionTimeout(run: Promise<unknown>, clock: Clock, seconds: number, stop: AbortController, expressLimit = false): Promise<unknown> {
  const timer = new AbortController();
  run.catch(() => undefined);
  const expired = clock.sleep(seconds * 1000, AbortSignal.any([timer.signal, stop.signal])).then(
    () => {
      const cause = expressLimit
        ? `The Express execution did not finish within the 5-minute Express workflow limit (${seconds} s).`
        : `The execution did not finish within its TimeoutSeconds (${seconds} s).`;
      throw new ExecutionTerminated('TIMED_OUT', StatesErrors.Timeout, cause);
    },
    () => new Promise<never>(() => undefined),
  );
  try {
    return await Promise.race([run, expired]);
  } finally {
    timer.abort();
  }
}

/** StopExecution: when `stopSignal` aborts, the execution ends ABORTED at once, whatever its states are doing. */
async function raceStopSignal(run: Promise<unknown>, stopSignal: AbortSignal | undefined, stop: AbortController): Promise<unknown> {
  if (!stopSignal) return run;
  run.catch(() => undefined);
  let onAbort!: () => void;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      const reason = (stopSignal.reason ?? {}) as StopExecutionReason;
      const terminated = new ExecutionTerminated('ABORTED', typeof reason.error === 'string' ? reason.error : undefined, typeof reason.cause === 'string' ? reason.cause : undefined);
      stop.abort(terminated);
      reject(terminated);
    };
    if (stopSignal.aborted) onAbort();
    else stopSignal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([run, stopped]);
  } finally {
    stopSignal.removeEventListener('abort', onAbort);
  }
}

function describeFailure(failure: unknown): { status: ExecutionStatus; error?: string; cause?: string } {
  if (failure instanceof ExecutionTerminated) {
    return { status: failure.status, ...(failure.error !== undefined ? { error: failure.error } : {}), ...(failure.cause !== undefined ? { cause: failure.cause } : {}) };
  }
  if (failure instanceof StatesError) {
    // A Fail state without Error/Cause fails the execution without them, as on AWS.
    return { status: 'FAILED', ...(failure.error ? { error: failure.error } : {}), ...(failure.cause ? { cause: failure.cause } : {}) };
  }
  // A defect of the runtime itself: still end the execution cleanly, saying what happened.
  const message = failure instanceof Error ? failure.message : String(failure);
  return { status: 'FAILED', error: StatesErrors.Runtime, cause: `Internal runtime error: ${message}` };
}
