/**
 * AWS-shaped errors of the Redshift Data API emulator, plus the emulator's own setup errors.
 * `name` is the exact AWS exception name, as the AWS SDK sets it, so the runtime can turn it into
 * `RedshiftData.<name>` and the HTTP server can send it as `__type`.
 */

const ERROR_NAMES = [
  'ValidationException',
  'ResourceNotFoundException',
  'ActiveStatementsExceededException',
  'ActiveSessionsExceededException',
  'ExecuteStatementException',
  'BatchExecuteStatementException',
  'InternalServerException',
  'DatabaseConnectionException',
  'ThrottlingException',
  'AccessDeniedException',
  'ExpiredTokenException',
] as const;

/**
 * Exception names (wire error codes) the Redshift Data API and its AWS front door answer with. The last three are
 * not modelled by the SDK: Step Functions reports them as `RedshiftData.RedshiftDataException` (step-functions-view.ts).
 */
export type RedshiftDataErrorName = (typeof ERROR_NAMES)[number];

/** Exception names that are server faults (HTTP 500); the others are client errors (HTTP 400). */
const SERVER_FAULTS: ReadonlySet<RedshiftDataErrorName> = new Set<RedshiftDataErrorName>([
  'ExecuteStatementException',
  'BatchExecuteStatementException',
  'InternalServerException',
  'DatabaseConnectionException',
]);

export const REDSHIFT_DATA_ERROR_NAMES: readonly RedshiftDataErrorName[] = ERROR_NAMES;

/** An error the Redshift Data API would return; `name` is the AWS exception name. */
export class RedshiftDataError extends Error {
  override readonly name: RedshiftDataErrorName;
  /** HTTP status AWS uses for this exception. */
  readonly httpStatus: number;
  /** `ResourceNotFoundException` carries the id it could not find. */
  readonly resourceId?: string;

  constructor(name: RedshiftDataErrorName, message: string, resourceId?: string) {
    super(message);
    this.name = name;
    this.httpStatus = SERVER_FAULTS.has(name) ? 500 : 400;
    if (resourceId !== undefined) this.resourceId = resourceId;
  }

  /** `true` for server faults (HTTP 500), as the AWS SDK's `$fault: 'server'`. */
  get isServerFault(): boolean {
    return this.httpStatus >= 500;
  }
}

export function validationError(message: string): RedshiftDataError {
  return new RedshiftDataError('ValidationException', message);
}

/** A scenario file or object that does not follow the documented format. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    /** JSON path of the offending field, e.g. `$.statements[0].fail.times`. */
    readonly path: string,
    readonly problem: string,
    /** File the scenario came from, when it came from a file. */
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${path}: ${problem}`);
  }
}

/** The emulator server could not listen because its port is taken. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly host: string,
  ) {
    super(`Port ${port} on ${host} is already in use; choose another port (or 0 for any free port)`);
  }
}
