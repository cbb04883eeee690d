/**
 * The waiting half of a `.waitForTaskToken` Task: after the handler's call succeeds (TaskSubmitted), wait for the
 * token's answer, with TimeoutSeconds counted from the task start and HeartbeatSeconds re-armed by each
 * SendTaskHeartbeat. Whatever ends the wait first wins; the token is closed by the caller afterwards.
 */
import type { Clock } from '../../clock';
import { StatesError, StatesErrors } from '../errors';
import type { CallbackOutcome, IssuedTaskToken } from './task-tokens';

export interface CallbackWait {
  readonly clock: Clock;
  readonly stateName: string;
  /** The handler's call (sends the token somewhere); its result is the TaskSubmitted output. */
  readonly call: Promise<unknown>;
  readonly issued: IssuedTaskToken;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  /** The lane's signal: the execution stopped or a sibling failed. */
  readonly laneSignal: AbortSignal;
  /** Aborted (with the error) when the wait ends in a timeout, so a handler still running stops. */
  readonly controller: AbortController;
  readonly onSubmitted: (result: unknown) => void;
}

/** Resolves with the SendTaskSuccess output; rejects with the handler's error, a timeout, a SendTaskFailure or the lane's reason. */
export function awaitCallback(wait: CallbackWait): Promise<unknown> {
  const { clock, laneSignal, controller } = wait;
  return new Promise<unknown>((resolve, reject) => {
    const timers = new AbortController();
    let heartbeat: AbortController | undefined;
    let settled = false;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      timers.abort();
      laneSignal.removeEventListener('abort', onLaneAbort);
      return true;
    };
    const fail = (error: unknown, abortHandler = false): void => {
      if (!finish()) return;
      if (abortHandler) controller.abort(error);
      reject(error);
    };
    const onLaneAbort = () => fail(laneSignal.reason, true);
    if (laneSignal.aborted) return onLaneAbort();
    laneSignal.addEventListener('abort', onLaneAbort, { once: true });

    const expire = (ms: number, signal: AbortSignal, error: () => StatesError): void => {
      clock.sleep(ms, signal).then(
        () => fail(error(), true),
        () => undefined,
      );
    };
    if (wait.timeoutSeconds !== undefined) {
      const seconds = wait.timeoutSeconds;
      expire(seconds * 1000, timers.signal, () => new StatesError(StatesErrors.Timeout, `The task '${wait.stateName}' did not finish within TimeoutSeconds (${seconds} s).`));
    }
    const armHeartbeat = (): void => {
      if (wait.heartbeatSeconds === undefined || settled) return;
      heartbeat?.abort();
      heartbeat = new AbortController();
      const seconds = wait.heartbeatSeconds;
      expire(seconds * 1000, AbortSignal.any([timers.signal, heartbeat.signal]), () => new StatesError(StatesErrors.HeartbeatTimeout, `The task '${wait.stateName}' sent no heartbeat within HeartbeatSeconds (${seconds} s).`));
    };
    armHeartbeat();
    wait.issued.onHeartbeat(armHeartbeat);

    wait.call.then(
      (result) => {
        if (settled) return;
        try {
          wait.onSubmitted(result);
        } catch (error) {
          return fail(error);
        }
        wait.issued.outcome.then((outcome: CallbackOutcome) => {
          if (!finish()) return;
          if (outcome.kind === 'success') resolve(outcome.output);
          else reject(new CallbackFailure(outcome.error, outcome.cause));
        });
      },
      (error: unknown) => fail(error),
    );
  });
}

/** SendTaskFailure: the task fails with exactly the given error and cause, either of which may be absent. */
export class CallbackFailure extends StatesError {
  constructor(
    readonly sentError: string | undefined,
    readonly sentCause: string | undefined,
  ) {
    super(sentError ?? '', sentCause ?? '');
  }
}
