/** Public shapes of the local cloud: Step Functions API requests/answers (the API's own camelCase members) and usage counts. */
import type { DynamoDbUsage } from '../dynamodb-emulator';
import type { EventBridgeUsage } from '../eventbridge';
import type { ExecutionResult, ExecutionStatus, HistoryEvent, StateMachineType } from '../runtime';

export interface CreateStateMachineRequest {
  /** 1–80 characters of A-Z a-z 0-9 - _ */
  readonly name: string;
  /** ASL object or JSON text. */
  readonly definition: string | Readonly<Record<string, unknown>>;
  /** The execution role: identity of its aws-sdk calls (Redshift Data's ListStatements only lists this role's statements). @default 'arn:aws:iam::<account>:role/LocalStepFunctionsRole' */
  readonly roleArn?: string;
  /** @default 'STANDARD' */
  readonly type?: StateMachineType;
}

export interface StartExecutionRequest {
  readonly stateMachineArn: string;
  /** @default a random UUID */
  readonly name?: string;
  /** JSON text. @default '{}' */
  readonly input?: string;
}

export interface StartExecutionResponse {
  readonly executionArn: string;
  readonly startDate: Date;
}

export interface StopExecutionRequest {
  readonly executionArn: string;
  readonly error?: string;
  readonly cause?: string;
}

export type CloudExecutionStatus = 'RUNNING' | ExecutionStatus;

export interface DescribeExecutionResponse {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly status: CloudExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The history so far (AWS keeps none for Express; the local cloud does, for tests). */
  readonly history: readonly HistoryEvent[];
}

/** What {@link LocalCloud.settle} found when nothing could move any more. */
export interface SettleReport {
  /** Executions still RUNNING with no timer left that could wake them (e.g. a callback with no TimeoutSeconds and no answer). */
  readonly stuck: readonly DescribeExecutionResponse[];
  /** Every execution's final result, in start order. */
  readonly results: readonly ExecutionResult[];
}

/** Counts that price a run: Standard bills transitions, Express bills requests and duration (64 MB, 100 ms steps). */
export interface CloudUsage {
  readonly standard: { readonly executions: number; readonly transitions: number; readonly historyEvents: number };
  readonly express: {
    readonly executions: number;
    readonly transitions: number;
    /** Sum of execution durations. */
    readonly durationMs: number;
    /** Sum of durations each rounded up to 100 ms, as Express bills them. */
    readonly billedDurationMs: number;
  };
  readonly eventBridge: EventBridgeUsage;
  readonly dynamoDb: DynamoDbUsage;
  /** Redshift Data API calls received, by operation (only with a Redshift Data emulator). */
  readonly redshiftData: Readonly<Record<string, number>>;
}
