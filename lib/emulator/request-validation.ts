/**
 * The Redshift Data API's request checks (aws-facts B1/B5), with messages that name the field.
 * Everything here runs before any SQL, so a rejected request leaves nothing behind.
 */
import { validationError } from './errors';
import { namedPlaceholders, splitSqlStatements } from './sql-text';
import type {
  BatchExecuteStatementRequest,
  ExecuteStatementRequest,
  ListStatementsRequest,
  SqlParameter,
} from './wire-types';

export const MAX_SQL_BYTES = 100 * 1024;
export const MAX_BATCH_SQLS = 40;
export const STATEMENT_ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d+)?$/;
const CLUSTER_ID_PATTERN = /^[a-z]([a-z0-9]|-[a-z0-9])*$/;
const WORKGROUP_PATTERN =
  /^(([a-z0-9-]+)|(arn:(aws(-[a-z]+)*):redshift-serverless:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:workgroup\/[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}))$/;
const PARAMETER_NAME_PATTERN = /^[0-9a-zA-Z_]+$/;
const SESSION_ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/;

const TARGET_FIELDS = [
  'ClusterIdentifier', 'WorkgroupName', 'Database', 'DbUser', 'SecretArn', 'StatementName', 'WithEvent',
  'ClientToken', 'SessionId', 'SessionKeepAliveSeconds', 'ResultFormat', 'Parameters', 'WaitTimeSeconds',
];

function checkObject(request: unknown, operation: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw validationError(`${operation} expects a JSON object of parameters`);
  }
  const record = request as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !allowed.includes(key)) {
      throw validationError(`${operation} has no parameter '${key}'; valid parameters: ${allowed.join(', ')}`);
    }
  }
  return record;
}

