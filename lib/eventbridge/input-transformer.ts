/**
 * Target input: the whole event, constant `Input`, `InputPath`, or an `InputTransformer` whose `<variable>`
 * placeholders are replaced by values read from the event: inside a JSON string, the text (escaped); elsewhere in a
 * JSON template, the JSON value; in a plain-text template, the text itself. Predefined variables (EventBridge user
 * guide, "Input transformation"): aws.events.event (the event without `detail`), aws.events.event.json (the whole
 * event), aws.events.rule-arn, aws.events.rule-name, aws.events.event.ingestion-time.
 */
import { readJsonPath } from './json-path';
import type { EventBridgeEvent, RuleTarget } from './types';

export interface RuleIdentity {
  readonly ruleName: string;
  readonly ruleArn: string;
}

export function targetInput(target: RuleTarget, event: EventBridgeEvent, rule: RuleIdentity): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(readJsonPath(event, target.InputPath) ?? null);
  if (target.InputTransformer) return transform(target.InputTransformer.InputTemplate, target.InputTransformer.InputPathsMap ?? {}, event, rule);
  return JSON.stringify(event);
}

function transform(template: string, paths: Readonly<Record<string, string>>, event: EventBridgeEvent, rule: RuleIdentity): string {
  const values: Record<string, unknown> = {
    'aws.events.event': withoutDetail(event),
    'aws.events.event.json': event,
    'aws.events.rule-arn': rule.ruleArn,
    'aws.events.rule-name': rule.ruleName,
    'aws.events.event.ingestion-time': event.time,
  };
  for (const [name, path] of Object.entries(paths)) values[name] = readJsonPath(event, path);
  const jsonTemplate = /^\s*[{[]/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '"' && template[i - 1] !== '\\') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (name && Object.prototype.hasOwnProperty.call(values, name)) {
        const value = values[name];
        if (inString) out += value === undefined ? '' : JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value)).slice(1, -1);
        else if (jsonTemplate) out += value === undefined ? 'null' : JSON.stringify(value);
        else out += value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function withoutDetail(event: EventBridgeEvent): Omit<EventBridgeEvent, 'detail'> {
  const { detail: _detail, ...rest } = event;
  return rest;
}
