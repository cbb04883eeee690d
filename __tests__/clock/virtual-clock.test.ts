import { VirtualClock, RealClock, createClock, DEFAULT_VIRTUAL_START, seededRandom } from '../../lib/clock';

describe('VirtualClock', () => {
  test('jumps straight to the next timer', async () => {
    const clock = new VirtualClock();
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(DEFAULT_VIRTUAL_START + 3_600_000);
  });

  test('concurrent sleepers wake in time order, ties in the order they were set', async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    await Promise.all([
      clock.sleep(30).then(() => woke.push(`a@${clock.now()}`)),
      clock.sleep(10).then(() => woke.push(`b@${clock.now()}`)),
      clock.sleep(30).then(() => woke.push(`c@${clock.now()}`)),
      clock.sleep(0).then(() => woke.push(`d@${clock.now()}`)),
    ]);
    expect(woke).toEqual(['d@0', 'b@10', 'a@30', 'c@30']);
  });

  test('does not advance while real work is held', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    const slowWork = new Promise<void>((resolve) => setTimeout(resolve, 20));
    await Promise.all([
      clock.sleep(100).then(() => order.push(`sleeper@${clock.now()}`)),
      clock.hold(slowWork).then(async () => {
        order.push(`work-done@${clock.now()}`);
        await clock.sleep(10);
        order.push(`after-work@${clock.now()}`);
      }),
    ]);
    expect(order).toEqual(['work-done@0', 'after-work@10', 'sleeper@100']);
  });

  test('an aborted sleep rejects with the reason and leaves no timer behind', async () => {
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
    expect(clock.now()).toBe(0);
  });
});

describe('RealClock', () => {
  test('scales waits and reports scaled time', async () => {
    const clock = new RealClock(0.001, 0);
    await clock.sleep(10_000); // 10 ms real
    expect(clock.now()).toBeGreaterThanOrEqual(9_000);
  });

  test('fails when the time scale is not positive', () => {
    expect(() => new RealClock(-1)).toThrow('timeScale must be a positive number, got -1');
  });

  test('createClock gives virtual time by default', () => {
    expect(createClock()).toBeInstanceOf(VirtualClock);
    expect(createClock(0.5)).toBeInstanceOf(RealClock);
  });
});

describe('seededRandom', () => {
  test('repeats its sequence for a seed, differs across seeds, stays in [0, 1)', () => {
    const take = (seed: number) => {
      const next = seededRandom(seed);
      return Array.from({ length: 1000 }, () => next());
    };
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    expect(take(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
