/** The test- and benchmark-facing view of a submitted statement. */
import { StatementRecord, statusAt, subStatusAt } from './statement-record';
import type { StatusString } from './wire-types';

/** A submitted statement as tests and benchmarks see it. */
export interface StatementSnapshot {
  readonly Id: string;
  readonly operation: 'ExecuteStatement' | 'BatchExecuteStatement';
  readonly Sql?: string;
  readonly Sqls?: readonly string[];
  readonly Database: string;
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly StatementName?: string;
  readonly ClientToken?: string;
  readonly identity: string;
  /** Status now, on the emulator's clock. */
  readonly Status: StatusString;
  readonly Error?: string;
  readonly createdAt: number;
  /** When it ends (Infinity: never, until cancelled). */
  readonly endsAt: number;
  /** Submissions that returned this Id: more than 1 means ClientToken replays. */
  readonly submissions: number;
  readonly subStatements: readonly {
    readonly Id: string;
    readonly Sql: string;
    readonly Status: StatusString;
    readonly Error?: string;
    /** The Redshift-only feature that was simulated instead of run. */
    readonly simulated?: string;
    /** Index of the scenario `statements` rule that matched. */
    readonly scenarioRule?: number;
  }[];
}

export function statementSnapshot(record: StatementRecord, now: number, submissions: number): StatementSnapshot {
  const failedSub = record.subs.find((s) => s.final === 'FAILED');
  const status = statusAt(record, now);
  return {
    Id: record.id,
    operation: record.operation,
    ...(record.request.Sql !== undefined ? { Sql: record.request.Sql } : {}),
    ...(record.request.Sqls !== undefined ? { Sqls: record.request.Sqls } : {}),
    Database: record.target.Database,
    ...(record.target.ClusterIdentifier !== undefined ? { ClusterIdentifier: record.target.ClusterIdentifier } : {}),
    ...(record.target.WorkgroupName !== undefined ? { WorkgroupName: record.target.WorkgroupName } : {}),
    ...(record.request.StatementName !== undefined ? { StatementName: record.request.StatementName } : {}),
    ...(record.request.ClientToken !== undefined ? { ClientToken: record.request.ClientToken } : {}),
    identity: record.identity,
    Status: status,
    ...(status === 'FAILED' && failedSub?.error ? { Error: failedSub.error } : {}),
    createdAt: record.createdAt,
    endsAt: record.endsAt,
    submissions,
    subStatements: record.subs.map((sub) => ({
      Id: `${record.id}:${sub.index}`,
      Sql: sub.sql,
      Status: subStatusAt(record, sub, now),
      ...(sub.error !== undefined ? { Error: sub.error } : {}),
      ...(sub.simulated !== undefined ? { simulated: sub.simulated } : {}),
      ...(sub.fate.ruleIndex !== undefined ? { scenarioRule: sub.fate.ruleIndex } : {}),
    })),
  };
}
