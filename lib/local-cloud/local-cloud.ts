/**
 * Several state machines, Standard and Express, side by side on one clock with the services between them: a local
 * EventBridge (rules start executions), DynamoDB, the Redshift Data emulator (its status-change events go through
 * EventBridge) and Step Functions' own API (StartExecution, StopExecution, SendTask*), callable directly or from
 * `aws-sdk:sfn:*` Tasks. Standard executions publish `aws.states` status-change events.
 */
import { randomUUID } from 'node:crypto';
import { Clock, VirtualClock } from '../clock';
import { DynamoDbEmulator } from '../dynamodb-emulator';
import { EventDelivery, EventFaults, LocalEventBridge } from '../eventbridge';
import type { RedshiftDataEmulator } from '../emulator';
import {
  AwsServiceHandler,
  createSfnService,
  DefinitionValidationError,
  executionArnFor,
  ExecutionResult,
  HistoryEvent,
  prepareDefinition,
  PreparedDefinition,
  runExecution,
  RunOptions,
  SfnCallbackError,
  StateMachineType,
  StopExecutionReason,
  TaskTokens,
} from '../runtime';
import { executionStatusEvent } from './execution-status-event';
import type {
  CloudUsage,
  CreateStateMachineRequest,
  DescribeExecutionResponse,
  SettleReport,
  StartExecutionRequest,
  StartExecutionResponse,
  StopExecutionRequest,
} from './types';

export interface LocalCloudOptions {
  /** @default the Redshift Data emulator's clock, else a new VirtualClock */
  readonly clock?: Clock;
  /** Serves `aws-sdk:redshiftdata:*`; its WithEvent status changes are published on the local EventBridge. @default none */
  readonly redshiftData?: RedshiftDataEmulator;
  /** @default a new DynamoDbEmulator on the cloud's clock (create tables with `cloud.dynamoDb.createTable`) */
  readonly dynamoDb?: DynamoDbEmulator;
  /** More `aws-sdk:<service>:*` handlers. @default [] */
  readonly services?: readonly AwsServiceHandler[];
  /** Handlers by exact Task Resource. @default {} */
  readonly taskHandlers?: RunOptions['taskHandlers'];
  /** Event delivery faults: a scenario's `events` section. @default none */
  readonly eventFaults?: EventFaults;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** @default Math.random */
  readonly random?: () => number;
  /** Makes execution names, event ids and task tokens reproducible when given. @default crypto.randomUUID */
  readonly idFactory?: () => string;
}

/** Step Functions API errors, with the API's exception names (an `aws-sdk:sfn:*` Task fails with `Sfn.<name>Exception`). */
export class SfnApiError extends Error {
  constructor(
    override readonly name: 'StateMachineDoesNotExist' | 'ExecutionDoesNotExist' | 'ExecutionAlreadyExists' | 'InvalidName' | 'InvalidDefinition' | 'InvalidArn' | 'InvalidExecutionInput' | 'StateMachineAlreadyExists' | 'ValidationException',
    message: string,
  ) {
    super(message);
  }
}

interface Machine {
  readonly arn: string;
  readonly name: string;
  readonly type: StateMachineType;
  readonly roleArn: string;
  readonly prepared: PreparedDefinition;
}

interface Run {
  readonly machine: Machine;
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: number;
  readonly stop: AbortController;
  readonly history: HistoryEvent[];
  result?: ExecutionResult;
  readonly done: Promise<ExecutionResult>;
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const EXPRESS_BILLING_STEP_MS = 100;

export class LocalCloud {
  readonly clock: Clock;
  readonly eventBridge: LocalEventBridge;
  readonly dynamoDb: DynamoDbEmulator;
  readonly redshiftData?: RedshiftDataEmulator;
  /** Tokens of every execution's `.waitForTaskToken` Tasks: one execution's SendTaskSuccess reaches another's. */
  readonly taskTokens: TaskTokens;
  readonly region = 'us-east-1';
  readonly accountId: string;
  private readonly machines = new Map<string, Machine>();
  private readonly runs = new Map<string, Run>();
  private readonly services: AwsServiceHandler[];
  private readonly newId: () => string;
  private readonly unsubscribe?: () => void;
  /** History events recorded by every execution so far: settle() watches it to see whether anything still moves. */
  private historyEvents = 0;

