export { buildRelayDefinition, RELAY_STATE_NAMES, RELAY_RESOURCES } from './relay-definition';
export type { RelayDefinitionOptions } from './relay-definition';
export { buildCleanupDefinition, CLEANUP_STATE_NAMES, CLEANUP_RESOURCES, CLEANUP_DEFAULTS } from './cleanup-definition';
export type { CleanupDefinitionOptions } from './cleanup-definition';
export { COMPLETION_TABLE, CONDITION_FAILED_ERRORS, STALE_TOKEN_ERRORS } from './completion-table';
export { EVENT_STATE_NAMES, AWAIT_RESOURCE } from './event-path';
export { COMPLETION_MODES, EVENT_DEFAULTS, EVENT_FALLBACK_RANGE, STATEMENT_NAME_PREFIX_PATTERN } from './event-settings';
export { statementEventPattern, executionStoppedPattern, STATEMENT_EVENT, EXECUTION_EVENT, STOPPED_STATUSES } from './event-patterns';
export { WAITING_ITEM_TTL_SECONDS } from './completion-table';
