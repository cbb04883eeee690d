/** In-process stand-in for EventBridge: receives the Data API's statement status change events. */

export interface StatementStatusChangeDetail {
  /** IAM ARN of the caller that submitted the statement. */
  readonly principal: string;
  readonly statementName: string;
  readonly statementId: string;
  readonly redshiftQueryId: number;
  readonly state: 'FINISHED' | 'FAILED' | 'ABORTED';
  /** Rows returned or affected (-1 when unknown, e.g. failed). */
  readonly rows: number;
  /** When the result expires, epoch seconds (24 h after the end). */
  readonly expireAt: number;
}

/** An EventBridge event envelope with AWS's field names. */
export interface StatementStatusChangeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Redshift Data Statement Status Change';
  readonly source: 'aws.redshift-data';
  readonly account: string;
  /** ISO 8601 time of the status change, on the emulator's clock, to the second (`2026-01-01T00:00:01Z`). */
  readonly time: string;
  readonly region: string;
  /** The cluster (or workgroup) ARN. */
  readonly resources: readonly string[];
  readonly detail: StatementStatusChangeDetail;
}

export type StatementEventListener = (event: StatementStatusChangeEvent) => void;

export class StatementEventBus {
  private readonly listeners = new Set<StatementEventListener>();
  private readonly history: StatementStatusChangeEvent[] = [];

  /** Calls `listener` for every later event; returns the function that unsubscribes it. */
  subscribe(listener: StatementEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every event published so far, oldest first. */
  get events(): readonly StatementStatusChangeEvent[] {
    return this.history;
  }

  publish(event: StatementStatusChangeEvent): void {
    this.history.push(event);
    for (const listener of [...this.listeners]) {
      // A failing subscriber must not break the emulator or the other subscribers.
      try {
        listener(event);
      } catch {
        /* ignored on purpose */
      }
    }
  }
}
