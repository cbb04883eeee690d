/** Builds the Data API's EventBridge event for a statement that reached its final status. */
import { createHash, randomUUID } from 'node:crypto';
import { isoSeconds } from '../eventbridge';
import type { StatementStatusChangeEvent } from './event-bus';
import { isTerminal, RETENTION_MS, StatementRecord, statusAt } from './statement-record';

/** The event at `now`, or undefined while the statement still runs. */
export function statusChangeEvent(record: StatementRecord, now: number, region: string, accountId: string): StatementStatusChangeEvent | undefined {
  const state = statusAt(record, now);
  if (!isTerminal(state)) return undefined;
  const t = record.target;
  const resource =
    t.ClusterIdentifier !== undefined
      ? `arn:aws:redshift:${region}:${accountId}:cluster:${t.ClusterIdentifier}`
      : t.WorkgroupName!.startsWith('arn:')
        ? t.WorkgroupName!
        : `arn:aws:redshift-serverless:${region}:${accountId}:workgroup/${uuidFromName(t.WorkgroupName!)}`;
  const ran = record.subs.filter((s) => s.start !== s.end || s.final === 'FINISHED');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Redshift Data Statement Status Change',
    source: 'aws.redshift-data',
    account: accountId,
    // EventBridge times have second precision ("2020-10-01T21:14:26Z" in AWS's example event).
    time: isoSeconds(now),
    region,
    resources: [resource],
    detail: {
      principal: record.identity,
      statementName: record.request.StatementName ?? '',
      statementId: record.id,
      redshiftQueryId: (ran[ran.length - 1] ?? record.subs[0]!).redshiftQueryId,
      state: state as 'FINISHED' | 'FAILED' | 'ABORTED',
      rows: state === 'FINISHED' ? record.subs.reduce((sum, s) => sum + s.resultRows, 0) : -1,
      expireAt: Math.floor((now + RETENTION_MS) / 1000),
    },
  };
}

/** A stable workgroup UUID for a workgroup name, so event ARNs look like AWS's. */
function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