function optionalString(record: Record<string, unknown>, field: string, min: number, max: number): string | undefined {
  const value = record[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw validationError(`${field} must be a string, got ${typeof value}`);
  if (value.length < min || value.length > max) {
    throw validationError(`${field} must be between ${min} and ${max} characters long, got ${value.length}`);
  }
  return value;
}

function optionalInteger(record: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = record[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validationError(`${field} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkSqlText(sql: unknown, field: string, operation: string): string {
  if (typeof sql !== 'string') throw validationError(`${field} is required and must be a string`);
  if (sql.trim() === '') throw validationError(`${field} must not be empty`);
  const bytes = Buffer.byteLength(sql);
  if (bytes > MAX_SQL_BYTES) {
    throw validationError(`${field} is ${bytes} bytes long; the Data API accepts at most ${MAX_SQL_BYTES} bytes (100 KB) of SQL`);
  }
  const statements = splitSqlStatements(sql);
  if (statements.length === 0) throw validationError(`${field} contains no SQL statement (only comments or semicolons)`);
  if (statements.length > 1) {
    throw validationError(
      `${field} contains ${statements.length} SQL statements; ${operation} accepts a single SQL statement. ` +
        'Send them as Sqls of BatchExecuteStatement (one statement per entry), or as separate calls',
    );
  }
  return sql;
}

function checkParameters(record: Record<string, unknown>): SqlParameter[] | undefined {
  const value = record.Parameters;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw validationError('Parameters must be a list of at least 1 {name, value} entry');
  const names = new Set<string>();
  return value.map((parameter: unknown, index) => {
    const where = `Parameters[${index}]`;
    if (typeof parameter !== 'object' || parameter === null) throw validationError(`${where} must be an object with name and value`);
    const { name, value: text, ...rest } = parameter as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw validationError(`${where} has an unknown field '${extra}'; only name and value are allowed`);
    if (typeof name !== 'string' || !PARAMETER_NAME_PATTERN.test(name)) {
      throw validationError(`${where}.name must match ^[0-9a-zA-Z_]+$ (letters, digits, underscore), got ${JSON.stringify(name)}`);
    }
    if (typeof text !== 'string' || text.length === 0) {
      throw validationError(`${where}.value (parameter '${name}') must be a non-empty string; the Data API does not accept empty or null parameter values`);
    }
    if (names.has(name)) throw validationError(`${where}: the parameter name '${name}' is given more than once`);
    names.add(name);
    return { name, value: text };
  });
}

function checkTarget(record: Record<string, unknown>): void {
  const cluster = optionalString(record, 'ClusterIdentifier', 1, 63);
  const workgroup = optionalString(record, 'WorkgroupName', 3, 128);
  const database = optionalString(record, 'Database', 1, 127);
  const dbUser = optionalString(record, 'DbUser', 1, 128);
  const secret = optionalString(record, 'SecretArn', 1, 2048);
  const session = optionalString(record, 'SessionId', 36, 36);
  optionalString(record, 'StatementName', 0, 500);
  optionalString(record, 'ClientToken', 1, 64);
  optionalInteger(record, 'SessionKeepAliveSeconds', 0, 86400);
  optionalInteger(record, 'WaitTimeSeconds', 0, 30);
  if (record.WithEvent !== undefined && typeof record.WithEvent !== 'boolean') throw validationError('WithEvent must be true or false');
  if (record.ResultFormat !== undefined && record.ResultFormat !== 'JSON' && record.ResultFormat !== 'CSV') {
    throw validationError(`ResultFormat must be JSON or CSV, got ${JSON.stringify(record.ResultFormat)}`);
  }
  if (session !== undefined) {
    if (!SESSION_ID_PATTERN.test(session)) throw validationError(`SessionId must be a UUID, got ${JSON.stringify(session)}`);
    const conflicting = ['ClusterIdentifier', 'WorkgroupName', 'Database', 'DbUser', 'SecretArn'].filter((f) => record[f] !== undefined);
    if (conflicting.length > 0) {
      throw validationError(`${conflicting.join(', ')} cannot be specified together with SessionId; the session already names its target`);
    }
    return;
  }
  if (cluster === undefined && workgroup === undefined) {
    throw validationError('Either ClusterIdentifier (provisioned cluster) or WorkgroupName (Redshift Serverless) must be specified');
  }
  if (cluster !== undefined && workgroup !== undefined) {
    throw validationError('ClusterIdentifier and WorkgroupName cannot both be specified; give exactly one');
  }
  if (cluster !== undefined && !CLUSTER_ID_PATTERN.test(cluster)) {
    throw validationError(
      `ClusterIdentifier ${JSON.stringify(cluster)} is invalid: it must start with a lowercase letter and contain only lowercase letters, digits and single hyphens (no trailing hyphen)`,
    );
  }
  if (workgroup !== undefined && !WORKGROUP_PATTERN.test(workgroup)) {
    throw validationError(`WorkgroupName ${JSON.stringify(workgroup)} is invalid: use the workgroup name (lowercase letters, digits, hyphens) or its ARN`);
  }
  if (database === undefined) throw validationError('Database is required: name the database to connect to');
  if (dbUser !== undefined && workgroup !== undefined) {
    throw validationError('DbUser cannot be used with WorkgroupName: Redshift Serverless authenticates with SecretArn or with your IAM identity');
  }
  if (dbUser !== undefined && secret !== undefined) {
    throw validationError('DbUser and SecretArn cannot both be specified: choose temporary credentials (DbUser) or a Secrets Manager secret (SecretArn)');
  }
}

export function validateExecuteStatement(request: unknown): ExecuteStatementRequest {
  const record = checkObject(request, 'ExecuteStatement', ['Sql', ...TARGET_FIELDS]);
  checkSqlText(record.Sql, 'Sql', 'ExecuteStatement');
  checkTarget(record);
  const parameters = checkParameters(record);
  return { ...(record as unknown as ExecuteStatementRequest), ...(parameters ? { Parameters: parameters } : {}) };
}

export function validateBatchExecuteStatement(request: unknown): BatchExecuteStatementRequest {
  const record = checkObject(request, 'BatchExecuteStatement', ['Sqls', 'ExecutionMode', ...TARGET_FIELDS]);
  const sqls = record.Sqls;
  if (!Array.isArray(sqls) || sqls.length < 1 || sqls.length > MAX_BATCH_SQLS) {
    throw validationError(
      `Sqls must be a list of 1 to ${MAX_BATCH_SQLS} SQL statements, got ${Array.isArray(sqls) ? `${sqls.length} entries` : JSON.stringify(sqls)}`,
    );
  }
  sqls.forEach((sql, index) => checkSqlText(sql, `Sqls[${index}]`, 'each entry of BatchExecuteStatement'));
  if (record.ExecutionMode !== undefined && record.ExecutionMode !== 'TRANSACTION' && record.ExecutionMode !== 'AUTO_COMMIT') {
    throw validationError(`ExecutionMode must be TRANSACTION or AUTO_COMMIT, got ${JSON.stringify(record.ExecutionMode)}`);
  }
  checkTarget(record);
  const parameters = checkParameters(record);
  if (parameters) {
    const used = new Set(sqls.flatMap((sql: string) => namedPlaceholders(sql)));
    const unused = parameters.filter((p) => !used.has(p.name)).map((p) => p.name);
    if (unused.length > 0) {
      throw validationError(`Parameters ${unused.join(', ')} are not used by any statement in Sqls; every batch parameter must be used by at least one statement`);
    }
  }
  return { ...(record as unknown as BatchExecuteStatementRequest), ...(parameters ? { Parameters: parameters } : {}) };
}

/** Checks an `Id` argument (DescribeStatement, GetStatementResult, CancelStatement). */
export function validateStatementIdRequest(request: unknown, operation: string, extra: readonly string[] = []): { Id: string } & Record<string, unknown> {
  const record = checkObject(request, operation, ['Id', ...extra]);
  const id = record.Id;
  if (typeof id !== 'string' || id === '') throw validationError('Id is required: the statement Id returned by ExecuteStatement or BatchExecuteStatement');
  if (!STATEMENT_ID_PATTERN.test(id)) {
    throw validationError(`Id ${JSON.stringify(id)} is not a statement Id: it must match ^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d+)?$`);
  }
  return record as { Id: string } & Record<string, unknown>;
}

export function validateListStatements(request: unknown): ListStatementsRequest {
  const record = checkObject(request ?? {}, 'ListStatements', [
    'MaxResults', 'NextToken', 'StatementName', 'Status', 'RoleLevel', 'ClusterIdentifier', 'WorkgroupName', 'Database',
  ]);
  optionalInteger(record, 'MaxResults', 0, 100);
  optionalString(record, 'StatementName', 0, 500);
  const statuses = ['SUBMITTED', 'PICKED', 'STARTED', 'FINISHED', 'ABORTED', 'FAILED', 'ALL'];
  if (record.Status !== undefined && !statuses.includes(record.Status as string)) {
    throw validationError(`Status must be one of ${statuses.join(', ')}, got ${JSON.stringify(record.Status)}`);
  }
  if (record.RoleLevel !== undefined && typeof record.RoleLevel !== 'boolean') throw validationError('RoleLevel must be true or false');
  return record as ListStatementsRequest;
}
