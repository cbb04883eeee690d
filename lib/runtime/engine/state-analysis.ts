/** Static facts about a raw state, worked out once at compile time. */
import { isExpressionString } from '../jsonata/expression';
import { isJsonObject, JsonObject } from './json-object';

/** `$states` followed by anything but `.input`, `.result` or `.errorOutput` may reach the context object. */
const STATES_BEYOND_DATA = /\$states(?!\s*\.\s*(?:input|result|errorOutput)\b)/;

/**
 * Whether an expression of the state (nested Map/Parallel states aside) may read `$states.context`: conservative,
 * any mention of `context` or any use of `$states` other than `.input`/`.result`/`.errorOutput` counts.
 */
export function readsContext(state: JsonObject, language: 'JSONata' | 'JSONPath' = 'JSONata'): boolean {
  const visit = (value: unknown): boolean => {
    // JSONPath reads the context object as `$$`, in paths and intrinsic-function arguments.
    if (language === 'JSONPath') return typeof value === 'string' ? value.includes('$$') : visitChildren(value);
    if (typeof value === 'string') return isExpressionString(value) && (value.includes('context') || STATES_BEYOND_DATA.test(value));
    return visitChildren(value);
  };
  const visitChildren = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(visit);
    if (isJsonObject(value)) return Object.entries(value).some(([key, child]) => key !== 'ItemProcessor' && key !== 'Iterator' && key !== 'Branches' && visit(child));
    return false;
  };
  return visit(state);
}

/** Every Assign block of a state (state level, Choice rules, catchers): the variables it may write. */
export function assignBlocks(state: JsonObject): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (isJsonObject(state.Assign)) blocks.push(state.Assign);
  for (const list of [state.Choices, state.Catch]) {
    if (Array.isArray(list)) for (const item of list) if (isJsonObject(item) && isJsonObject(item.Assign)) blocks.push(item.Assign);
  }
  return blocks;
}

/**
 * AWS's split of a Task Resource in history events: `arn:aws:states:::aws-sdk:redshiftdata:describeStatement` →
 * type `aws-sdk:redshiftdata`, resource `describeStatement`; `arn:aws:states:::lambda:invoke` → `lambda`, `invoke`.
 */
export function splitResource(resource: string): { resourceType: string; resourceName: string } {
  const prefix = 'arn:aws:states:::';
  if (resource.startsWith(prefix)) {
    const parts = resource.slice(prefix.length).split(':');
    return { resourceType: parts.slice(0, -1).join(':'), resourceName: parts[parts.length - 1]! };
  }
  const service = resource.split(':')[2] ?? '';
  return { resourceType: service, resourceName: resource };
}
