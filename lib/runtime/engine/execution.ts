/** Per-execution state shared by every state handler: identity, clock, history, counters, task dispatch. */
import type { Clock } from '../../clock';
import type { RuntimeHooks } from '../jsonata/sfn-functions';
import type { HistoryEvent, RunOptions } from '../types';
import type { EventChain, HistoryRecorder } from './history';
import type { TaskDispatcher } from './task-dispatch';
import type { VariableBudget, VariableScope } from './variables';

/** One path of execution: the main path, a Map iteration or a Parallel branch. */
export interface Lane extends EventChain {
  /** Aborted when this path must stop (a sibling iteration failed the Map, the execution ended). */
  readonly signal: AbortSignal;
  readonly scope: VariableScope;
  /** `$states.context.Map.Item` inside a Map iteration. */
  readonly mapItem?: { readonly Index: number; readonly Value: unknown };
}

export interface ExecutionIdentity {
  readonly executionArn: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  readonly region: string;
}

export class Execution implements RuntimeHooks {
  /** Billed state transitions: one per state entered, plus one per retry. */
  transitions = 0;
  readonly variableBudget: VariableBudget = { totalBytes: 0 };
  /** `$states.context.Execution` and `.StateMachine`: fixed for the whole execution, shared by every context. */
  readonly contextExecution: Readonly<Record<string, unknown>>;
  readonly contextStateMachine: Readonly<Record<string, unknown>>;
  /** The state of the main path that failed, with its input: where a redrive resumes. */
  failedAt?: { readonly lane: Lane; readonly stateName: string; readonly input: unknown };
  private lastJsonValue: unknown = Symbol('none');
  private lastJson = '';

  constructor(
    readonly identity: ExecutionIdentity,
    readonly clock: Clock,
    readonly history: HistoryRecorder,
    readonly dispatcher: TaskDispatcher,
    readonly options: RunOptions,
    readonly random: () => number,
    readonly startTime: number,
    input: unknown,
  ) {
    this.contextExecution = Object.freeze({
      Id: identity.executionArn,
      Input: input,
      Name: identity.executionName,
      RoleArn: identity.roleArn,
      StartTime: new Date(startTime).toISOString(),
      RedriveCount: options.redriveCount ?? 0,
    });
    this.contextStateMachine = Object.freeze({ Id: identity.stateMachineArn, Name: identity.stateMachineName });
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * JSON text of a value, remembering the last one: a state's output is the next state's input, so each payload
   * is serialised once for both history events and the size check.
   */
  json(value: unknown): string {
    if (value === this.lastJsonValue) return this.lastJson;
    const text = value === undefined ? 'null' : JSON.stringify(value);
    this.lastJsonValue = value;
    this.lastJson = text;
    return text;
  }

  /** Tells {@link json} the text of a value already serialised elsewhere (a task result). */
  rememberJson(value: unknown, json: string): void {
    this.lastJsonValue = value;
    this.lastJson = json;
  }

  record(lane: EventChain, type: string, details?: Record<string, unknown>): number {
    return this.history.record(lane, type, details);
  }

  get events(): readonly HistoryEvent[] {
    return this.history.events;
  }
}
