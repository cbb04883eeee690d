export { runQueryList, RunQueryListOptions, QueryListRun } from './run-query-list';
export { runDefinitionLocally, LocalRunOptions } from './run-definition-locally';
export { startLocalEmulatorServer, LocalEmulatorServerOptions } from './start-local-emulator-server';
export { loadSynthesizedDefinition, unescapeTerraformTemplate, LoadSynthesizedDefinitionOptions, SynthesizedDefinition } from './load-synthesized-definition';
export { QueryProgressTracker } from './query-progress-tracker';
export { summarizeQueryList, QueryListItemSummary } from './query-list-items';
export * from './query-progress';
export { SynthesizedDefinitionError, FetchResultsOptionError } from './errors';
export {
  fetchStatementResults,
  decodeField,
  DEFAULT_MAX_RESULT_ROWS,
  FetchStatementResultsOptions,
  StatementResult,
  StatementRows,
  StatementRowsError,
  CellValue,
} from './statement-results';
export { submittingIdentity } from './submitting-identity';
export { locateJsonSyntaxError, parseJsonWithLocation, JsonSyntaxErrorLocation } from './json-syntax';
export { planOffline, PlanOfflineOptions, OfflinePlan, PlanJson, OfflinePlanError, OFFLINE_PROVIDER_OVERRIDE_FILE, OFFLINE_PROVIDER_FILE, OFFLINE_BACKEND_OVERRIDE_FILE } from './plan-offline';
export { offlineProviderBlock, localBackendOverride, OfflineEndpoints } from './offline-provider';
export { isGeneratedDefinition } from './generated-definition';