  constructor(private readonly options: LocalCloudOptions = {}) {
    this.clock = options.clock ?? options.redshiftData?.clock ?? new VirtualClock();
    this.accountId = options.accountId ?? '123456789012';
    this.newId = options.idFactory ?? randomUUID;
    this.dynamoDb = options.dynamoDb ?? new DynamoDbEmulator({ clock: this.clock });
    if (options.redshiftData) this.redshiftData = options.redshiftData;
    this.taskTokens = options.idFactory ? new TaskTokens(() => Buffer.from(`local-task-token:${this.newId()}`).toString('base64')) : new TaskTokens();
    this.eventBridge = new LocalEventBridge({
      clock: this.clock,
      deliver: (delivery) => this.deliver(delivery),
      region: this.region,
      accountId: this.accountId,
      idFactory: this.newId,
      ...(options.eventFaults ? { faults: options.eventFaults } : {}),
    });
    const sfn = createSfnService(this.taskTokens, {
      startExecution: async (args) => {
        const started = this.startExecution({
          stateMachineArn: args.StateMachineArn as string,
          ...(args.Name !== undefined ? { name: args.Name as string } : {}),
          ...(args.Input !== undefined ? { input: args.Input as string } : {}),
        });
        return { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() };
      },
      stopExecution: async (args) => {
        const stopped = this.stopExecution({
          executionArn: args.ExecutionArn as string,
          ...(args.Error !== undefined ? { error: args.Error as string } : {}),
          ...(args.Cause !== undefined ? { cause: args.Cause as string } : {}),
        });
        return { StopDate: stopped.stopDate.toISOString() };
      },
      describeExecution: async (args) => {
        const { history: _history, type: _type, startDate, stopDate, ...rest } = this.describeExecution({ executionArn: args.ExecutionArn as string });
        return pascal({ ...rest, startDate: startDate.toISOString(), ...(stopDate ? { stopDate: stopDate.toISOString() } : {}) });
      },
    });
    this.services = [sfn, this.dynamoDb, ...(options.redshiftData ? [options.redshiftData] : []), ...(options.services ?? [])];
    if (options.redshiftData) {
      const unsubscribe = options.redshiftData.eventBus.subscribe((event) => this.eventBridge.publish(event));
      this.unsubscribe = () => void unsubscribe();
    }
  }

