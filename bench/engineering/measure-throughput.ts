import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { Measured, ThroughputResult } from './results';

type WorkerMessage = { ok: true; result: ThroughputResult } | { ok: false; error: string };

/** Runs the throughput workload in a child process (inheriting tsx's loader) and waits for its numbers. */
export function measureThroughput(timeoutMs: number): Promise<Measured<ThroughputResult>> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, 'throughput-worker.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const settle = (value: Measured<ThroughputResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill();
      settle({ skipped: `the workload did not finish within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.on('message', (message: WorkerMessage) => {
      settle(message.ok ? { value: message.result } : { skipped: `the workload failed: ${message.error.split('\n')[0]}` });
    });
    child.on('exit', (code) => settle({ skipped: `the worker exited with code ${code} before reporting` }));
    child.on('error', (error) => settle({ skipped: `the worker could not start: ${error.message}` }));
  });
}
