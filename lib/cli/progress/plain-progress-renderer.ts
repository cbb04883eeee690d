import type { QueryProgressEvent } from '../../local-run';
import type { OutputStream } from '../cli-io';
import { formatDuration, plural, truncate } from './format';
import type { ProgressRenderer } from './progress-renderer';

const LABEL_WIDTH = 80;

/**
 * One line per notable change, for logs and pipes: item start, submission, each change of status
 * (not every poll: a one-hour query is polled hundreds of times), failures, retries and the end.
 */
export class PlainProgressRenderer implements ProgressRenderer {
  private total = 0;
  private lastStatus = new Map<number, string>();
  private startedAt = new Map<number, number>();

  constructor(private readonly stream: OutputStream) {}

  readonly onProgress = (event: QueryProgressEvent): void => {
    const line = this.lineFor(event);
    if (line !== undefined) this.stream.write(`${line}\n`);
  };

  finish(): void {}

  private lineFor(event: QueryProgressEvent): string | undefined {
    switch (event.type) {
      case 'execution-started':
        this.total = event.total;
        return `Running ${plural(event.total, 'query')} (execution ${event.executionName})`;
      case 'item-started':
        this.startedAt.set(event.index, event.timestamp);
        return `${this.tag(event.index)} ${event.resumed ? '' : 'start: '}${truncate(event.label, LABEL_WIDTH)}`;
      case 'submitted':
        return `${this.tag(event.index)} submitted${event.batch ? ' batch' : ''} ${event.statementId ?? ''}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`.trimEnd();
      case 'polling':
        if (this.lastStatus.get(event.index) === event.status || event.status === 'FINISHED' || event.status === 'FAILED' || event.status === 'ABORTED') return undefined;
        this.lastStatus.set(event.index, event.status);
        return `${this.tag(event.index)} ${event.status} (poll ${event.polls})`;
      case 'attempt-failed':
        this.lastStatus.delete(event.index);
        return `${this.tag(event.index)} attempt ${event.attempt} FAILED: ${truncate(event.error, 200)}`;
      case 'retrying':
        return `${this.tag(event.index)} waiting before attempt ${event.nextAttempt}`;
      case 'cancelling':
        return `${this.tag(event.index)} timed out, cancelling ${event.statementId ?? 'the statement'}`;
      case 'item-finished':
        return `${this.tag(event.index)} FINISHED after ${plural(event.polls, 'poll')}, ${plural(event.attempts, 'attempt')}, ${this.elapsed(event.index, event.timestamp)} simulated`;
      case 'item-failed':
        return `${this.tag(event.index)} FAILED after ${plural(event.attempts, 'attempt')}: ${truncate(event.error, 200)}`;
      case 'execution-finished':
        return undefined;
    }
  }

  private tag(index: number): string {
    return `[#${index} of ${this.total}]`;
  }

  private elapsed(index: number, timestamp: number): string {
    return formatDuration(timestamp - (this.startedAt.get(index) ?? timestamp));
  }
}
