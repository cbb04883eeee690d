import { Session } from 'node:inspector';

/** The parts of a V8 CPU profile (`Profiler.stop`) this module reads. */
export interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly url: string; readonly functionName: string } }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Runs `work` under the V8 sampling profiler of this process and returns the profile. */
export async function profile<T>(work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params ?? {}, (error, value) => (error ? reject(error) : resolve(value))),
    );
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    const result = await work();
    const { profile: cpuProfile } = await post('Profiler.stop');
    return { result, profile: cpuProfile as CpuProfile };
  } finally {
    session.disconnect();
  }
}

/**
 * Share of busy CPU time whose sampled frame (self time) lies in a script whose URL contains `urlPart`.
 * Idle time is left out of the denominator; garbage collection stays in it.
 */
export function selfTimeShare(cpuProfile: CpuProfile, urlPart: string): number {
  const matching = new Set<number>();
  const idle = new Set<number>();
  for (const node of cpuProfile.nodes) {
    if (node.callFrame.url.includes(urlPart)) matching.add(node.id);
    if (node.callFrame.functionName === '(idle)') idle.add(node.id);
  }
  const samples = cpuProfile.samples ?? [];
  const deltas = cpuProfile.timeDeltas ?? [];
  let busy = 0;
  let inside = 0;
  samples.forEach((nodeId, index) => {
    if (idle.has(nodeId)) return;
    const delta = deltas[index] ?? 0;
    busy += delta;
    if (matching.has(nodeId)) inside += delta;
  });
  return busy === 0 ? 0 : inside / busy;
}
