import type { ExecutionStatus, HistoryEvent } from '../runtime';
import { QueryProgressEvent, QueryProgressListener } from './query-progress';
import { isRecord, QueryListItemSummary, sqlOf } from './query-list-items';

const REDSHIFT_DATA_ARN_PREFIX = 'arn:aws:states:::aws-sdk:redshiftdata:';
const SUBMIT_ACTIONS = new Set(['executeStatement', 'batchExecuteStatement']);
const FINAL_EVENT_STATUS: Readonly<Record<string, ExecutionStatus>> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'FAILED',
};

type ItemPhase = 'submitting' | 'polling' | 'attempt-failed' | 'retry-announced' | 'finished' | 'failed';

interface CurrentItem {
  readonly index: number;
  attempt: number;
  polls: number;
  statementId?: string;
  phase: ItemPhase;
  lastError?: string;
}

interface ScheduledCall {
  readonly action: string;
  readonly args: Record<string, unknown>;
}

/**
 * Turns the history events of a query-list execution into {@link QueryProgressEvent}s.
 *
 * It relies only on what any correct query-list state machine must do (items run in order; each is
 * submitted with ExecuteStatement/BatchExecuteStatement, or resumed by StatementId, then polled with
 * DescribeStatement), not on state names, so it follows our generated definition and a synthesized
 * one alike. A new item starts when a submission follows a finished item, or when a DescribeStatement
 * asks about a statement the current item did not submit (a resumed item); SQL text and StatementId
 * pick the item's index when items are skipped.
 */
export class QueryProgressTracker {
  private current: CurrentItem | undefined;
  private nextIndex = 0;
  private scheduled: ScheduledCall | undefined;
  private lastTaskError: { error: string; cause?: string } | undefined;

  constructor(
    private readonly items: readonly QueryListItemSummary[],
    private readonly emit: QueryProgressListener,
    private readonly executionName: string,
  ) {}

  /** Feed every history event, in order (pass this as `onEvent`). */
  readonly onEvent = (event: HistoryEvent): void => {
    const details = event.details ?? {};
    switch (event.type) {
      case 'ExecutionStarted':
        this.emit({ type: 'execution-started', executionName: this.executionName, total: this.items.length, timestamp: event.timestamp });
        return;
      case 'TaskScheduled':
        this.onTaskScheduled(details, event.timestamp);
        return;
      case 'TaskSucceeded':
        this.onTaskSucceeded(details, event.timestamp);
        return;
      case 'TaskFailed':
      case 'TaskTimedOut':
        if (this.scheduled) this.lastTaskError = { error: stringField(details, 'error') ?? event.type, cause: stringField(details, 'cause') };
        return;
      case 'WaitStateEntered':
        this.onWaitEntered(event.timestamp);
        return;
      default:
        if (event.type in FINAL_EVENT_STATUS) this.onExecutionEnded(FINAL_EVENT_STATUS[event.type]!, details, event.timestamp);
    }
  };

  private onTaskScheduled(details: Readonly<Record<string, unknown>>, timestamp: number): void {
    const action = redshiftDataAction(details);
    if (!action) {
      this.scheduled = undefined;
      return;
    }
    const args = asRecord(parseMaybeJson(details.parameters ?? details.input ?? details.arguments));
    this.scheduled = { action, args };
    this.lastTaskError = undefined;
    const item = this.current;
    if (SUBMIT_ACTIONS.has(action)) {
      if (item && item.phase === 'submitting') return; // an API-level Retry of the same submission
      if (item && (item.phase === 'attempt-failed' || item.phase === 'retry-announced')) {
        item.attempt++;
        item.phase = 'submitting';
        item.statementId = undefined;
        return;
      }
      this.startItem(this.findItemBySql(args), false, timestamp).phase = 'submitting';
      return;
    }
    if (action === 'describeStatement') {
      const id = typeof args.Id === 'string' ? args.Id : undefined;
      const belongsToCurrent =
        item && item.phase !== 'finished' && item.phase !== 'failed' && (!id || !item.statementId || sameStatement(id, item.statementId));
      if (!belongsToCurrent) {
        const resumed = this.startItem(this.findItemByStatementId(id), true, timestamp);
        resumed.statementId = id;
        resumed.attempt = 1;
        resumed.phase = 'polling';
      }
      return;
    }
    if (action === 'cancelStatement' && item) {
      const id = typeof args.Id === 'string' ? args.Id : item.statementId;
      this.emit({ type: 'cancelling', index: item.index, statementId: id, timestamp });
    }
  }

