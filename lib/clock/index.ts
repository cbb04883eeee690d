export { Clock, DEFAULT_VIRTUAL_START } from './clock';
export { VirtualClock } from './virtual-clock';
export { RealClock } from './real-clock';
export { seededRandom } from './seeded-random';

import { Clock } from './clock';
import { RealClock } from './real-clock';
import { VirtualClock } from './virtual-clock';

/** `timeScale` undefined or 0 → virtual (instant) time; otherwise real time scaled by that factor. */
export function createClock(timeScale?: number): Clock {
  return timeScale === undefined || timeScale === 0 ? new VirtualClock() : new RealClock(timeScale);
}
