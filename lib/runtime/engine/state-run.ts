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

  /** `$states.context`, rebuilt only when the retry count changed. */
  contextObject(): Record<string, unknown> {
    if (this.context === undefined || this.contextRetryCount !== this.retryCount) {
      const context: Record<string, unknown> = {
        Execution: this.exec.contextExecution,
        State: { EnteredTime: new Date(this.enteredTime).toISOString(), Name: this.state.name, RetryCount: this.retryCount },
        StateMachine: this.exec.contextStateMachine,
      };
      if (this.lane.mapItem) context.Map = { Item: this.lane.mapItem };
      this.context = context;
      this.contextRetryCount = this.retryCount;
    }
    return this.context;
  }

  /**
   * Environment for expressions: `$states.input`, `.context`, plus `result` or `errorOutput` when given.
   * The context is built only if an expression reads it (a getter), which most polling states never do.
   */
  env(extra?: { readonly result?: unknown; readonly errorOutput?: unknown; readonly context?: unknown; readonly input?: unknown }): EvaluationEnv {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const run = this;
    let states: StatesBinding;
    if (extra === undefined) {
      states = { input: this.input, get context() { return run.contextObject(); } };
    } else {
      const binding: { input: unknown; context?: unknown; result?: unknown; errorOutput?: unknown } =
        extra.context !== undefined
          ? { input: 'input' in extra ? extra.input : this.input, context: extra.context }
          : { input: 'input' in extra ? extra.input : this.input, get context() { return run.contextObject(); } };
      if ('result' in extra) binding.result = extra.result;
      if ('errorOutput' in extra) binding.errorOutput = extra.errorOutput;
      states = binding as StatesBinding;
    }
    return { states, variables: this.lane.scope.values, stateName: this.state.name, enteredEventId: this.enteredEventId };
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
