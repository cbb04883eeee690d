/**
 * One submitted statement and its timeline. Status is never stored: it is derived from the clock's
 * `now` and the times fixed at submission, so nothing needs a background timer.
 */
import type { StatementFate } from './fault-injector';
import type { SqlField } from './sql-engine';
import type { StatementTarget, StatusString } from './wire-types';

/** How long a statement shows PICKED before STARTED, capped by its duration. */
export const PICKED_MS = 100;
/** Results and metadata are kept 24 hours after the statement ends, as AWS. */
export const RETENTION_MS = 24 * 3600 * 1000;

export interface StoredResult {
  readonly fields: readonly SqlField[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export type FinalStatus = 'FINISHED' | 'FAILED' | 'ABORTED';

export interface SubStatementRecord {
  /** 1-based position in the batch (1 for a single statement). */
  readonly index: number;
  readonly sql: string;
  readonly fate: StatementFate;
  /** Start and end of its STARTED window; `end` is Infinity when it never finishes. */
  start: number;
  end: number;
  /** Status once `end` has passed. */
  final: FinalStatus;
  error?: string;
  result?: StoredResult;
  resultRows: number;
  resultSize: number;
  readonly redshiftQueryId: number;
  /** What the emulator did instead of running it, for Redshift-only SQL. */
  simulated?: string;
}

export interface StatementRecord {
  readonly id: string;
  readonly operation: 'ExecuteStatement' | 'BatchExecuteStatement';
  readonly identity: string;
  readonly request: StatementTarget & { readonly Sql?: string; readonly Sqls?: readonly string[] };
  /** Canonical JSON of the request, to compare ClientToken reuse. */
  readonly fingerprint: string;
  /** The resolved target (from the request or its session). */
  readonly target: ResolvedTarget;
  readonly sessionId?: string;
  readonly createdAt: number;
  readonly pickedAt: number;
  readonly startedAt: number;
  /** When the statement reaches its final status (Infinity: never, until cancelled). */
  endsAt: number;
  final: FinalStatus;
  error?: string;
  cancelledAt?: number;
  readonly subs: SubStatementRecord[];
  readonly redshiftPid: number;
  /** Aborts the pending WithEvent timer. */
  eventTimer?: AbortController;
}

export interface ResolvedTarget {
  readonly ClusterIdentifier?: string;
  readonly WorkgroupName?: string;
  readonly Database: string;
  readonly DbUser?: string;
  readonly SecretArn?: string;
}

export function statusAt(record: StatementRecord, now: number): StatusString {
  if (record.cancelledAt !== undefined && now >= record.cancelledAt) return 'ABORTED';
  if (now < record.pickedAt) return 'SUBMITTED';
  if (now < record.startedAt) return 'PICKED';
  if (now < record.endsAt) return 'STARTED';
  return record.final;
}

export function isTerminal(status: StatusString): boolean {
  return status === 'FINISHED' || status === 'FAILED' || status === 'ABORTED';
}

/** When the statement stops (end or cancel), or undefined while it runs. */
export function stoppedAt(record: StatementRecord, now: number): number | undefined {
  const stop = Math.min(record.endsAt, record.cancelledAt ?? Infinity);
  return stop <= now ? stop : undefined;
}

export function subStatusAt(record: StatementRecord, sub: SubStatementRecord, now: number): StatusString {
  const cancelled = record.cancelledAt !== undefined && now >= record.cancelledAt;
  if (cancelled && !(sub.end <= record.cancelledAt!)) return 'ABORTED';
  if (now < Math.max(sub.start, record.startedAt)) return 'SUBMITTED';
  if (now < sub.end) return 'STARTED';
  return sub.final;
}

/** Last status change at or before `now`. */
export function updatedAt(record: StatementRecord, now: number): number {
  const changes = [record.createdAt, record.pickedAt, record.startedAt, record.endsAt, record.cancelledAt ?? Infinity];
  return Math.max(...changes.filter((t) => t <= now));
}

export function subUpdatedAt(record: StatementRecord, sub: SubStatementRecord, now: number): number {
  const changes = [record.createdAt, sub.start, sub.end, record.cancelledAt ?? Infinity];
  return Math.max(...changes.filter((t) => t <= now));
}

/** Nanoseconds of run time: -1 before it starts, elapsed while running, final once stopped. */
export function durationNanos(startedAt: number, end: number, now: number, cancelledAt?: number): number {
  if (now < startedAt) return -1;
  const stop = Math.min(end, cancelledAt ?? Infinity, now);
  return Math.max(0, Math.round((stop - startedAt) * 1e6));
}
