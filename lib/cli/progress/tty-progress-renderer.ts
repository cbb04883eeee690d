import type { QueryProgressEvent } from '../../local-run';
import type { OutputStream } from '../cli-io';
import { formatDuration, plural, truncate } from './format';
import type { ProgressRenderer } from './progress-renderer';

/** Redraw at most this often: a virtual-time run emits thousands of events per second. */
const REDRAW_INTERVAL_MS = 80;
/** Items shown at once; long lists scroll, the header keeps the totals. */
const VISIBLE_ITEMS = 12;
const CLEAR_LINE = '\x1b[2K';
const CLEAR_BELOW = '\x1b[J';

interface ItemLine {
  label: string;
  state: 'running' | 'done' | 'failed';
  detail: string;
  startedAt: number;
  polls: number;
}

/**
 * A live display on a terminal: a header with totals and one line per recent item (status, polls,
 * simulated time), redrawn in place with ANSI cursor movement.
 */
export class TtyProgressRenderer implements ProgressRenderer {
  private readonly items = new Map<number, ItemLine>();
  private total = 0;
  private finishedCount = 0;
  private failedCount = 0;
  private drawnLines = 0;
  private timer: NodeJS.Timeout | undefined;
  private received = false;

  constructor(private readonly stream: OutputStream) {}

  readonly onProgress = (event: QueryProgressEvent): void => {
    this.received = true;
    this.apply(event);
    this.scheduleRedraw();
  };

  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.received) this.redraw();
  }

  private apply(event: QueryProgressEvent): void {
    const item = 'index' in event ? this.items.get(event.index) : undefined;
    switch (event.type) {
      case 'execution-started':
        this.total = event.total;
        return;
      case 'item-started':
        this.items.set(event.index, { label: event.label, state: 'running', detail: event.resumed ? 'resuming' : 'submitting', startedAt: event.timestamp, polls: 0 });
        return;
      case 'submitted':
        if (item) item.detail = event.attempt > 1 ? `submitted (attempt ${event.attempt})` : 'submitted';
        return;
      case 'polling':
        if (item) {
          item.polls = event.polls;
          item.detail = `${event.status} · ${plural(event.polls, 'poll')} · ${formatDuration(event.timestamp - item.startedAt)}`;
        }
        return;
      case 'attempt-failed':
        if (item) item.detail = `attempt ${event.attempt} FAILED: ${event.error}`;
        return;
      case 'retrying':
        if (item) item.detail = `waiting before attempt ${event.nextAttempt} (${event.error})`;
        return;
      case 'cancelling':
        if (item) item.detail = 'timed out, cancelling';
        return;
      case 'item-finished':
        this.finishedCount++;
        if (item) {
          item.state = 'done';
          item.detail = `FINISHED · ${plural(event.polls, 'poll')} · ${plural(event.attempts, 'attempt')} · ${formatDuration(event.timestamp - item.startedAt)}`;
        }
        return;
      case 'item-failed':
        this.failedCount++;
        if (item) {
          item.state = 'failed';
          item.detail = `FAILED: ${event.error}`;
        }
        return;
      case 'execution-finished':
        // The command prints the execution's status, Error and Cause right after the display.
        return;
    }
  }

  private scheduleRedraw(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.redraw();
    }, REDRAW_INTERVAL_MS);
    this.timer.unref();
  }

  private redraw(): void {
    // A pseudo-terminal may report 0 columns: fall back to a common width.
    const width = Math.max(20, (this.stream.columns || 100) - 1);
    const lines = this.render().map((line) => (line.length <= width ? line : `${line.slice(0, width - 1)}…`));
    const up = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
    this.stream.write(`${up}${lines.map((line) => `${CLEAR_LINE}${line}\n`).join('')}${CLEAR_BELOW}`);
    this.drawnLines = lines.length;
  }

  private render(): string[] {
    const indexes = [...this.items.keys()].sort((a, b) => a - b).slice(-VISIBLE_ITEMS);
    const hidden = this.items.size - indexes.length;
    const header = `Queries: ${this.finishedCount}/${this.total} finished${this.failedCount ? `, ${this.failedCount} failed` : ''}${hidden > 0 ? ` (${hidden} earlier not shown)` : ''}`;
    const lines = [header];
    for (const index of indexes) {
      const item = this.items.get(index)!;
      const mark = item.state === 'done' ? '✔' : item.state === 'failed' ? '✖' : '…';
      lines.push(`${mark} [#${index} of ${this.total}] ${truncate(item.label, 48).padEnd(48)}  ${item.detail}`);
    }
    return lines;
  }
}
