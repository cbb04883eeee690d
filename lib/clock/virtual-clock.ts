import { Clock, DEFAULT_VIRTUAL_START } from './clock';

interface Timer {
  readonly at: number;
  readonly seq: number;
  resolve(): void;
}

/**
 * Discrete-event clock: time stands still while anything can still run, and jumps straight to the
 * next timer once every pending callback has settled (checked with `setImmediate`, after microtasks
 * and I/O callbacks). Timers due at the same instant fire in the order they were set.
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly timers: Timer[] = [];
  private seq = 0;
  private holds = 0;
  private advanceScheduled = false;

  constructor(start: number = DEFAULT_VIRTUAL_START) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        at: this.current + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.timers.indexOf(timer);
        if (index >= 0) this.timers.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.insert(timer);
      this.scheduleAdvance();
    });
  }

  async hold<T>(work: Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work;
    } finally {
      this.holds--;
      this.scheduleAdvance();
    }
  }

  /** Moves time forward by hand (for tests of time-dependent components without timers). */
  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  /** Number of `hold`s in progress (real asynchronous work during which time stands still). */
  get pendingHolds(): number {
    return this.holds;
  }

  /** Number of timers waiting; useful to assert that nothing was left sleeping. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  private insert(timer: Timer): void {
    // Binary search keeps the queue sorted by (at, seq); executions keep few timers so this stays cheap.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.timers[mid]!;
      if (other.at < timer.at || (other.at === timer.at && other.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }

  private scheduleAdvance(): void {
    if (this.advanceScheduled || this.timers.length === 0) return;
    this.advanceScheduled = true;
    setImmediate(() => {
      this.advanceScheduled = false;
      if (this.holds > 0 || this.timers.length === 0) return;
      const next = this.timers.shift()!;
      if (next.at > this.current) this.current = next.at;
      next.resolve();
      this.scheduleAdvance();
    });
  }
}
