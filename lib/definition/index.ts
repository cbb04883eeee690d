export * from './options';
export type { AslDefinition, AslJson, AslState, AslStateType } from './asl-types';
export { buildDefinition } from './build-definition';
export { DefinitionOptionsError } from './definition-options-error';
export * from './error-names';
export {
  DEFINITION_DEFAULTS,
  MAX_WAIT_SECONDS,
  NUMERIC_SETTINGS,
  ITEM_KEYS,
  STATEMENT_PARAMETER_KEYS,
  MAX_BATCH_SQLS,
  satisfiesNumericRule,
  withDefinitionDefaults,
} from './settings';
export type { NumericSettingRule, DefaultedSettings } from './settings';
export { STATE_NAMES } from './state-names';
export {
  HISTORY_EVENT_LIMIT,
  EVENT_BUDGET,
  STRETCH_AFTER_POLLS,
  DATA_API_MAX_RUNTIME_SECONDS,
} from './history-budget';
export * from './event';
