/**
 * Turns a raw ASL definition into a {@link CompiledMachine}, once per definition object (WeakMap cache), and
 * refuses what cannot run: Distributed Maps, structural errors the static validator may not have caught (when
 * skipped), expressions, paths and intrinsic functions that do not parse, inner scopes assigning outer variables.
 * JSONata states compile their `{% %}` fields; JSONPath states their paths and payload templates (see ../jsonpath).
 */
import type { ValidationDiagnostic } from '../../asl-validation';
import { DefinitionValidationError, UnsupportedDefinitionError } from '../errors';
import { ExpressionSyntaxError } from '../jsonata/expression';
import { compileTemplate, Template } from '../jsonata/template';
import { compileChoiceRule } from '../jsonpath/choice-rule';
import { compilePath, type CompiledPath } from '../jsonpath/path';
import { compileDynamicValue, compilePayloadTemplate, PayloadTemplateError } from '../jsonpath/payload-template';
import type { ChoiceRule, CompiledMachine, CompiledState, JsonPathField, JsonPathIo, StateType } from './compiled-machine';
import { compileCatchers, compileRetriers, FieldCompiler } from './compile-error-handling';
import { assignBlocks, readsContext, splitResource } from './state-analysis';
import { isJsonObject, JsonObject } from './json-object';


