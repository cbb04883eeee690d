/**
 * Runs a submitted statement's SQL on the database at submission time and fixes its timeline:
 * each sub-statement's STARTED window and final status. The outcome is revealed by the clock later.
 */
import { isVacuum, planStatement } from './redshift-sql';
import { isDatabaseError, SqlDatabase, SqlSession } from './sql-engine';
import { bindNamedParameters } from './sql-text';
import { rowSize } from './result-encoding';
import { PICKED_MS, StatementRecord, SubStatementRecord } from './statement-record';
import type { ExecutionMode, SqlParameter } from './wire-types';

/** Thrown inside a batch transaction to roll it back once a sub-statement did not finish. */
class RollBack extends Error {}

/** Errors that are not the database answering a query (a lost connection): the API call itself fails. */
export class InfrastructureError extends Error {}

export interface ExecutionPlan {
  readonly mode: 'SINGLE' | ExecutionMode;
  readonly parameters?: readonly SqlParameter[];
}

/** Executes the sub-statements in order and stops at the first that does not finish. */
export async function executeStatement(database: SqlDatabase, subs: SubStatementRecord[], plan: ExecutionPlan): Promise<void> {
  if (plan.mode === 'TRANSACTION') {
    await database
      .transaction(async (session) => {
        const allFinished = await runInOrder(session, subs, plan, true);
        if (!allFinished) throw new RollBack();
      })
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error;
      });
  } else {
    await runInOrder(database, subs, plan, false);
  }
}

async function runInOrder(session: SqlSession, subs: SubStatementRecord[], plan: ExecutionPlan, inTransaction: boolean): Promise<boolean> {
  for (const sub of subs) {
    const finished = await runOne(session, sub, plan, inTransaction);
    if (!finished) return false;
  }
  return true;
}

async function runOne(session: SqlSession, sub: SubStatementRecord, plan: ExecutionPlan, inTransaction: boolean): Promise<boolean> {
  switch (sub.fate.outcome) {
    case 'fail':
      sub.final = 'FAILED';
      sub.error = sub.fate.error!;
      return false;
    case 'abort':
      sub.final = 'ABORTED';
      return false;
    case 'neverFinishes':
      return false;
    case 'run':
      break;
  }
  const sqlPlan = planStatement(sub.sql);
  if (sqlPlan.kind === 'simulate') {
    if (inTransaction && isVacuum(sub.sql)) {
      sub.final = 'FAILED';
      sub.error = 'ERROR: VACUUM cannot run inside a transaction block';
      return false;
    }
    sub.final = 'FINISHED';
    sub.simulated = sqlPlan.feature;
    return true;
  }
  const sql = sqlPlan.kind === 'rewrite' ? sqlPlan.sql : sub.sql;
  const bound = plan.parameters ? bindNamedParameters(sql, plan.parameters, plan.mode === 'SINGLE' ? 'Sql' : `Sqls[${sub.index - 1}]`) : { text: sql, values: [] };
  try {
    const result = await session.query(bound.text, bound.values);
    sub.final = 'FINISHED';
    if (result.fields.length > 0) {
      sub.result = { fields: result.fields, rows: result.rows };
      sub.resultRows = result.rows.length;
      sub.resultSize = result.rows.reduce((sum, row) => sum + rowSize(row), 0);
    } else {
      sub.resultRows = result.affectedRows;
      sub.resultSize = 0;
    }
    return true;
  } catch (error) {
    if (!isDatabaseError(error)) throw new InfrastructureError((error as Error)?.message ?? String(error));
    sub.final = 'FAILED';
    sub.error = `${error.severity === 'FATAL' ? 'FATAL' : 'ERROR'}: ${error.message}`;
    return false;
  }
}

/** Lays out the STARTED windows from the fates and outcomes; returns the batch's end. */
export function scheduleTimeline(record: Pick<StatementRecord, 'pickedAt'>, subs: SubStatementRecord[]): { startedAt: number; endsAt: number } {
  let cursor = record.pickedAt;
  let stopped = false;
  for (const sub of subs) {
    if (stopped) {
      // Never ran: stays SUBMITTED until the batch stops, then shows ABORTED (or SUBMITTED forever if it never stops).
      sub.start = cursor;
      sub.end = cursor;
      sub.final = 'ABORTED';
      continue;
    }
    sub.start = cursor;
    sub.end = sub.fate.outcome === 'neverFinishes' ? Infinity : cursor + sub.fate.durationMs;
    cursor = sub.end;
    if (sub.final !== 'FINISHED' || sub.end === Infinity) stopped = true;
  }
  const total = cursor - record.pickedAt;
  return { startedAt: record.pickedAt + Math.min(PICKED_MS, total), endsAt: cursor };
}
