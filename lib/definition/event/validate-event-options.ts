import { DefinitionOptionsError } from '../definition-options-error';
import type { DefinitionOptions } from '../options';
import {
  COMPLETION_MODES,
  EVENT_FALLBACK_RANGE,
  STATEMENT_NAME_PREFIX_PATTERN,
  STATEMENT_NAME_PREFIX_REQUIREMENT,
} from './event-settings';

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Build-time checks of the completion-mode options (known values only; tokens pass). */
export function validateEventOptions(options: DefinitionOptions, known: (value: unknown) => boolean): void {
  const { completionMode, completionTableName, statementNamePrefix, eventFallbackSeconds } = options;
  if (known(completionMode) && !COMPLETION_MODES.includes(completionMode!)) {
    throw new DefinitionOptionsError('completionMode', `completionMode must be "poll" or "event", got ${show(completionMode)}`);
  }
  if (known(completionTableName) && (typeof completionTableName !== 'string' || !/^[A-Za-z0-9_.-]{3,255}$/.test(completionTableName))) {
    throw new DefinitionOptionsError('completionTableName', `completionTableName must be a DynamoDB table name (3-255 letters, digits, "_", "-", "."), got ${show(completionTableName)}`);
  }
  if (known(statementNamePrefix) && (typeof statementNamePrefix !== 'string' || !STATEMENT_NAME_PREFIX_PATTERN.test(statementNamePrefix))) {
    throw new DefinitionOptionsError('statementNamePrefix', `statementNamePrefix must be ${STATEMENT_NAME_PREFIX_REQUIREMENT}, got ${show(statementNamePrefix)}`);
  }
  if (
    known(eventFallbackSeconds) &&
    (typeof eventFallbackSeconds !== 'number' || !Number.isFinite(eventFallbackSeconds) ||
      eventFallbackSeconds < EVENT_FALLBACK_RANGE.min || eventFallbackSeconds > EVENT_FALLBACK_RANGE.max)
  ) {
    throw new DefinitionOptionsError('eventFallbackSeconds', `eventFallbackSeconds must be a number from ${EVENT_FALLBACK_RANGE.min} to ${EVENT_FALLBACK_RANGE.max}, got ${show(eventFallbackSeconds)}`);
  }
  if (completionMode === 'event') {
    const missing = completionTableName === undefined ? 'completionTableName' : statementNamePrefix === undefined ? 'statementNamePrefix' : undefined;
    if (missing !== undefined) {
      throw new DefinitionOptionsError(missing, `completionMode "event" needs ${missing}: the relay records completions in the table, and the event rule matches statements by the name prefix`);
    }
  }
}
