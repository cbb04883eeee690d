import { Clock } from './clock';

/**
 * Wall-clock time, optionally sped up or slowed down: with `timeScale` 0.01 a 30-second Wait takes
 * 300 ms of real time, and `now()` reports 30 seconds later. `timeScale` 1 is real time.
 */
export class RealClock implements Clock {
  private readonly realStart = Date.now();

  constructor(
    private readonly timeScale = 1,
    private readonly start: number = Date.now(),
  ) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
    }
  }

  now(): number {
    return this.start + Math.round((Date.now() - this.realStart) / this.timeScale);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms) * this.timeScale);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  hold<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}
