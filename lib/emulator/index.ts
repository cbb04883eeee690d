/** Redshift Data API emulator on embedded Postgres: in-process, over HTTP, and as the runtime's service handler. */
export {
  RedshiftDataEmulator,
  RedshiftDataEmulatorOptions,
  ApiCall,
  DEFAULT_IDENTITY,
  sequentialIds,
} from './redshift-data-emulator';
export { StatementSnapshot } from './statement-snapshot';
export { RedshiftDataError, RedshiftDataErrorName, ScenarioError, PortInUseError, REDSHIFT_DATA_ERROR_NAMES } from './errors';
export { parseScenario, loadScenario, Scenario, StatementRule, StatementFailure, ApiFaultRule, ApiOperation, API_OPERATIONS } from './scenario';
export { StatementEventBus, StatementEventListener, StatementStatusChangeEvent, StatementStatusChangeDetail } from './event-bus';
export { SqlEngine, SqlDatabase, SqlResult } from './sql-engine';
export { PgliteEngine } from './pglite-engine';
export { PostgresEngine } from './postgres-engine';
export { SIMULATED_FORMS } from './redshift-sql';
export { splitSqlStatements } from './sql-text';
export * from './wire-types';
export { startEmulatorServer, EmulatorServerOptions, EmulatorServer, ServedRequest, EmulatorServerOptionError } from './http-server';
export { DEFAULT_EMULATOR_ACCOUNT_ID, isAwsAccountId } from './sts-handler';
export { createSdkRedshiftDataHandler, SdkRedshiftDataHandlerOptions } from './sdk-handler';
export { accessKeyForIdentity } from './http-identity';
