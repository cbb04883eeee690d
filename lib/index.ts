/**
 * Package root. Each folder's index.ts is its only public door; this file picks what users need from each.
 */
export * from './clock';
export * from './runtime';
export * from './definition';
export { validateDefinition, assertValidDefinition, formatDiagnostic, DiagnosticCode } from './asl-validation';
export type { ValidationDiagnostic } from './asl-validation';
export * from './construct';
export { buildPolicies, buildTriggerRolePolicies, sdkActionsOf, toPolicyDocument } from './iam';
export {
  RedshiftDataEmulator,
  startEmulatorServer,
  createSdkRedshiftDataHandler,
  loadScenario,
  parseScenario,
  ScenarioError,
  RedshiftDataError,
  PortInUseError,
  StatementEventBus,
  PgliteEngine,
  PostgresEngine,
} from './emulator';
export type { RedshiftDataEmulatorOptions, Scenario, EmulatorServer, StatementStatusChangeEvent } from './emulator';
export {
  runQueryList,
  runDefinitionLocally,
  loadSynthesizedDefinition,
  SynthesizedDefinitionError,
  QueryProgressTracker,
  fetchStatementResults,
  submittingIdentity,
  decodeField,
  FetchResultsOptionError,
} from './local-run';
export type {
  QueryProgressEvent,
  RunQueryListOptions,
  LocalRunOptions,
  SynthesizedDefinition,
  StatementResult,
  StatementRows,
  StatementRowsError,
  CellValue,
  FetchStatementResultsOptions,
} from './local-run';
export { LocalCloud, SfnApiError } from './local-cloud';
export type { LocalCloudOptions, CloudUsage, SettleReport, DescribeExecutionResponse } from './local-cloud';
export { LocalEventBridge, EventBridgeError, matchesEventPattern, parseEventPattern, InvalidEventPatternError } from './eventbridge';
export type { EventBridgeEvent, EventPattern, EventFaults, RuleTarget, DeliveryRecord } from './eventbridge';
export { DynamoDbEmulator, DynamoDbError } from './dynamodb-emulator';
export type { AttributeValue, TableDefinition, DynamoDbUsage } from './dynamodb-emulator';
export { runCli, makeProgram, ExitCode } from './cli';
export { RedshiftQueryModuleStack, addModuleStacks, MODULE_VARIABLES, MODULE_OUTPUTS } from './module';
