/** One entry into one state: its input, context object and evaluation environments. */
import type { EvaluationEnv, StatesBinding } from '../jsonata/expression';
import { evaluateTemplate, Template } from '../jsonata/template';
import { StatesError, StatesErrors } from '../errors';
import type { CompiledState } from './compiled-machine';
import type { Execution, Lane } from './execution';

/** What a state handler hands back: the state output, where to go, and the variables to assign. */
export interface StateOutcome {
  readonly output: unknown;
  /** Next state name; undefined ends this path (Succeed, End, or the end of a branch/iteration). */
  readonly next: string | undefined;
  readonly assign?: Record<string, unknown>;
  /** ASL field of the Assign block, for messages (`Assign`, `Choices[2]/Assign`, `Catch[0]/Assign`). */
  readonly assignField?: string;
}

export class StateRun<S extends CompiledState = CompiledState> {
  /** Retries made so far (`$states.context.State.RetryCount`). */
  retryCount = 0;
  private context: Record<string, unknown> | undefined;
  private contextRetryCount = -1;

  constructor(
    readonly exec: Execution,
    readonly state: S,
    readonly input: unknown,
    readonly lane: Lane,
    readonly enteredEventId: number,
    readonly enteredTime: number,
  ) {}

  /** The task token of this attempt of a `.waitForTaskToken` Task (`$states.context.Task.Token`). */
  get taskToken(): string | undefined {
    return this.token;
  }

  set taskToken(token: string | undefined) {
    this.token = token;
    this.context = undefined;
  }

  private token: string | undefined;

  /** `$states.context`, rebuilt only when the retry count changed. */
  contextObject(): Record<string, unknown> {
    if (this.context === undefined || this.contextRetryCount !== this.retryCount) {
      const context: Record<string, unknown> = {
        Execution: this.exec.contextExecution,
        State: { EnteredTime: new Date(this.enteredTime).toISOString(), Name: this.state.name, RetryCount: this.retryCount },
        StateMachine: this.exec.contextStateMachine,
      };
      if (this.lane.mapItem) context.Map = { Item: this.lane.mapItem };
      if (this.token !== undefined) context.Task = { Token: this.token };
      this.context = context;
      this.contextRetryCount = this.retryCount;
    }
    return this.context;
  }

  /**
   * Environment for expressions: `$states.input`, `.context`, plus `result` or `errorOutput` when given.
   * The context object is only built for states whose expressions may read it (decided when compiling).
   */
  env(extra?: { readonly result?: unknown; readonly errorOutput?: unknown; readonly context?: unknown }): EvaluationEnv {
    const states: { input: unknown; context?: unknown; result?: unknown; errorOutput?: unknown } = { input: this.input };
    if (extra?.context !== undefined) states.context = extra.context;
    else if (this.state.readsContext) states.context = this.contextObject();
    if (extra) {
      if ('result' in extra) states.result = extra.result;
      if ('errorOutput' in extra) states.errorOutput = extra.errorOutput;
    }
    return { states: states as StatesBinding, variables: this.lane.scope.values, stateName: this.state.name, enteredEventId: this.enteredEventId };
  }

  /**
   * Evaluates Assign then Output (both against the values as of state entry, so an Assign is not visible in the
   * same state's Output) and returns the outcome.
   */
  async finish(
    env: EvaluationEnv,
    defaultOutput: unknown,
    next: string | undefined,
    outputTemplate: Template | undefined = this.state.output,
    assignTemplate: Template | undefined = this.state.assign,
    assignField = 'Assign',
  ): Promise<StateOutcome> {
    const assign = assignTemplate ? ((await evaluateTemplate(assignTemplate, env)) as Record<string, unknown>) : undefined;
    const output = outputTemplate ? await evaluateTemplate(outputTemplate, env) : defaultOutput;
    return assign ? { output, next, assign, assignField } : { output, next };
  }

  /**
   * The error for a field whose value has the wrong type: States.QueryEvaluationError naming the expression when
   * the field was one, else States.Runtime (a literal the static validator should have refused).
   */
  fieldTypeError(template: Template, field: string, expectation: string, value: unknown): StatesError {
    const got = value === undefined ? 'nothing' : JSON.stringify(value);
    const where = `An error occurred while executing the state '${this.state.name}' (entered at the event id #${this.enteredEventId}).`;
    if (template.kind === 'expression') {
      return new StatesError(
        StatesErrors.QueryEvaluationError,
        `${where} The JSONata expression '${template.expression.source}' specified for the field '${field}' must evaluate to ${expectation}, but returned ${got}.`,
        field,
      );
    }
    return new StatesError(StatesErrors.Runtime, `${where} The field '${field}' must be ${expectation}, but is ${got}.`, field);
  }
}
