/** The handler of each state type: runs the state's own work and returns its outcome (see run-states.ts). */
import type { StateType } from '../compiled-machine';
import type { MachineRunner } from '../run-states';
import type { StateOutcome, StateRun } from '../state-run';
import { runChoice } from './choice';
import { runMap } from './map';
import { runParallel } from './parallel';
import { runFail, runPass, runSucceed } from './simple-states';
import { runTask } from './task';
import { runWait } from './wait';

export type StateHandler = (run: StateRun<never>, runStates: MachineRunner) => Promise<StateOutcome>;

export const STATE_HANDLERS: Readonly<Record<StateType, StateHandler>> = {
  Pass: runPass,
  Succeed: runSucceed,
  Fail: runFail,
  Wait: runWait,
  Choice: runChoice,
  Task: runTask,
  Map: runMap,
  Parallel: runParallel,
};
