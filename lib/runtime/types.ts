/**
 * Public contract of the local ASL runtime. Other folders (emulator, CLI, bench, tests) depend on
 * these shapes only, through `lib/runtime/index.ts`.
 */
import type { OperationShapes } from './engine/sdk-members';
import type { Clock } from '../clock';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** What a Task handler learns about the call it serves. */
export interface TaskInvocation {
  /** The Task's literal `Resource`, e.g. `arn:aws:states:::aws-sdk:redshiftdata:executeStatement`. */
  readonly resource: string;
  readonly stateName: string;
  /** The evaluated `Credentials` field, when the state has one (tests assert which role made each call). */
  readonly credentials?: { readonly RoleArn: string };
  /** The execution's role ARN (from the run options), the identity used when `credentials` is absent. */
  readonly executionRoleArn: string;
  readonly executionArn: string;
  readonly executionName: string;
  /** 0 for the first attempt, then 1, 2, ... for Retry attempts of this state. */
  readonly retryCount: number;
  readonly clock: Clock;
  /** Aborted when the Task times out (TimeoutSeconds / HeartbeatSeconds) or the execution stops. */
  readonly signal: AbortSignal;
}

/**
 * Serves one Task `Resource`. Resolve with the task result; throw a value carrying `error` and `cause`
 * (see {@link TaskError}) to fail the task with exactly that Error and Cause.
 */
export type TaskHandler = (args: any, invocation: TaskInvocation) => Promise<unknown>;

/**
 * Serves every `arn:aws:states:::aws-sdk:<service>:<action>` Task of one service.
 * Throw an error whose `name` is the AWS exception name (`ValidationException`, as the AWS SDK does)
 * and the runtime fails the task with `<ServicePascalCase>.<Name>` (e.g. `RedshiftData.ValidationException`)
 * and the error message as Cause.
 */
export interface AwsServiceHandler {
  /** The lowercase service token used in Task ARNs, e.g. `redshiftdata`. */
  readonly service: string;
  /**
   * Called with the request under the service's member names (translated from the state machine's PascalCase when
   * {@link operationShapes} knows the action); its result is handed back in PascalCase the same way.
   */
  call(action: string, args: any, invocation: TaskInvocation): Promise<unknown>;
  /**
   * The AWS SDK v3 input/output schemas of an action (`ExecuteStatementInput$`, `ExecuteStatementOutput$`), so the
   * runtime refuses request members Step Functions would refuse and translates member names as it does.
   * @default - requests and responses pass through untouched
   */
  operationShapes?(action: string): OperationShapes | undefined;
}

/** An emulator is a service handler that may bring the clock its simulated resources live on. */
export interface ServiceEmulator extends AwsServiceHandler {
  readonly clock?: Clock;
}

export interface RunOptions {
  /** Handlers keyed by the exact Task `Resource` string; they win over `services`. */
  readonly taskHandlers?: Readonly<Record<string, TaskHandler>>;
  /** Handlers for `aws-sdk:<service>:<action>` resources, keyed by their `service`. */
  readonly services?: readonly AwsServiceHandler[];
  /** Shorthand for one service handler (typically the Redshift Data emulator); its clock is used when `clock` is not given. */
  readonly emulator?: ServiceEmulator;
  /** @default the emulator's clock, else a new VirtualClock (instant waits) unless `timeScale` is set */
  readonly clock?: Clock;
  /** Real-time factor for waits when no clock is given: 1 = real time, 0.01 = 100× faster. @default virtual time */
  readonly timeScale?: number;
  /** @default a random UUID */
  readonly executionName?: string;
  /** @default 'LocalStateMachine' */
  readonly stateMachineName?: string;
  /** @default 'arn:aws:iam::123456789012:role/LocalStepFunctionsRole' */
  readonly roleArn?: string;
  /** Value of `$states.context.Execution.RedriveCount`. @default 0 */
  readonly redriveCount?: number;
  /** Source of randomness for `$random()` without a seed, `$uuid()` and FULL jitter. @default Math.random */
  readonly random?: () => number;
  /** @default 25000, as AWS Standard workflows */
  readonly maxHistoryEvents?: number;
  /** Called for each history event as it is recorded (progress displays, benchmarks). */
  readonly onEvent?: (event: HistoryEvent) => void;
  /** Skip the static validation that runs before execution. @default false */
  readonly skipValidation?: boolean;
}

/** One entry of the execution history, with AWS's event type names. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Milliseconds since the epoch on the execution's clock. */
  readonly timestamp: number;
  /** e.g. `ExecutionStarted`, `TaskStateEntered`, `TaskScheduled`, `WaitStateExited`, `MapIterationStarted`. */
  readonly type: string;
  /** Type-specific details (state name, input/output, error/cause, resource, ...), AWS field names. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ExecutionResult {
  readonly status: ExecutionStatus;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly history: readonly HistoryEvent[];
  /** Billed state transitions, as AWS counts them for Standard workflows. */
  readonly transitions: number;
  /** Simulated duration, from ExecutionStarted to the final event. */
  readonly durationMs: number;
  readonly startTime: number;
  readonly stopTime: number;
  readonly executionArn: string;
  /** `$states.context.Execution.RedriveCount` of this attempt (0 for the first). */
  readonly redriveCount: number;
  /**
   * Where a redrive resumes (see `redriveExecution`): the top-level state that failed (no Exited event), its input
   * and the variables at that moment. Absent for succeeded executions.
   */
  readonly redrivePoint?: RedrivePoint;
}

/** The state a failed execution stopped in, as `redriveExecution` needs it. */
export interface RedrivePoint {
  readonly stateName: string;
  readonly input: unknown;
  readonly variables: Readonly<Record<string, unknown>>;
}
