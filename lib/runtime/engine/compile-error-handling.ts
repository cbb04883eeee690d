/** Compiles Retry and Catch blocks, with AWS's defaults and the rule that States.ALL stands alone and last. */
import type { Template } from '../jsonata/template';
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
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    compiler.fail(`${location}/Retry`, `State '${stateName}': Retry must be an array`);
    return [];
  }
  return value.flatMap((raw: unknown, index) => {
    const where = `${location}/Retry/${index}`;
    if (!isJsonObject(raw) || !checkErrorEquals(compiler, raw.ErrorEquals, where, `State '${stateName}': Retry[${index}]`, index === value.length - 1)) return [];
    const retrier: CompiledRetrier = {
      errorEquals: raw.ErrorEquals as string[],
      intervalSeconds: numberOr(raw.IntervalSeconds, RETRY_DEFAULTS.intervalSeconds),
      maxAttempts: numberOr(raw.MaxAttempts, RETRY_DEFAULTS.maxAttempts),
      backoffRate: numberOr(raw.BackoffRate, RETRY_DEFAULTS.backoffRate),
      maxDelaySeconds: typeof raw.MaxDelaySeconds === 'number' ? raw.MaxDelaySeconds : undefined,
      jitterStrategy: raw.JitterStrategy === 'FULL' ? 'FULL' : 'NONE',
    };
    return [retrier];
  });
}

export function compileCatchers(compiler: FieldCompiler, value: unknown, location: string, stateName: string): CompiledCatcher[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    compiler.fail(`${location}/Catch`, `State '${stateName}': Catch must be an array`);
    return [];
  }
  return value.flatMap((raw: unknown, index) => {
    const where = `${location}/Catch/${index}`;
    if (!isJsonObject(raw) || !checkErrorEquals(compiler, raw.ErrorEquals, where, `State '${stateName}': Catch[${index}]`, index === value.length - 1)) return [];
    if (typeof raw.Next !== 'string') {
      compiler.fail(`${where}/Next`, `State '${stateName}': Catch[${index}] needs a Next`);
      return [];
    }
    const catcher: CompiledCatcher = {
      index,
      errorEquals: raw.ErrorEquals as string[],
      next: raw.Next,
      output: compiler.template(raw.Output, `Catch[${index}]/Output`, location, stateName),
      assign: compiler.assignTemplate(raw.Assign, `Catch[${index}]/Assign`, location, stateName),
    };
    return [catcher];
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
