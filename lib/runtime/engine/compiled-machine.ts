/**
 * A definition compiled once for execution: every `{% %}` expression parsed, defaults filled in, Next names
 * resolved. States look up their fields here instead of re-reading the raw definition on each entry.
 */
import type { Template } from '../jsonata/template';
import type { CompiledPath } from '../jsonpath/path';

export type StateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Map' | 'Parallel';

export interface CompiledRetrier {
  readonly errorEquals: readonly string[];
  readonly intervalSeconds: number;
  readonly maxAttempts: number;
  readonly backoffRate: number;
  readonly maxDelaySeconds?: number;
  readonly jitterStrategy: 'FULL' | 'NONE';
}

export interface CompiledCatcher {
  readonly index: number;
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly output?: Template;
  readonly assign?: Template;
  /** JSONPath states: where the error output goes in the state input (undefined: `$`, null: discarded). */
  readonly resultPath?: CompiledPath | null;
}

/** Path fields of JSONPath states that read one value from the effective input. */
export type JsonPathField =
  | 'SecondsPath'
  | 'TimestampPath'
  | 'ItemsPath'
  | 'TimeoutSecondsPath'
  | 'HeartbeatSecondsPath'
  | 'MaxConcurrencyPath'
  | 'ToleratedFailureCountPath'
  | 'ToleratedFailurePercentagePath';

/**
 * The data flow of a JSONPath state: InputPath → (Parameters) → work → ResultSelector → ResultPath → OutputPath.
 * For the paths, undefined means the default `$` and null AWS's `null` (InputPath/OutputPath: `{}`; ResultPath:
 * the result is discarded). Task and Parallel Parameters are compiled into `arguments`, Map's into `itemSelector`.
 */
export interface JsonPathIo {
  readonly inputPath?: CompiledPath | null;
  /** Pass only. */
  readonly parameters?: Template;
  /** Pass `Result`. */
  readonly result?: { readonly value: unknown };
  readonly resultSelector?: Template;
  readonly resultPath?: CompiledPath | null;
  readonly outputPath?: CompiledPath | null;
  readonly fieldPaths: Readonly<Partial<Record<JsonPathField, CompiledPath>>>;
}

interface StateCommon {
  readonly name: string;
  /** `/States/<name>` (or nested: `/States/Map/ItemProcessor/States/<name>`), for messages. */
  readonly location: string;
  readonly next?: string;
  readonly end: boolean;
  readonly output?: Template;
  readonly assign?: Template;
  readonly retry: readonly CompiledRetrier[];
  readonly catch: readonly CompiledCatcher[];
  /** Whether any expression of the state may read `$states.context` (else the context object is never built). */
  readonly readsContext: boolean;
  /** Event type prefix and names, computed once: `TaskStateEntered`, ... */
  readonly enteredEvent: string;
  readonly exitedEvent: string;
  /** Present exactly when the state uses the JSONPath query language. */
  readonly jsonPath?: JsonPathIo;
}

export interface PassState extends StateCommon {
  readonly type: 'Pass';
}
export interface SucceedState extends StateCommon {
  readonly type: 'Succeed';
}
export interface FailState extends StateCommon {
  readonly type: 'Fail';
  readonly error?: Template;
  readonly cause?: Template;
}
export interface WaitState extends StateCommon {
  readonly type: 'Wait';
  readonly seconds?: Template;
  readonly timestamp?: Template;
}
export interface ChoiceRule {
  readonly index: number;
  readonly condition: Template;
  readonly next: string;
  readonly output?: Template;
  readonly assign?: Template;
}
export interface ChoiceState extends StateCommon {
  readonly type: 'Choice';
  readonly choices: readonly ChoiceRule[];
  readonly default?: string;
}
export interface TaskState extends StateCommon {
  readonly type: 'Task';
  readonly resource: string;
  /** AWS's split of the Resource for history events: `aws-sdk:redshiftdata` + `describeStatement`. */
  readonly resourceType: string;
  readonly resourceName: string;
  readonly arguments?: Template;
  readonly credentials?: Template;
  readonly timeoutSeconds?: Template;
  readonly heartbeatSeconds?: Template;
}
export interface MapState extends StateCommon {
  readonly type: 'Map';
  readonly items?: Template;
  readonly itemSelector?: Template;
  readonly processor: CompiledMachine;
  readonly maxConcurrency?: Template;
  readonly toleratedFailureCount?: Template;
  readonly toleratedFailurePercentage?: Template;
}
export interface ParallelState extends StateCommon {
  readonly type: 'Parallel';
  readonly arguments?: Template;
  readonly branches: readonly CompiledMachine[];
}

export type CompiledState = PassState | SucceedState | FailState | WaitState | ChoiceState | TaskState | MapState | ParallelState;

export interface CompiledMachine {
  readonly startAt: CompiledState;
  readonly states: ReadonlyMap<string, CompiledState>;
  /** Execution-level `TimeoutSeconds` (top level only). */
  readonly timeoutSeconds?: number;
}
