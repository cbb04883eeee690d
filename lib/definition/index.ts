export * from './options';
export type { AslDefinition, AslJson, AslState, AslStateType } from './asl-types';
export { buildDefinition } from './build-definition';
export { DefinitionOptionsError } from './definition-options-error';
export * from './error-names';
export {
  DEFINITION_DEFAULTS,
  MAX_WAIT_SECONDS,
  MAX_SETTING_SECONDS,
  MAX_RETRIES_LIMIT,
  MAX_KEPT_ERRORS,
  MAX_INPUT_BYTES,
  MAX_ITEM_SQL_BYTES,
  NUMERIC_SETTINGS,
  ITEM_KEYS,
  STATEMENT_PARAMETER_KEYS,
  MAX_BATCH_SQLS,
  satisfiesNumericRule,
  withDefinitionDefaults,
} from './settings';
export type { NumericSettingRule, DefaultedSettings } from './settings';
export { STATE_NAMES } from './state-names';
export { checkPatternSyntax } from './regex/pattern-syntax';
export {
  HISTORY_EVENT_LIMIT,
  EVENT_BUDGET,
  STRETCH_AFTER_POLLS,
  DATA_API_MAX_RUNTIME_SECONDS,
  MAX_QUERIES,
} from './history-budget';
