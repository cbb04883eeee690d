/** One entry into one state: its input, context object and evaluation environments. */
import type { EvaluationEnv, StatesBinding } from '../jsonata/expression';
import { evaluateTemplate, Template } from '../jsonata/template';
import { StatesError, StatesErrors } from '../errors';
import { invalidPath, readPath } from '../jsonpath/payload-template';
import { placeAtPath, type CompiledPath } from '../jsonpath/path';
import type { CompiledCatcher, CompiledState } from './compiled-machine';
import type { Execution, Lane } from './execution';

const UNSET: unique symbol = Symbol('unset');

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
  private effective: unknown = UNSET;

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
      // AWS's shape and key order (LocalStack's AWS recordings context_object/test_context_object.snapshot.json,
      // outputdecl/test_output.snapshot.json): RetryCount only for the states that can retry.
      const { type } = this.state;
      const canRetry = type === 'Task' || type === 'Map' || type === 'Parallel';
      const context: Record<string, unknown> = {
        Execution: this.exec.contextExecution,
        StateMachine: this.exec.contextStateMachine,
        State: canRetry
          ? { Name: this.state.name, EnteredTime: new Date(this.enteredTime).toISOString(), RetryCount: this.retryCount }
          : { Name: this.state.name, EnteredTime: new Date(this.enteredTime).toISOString() },
      };
      if (this.lane.mapItem) context.Map = { Item: this.lane.mapItem };
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
    // A JSONPath state's paths read its effective input (after InputPath) as `$`.
    const states: { input: unknown; context?: unknown; result?: unknown; errorOutput?: unknown } = { input: this.state.jsonPath ? this.effectiveInput() : this.input };
    if (extra?.context !== undefined) states.context = extra.context;
    else if (this.state.readsContext) states.context = this.contextObject();
    if (extra) {
      if ('result' in extra) states.result = extra.result;
      if ('errorOutput' in extra) states.errorOutput = extra.errorOutput;
    }
    return { states: states as StatesBinding, variables: this.lane.scope.values, stateName: this.state.name, enteredEventId: this.enteredEventId };
  }

  /** The input the state works on: the raw input for JSONata, InputPath applied to it for JSONPath. */
  effectiveInput(): unknown {
    const io = this.state.jsonPath;
    if (!io) return this.input;
    if (this.effective === UNSET) this.effective = this.select(io.inputPath, this.input);
    return this.effective;
  }

  /** An environment whose `$` is `data` (JSONPath paths of ResultSelector, Assign, OutputPath). */
  dataEnv(data: unknown): EvaluationEnv {
    return {
      states: { input: data, context: this.state.readsContext ? this.contextObject() : undefined },
      variables: this.lane.scope.values,
      stateName: this.state.name,
      enteredEventId: this.enteredEventId,
    };
  }

  /** InputPath/OutputPath: `null` → `{}`; a path that matches nothing → States.Runtime in Jayway's words. */
  private select(path: CompiledPath | null | undefined, data: unknown): unknown {
    if (path === undefined) return data;
    if (path === null) return {};
    const env = this.dataEnv(data);
    const lookup = readPath(path, env);
    if (!lookup.found) throw invalidPath(path, env);
    return lookup.value;
  }

  /** ResultPath: the result placed into the raw state input (undefined: replaces it; null: discarded). */
  private placeResult(path: CompiledPath | null | undefined, result: unknown): unknown {
    if (path === undefined) return result;
    if (path === null) return this.input;
    const placed = placeAtPath(this.input, path, result);
    if (!placed) {
      throw new StatesError(
        StatesErrors.ResultPathMatchFailure,
        `${this.errorPrefix()} Unable to apply ResultPath '${path.text}' to the state input ${JSON.stringify(this.input) ?? 'null'}: a step on the path is not an object.`,
      );
    }
    return placed.output;
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
    if (this.state.jsonPath) return this.finishJsonPath(defaultOutput, next, assignTemplate, assignField);
    const assign = assignTemplate ? ((await evaluateTemplate(assignTemplate, env)) as Record<string, unknown>) : undefined;
    const output = outputTemplate ? await evaluateTemplate(outputTemplate, env) : defaultOutput;
    return assign ? { output, next, assign, assignField } : { output, next };
  }

  /**
   * JSONPath: Assign reads `$` = the result (Task/Map/Parallel before ResultSelector, Pass its Result/Parameters,
   * other states their effective input), then ResultSelector → ResultPath → OutputPath (LocalStack's AWS-checked
   * order, execute_state.py).
   */
  private async finishJsonPath(result: unknown, next: string | undefined, assignTemplate: Template | undefined, assignField: string): Promise<StateOutcome> {
    const { type } = this.state;
    const io = this.state.jsonPath!;
    const producesResult = type === 'Pass' || type === 'Task' || type === 'Map' || type === 'Parallel';
    let data: unknown;
    if (type === 'Pass') data = io.result ? io.result.value : io.parameters ? await evaluateTemplate(io.parameters, this.env()) : this.effectiveInput();
    else data = producesResult ? result : this.effectiveInput();
    const assign = assignTemplate ? ((await evaluateTemplate(assignTemplate, this.dataEnv(data))) as Record<string, unknown>) : undefined;
    let output = data;
    if (producesResult) {
      const selected = io.resultSelector ? await evaluateTemplate(io.resultSelector, this.dataEnv(data)) : data;
      output = this.placeResult(io.resultPath, selected);
    }
    output = this.select(io.outputPath, output);
    return assign ? { output, next, assign, assignField } : { output, next };
  }

  /** JSONPath catcher: Assign reads the error output as `$`; ResultPath places it into the raw input (no OutputPath). */
  async finishCaughtJsonPath(catcher: CompiledCatcher, errorOutput: unknown): Promise<StateOutcome> {
    const assign = catcher.assign ? ((await evaluateTemplate(catcher.assign, this.dataEnv(errorOutput))) as Record<string, unknown>) : undefined;
    const output = this.placeResult(catcher.resultPath, errorOutput);
    const assignField = `Catch[${catcher.index}]/Assign`;
    return assign ? { output, next: catcher.next, assign, assignField } : { output, next: catcher.next };
  }

  /**
   * Marks a failure as recorded, writing its EvaluationFailed event first when it is an expression failure (other
   * failures have their own events: TaskFailed, or none before ExecutionFailed).
   */
  recordFailure(error: StatesError): void {
    if (error.recorded) return;
    error.recorded = true;
    if (error.error === StatesErrors.QueryEvaluationError) {
      this.exec.record(this.lane, 'EvaluationFailed', { error: error.error, cause: error.cause, location: error.field, state: this.state.name });
    }
  }

  /** `An error occurred while executing the state 'X' (entered at the event id #N).`: how AWS starts a state error's Cause. */
  errorPrefix(): string {
    return `An error occurred while executing the state '${this.state.name}' (entered at the event id #${this.enteredEventId}).`;
  }

  /**
   * The error for a field whose value has the wrong type: States.QueryEvaluationError naming the expression when
   * the field was one, else States.Runtime (a literal the static validator should have refused).
   */
  fieldTypeError(template: Template, field: string, expectation: string, value: unknown): StatesError {
    const got = value === undefined ? 'nothing' : JSON.stringify(value);
    if (template.kind === 'expression') {
      return new StatesError(
        StatesErrors.QueryEvaluationError,
        `${this.errorPrefix()} The JSONata expression '${template.expression.source}' specified for the field '${field}' must evaluate to ${expectation}, but returned ${got}.`,
        field,
      );
    }
    return new StatesError(StatesErrors.Runtime, `${this.errorPrefix()} The field '${field}' must be ${expectation}, but is ${got}.`, field);
  }

  /**
   * AWS's error for an expression whose result is not of the JSON type a field needs: "returned an unexpected result
   * type. Expected 'array', but was 'object' for value: {...}" (recorded for Map `Items`). A literal of the wrong
   * type (which the validator should have refused) gets the same wording, as States.QueryEvaluationError too.
   */
  unexpectedType(template: Template, field: string, expected: 'array' | 'boolean' | 'string', value: unknown): StatesError {
    const what = template.kind === 'expression' ? `The JSONata expression '${template.expression.source}'` : 'The value';
    return new StatesError(
      StatesErrors.QueryEvaluationError,
      `${this.errorPrefix()} ${what} specified for the field '${field}' returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value) ?? 'null'}`,
      field,
    );
  }
}

/** JSON type names as AWS prints them: object, array, string, number, boolean, null. */
function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
