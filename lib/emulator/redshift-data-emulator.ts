/**
 * The Redshift Data API emulator: validates requests as AWS does, runs the SQL on embedded Postgres
 * (or a real server) at submission, and reveals each statement's status as the clock passes the
 * times fixed for it. It is also the runtime's `redshiftdata` service handler.
 */
import { randomUUID } from 'node:crypto';
import { Clock, VirtualClock } from '../clock';
import type { OperationShapes, ServiceEmulator, TaskInvocation } from '../runtime';
import { RedshiftDataError, validationError } from './errors';
import { StatementEventBus } from './event-bus';
import { FaultInjector } from './fault-injector';
import { ACTION_HANDLERS } from './operation-handlers';
import { toStepFunctionsJson } from './json-safe';
import { redshiftDataShapes, stepFunctionsError } from './step-functions-view';
import { PgliteEngine } from './pglite-engine';
import { PostgresEngine } from './postgres-engine';
import { csvPage, decodeToken, encodeToken, resultPage } from './paging';
import {
  validateBatchExecuteStatement,
  validateExecuteStatement,
  validateListStatements,
  validateStatementIdRequest,
} from './request-validation';
import type { ApiOperation, Scenario } from './scenario';
import { isDatabaseError, SqlDatabase, SqlEngine } from './sql-engine';
import { executeStatement as runSql, InfrastructureError, scheduleTimeline } from './statement-executor';
import {
  isTerminal,
  ResolvedTarget,
  RETENTION_MS,
  StatementRecord,
  statusAt,
  StoredResult,
  stoppedAt,
  SubStatementRecord,
  subStatusAt,
} from './statement-record';
import { statementSnapshot, StatementSnapshot } from './statement-snapshot';
import { statusChangeEvent } from './status-change-event';
import { describeStatement as renderDescribe, statementData, targetFields } from './statement-views';
import type {
  BatchExecuteStatementRequest,
  CancelStatementResponse,
  DescribeStatementResponse,
  ExecuteStatementRequest,
  ExecuteStatementResponse,
  GetStatementResultResponse,
  GetStatementResultV2Response,
  ListStatementsRequest,
  ListStatementsResponse,
  StatusString,
} from './wire-types';

/** Identity used when a direct method call names none. */
export const DEFAULT_IDENTITY = 'arn:aws:iam::123456789012:role/LocalRedshiftDataUser';
const CLIENT_TOKEN_RETENTION_MS = 8 * 3600 * 1000;

export interface RedshiftDataEmulatorOptions {
  /** Time line of the simulated statements. @default new VirtualClock() */
  readonly clock?: Clock;
  /** Durations and injected faults. @default - every statement runs for real and takes 1 second */
  readonly scenario?: Scenario;
  /**
   * Use a real PostgreSQL server (`postgres://user:pass@host:port/any`); the database name in the URL is
   * replaced by each request's `Database`, which must exist. @default - embedded PGlite, one instance per Database
   */
  readonly postgresUrl?: string;
  /** Share a database engine between emulators (it is then not closed by `close()`). @default - one of its own */
  readonly sqlEngine?: SqlEngine;
  /** Receives `Redshift Data Statement Status Change` events of `WithEvent: true` statements. @default - a new bus, see `eventBus` */
  readonly eventBus?: StatementEventBus;
  /** Region in ARNs and events. @default 'us-east-1' */
  readonly region?: string;
  /** Account in ARNs and events. @default '123456789012' */
  readonly accountId?: string;
  /** Most rows per GetStatementResult page. @default 1000 */
  readonly resultPageRows?: number;
  /** Most bytes (text size of the values) per GetStatementResult page; a page always holds at least one row. @default 102400 */
  readonly resultPageBytes?: number;
  /** Identity of direct method calls that pass none. @default DEFAULT_IDENTITY */
  readonly defaultIdentity?: string;
  /** Makes statement and session Ids (lowercase UUIDs). @default crypto.randomUUID; see sequentialIds() for reproducible runs */
  readonly idFactory?: () => string;
}

