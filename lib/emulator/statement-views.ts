/** Renders statement records as Data API responses at a given instant. */
import {
  durationNanos,
  statusAt,
  StatementRecord,
  stoppedAt,
  SubStatementRecord,
  subStatusAt,
  subUpdatedAt,
  updatedAt,
} from './statement-record';
import type { DescribeStatementResponse, StatementData, StatementTargetData, SubStatementData } from './wire-types';

/** Where the statement ran and as whom, as DescribeStatement and ExecuteStatement echo it. */
export function targetFields(record: StatementRecord): StatementTargetData {
  const t = record.target;
  return {
    ...(t.ClusterIdentifier !== undefined ? { ClusterIdentifier: t.ClusterIdentifier } : {}),
    ...(t.WorkgroupName !== undefined ? { WorkgroupName: t.WorkgroupName } : {}),
    Database: t.Database,
    ...(t.DbUser !== undefined ? { DbUser: t.DbUser } : {}),
    ...(t.SecretArn !== undefined ? { SecretArn: t.SecretArn } : {}),
    ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
  };
}

function subCounts(record: StatementRecord, sub: SubStatementRecord, now: number) {
  const finished = subStatusAt(record, sub, now) === 'FINISHED';
  return {
    ResultRows: finished ? sub.resultRows : -1,
    ResultSize: finished ? sub.resultSize : -1,
    HasResultSet: sub.result !== undefined && finished,
  };
}

export function describeSub(record: StatementRecord, sub: SubStatementRecord, now: number): SubStatementData {
  const status = subStatusAt(record, sub, now);
  const start = now < record.startedAt ? Infinity : sub.start;
  return {
    Id: `${record.id}:${sub.index}`,
    Status: status,
    ...(status === 'FAILED' && sub.error !== undefined ? { Error: sub.error } : {}),
    Duration: sub.start === sub.end ? (now >= sub.end ? 0 : -1) : durationNanos(start, sub.end, now, record.cancelledAt),
    ...subCounts(record, sub, now),
    RedshiftQueryId: now >= start ? sub.redshiftQueryId : 0,
    QueryString: sub.sql,
    CreatedAt: new Date(record.createdAt),
    UpdatedAt: new Date(subUpdatedAt(record, sub, now)),
  };
}

/** DescribeStatement for the statement, or for one sub-statement of a batch (`Id:N`). */
export function describeStatement(record: StatementRecord, now: number, subIndex?: number): DescribeStatementResponse {
  const common = {
    ...targetFields(record),
    RedshiftPid: now >= record.startedAt ? record.redshiftPid : 0,
    ...(record.request.Parameters ? { QueryParameters: record.request.Parameters } : {}),
    ResultFormat: record.request.ResultFormat ?? 'JSON',
  };
  if (subIndex !== undefined) {
    const sub = describeSub(record, record.subs[subIndex - 1]!, now);
    return { ...sub, ...common, RedshiftPid: common.RedshiftPid };
  }
  const status = statusAt(record, now);
  const finished = status === 'FINISHED';
  const failedSub = record.subs.find((s) => s.final === 'FAILED');
  const base: DescribeStatementResponse = {
    Id: record.id,
    Status: status,
    ...(status === 'FAILED' && failedSub?.error !== undefined ? { Error: failedSub.error } : {}),
    Duration: now < record.startedAt ? -1 : durationNanos(record.pickedAt, record.endsAt, now, record.cancelledAt),
    ResultRows: finished ? record.subs.reduce((sum, s) => sum + s.resultRows, 0) : -1,
    ResultSize: finished ? record.subs.reduce((sum, s) => sum + s.resultSize, 0) : -1,
    HasResultSet: finished && record.subs.some((s) => s.result !== undefined),
    RedshiftQueryId: now >= record.startedAt ? lastStartedQueryId(record, now) : 0,
    ...(record.operation === 'ExecuteStatement' ? { QueryString: record.subs[0]!.sql } : {}),
    CreatedAt: new Date(record.createdAt),
    UpdatedAt: new Date(updatedAt(record, now)),
    ...common,
  };
  if (record.operation === 'BatchExecuteStatement') {
    return { ...base, SubStatements: record.subs.map((sub) => describeSub(record, sub, now)) };
  }
  return base;
}

function lastStartedQueryId(record: StatementRecord, now: number): number {
  const started = record.subs.filter((s) => s.start <= now && s.start !== s.end);
  return (started[started.length - 1] ?? record.subs[0]!).redshiftQueryId;
}

export function statementData(record: StatementRecord, now: number): StatementData {
  const isBatch = record.operation === 'BatchExecuteStatement';
  return {
    Id: record.id,
    Status: statusAt(record, now),
    ...(isBatch ? { QueryStrings: record.subs.map((s) => s.sql) } : { QueryString: record.subs[0]!.sql }),
    IsBatchStatement: isBatch,
    ...(record.request.StatementName !== undefined ? { StatementName: record.request.StatementName } : {}),
    ...(record.target.SecretArn !== undefined ? { SecretArn: record.target.SecretArn } : {}),
    ...(record.request.Parameters ? { QueryParameters: record.request.Parameters } : {}),
    ResultFormat: record.request.ResultFormat ?? 'JSON',
    ...(record.sessionId !== undefined ? { SessionId: record.sessionId } : {}),
    CreatedAt: new Date(record.createdAt),
    UpdatedAt: new Date(updatedAt(record, now)),
  };
}

export { stoppedAt };
