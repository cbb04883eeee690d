/** The execution history: AWS event types, ids chained per lane, and the hard event limit. */
import type { Clock } from '../../clock';
import { ExecutionTerminated, StatesErrors } from '../errors';
import type { HistoryEvent } from '../types';

/** Anything that keeps its own chain of `previousEventId` (the main path, a Map iteration, a Parallel branch). */
export interface EventChain {
  previousEventId: number;
}

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly maxEvents: number,
    private readonly onEvent?: (event: HistoryEvent) => void,
    /** A redriven execution continues the history of its earlier attempts (the event limit counts them all). */
    earlierEvents: readonly HistoryEvent[] = [],
  ) {
    this.events.push(...earlierEvents);
  }

  /**
   * Appends an event and returns its id. The event that would take the last allowed id is refused: AWS writes
   * `ExecutionFailed` (States.Runtime) as event number `maxEvents` instead, which {@link recordFinal} does.
   */
  record(chain: EventChain, type: string, details?: Record<string, unknown>): number {
    const id = this.events.length + 1;
    if (this.closed || id >= this.maxEvents) {
      this.closed = true;
      throw new ExecutionTerminated(
        'FAILED',
        StatesErrors.Runtime,
        `The execution reached the maximum number of history events (${this.maxEvents}).`,
      );
    }
    this.push(id, chain.previousEventId, type, details);
    chain.previousEventId = id;
    return id;
  }

  /** Appends the final execution event (ExecutionSucceeded/Failed/TimedOut), which the limit never refuses. */
  recordFinal(type: string, details: Record<string, unknown>): HistoryEvent {
    this.closed = true;
    const id = this.events.length + 1;
    return this.push(id, id - 1, type, details);
  }

  get lastEventId(): number {
    return this.events.length;
  }

  private push(id: number, previousEventId: number, type: string, details: Record<string, unknown> | undefined): HistoryEvent {
    const event: HistoryEvent = details
      ? { id, previousEventId, timestamp: this.clock.now(), type, details }
      : { id, previousEventId, timestamp: this.clock.now(), type };
    this.events.push(event);
    this.onEvent?.(event);
    return event;
  }
}
