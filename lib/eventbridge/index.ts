/** A local EventBridge: event patterns with AWS's matching rules, rules and targets, delivery faults on a clock. */
export * from './types';
export { matchesEventPattern, parseEventPattern, InvalidEventPatternError } from './event-pattern';
export { LocalEventBridge, LocalEventBridgeOptions, EventBridgeError, isoSeconds } from './local-event-bridge';
export { parseEventFaults } from './event-faults';
export { readJsonPath } from './json-path';