  /** Validates and registers a state machine (EXPRESS refuses `.sync`/`.waitForTaskToken`, as CreateStateMachine does). */
  createStateMachine(request: CreateStateMachineRequest): { stateMachineArn: string; creationDate: Date } {
    if (!NAME.test(request.name ?? '')) throw new SfnApiError('InvalidName', `Invalid Name: '${request.name}'`);
    const type = request.type ?? 'STANDARD';
    const arn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${request.name}`;
    if (this.machines.has(arn)) throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    let prepared: PreparedDefinition;
    try {
      prepared = prepareDefinition(request.definition, type);
    } catch (error) {
      if (error instanceof DefinitionValidationError) {
        // AWS's form: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: <message> at <location>'".
        const problems = error.errors.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`).join(', ');
        throw new SfnApiError('InvalidDefinition', `Invalid State Machine Definition: '${problems}'`);
      }
      throw error;
    }
    const roleArn = request.roleArn ?? `arn:aws:iam::${this.accountId}:role/LocalStepFunctionsRole`;
    this.machines.set(arn, { arn, name: request.name, type, roleArn, prepared });
    return { stateMachineArn: arn, creationDate: new Date(this.clock.now()) };
  }

  /** Starts an execution now; it runs concurrently with the others on the clock. */
  startExecution(request: StartExecutionRequest): StartExecutionResponse {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? this.newId();
    if (!NAME.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = request.input ?? '{}';
    let input: unknown;
    try {
      input = JSON.parse(inputText);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: 'input is not valid JSON'`);
    }
    const executionArn = executionArnFor({ stateMachineName: machine.name, executionName: name, roleArn: machine.roleArn, stateMachineType: machine.type });
    const existing = this.runs.get(executionArn);
    if (existing) {
      // Standard StartExecution is idempotent for a running execution with the same name and input.
      if (machine.type === 'STANDARD' && !existing.result && existing.input === inputText) return { executionArn, startDate: new Date(existing.startDate) };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const stop = new AbortController();
    const history: HistoryEvent[] = [];
    const startDate = this.clock.now();
    const runOptions: RunOptions = {
      clock: this.clock,
      services: this.services,
      ...(this.options.taskHandlers ? { taskHandlers: this.options.taskHandlers } : {}),
      executionName: name,
      stateMachineName: machine.name,
      roleArn: machine.roleArn,
      stateMachineType: machine.type,
      // Express keeps no execution history on AWS, so the 25,000-event limit does not apply.
      ...(machine.type === 'EXPRESS' ? { maxHistoryEvents: Infinity } : {}),
      taskTokens: this.taskTokens,
      stopSignal: stop.signal,
      skipValidation: true,
      ...(this.options.random ? { random: this.options.random } : {}),
      onEvent: (event) => {
        history.push(event);
        this.historyEvents++;
      },
    };
    const run: Run = {
      machine,
      executionArn,
      name,
      input: inputText,
      startDate,
      stop,
      history,
      done: runExecution(machine.prepared, input, runOptions).then((result) => {
        run.result = result;
        this.statusChanged(run);
        return result;
      }),
    };
    this.runs.set(executionArn, run);
    this.statusChanged(run);
    return { executionArn, startDate: new Date(startDate) };
  }

  /** StopExecution: the execution ends ABORTED at once; its outstanding task tokens stop being valid. */
  stopExecution(request: StopExecutionRequest): { stopDate: Date } {
    const run = this.run(request.executionArn);
    if (!run.result) {
      const reason: StopExecutionReason = { ...(request.error !== undefined ? { error: request.error } : {}), ...(request.cause !== undefined ? { cause: request.cause } : {}) };
      run.stop.abort(reason);
    }
    return { stopDate: new Date(run.result?.stopTime ?? this.clock.now()) };
  }

  describeExecution(request: { executionArn: string }): DescribeExecutionResponse {
    const run = this.run(request.executionArn);
    const result = run.result;
    return {
      executionArn: run.executionArn,
      stateMachineArn: run.machine.arn,
      name: run.name,
      type: run.machine.type,
      status: result?.status ?? 'RUNNING',
      startDate: new Date(run.startDate),
      ...(result ? { stopDate: new Date(result.stopTime) } : {}),
      input: run.input,
      ...(result?.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output ?? null) } : {}),
      ...(result?.error !== undefined ? { error: result.error } : {}),
      ...(result?.cause !== undefined ? { cause: result.cause } : {}),
      history: result?.history ?? run.history,
    };
  }

  /** Resolves with the execution's result once it ends. */
  result(executionArn: string): Promise<ExecutionResult> {
    return this.run(executionArn).done;
  }

  /** Every execution started so far, oldest first (optionally of one state machine). */
  listExecutions(filter: { stateMachineArn?: string } = {}): readonly DescribeExecutionResponse[] {
    return [...this.runs.values()].filter((r) => !filter.stateMachineArn || r.machine.arn === filter.stateMachineArn).map((r) => this.describeExecution({ executionArn: r.executionArn }));
  }

  sendTaskSuccess(request: { taskToken: string; output: string }): Promise<Record<string, never>> {
    return this.taskTokens.sendTaskSuccess(request);
  }

  sendTaskFailure(request: { taskToken: string; error?: string; cause?: string }): Promise<Record<string, never>> {
    return this.taskTokens.sendTaskFailure(request);
  }

  sendTaskHeartbeat(request: { taskToken: string }): Promise<Record<string, never>> {
    return this.taskTokens.sendTaskHeartbeat(request);
  }

  /**
   * Lets the clock run until nothing can happen any more: every execution ended, no timer pending (event deliveries,
   * statement ends, Waits). Executions still RUNNING at that point can never end by themselves and are reported as
   * `stuck` (on AWS they would hang until their TimeoutSeconds or the one-year limit).
   * Needs a VirtualClock; with a real-time clock it simply waits for every execution to end.
   */
  async settle(): Promise<SettleReport> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock)) {
      await Promise.all([...this.runs.values()].map((r) => r.done));
    } else {
      let idleTurns = 0;
      let lastEvents = -1;
      // A few turns of the event loop with no timer, no hold and no new history event mean nothing can move.
      while (idleTurns < 5) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const events = this.eventCount();
        const quiet = clock.pendingTimers === 0 && clock.pendingHolds === 0 && events === lastEvents;
        idleTurns = quiet ? idleTurns + 1 : 0;
        lastEvents = events;
        if (quiet && this.running().length === 0 && idleTurns >= 2) break;
      }
    }
    return {
      stuck: this.running().map((r) => this.describeExecution({ executionArn: r.executionArn })),
      results: [...this.runs.values()].flatMap((r) => (r.result ? [r.result] : [])),
    };
  }

  usage(): CloudUsage {
    const finished = [...this.runs.values()].filter((r) => r.result);
    const standard = finished.filter((r) => r.machine.type === 'STANDARD');
    const express = finished.filter((r) => r.machine.type === 'EXPRESS');
    const redshiftData: Record<string, number> = {};
    for (const call of this.redshiftData?.callLog ?? []) redshiftData[call.operation] = (redshiftData[call.operation] ?? 0) + 1;
    return {
      standard: {
        executions: standard.length,
        transitions: sum(standard, (r) => r.result!.transitions),
        historyEvents: sum(standard, (r) => r.result!.history.length),
      },
      express: {
        executions: express.length,
        transitions: sum(express, (r) => r.result!.transitions),
        durationMs: sum(express, (r) => r.result!.durationMs),
        billedDurationMs: sum(express, (r) => Math.max(1, Math.ceil(r.result!.durationMs / EXPRESS_BILLING_STEP_MS)) * EXPRESS_BILLING_STEP_MS),
      },
      eventBridge: this.eventBridge.usage,
      dynamoDb: this.dynamoDb.usage,
      redshiftData,
    };
  }

  /** Stops routing the Redshift emulator's events (the emulator itself is the caller's to close). */
  close(): void {
    this.unsubscribe?.();
  }

  // ---------------------------------------------------------------- internals

  private run(executionArn: string): Run {
    const run = this.runs.get(executionArn);
    if (!run) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return run;
  }

  private running(): Run[] {
    return [...this.runs.values()].filter((r) => !r.result);
  }

  private eventCount(): number {
    return this.eventBridge.deliveries.length + this.historyEvents;
  }

  private async deliver(delivery: EventDelivery): Promise<void> {
    const machine = this.machines.get(delivery.target.Arn);
    if (!machine) throw new SfnCallbackError('ValidationException', `The target ${delivery.target.Arn} of rule ${delivery.ruleName} is not a state machine of this local cloud`);
    this.startExecution({ stateMachineArn: machine.arn, input: delivery.input });
  }

  /** Standard executions publish their status changes (RUNNING, then the final one) on the default bus. */
  private statusChanged(run: Run): void {
    if (run.machine.type !== 'STANDARD') return;
    const result = run.result;
    const event = executionStatusEvent(
      {
        executionArn: run.executionArn,
        stateMachineArn: run.machine.arn,
        name: run.name,
        status: result?.status ?? 'RUNNING',
        startDate: run.startDate,
        ...(result ? { stopDate: result.stopTime } : {}),
        input: run.input,
        ...(result?.status === 'SUCCEEDED' ? { output: JSON.stringify(result.output ?? null) } : {}),
        ...(result?.error !== undefined ? { error: result.error } : {}),
        ...(result?.cause !== undefined ? { cause: result.cause } : {}),
      },
      this.newId(),
      this.clock.now(),
      this.region,
      this.accountId,
    );
    this.eventBridge.publish(event);
  }
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** DescribeExecution as the SDK integration returns it: PascalCase members. */
function pascal(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.charAt(0).toUpperCase() + k.slice(1), v]));
}
