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

/** A named slice of CPU time: frames whose script URL contains one of `urlParts`, or whose function name is `functionName`. */
export interface CpuCategory {
  readonly name: string;
  readonly urlParts?: readonly string[];
  readonly functionName?: string;
}

/**
 * Share of busy CPU time (self time of the sampled frame) per category; the first matching category wins and the
 * rest goes to `other`. Idle time is left out of the denominator; garbage collection stays in it.
 */
export function selfTimeBreakdown(cpuProfile: CpuProfile, categories: readonly CpuCategory[]): Record<string, number> {
  const categoryOf = new Map<number, string>();
  const idle = new Set<number>();
  for (const node of cpuProfile.nodes) {
    if (node.callFrame.functionName === '(idle)') idle.add(node.id);
    const category = categories.find(
      (c) =>
        (c.functionName !== undefined && node.callFrame.functionName === c.functionName) ||
        (c.urlParts ?? []).some((part) => node.callFrame.url.includes(part)),
    );
    categoryOf.set(node.id, category?.name ?? 'other');
  }
  const totals: Record<string, number> = Object.fromEntries([...categories.map((c) => [c.name, 0]), ['other', 0]]);
  const samples = cpuProfile.samples ?? [];
  const deltas = cpuProfile.timeDeltas ?? [];
  let busy = 0;
  samples.forEach((nodeId, index) => {
    if (idle.has(nodeId)) return;
    const delta = deltas[index] ?? 0;
    busy += delta;
    const name = categoryOf.get(nodeId) ?? 'other';
    totals[name] = (totals[name] ?? 0) + delta;
  });
  return Object.fromEntries(Object.entries(totals).map(([name, time]) => [name, busy === 0 ? 0 : time / busy]));
}
