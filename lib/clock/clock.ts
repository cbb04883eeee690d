/**
 * Time source shared by the ASL runtime and the Redshift Data emulator.
 * Every wait, back-off, timeout and timestamp goes through one of these, so a
 * 24-hour execution can run in milliseconds on a {@link VirtualClock}.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock's time line. */
  now(): number;
  /** Resolves once `ms` have passed on this clock; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Marks real asynchronous work (a database round trip) during which simulated time must not advance,
   * so concurrent branches keep their order. A real-time clock simply awaits the promise.
   */
  hold<T>(work: Promise<T>): Promise<T>;
}

/** 2026-01-01T00:00:00Z: a fixed default start so virtual runs are reproducible. */
export const DEFAULT_VIRTUAL_START = Date.UTC(2026, 0, 1);