  private onTaskSucceeded(details: Readonly<Record<string, unknown>>, timestamp: number): void {
    const action = redshiftDataAction(details) ?? this.scheduled?.action;
    const item = this.current;
    if (!action || !item || !this.scheduled) return;
    const result = asRecord(parseMaybeJson(details.output ?? details.result));
    if (SUBMIT_ACTIONS.has(action)) {
      item.statementId = typeof result.Id === 'string' ? result.Id : undefined;
      item.phase = 'polling';
      this.emit({ type: 'submitted', index: item.index, attempt: item.attempt, statementId: item.statementId, batch: action === 'batchExecuteStatement', timestamp });
      return;
    }
    if (action !== 'describeStatement' || item.phase === 'finished' || item.phase === 'failed') return;
    item.polls++;
    const status = typeof result.Status === 'string' ? result.Status : 'UNKNOWN';
    this.emit({ type: 'polling', index: item.index, polls: item.polls, status, timestamp });
    if (status === 'FINISHED') {
      item.phase = 'finished';
      this.nextIndex = item.index + 1;
      this.emit({ type: 'item-finished', index: item.index, attempts: item.attempt, polls: item.polls, statementId: item.statementId, timestamp });
    } else if (status === 'FAILED') {
      item.phase = 'attempt-failed';
      item.lastError = failedStatementError(result);
      this.emit({ type: 'attempt-failed', index: item.index, attempt: item.attempt, error: item.lastError, timestamp });
    } else if (status === 'ABORTED') {
      item.phase = 'failed';
      this.nextIndex = item.index + 1;
      this.emit({ type: 'item-failed', index: item.index, attempts: item.attempt, polls: item.polls, error: 'statement ABORTED', timestamp });
    }
  }

  private onWaitEntered(timestamp: number): void {
    const item = this.current;
    if (!item || item.phase !== 'attempt-failed') return;
    item.phase = 'retry-announced';
    this.emit({ type: 'retrying', index: item.index, nextAttempt: item.attempt + 1, error: item.lastError ?? 'FAILED', timestamp });
  }

  private onExecutionEnded(status: ExecutionStatus, details: Readonly<Record<string, unknown>>, timestamp: number): void {
    const error = stringField(details, 'error');
    const cause = stringField(details, 'cause');
    const item = this.current;
    if (item && item.phase !== 'finished' && item.phase !== 'failed') {
      item.phase = 'failed';
      this.emit({
        type: 'item-failed',
        index: item.index,
        attempts: item.attempt,
        polls: item.polls,
        error: item.lastError ?? this.lastTaskError?.error ?? error ?? status,
        cause: cause ?? this.lastTaskError?.cause,
        timestamp,
      });
    }
    this.emit({ type: 'execution-finished', status, error, cause, timestamp });
  }

  private startItem(index: number, resumed: boolean, timestamp: number): CurrentItem {
    const item: CurrentItem = { index, attempt: 1, polls: 0, phase: 'submitting' };
    this.current = item;
    this.nextIndex = index + 1;
    const summary = this.items[index];
    const label = resumed ? `resume ${summary?.statementId ?? 'statement'}` : oneLine(summary?.sql ?? `item ${index}`);
    this.emit({ type: 'item-started', index, total: this.items.length, label, resumed, timestamp });
    return item;
  }

  /** The first item from `nextIndex` on whose SQL matches the submission; `nextIndex` when none does. */
  private findItemBySql(args: Record<string, unknown>): number {
    const sql = sqlOf(args);
    if (sql !== undefined) {
      for (let i = this.nextIndex; i < this.items.length; i++) {
        if (this.items[i]!.statementId === undefined && this.items[i]!.sql === sql) return i;
      }
    }
    return this.nextIndex;
  }

  private findItemByStatementId(id: string | undefined): number {
    if (id !== undefined) {
      for (let i = this.nextIndex; i < this.items.length; i++) {
        const own = this.items[i]!.statementId;
        if (own !== undefined && sameStatement(id, own)) return i;
      }
    }
    return this.nextIndex;
  }
}

/** `describeStatement` for `arn:aws:states:::aws-sdk:redshiftdata:describeStatement` (or AWS's split resourceType/resource). */
function redshiftDataAction(details: Readonly<Record<string, unknown>>): string | undefined {
  const resource = details.resource;
  if (typeof resource !== 'string') return undefined;
  if (resource.startsWith(REDSHIFT_DATA_ARN_PREFIX)) return resource.slice(REDSHIFT_DATA_ARN_PREFIX.length).split('.')[0];
  if (details.resourceType === 'aws-sdk:redshiftdata') return resource;
  return undefined;
}

/** A batch's sub-statements are `<Id>:N`. */
function sameStatement(id: string, statementId: string): boolean {
  return id === statementId || id.startsWith(`${statementId}:`) || statementId.startsWith(`${id}:`);
}

function failedStatementError(result: Record<string, unknown>): string {
  if (typeof result.Error === 'string' && result.Error !== '') return result.Error;
  const failedSub = Array.isArray(result.SubStatements) ? result.SubStatements.map(asRecord).find((s) => typeof s.Error === 'string' && s.Error !== '') : undefined;
  return typeof failedSub?.Error === 'string' ? failedSub.Error : 'statement FAILED';
}

/** AWS history events carry parameters and outputs as JSON strings; our runtime may pass objects. */
function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function stringField(details: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = details[key];
  return typeof value === 'string' ? value : undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
