/** Checks the `events` section of a scenario file; `fail(path, problem)` reports with the caller's error type. */
import { InvalidEventPatternError, parseEventPattern } from './event-pattern';
import type { EventFaultRule, EventFaults } from './types';

type Fail = (path: string, problem: string) => never;

export function parseEventFaults(json: unknown, path: string, fail: Fail): EventFaults {
  const o = object(json, path, ['delaySeconds', 'lose', 'duplicate', 'duplicateDelaySeconds'], fail);
  const faults: { -readonly [K in keyof EventFaults]: EventFaults[K] } = {};
  const delay = seconds(o.delaySeconds, `${path}.delaySeconds`, fail);
  if (delay !== undefined) faults.delaySeconds = delay;
  const duplicateDelay = seconds(o.duplicateDelaySeconds, `${path}.duplicateDelaySeconds`, fail);
  if (duplicateDelay !== undefined) faults.duplicateDelaySeconds = duplicateDelay;
  for (const key of ['lose', 'duplicate'] as const) {
    const list = o[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${path}.${key}`, 'must be an array of rules');
    faults[key] = list.map((rule, i) => parseRule(rule, `${path}.${key}[${i}]`, fail));
  }
  return faults;
}

function parseRule(json: unknown, path: string, fail: Fail): EventFaultRule {
  const o = object(json, path, ['pattern', 'times', 'rate', 'seed'], fail);
  const rule: { -readonly [K in keyof EventFaultRule]: EventFaultRule[K] } = {};
  if (o.pattern !== undefined) {
    try {
      rule.pattern = parseEventPattern(o.pattern as Record<string, unknown>);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) fail(`${path}.pattern${error.path ? `.${error.path}` : ''}`, error.reason);
      throw error;
    }
  }
  if (o.times !== undefined) {
    if (typeof o.times !== 'number' || !Number.isInteger(o.times) || o.times < 1) fail(`${path}.times`, `must be a positive integer, got ${JSON.stringify(o.times)}`);
    rule.times = o.times;
  }
  if (o.rate !== undefined) {
    if (typeof o.rate !== 'number' || !(o.rate >= 0 && o.rate <= 1)) fail(`${path}.rate`, `must be a number from 0 to 1, got ${JSON.stringify(o.rate)}`);
    rule.rate = o.rate;
  }
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) fail(`${path}.seed`, `must be an integer, got ${JSON.stringify(o.seed)}`);
    if (o.rate === undefined) fail(`${path}.seed`, 'only applies together with rate');
    rule.seed = o.seed;
  }
  if (o.times !== undefined && o.rate !== undefined) fail(path, 'sets both times and rate; use two rules instead');
  return rule;
}

function object(json: unknown, path: string, allowed: readonly string[], fail: Fail): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(path, 'must be an object');
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown field; allowed: ${allowed.join(', ')}`);
  return record;
}

function seconds(value: unknown, path: string, fail: Fail): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(path, `must be a number of seconds ≥ 0, got ${JSON.stringify(value)}`);
  return value as number;
}