const STATE_TYPES: ReadonlySet<string> = new Set<StateType>(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Map', 'Parallel']);
/** JSONPath-only fields: meaningless in a JSONata state, so AWS rejects them and so do we. */
const JSONPATH_FIELDS = [
  'InputPath', 'OutputPath', 'Parameters', 'ResultPath', 'ResultSelector', 'ItemsPath', 'SecondsPath', 'TimestampPath',
  'ErrorPath', 'CausePath', 'Result', 'Iterator', 'MaxConcurrencyPath', 'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'Variable',
] as const;

const JSONPATH_VALUE_PATHS: readonly JsonPathField[] = [
  'SecondsPath', 'TimestampPath', 'ItemsPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath',
  'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath',
];
/** JSONata-only fields: a JSONPath state carrying one is refused (AWS's validator refuses it too). */
const JSONATA_FIELDS = ['Arguments', 'Output', 'Items'] as const;

const cache = new WeakMap<object, CompiledMachine>();

export function compileDefinition(definition: JsonObject): CompiledMachine {
  const cached = cache.get(definition);
  if (cached) return cached;
  const compiler = new DefinitionCompiler(definition.QueryLanguage);
  const machine = compiler.machine(definition, '', []);
  if (compiler.diagnostics.length > 0) throw new DefinitionValidationError(compiler.diagnostics);
  const timeoutSeconds = definition.TimeoutSeconds;
  const result: CompiledMachine =
    typeof timeoutSeconds === 'number' ? { ...machine, timeoutSeconds } : machine;
  cache.set(definition, result);
  return result;
}


class DefinitionCompiler implements FieldCompiler {
  readonly diagnostics: ValidationDiagnostic[] = [];
  /** The query language of the state being compiled: decides how its fields are read. */
  private language: 'JSONata' | 'JSONPath' = 'JSONata';

  constructor(private readonly topQueryLanguage: unknown) {}

  fail(location: string, message: string, code = 'INVALID_DEFINITION'): void {
    this.diagnostics.push({ severity: 'ERROR', code, message, location });
  }

  /**
   * @param outerVariables names assigned in enclosing scopes: an inner Map iteration or Parallel branch may read
   *   them but not assign them (AWS rejects such definitions).
   */
  machine(raw: JsonObject, base: string, outerVariables: readonly string[]): CompiledMachine {
    // Compiling an inner Map/Parallel scope must not change the language of the state that contains it.
    const language = this.language;
    try {
      return this.scope(raw, base, outerVariables);
    } finally {
      this.language = language;
    }
  }

  private scope(raw: JsonObject, base: string, outerVariables: readonly string[]): CompiledMachine {
    const statesRaw = raw.States;
    if (!isJsonObject(statesRaw) || Object.keys(statesRaw).length === 0) {
      this.fail(`${base}/States`, `${base || 'The definition'}: States must be a non-empty object`);
      return { startAt: undefined as unknown as CompiledState, states: new Map() };
    }
    // Variable name → the states of this scope assigning it (a JSONPath Assign key `x.$` names the variable `x`).
    const assigners = new Map<string, string[]>();
    for (const [stateName, state] of Object.entries(statesRaw)) {
      if (!isJsonObject(state)) continue;
      for (const assign of assignBlocks(state)) {
        for (const key of Object.keys(assign)) {
          const name = key.replace(/\.\$$/, '');
          assigners.set(name, [...(assigners.get(name) ?? []), stateName]);
        }
      }
    }
    for (const name of assigners.keys()) {
      if (outerVariables.includes(name)) {
        this.fail(
          `${base}/States`,
          `Variable '${name}' is assigned both in an outer scope and inside ${base.replace(/^\//, '')}: an inner Map iteration or Parallel branch can read outer variables but cannot assign them (names must be unique across scopes)`,
          'VARIABLE_SCOPE',
        );
      }
    }
    const states = new Map<string, CompiledState>();
    for (const [name, state] of Object.entries(statesRaw)) {
      const location = `${base}/States/${name}`;
      if (!isJsonObject(state)) {
        this.fail(location, `State '${name}' must be an object`);
        continue;
      }
      // What the inner scopes of this state may not assign: the Map/Parallel state's own Assign and Catch Assign run
      // after its iterations or branches, and AWS accepts inner states assigning the same name (LocalStack's AWS
      // recording states_variables/test_error_output.snapshot.json, PARALLEL_CATCH_ERROR_VARIABLE_SAMPLING).
      const assignedElsewhere = [...assigners].filter(([, by]) => by.some((other) => other !== name)).map(([variable]) => variable);
      const compiled = this.state(name, state, location, [...outerVariables, ...assignedElsewhere]);
      if (compiled) states.set(name, compiled);
    }
    const startAt = typeof raw.StartAt === 'string' ? states.get(raw.StartAt) : undefined;
    if (!startAt && states.size > 0 && this.diagnostics.length === 0) {
      this.fail(`${base}/StartAt`, `StartAt '${String(raw.StartAt)}' does not name a state${base ? ` of ${base}` : ''}`);
    }
    for (const state of states.values()) this.checkTransitions(state, states);
    return { startAt: startAt as CompiledState, states };
  }

  private checkTransitions(state: CompiledState, states: ReadonlyMap<string, CompiledState>): void {
    const targets: Array<[string | undefined, string]> = [[state.next, 'Next']];
    if (state.type === 'Choice') {
      for (const rule of state.choices) targets.push([rule.next, `Choices[${rule.index}]/Next`]);
      targets.push([state.default, 'Default']);
    }
    for (const catcher of state.catch) targets.push([catcher.next, `Catch[${catcher.index}]/Next`]);
    for (const [target, field] of targets) {
      if (target !== undefined && !states.has(target)) {
        this.fail(`${state.location}/${field.replace(/\[(\d+)\]/g, '/$1')}`, `State '${state.name}': ${field} '${target}' does not name a state in the same scope`, 'DANGLING_NEXT');
      }
    }
  }

  template(value: unknown, field: string, location: string, stateName: string): Template | undefined {
    if (value === undefined) return undefined;
    try {
      return this.language === 'JSONPath' ? compilePayloadTemplate(value, field) : compileTemplate(value, field);
    } catch (error) {
      if (error instanceof PayloadTemplateError) {
        this.fail(`${location}/${field}`, `State '${stateName}', field ${field}: ${error.message}`, 'INVALID_JSONPATH');
        return undefined;
      }
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      this.fail(`${location}/${field}`, `State '${stateName}', field ${field}: ${error.message}`, 'INVALID_JSONATA');
      return undefined;
    }
  }

  /** A JSONPath path field; `null` is kept (AWS's "null" paths), anything but a string or null is refused. */
  private path(value: unknown, field: string, location: string, stateName: string, plain = false): CompiledPath | null | undefined {
    if (value === undefined || value === null) return value;
    try {
      if (typeof value !== 'string') throw new Error(`must be a path string, got ${JSON.stringify(value)}`);
      const path = compilePath(value);
      if (plain && (path.root !== 'data' || !path.steps)) throw new Error(`'${value}' must be a reference path of names and indexes on the input ($.a.b[0])`);
      return path;
    } catch (error) {
      this.fail(`${location}/${field}`, `State '${stateName}', field ${field}: ${(error as Error).message}`, 'INVALID_JSONPATH');
      return undefined;
    }
  }

  /** A JSONPath value field that may also be an intrinsic function (ErrorPath, CausePath). */
  private dynamicValue(value: unknown, field: string, location: string, stateName: string): Template | undefined {
    if (value === undefined) return undefined;
    try {
      if (typeof value !== 'string') throw new PayloadTemplateError(`must be a path or an intrinsic function, got ${JSON.stringify(value)}`);
      return compileDynamicValue(value, field);
    } catch (error) {
      if (!(error instanceof PayloadTemplateError)) throw error;
      this.fail(`${location}/${field}`, `State '${stateName}', field ${field}: ${error.message}`, 'INVALID_JSONPATH');
      return undefined;
    }
  }

  private jsonPathIo(raw: JsonObject, type: StateType, location: string, name: string): JsonPathIo {
    const fieldPaths: Partial<Record<JsonPathField, CompiledPath>> = {};
    for (const field of JSONPATH_VALUE_PATHS) {
      const path = this.path(raw[field], field, location, name);
      if (path) fieldPaths[field] = path;
    }
    const io: { -readonly [K in keyof JsonPathIo]: JsonPathIo[K] } = { fieldPaths };
    if (type !== 'Fail') {
      io.inputPath = this.path(raw.InputPath, 'InputPath', location, name);
      io.outputPath = this.path(raw.OutputPath, 'OutputPath', location, name);
    }
    if (type === 'Pass' || type === 'Task' || type === 'Map' || type === 'Parallel') {
      io.resultPath = this.path(raw.ResultPath, 'ResultPath', location, name, true);
    }
    if (type === 'Task' || type === 'Map' || type === 'Parallel') io.resultSelector = this.template(raw.ResultSelector, 'ResultSelector', location, name);
    if (type === 'Pass') {
      io.parameters = this.template(raw.Parameters, 'Parameters', location, name);
      if (raw.Result !== undefined) io.result = { value: raw.Result };
    }
    return io;
  }

  private state(name: string, raw: JsonObject, location: string, visibleVariables: readonly string[]): CompiledState | undefined {
    const type = raw.Type;
    if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
      this.fail(`${location}/Type`, `State '${name}': Type '${String(type)}' is not a state type this runtime runs (Pass, Task, Choice, Wait, Succeed, Fail, Map, Parallel)`, 'UNKNOWN_STATE_TYPE');
      return undefined;
    }
    // JSONPath is AWS's default; a state inside a Map or Parallel inherits the machine's language, not the Map's.
    this.language = (raw.QueryLanguage ?? this.topQueryLanguage ?? 'JSONPath') === 'JSONPath' ? 'JSONPath' : 'JSONata';
    const jsonPath = this.language === 'JSONPath';
    if (!jsonPath) {
      for (const field of JSONPATH_FIELDS) {
        if (raw[field] !== undefined) {
          this.fail(`${location}/${field}`, `State '${name}': ${field} is a JSONPath field and is not allowed in a JSONata state (use Arguments, Output, Items or an expression instead)`, 'JSONPATH_FIELD_IN_JSONATA');
        }
      }
    } else {
      for (const field of JSONATA_FIELDS) {
        if (raw[field] !== undefined) {
          this.fail(`${location}/${field}`, `State '${name}': ${field} is a JSONata field and is not allowed in a JSONPath state (use Parameters, ResultSelector, ResultPath, OutputPath or ItemsPath)`, 'JSONATA_FIELD_IN_JSONPATH');
        }
      }
    }
    const t = (field: string, value: unknown = raw[field]) => this.template(value, field, location, name);
    const isTerminalType = type === 'Succeed' || type === 'Fail';
    const next = typeof raw.Next === 'string' ? raw.Next : undefined;
    const end = raw.End === true;
    if (type !== 'Choice' && !isTerminalType && next === undefined && !end) {
      this.fail(location, `State '${name}': needs either Next or "End": true`, 'MISSING_TRANSITION');
    }
    const common = {
      name,
      location,
      next,
      end: end || isTerminalType,
      output: jsonPath ? undefined : t('Output'),
      assign: this.assignTemplate(raw.Assign, 'Assign', location, name),
      retry: compileRetriers(this, raw.Retry, location, name),
      catch: compileCatchers(this, raw.Catch, location, name, jsonPath ? (value, where) => this.path(value, 'ResultPath', where, name, true) : undefined),
      readsContext: readsContext(raw, this.language),
      enteredEvent: `${type}StateEntered`,
      exitedEvent: `${type}StateExited`,
      ...(jsonPath ? { jsonPath: this.jsonPathIo(raw, type as StateType, location, name) } : {}),
    };
    switch (type as StateType) {
      case 'Pass':
        return { ...common, type: 'Pass' };
      case 'Succeed':
        return { ...common, type: 'Succeed' };
      case 'Fail':
        return {
          ...common,
          type: 'Fail',
          error: jsonPath && raw.ErrorPath !== undefined ? this.dynamicValue(raw.ErrorPath, 'ErrorPath', location, name) : t('Error'),
          cause: jsonPath && raw.CausePath !== undefined ? this.dynamicValue(raw.CausePath, 'CausePath', location, name) : t('Cause'),
        };
      case 'Wait':
        if ([raw.Seconds, raw.Timestamp, raw.SecondsPath, raw.TimestampPath].filter((v) => v !== undefined).length !== 1) {
          this.fail(location, `State '${name}': a Wait state needs exactly one of Seconds or Timestamp${jsonPath ? ', SecondsPath or TimestampPath' : ''}`, 'INVALID_WAIT');
        }
        return { ...common, type: 'Wait', seconds: t('Seconds'), timestamp: t('Timestamp') };
      case 'Choice':
        return this.choice(raw, common);
      case 'Task':
        return this.task(raw, common);
      case 'Map':
        return this.map(raw, common, visibleVariables);
      case 'Parallel': {
        const branchesRaw = raw.Branches;
        if (!Array.isArray(branchesRaw) || branchesRaw.length === 0) {
          this.fail(`${location}/Branches`, `State '${name}': Branches must be a non-empty array`);
        }
        const branches = (Array.isArray(branchesRaw) ? branchesRaw : []).map((branch, index) =>
          this.machine(isJsonObject(branch) ? branch : {}, `${location}/Branches/${index}`, visibleVariables),
        );
        return { ...common, type: 'Parallel', arguments: t(jsonPath ? 'Parameters' : 'Arguments'), branches };
      }
    }
  }

  assignTemplate(value: unknown, field: string, location: string, stateName: string): Template | undefined {
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) {
      this.fail(`${location}/${field.replace(/\[(\d+)\]/g, '/$1')}`, `State '${stateName}': ${field} must be an object of variable names to values`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(this.language === 'JSONPath' ? key.replace(/\.\$$/, '') : key)) {
        this.fail(`${location}/${field}/${key}`, `State '${stateName}': variable name '${key}' in ${field} is invalid (letters, digits and _, not starting with a digit, at most 80 characters; no sub-paths)`, 'INVALID_VARIABLE_NAME');
      }
    }
    return this.template(value, field, location, stateName);
  }

  private choice(raw: JsonObject, common: Record<string, unknown>): CompiledState {
    const name = common.name as string;
    const location = common.location as string;
    const rulesRaw = raw.Choices;
    if (!Array.isArray(rulesRaw) || rulesRaw.length === 0) {
      this.fail(`${location}/Choices`, `State '${name}': Choices must be a non-empty array`);
    }
    const choices: ChoiceRule[] = [];
    (Array.isArray(rulesRaw) ? rulesRaw : []).forEach((rule: unknown, index) => {
      const field = `Choices[${index}]`;
      const jsonPath = this.language === 'JSONPath';
      if (!isJsonObject(rule) || (!jsonPath && rule.Condition === undefined) || typeof rule.Next !== 'string') {
        this.fail(`${location}/Choices/${index}`, `State '${name}': ${field} needs ${jsonPath ? 'a comparison' : 'a Condition'} and a Next`);
        return;
      }
      const condition = jsonPath ? this.choiceRule(rule, field, location, name) : this.template(rule.Condition, `${field}/Condition`, location, name);
      if (!condition) return;
      choices.push({
        index,
        condition,
        next: rule.Next,
        output: this.template(rule.Output, `${field}/Output`, location, name),
        assign: this.assignTemplate(rule.Assign, `${field}/Assign`, location, name),
      });
    });
    const fallback = typeof raw.Default === 'string' ? raw.Default : undefined;
    return { ...(common as object), type: 'Choice', end: false, next: undefined, choices, default: fallback } as unknown as CompiledState;
  }

  private choiceRule(rule: JsonObject, field: string, location: string, name: string): Template | undefined {
    try {
      return { kind: 'rule', rule: compileChoiceRule(rule) };
    } catch (error) {
      this.fail(`${location}/${field.replace(/\[(\d+)\]/g, '/$1')}`, `State '${name}': ${field}: ${(error as Error).message}`, 'INVALID_CHOICE_RULE');
      return undefined;
    }
  }

  private task(raw: JsonObject, common: Record<string, unknown>): CompiledState {
    const name = common.name as string;
    const location = common.location as string;
    const resource = raw.Resource;
    if (typeof resource !== 'string' || !resource.startsWith('arn:')) {
      this.fail(`${location}/Resource`, `State '${name}': Resource must be an ARN string, got ${JSON.stringify(resource)}`, 'INVALID_RESOURCE');
    }
    const resourceText = typeof resource === 'string' ? resource : '';
    const { resourceType, resourceName } = splitResource(resourceText);
    const t = (field: string) => this.template(raw[field], field, location, name);
    return {
      ...(common as object),
      type: 'Task',
      resource: resourceText,
      resourceType,
      resourceName,
      arguments: t(this.language === 'JSONPath' ? 'Parameters' : 'Arguments'),
      // JSONPath: `{"RoleArn.$": "$.role"}` is a payload template yielding `{ RoleArn }`.
      credentials: isJsonObject(raw.Credentials) && this.language === 'JSONata' ? this.template(raw.Credentials.RoleArn, 'Credentials/RoleArn', location, name) : t('Credentials'),
      timeoutSeconds: t('TimeoutSeconds'),
      heartbeatSeconds: t('HeartbeatSeconds'),
    } as CompiledState;
  }

  private map(raw: JsonObject, common: Record<string, unknown>, visibleVariables: readonly string[]): CompiledState {
    const name = common.name as string;
    const location = common.location as string;
    if (raw.ItemReader !== undefined || raw.ResultWriter !== undefined || raw.ItemBatcher !== undefined) {
      throw new UnsupportedDefinitionError(`State '${name}': ItemReader, ItemBatcher and ResultWriter (Distributed Map) are not supported by this runtime; use an inline Map`, location);
    }
    const jsonPath = this.language === 'JSONPath';
    // `Iterator` and `Parameters` are the JSONPath-era names of ItemProcessor and ItemSelector.
    const processorRaw = raw.ItemProcessor ?? (jsonPath ? raw.Iterator : undefined);
    if (!isJsonObject(processorRaw)) {
      this.fail(`${location}/ItemProcessor`, `State '${name}': a Map state needs an ItemProcessor with StartAt and States`);
    }
    const processor = isJsonObject(processorRaw) ? processorRaw : {};
    const mode = isJsonObject(processor.ProcessorConfig) ? processor.ProcessorConfig.Mode : undefined;
    if (mode !== undefined && mode !== 'INLINE') {
      throw new UnsupportedDefinitionError(`State '${name}': ItemProcessor.ProcessorConfig.Mode ${String(mode)} is not supported by this runtime; only INLINE Maps run locally`, `${location}/ItemProcessor/ProcessorConfig/Mode`);
    }
    const t = (field: string) => this.template(raw[field], field, location, name);
    return {
      ...(common as object),
      type: 'Map',
      items: t('Items'),
      itemSelector: jsonPath && raw.ItemSelector === undefined ? t('Parameters') : t('ItemSelector'),
      processor: this.machine(processor, `${location}/ItemProcessor`, visibleVariables),
      maxConcurrency: t('MaxConcurrency'),
      toleratedFailureCount: t('ToleratedFailureCount'),
      toleratedFailurePercentage: t('ToleratedFailurePercentage'),
    } as CompiledState;
  }
}
