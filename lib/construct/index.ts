export { RedshiftQueryStepFunction } from './redshift-query-step-function';
export { RedshiftQueryStepFunctionProps, RedshiftQueryLoggingProps, RedshiftQueryAlarmProps, LogLevel, PROP_DEFAULTS } from './props';
export { ScheduleOptions, SchedulerOptions } from './schedule';
export { EventTriggerOptions, EventInputTransformer } from './event-trigger';
export { TriggerDeliveryOptions } from './trigger-resources';
export { QueryItem, QueryItemObject, executionInput } from './query-list';
export { ConstructValidationError } from './errors';
export { escapeTerraformTemplate, toTerraformJson } from './terraform-json';
