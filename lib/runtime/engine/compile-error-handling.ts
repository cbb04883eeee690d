/** Compiles Retry and Catch blocks, with AWS's defaults and the rule that States.ALL stands alone and last. */
import type { Template } from '../jsonata/template';
import type { CompiledPath } from '../jsonpath/path';
import type { CompiledCatcher, CompiledRetrier } from './compiled-machine';
import { RETRY_DEFAULTS } from './retry';
import { isJsonObject, JsonObject } from './json-object';

/** What these helpers need from the definition compiler: reporting problems and compiling fields. */
export interface FieldCompiler {
  fail(location: string, message: string, code?: string): void;
  template(value: unknown, field: string, location: string, stateName: string): Template | undefined;
  assignTemplate(value: unknown, field: string, location: string, stateName: string): Template | undefined;
}

export function compileRetriers(compiler: FieldCompiler, value: unknown, location: string, stateName: string): CompiledRetrier[] {
  return compileEntries(compiler, value, 'Retry', location, stateName, (raw) => ({
    errorEquals: raw.ErrorEquals as string[],
    intervalSeconds: numberOr(raw.IntervalSeconds, RETRY_DEFAULTS.intervalSeconds),
    maxAttempts: numberOr(raw.MaxAttempts, RETRY_DEFAULTS.maxAttempts),
    backoffRate: numberOr(raw.BackoffRate, RETRY_DEFAULTS.backoffRate),
    maxDelaySeconds: typeof raw.MaxDelaySeconds === 'number' ? raw.MaxDelaySeconds : undefined,
    jitterStrategy: raw.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
  }));
}

/** @param resultPath compiles a JSONPath catcher's ResultPath (JSONPath states only). */
export function compileCatchers(
  compiler: FieldCompiler,
  value: unknown,
  location: string,
  stateName: string,
  resultPath?: (value: unknown, where: string) => CompiledPath | null | undefined,
): CompiledCatcher[] {
  return compileEntries(compiler, value, 'Catch', location, stateName, (raw, index, where) => {
    if (typeof raw.Next !== 'string') {
      compiler.fail(`${where}/Next`, `State '${stateName}': Catch[${index}] needs a Next`);
      return undefined;
    }
    const catcher = {
      index,
      errorEquals: raw.ErrorEquals as string[],
      next: raw.Next,
      output: compiler.template(raw.Output, `Catch[${index}]/Output`, location, stateName),
      assign: compiler.assignTemplate(raw.Assign, `Catch[${index}]/Assign`, location, stateName),
    };
    return resultPath && raw.ResultPath !== undefined ? { ...catcher, resultPath: resultPath(raw.ResultPath, where) } : catcher;
  });
}

/** Compiles each entry of a Retry or Catch list whose ErrorEquals is valid; problems are reported and the entry skipped. */
function compileEntries<T>(
  compiler: FieldCompiler,
  value: unknown,
  field: 'Retry' | 'Catch',
  location: string,
  stateName: string,
  compile: (raw: JsonObject, index: number, where: string) => T | undefined,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    compiler.fail(`${location}/${field}`, `State '${stateName}': ${field} must be an array`);
    return [];
  }
  return value.flatMap((raw: unknown, index) => {
    const where = `${location}/${field}/${index}`;
    if (!isJsonObject(raw) || !checkErrorEquals(compiler, raw.ErrorEquals, where, `State '${stateName}': ${field}[${index}]`, index === value.length - 1)) return [];
    const entry = compile(raw, index, where);
    return entry === undefined ? [] : [entry];
  });
}

function checkErrorEquals(compiler: FieldCompiler, value: unknown, where: string, label: string, isLast: boolean): boolean {
  if (!Array.isArray(value) || value.length === 0 || !value.every((e) => typeof e === 'string')) {
    compiler.fail(`${where}/ErrorEquals`, `${label}: ErrorEquals must be a non-empty array of error names`, 'INVALID_ERROR_EQUALS');
    return false;
  }
  if (value.includes('States.ALL') && (value.length > 1 || !isLast)) {
    compiler.fail(`${where}/ErrorEquals`, `${label}: States.ALL must appear alone in ErrorEquals and in the last retrier/catcher`, 'INVALID_ERROR_EQUALS');
    return false;
  }
  return true;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