/** Reproducible UUID-shaped Ids: `00000000-0000-4000-8000-000000000001`, `...002`, ... */
export function sequentialIds(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${(++next).toString(16).padStart(12, '0')}`;
}

/** One API call as the emulator received it. */
export interface ApiCall {
  readonly operation: ApiOperation;
  readonly request: unknown;
  readonly identity: string;
  /** Milliseconds since the epoch on the emulator's clock. */
  readonly time: number;
  /** AWS exception name when the call failed. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

interface Session {
  readonly target: ResolvedTarget;
  readonly identity: string;
  readonly keepAliveMs: number;
  expiresAt: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class RedshiftDataEmulator implements ServiceEmulator {
  readonly service = 'redshiftdata';
  readonly clock: Clock;
  readonly eventBus: StatementEventBus;
  private readonly engine: SqlEngine;
  private readonly ownsEngine: boolean;
  private readonly faults: FaultInjector;
  private readonly region: string;
  private readonly accountId: string;
  private readonly pageRows: number;
  private readonly pageBytes: number;
  private readonly defaultIdentity: string;
  private readonly newId: () => string;
  private readonly records = new Map<string, StatementRecord>();
  private readonly submissionCounts = new Map<string, number>();
  private readonly clientTokens = new Map<string, StatementRecord>();
  private readonly submittingTokens = new Map<string, { fingerprint: string; record: Promise<StatementRecord> }>();
  private readonly sessions = new Map<string, Session>();
  private readonly activeByTarget = new Map<string, Set<StatementRecord>>();
  private readonly calls: Mutable<ApiCall>[] = [];
  private nextQueryId = 100000;
  private nextPid = 1073741824;
  private closed = false;

  constructor(options: RedshiftDataEmulatorOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.eventBus = options.eventBus ?? new StatementEventBus();
    this.faults = new FaultInjector(options.scenario);
    this.ownsEngine = options.sqlEngine === undefined;
    this.engine = options.sqlEngine ?? (options.postgresUrl ? new PostgresEngine(options.postgresUrl) : new PgliteEngine());
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.pageRows = options.resultPageRows ?? 1000;
    this.pageBytes = options.resultPageBytes ?? 100 * 1024;
    this.defaultIdentity = options.defaultIdentity ?? DEFAULT_IDENTITY;
    this.newId = options.idFactory ?? randomUUID;
  }

  /** Every API call received, in order (failed ones carry `errorCode`). */
  get callLog(): readonly ApiCall[] {
    return this.calls;
  }

  /**
   * Serves `arn:aws:states:::aws-sdk:redshiftdata:<action>` (requests under the service's member names, see
   * {@link operationShapes}); answers and fails as Step Functions would report it to the state machine.
   */
  async call(action: string, args: unknown, invocation: TaskInvocation): Promise<unknown> {
    const identity = invocation.credentials?.RoleArn ?? invocation.executionRoleArn;
    const handler = ACTION_HANDLERS[action];
    try {
      if (!handler) {
        throw validationError(`The Redshift Data API has no action '${action}' served by the emulator; supported: ${Object.keys(ACTION_HANDLERS).join(', ')}`);
      }
      return toStepFunctionsJson(await handler(this, args ?? {}, identity));
    } catch (error) {
      if (error instanceof RedshiftDataError) throw stepFunctionsError(error.name, error.message, error.httpStatus);
      throw error;
    }
  }

  /** The SDK schemas of an action, so the runtime translates PascalCase members as Step Functions does. */
  operationShapes(action: string): OperationShapes | undefined {
    return redshiftDataShapes(action);
  }

  executeStatement(request: ExecuteStatementRequest, identity: string = this.defaultIdentity): Promise<ExecuteStatementResponse> {
    return this.api('ExecuteStatement', request, identity, () => this.submit('ExecuteStatement', request, identity));
  }

  batchExecuteStatement(request: BatchExecuteStatementRequest, identity: string = this.defaultIdentity): Promise<ExecuteStatementResponse> {
    return this.api('BatchExecuteStatement', request, identity, () => this.submit('BatchExecuteStatement', request, identity));
  }

  describeStatement(request: { Id: string }, identity: string = this.defaultIdentity): Promise<DescribeStatementResponse> {
    return this.api('DescribeStatement', request, identity, async () => {
      const { Id } = validateStatementIdRequest(request, 'DescribeStatement');
      const { record, subIndex } = this.find(Id, identity);
      return renderDescribe(record, this.clock.now(), subIndex);
    });
  }

  getStatementResult(request: { Id: string; NextToken?: string }, identity: string = this.defaultIdentity): Promise<GetStatementResultResponse> {
    return this.api('GetStatementResult', request, identity, async () => {
      const { Id, NextToken } = validateStatementIdRequest(request, 'GetStatementResult', ['NextToken']);
      if (NextToken !== undefined && typeof NextToken !== 'string') throw validationError('NextToken must be a string');
      return this.resultPage(Id, NextToken, identity);
    });
  }

  /** The CSV result of a statement run with `ResultFormat: 'CSV'`. */
  getStatementResultV2(request: { Id: string; NextToken?: string }, identity: string = this.defaultIdentity): Promise<GetStatementResultV2Response> {
    return this.api('GetStatementResultV2', request, identity, async () => {
      const { Id, NextToken } = validateStatementIdRequest(request, 'GetStatementResultV2', ['NextToken']);
      if (NextToken !== undefined && typeof NextToken !== 'string') throw validationError('NextToken must be a string');
      const { result, offset } = this.finishedResult(Id, NextToken, identity, 'CSV');
      return csvPage(result, offset, { rows: this.pageRows, bytes: this.pageBytes }, Id);
    });
  }

  cancelStatement(request: { Id: string }, identity: string = this.defaultIdentity): Promise<CancelStatementResponse> {
    return this.api('CancelStatement', request, identity, async () => {
      const { Id } = validateStatementIdRequest(request, 'CancelStatement');
      const { record, subIndex } = this.find(Id, identity);
      if (subIndex !== undefined) {
        throw validationError(`Id ${Id} names a sub-statement; cancel the whole batch with its Id ${record.id}`);
      }
      const now = this.clock.now();
      const status = statusAt(record, now);
      if (isTerminal(status)) throw validationError(`Could not cancel a query that is already in ${status} state with ID: ${record.id}`);
      record.cancelledAt = now;
      record.final = 'ABORTED';
      record.eventTimer?.abort();
      if (record.request.WithEvent) this.publishEvent(record);
      return { Status: true };
    });
  }

  listStatements(request: ListStatementsRequest = {}, identity: string = this.defaultIdentity): Promise<ListStatementsResponse> {
    return this.api('ListStatements', request, identity, async () => {
      const r = validateListStatements(request);
      const now = this.clock.now();
      const matching = [...this.records.values()]
        .filter((record) => record.identity === identity && this.isRetained(record, now))
        .filter((record) => r.Status === undefined || r.Status === 'ALL' || statusAt(record, now) === r.Status)
        .filter((record) => r.StatementName === undefined || (record.request.StatementName ?? '').startsWith(r.StatementName))
        .filter((record) => r.ClusterIdentifier === undefined || record.target.ClusterIdentifier === r.ClusterIdentifier)
        .filter((record) => r.WorkgroupName === undefined || record.target.WorkgroupName === r.WorkgroupName)
        .filter((record) => r.Database === undefined || record.target.Database === r.Database)
        .reverse();
      const offset = r.NextToken === undefined ? 0 : decodeToken(r.NextToken, 'list');
      const size = r.MaxResults || 100;
      const page = matching.slice(offset, offset + size).map((record) => statementData(record, now));
      const next = offset + size < matching.length ? encodeToken('list', offset + size) : undefined;
      return { Statements: page, ...(next ? { NextToken: next } : {}) };
    });
  }

  /** Every submitted statement, oldest first, with its status on the clock now. */
  statements(): readonly StatementSnapshot[] {
    const now = this.clock.now();
    return [...this.records.values()].map((record) => statementSnapshot(record, now, this.submissionCounts.get(record.id) ?? 1));
  }

  /** Runs SQL directly on that database (created if needed); values come back in Postgres text format. */
  async query(database: string, sql: string, params: readonly string[] = []): Promise<Record<string, string | null>[]> {
    const db = await this.clock.hold(this.engine.database(database));
    const result = await this.clock.hold(db.query(sql, params));
    return result.rows.map((row) => Object.fromEntries(result.fields.map((f, i) => [f.name, row[i] ?? null])));
  }

  /** Stops pending event timers and closes the databases (unless the engine was shared in). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const record of this.records.values()) record.eventTimer?.abort();
    if (this.ownsEngine) await this.engine.close();
  }

  // ---------------------------------------------------------------- internals

  private async api<T>(operation: ApiOperation, request: unknown, identity: string, work: () => Promise<T>): Promise<T> {
    const entry: Mutable<ApiCall> = { operation, request, identity, time: this.clock.now() };
    this.calls.push(entry);
    try {
      if (this.closed) throw new RedshiftDataError('InternalServerException', 'The emulator was closed');
      this.faults.checkApiCall(operation);
      return await work();
    } catch (error) {
      entry.errorCode = (error as Error)?.name ?? 'Error';
      entry.errorMessage = (error as Error)?.message ?? String(error);
      throw error;
    }
  }

  private async submit(
    operation: 'ExecuteStatement' | 'BatchExecuteStatement',
    rawRequest: unknown,
    identity: string,
  ): Promise<ExecuteStatementResponse> {
    const request = operation === 'ExecuteStatement' ? validateExecuteStatement(rawRequest) : validateBatchExecuteStatement(rawRequest);
    const now = this.clock.now();
    const fingerprint = canonicalJson({ operation, identity, request: { ...request, WaitTimeSeconds: undefined } });

    const token = request.ClientToken;
    if (token !== undefined) {
      // A replay that arrives while the first submission is still running its SQL waits for it instead of running twice.
      const inFlight = this.submittingTokens.get(token);
      const previous = inFlight ? await inFlight.record.catch(() => undefined) : this.clientTokens.get(token);
      const sameRequest = inFlight ? inFlight.fingerprint === fingerprint : previous?.fingerprint === fingerprint;
      if (previous && now - previous.createdAt < CLIENT_TOKEN_RETENTION_MS) {
        if (!sameRequest) {
          throw validationError(
            `ClientToken ${JSON.stringify(token)} was already used within the last 8 hours for a different request ` +
              `(statement ${previous.id}); send the same request to get that statement again, or use a new ClientToken`,
          );
        }
        this.submissionCounts.set(previous.id, (this.submissionCounts.get(previous.id) ?? 1) + 1);
        return this.submitResponse(previous);
      }
      const submitting = { fingerprint, record: this.createStatement(operation, request, identity, fingerprint, now) };
      this.submittingTokens.set(token, submitting);
      try {
        const created = await submitting.record;
        this.clientTokens.set(token, created);
        return await this.afterSubmit(created, request);
      } finally {
        if (this.submittingTokens.get(token) === submitting) this.submittingTokens.delete(token);
      }
    }
    return this.afterSubmit(await this.createStatement(operation, request, identity, fingerprint, now), request);
  }

  /** Checks the target, runs the SQL and registers the statement; throws (leaving nothing behind) when it cannot. */
  private async createStatement(
    operation: 'ExecuteStatement' | 'BatchExecuteStatement',
    request: ExecuteStatementRequest | BatchExecuteStatementRequest,
    identity: string,
    fingerprint: string,
    now: number,
  ): Promise<StatementRecord> {
    const { target, sessionId } = this.resolveTarget(request, identity, now);
    this.checkActiveStatements(target, now);

    const sqls = 'Sql' in request ? [request.Sql] : [...request.Sqls];
    const subs: SubStatementRecord[] = sqls.map((sql, i) => ({
      index: i + 1,
      sql,
      fate: this.faults.fateOf(sql),
      start: 0,
      end: 0,
      final: 'FINISHED',
      resultRows: 0,
      resultSize: 0,
      redshiftQueryId: this.nextQueryId++,
    }));
    const mode = operation === 'ExecuteStatement' ? 'SINGLE' : ((request as BatchExecuteStatementRequest).ExecutionMode ?? 'TRANSACTION');
    await this.runOnDatabase(operation, target.Database, subs, { mode, ...(request.Parameters ? { parameters: request.Parameters } : {}) });

    const pickedAt = now + (subs[0]!.fate.queuedMs ?? 0);
    const { startedAt, endsAt } = scheduleTimeline({ pickedAt }, subs);
    const last = subs.find((s) => s.final !== 'FINISHED' || s.end === Infinity);
    const record: StatementRecord = {
      id: this.newId(),
      operation,
      identity,
      request,
      fingerprint,
      target,
      ...(sessionId !== undefined ? { sessionId } : {}),
      createdAt: now,
      pickedAt,
      startedAt,
      endsAt,
      final: last && last.end !== Infinity ? last.final : 'FINISHED',
      subs,
      redshiftPid: this.nextPid++,
    };
    this.records.set(record.id, record);
    this.activeOn(target).add(record);
    if (sessionId !== undefined) {
      const session = this.sessions.get(sessionId)!;
      session.expiresAt = Math.max(session.expiresAt, endsAt + session.keepAliveMs);
    }
    if (request.WithEvent) this.scheduleEvent(record);
    return record;
  }

  private async afterSubmit(record: StatementRecord, request: { WaitTimeSeconds?: number }): Promise<ExecuteStatementResponse> {
    if (request.WaitTimeSeconds) await this.waitForEnd(record, request.WaitTimeSeconds * 1000);
    return this.submitResponse(record);
  }

  private async runOnDatabase(
    operation: 'ExecuteStatement' | 'BatchExecuteStatement',
    database: string,
    subs: SubStatementRecord[],
    plan: Parameters<typeof runSql>[2],
  ): Promise<void> {
    const failure = operation === 'ExecuteStatement' ? 'ExecuteStatementException' : 'BatchExecuteStatementException';
    let db: SqlDatabase;
    try {
      db = await this.clock.hold(this.engine.database(database));
    } catch (error) {
      if (!isDatabaseError(error)) {
        throw new RedshiftDataError(failure, `Could not connect to database ${JSON.stringify(database)}: ${(error as Error)?.message ?? error}`);
      }
      // The connection itself was refused by the server (e.g. the database does not exist): the statement fails.
      subs[0]!.final = 'FAILED';
      subs[0]!.error = `${error.severity === 'FATAL' ? 'FATAL' : 'ERROR'}: ${error.message}`;
      return;
    }
    try {
      await this.clock.hold(runSql(db, subs, plan));
    } catch (error) {
      if (error instanceof InfrastructureError) throw new RedshiftDataError(failure, error.message);
      throw error;
    }
  }

  private resolveTarget(
    request: ExecuteStatementRequest | BatchExecuteStatementRequest,
    identity: string,
    now: number,
  ): { target: ResolvedTarget; sessionId?: string } {
    if (request.SessionId !== undefined) {
      const session = this.sessions.get(request.SessionId);
      if (!session || session.identity !== identity || now > session.expiresAt) {
        throw validationError(`Session ${request.SessionId} does not exist or has expired; start a new one with SessionKeepAliveSeconds`);
      }
      return { target: session.target, sessionId: request.SessionId };
    }
    const target: ResolvedTarget = {
      ...(request.ClusterIdentifier !== undefined ? { ClusterIdentifier: request.ClusterIdentifier } : {}),
      ...(request.WorkgroupName !== undefined ? { WorkgroupName: request.WorkgroupName } : {}),
      Database: request.Database!,
      ...(request.DbUser !== undefined ? { DbUser: request.DbUser } : {}),
      ...(request.SecretArn !== undefined ? { SecretArn: request.SecretArn } : {}),
    };
    if (request.SessionKeepAliveSeconds) {
      const sessionId = this.newId();
      const keepAliveMs = request.SessionKeepAliveSeconds * 1000;
      this.sessions.set(sessionId, { target, identity, keepAliveMs, expiresAt: now + keepAliveMs });
      return { target, sessionId };
    }
    return { target };
  }

  private checkActiveStatements(target: ResolvedTarget, now: number): void {
    const active = this.activeOn(target);
    for (const record of active) if (isTerminal(statusAt(record, now))) active.delete(record);
    const max = this.faults.maxActiveStatements;
    if (active.size >= max) {
      throw new RedshiftDataError(
        'ActiveStatementsExceededException',
        `Active statements exceeded the allowed quota (${max}): ${active.size} statements are still running on ${target.ClusterIdentifier ?? target.WorkgroupName}`,
      );
    }
  }

  /** Statements not yet seen terminal on that cluster/workgroup (pruned lazily by checkActiveStatements). */
  private activeOn(target: ResolvedTarget): Set<StatementRecord> {
    const key = target.ClusterIdentifier !== undefined ? `cluster:${target.ClusterIdentifier}` : `workgroup:${target.WorkgroupName}`;
    let active = this.activeByTarget.get(key);
    if (!active) {
      active = new Set();
      this.activeByTarget.set(key, active);
    }
    return active;
  }

  private submitResponse(record: StatementRecord): ExecuteStatementResponse {
    return { Id: record.id, CreatedAt: new Date(record.createdAt), ...targetFields(record) };
  }

  private async waitForEnd(record: StatementRecord, maxMs: number): Promise<void> {
    const now = this.clock.now();
    const remaining = Math.min(record.endsAt, record.cancelledAt ?? Infinity) - now;
    if (remaining > 0) await this.clock.sleep(Math.min(remaining, maxMs));
  }

  private isRetained(record: StatementRecord, now: number): boolean {
    const stop = stoppedAt(record, now);
    return stop === undefined || now - stop < RETENTION_MS;
  }

  /** The record behind an Id (`id` or `id:N`), if the identity may see it. */
  private find(id: string, identity: string): { record: StatementRecord; subIndex?: number } {
    const [baseId, suffix] = id.split(':') as [string, string | undefined];
    const record = this.records.get(baseId);
    const notFound = () =>
      new RedshiftDataError(
        'ResourceNotFoundException',
        `Query does not exist: no statement ${id} is visible to ${identity}. Statements are visible only to the IAM identity that submitted them, for 24 hours after they end`,
        id,
      );
    if (!record || record.identity !== identity || !this.isRetained(record, this.clock.now())) throw notFound();
    if (suffix === undefined) return { record };
    const subIndex = Number(suffix);
    if (record.operation !== 'BatchExecuteStatement' || subIndex < 1 || subIndex > record.subs.length) throw notFound();
    return { record, subIndex };
  }

  private resultPage(id: string, nextToken: string | undefined, identity: string): GetStatementResultResponse {
    const { result, offset } = this.finishedResult(id, nextToken, identity, 'JSON');
    return resultPage(result, offset, { rows: this.pageRows, bytes: this.pageBytes }, id);
  }

  /** The stored result behind an Id, once FINISHED, in the format the operation serves. */
  private finishedResult(id: string, nextToken: string | undefined, identity: string, format: 'JSON' | 'CSV'): { result: StoredResult; offset: number } {
    const { record, subIndex } = this.find(id, identity);
    if (record.operation === 'BatchExecuteStatement' && subIndex === undefined) {
      throw validationError(`Statement ${id} is a batch; fetch the result of one of its sub-statements with Id ${id}:N (N from 1 to ${record.subs.length})`);
    }
    const ranWith = record.request.ResultFormat ?? 'JSON';
    if (ranWith !== format) {
      throw validationError(
        `Statement ${id} ran with ResultFormat ${ranWith}; fetch its result with ${ranWith === 'CSV' ? 'GetStatementResultV2' : 'GetStatementResult'}`,
      );
    }
    const sub = record.subs[(subIndex ?? 1) - 1]!;
    const status = subStatusAt(record, sub, this.clock.now());
    if (status !== 'FINISHED') {
      throw validationError(
        `Query has no result to fetch: statement ${id} is ${status}` +
          (isTerminal(status) ? '' : '; call DescribeStatement until its Status is FINISHED'),
      );
    }
    if (!sub.result) {
      throw validationError(`Query does not have result: statement ${id} returned no result set (HasResultSet is false)`);
    }
    return { result: sub.result, offset: nextToken === undefined ? 0 : decodeToken(nextToken, id) };
  }

  private scheduleEvent(record: StatementRecord): void {
    if (record.endsAt === Infinity) return;
    const timer = new AbortController();
    record.eventTimer = timer;
    this.clock.sleep(record.endsAt - this.clock.now(), timer.signal).then(
      () => this.publishEvent(record),
      () => undefined,
    );
  }

  private publishEvent(record: StatementRecord): void {
    const event = statusChangeEvent(record, this.clock.now(), this.region, this.accountId);
    if (event) this.eventBus.publish(event);
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.keys(member).sort().map((k) => [k, member[k]]))
      : member,
  );
}
