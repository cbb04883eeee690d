export { runQueryList, RunQueryListOptions, QueryListRun } from './run-query-list';
export { runDefinitionLocally, LocalRunOptions } from './run-definition-locally';
export { startLocalEmulatorServer, LocalEmulatorServerOptions } from './start-local-emulator-server';
export { loadSynthesizedDefinition, unescapeTerraformTemplate, LoadSynthesizedDefinitionOptions, SynthesizedDefinition } from './load-synthesized-definition';
export { QueryProgressTracker } from './query-progress-tracker';
export { summarizeQueryList, QueryListItemSummary } from './query-list-items';
export * from './query-progress';
export { SynthesizedDefinitionError } from './errors';
export { locateJsonSyntaxError, parseJsonWithLocation, JsonSyntaxErrorLocation } from './json-syntax';
