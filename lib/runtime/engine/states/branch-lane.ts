/** Lanes for the concurrent paths of Map and Parallel, and the signal that stops siblings when one path fails. */
import { setMaxListeners } from 'node:events';
import type { Execution, Lane } from '../execution';
import { VariableScope } from '../variables';

/** Reason a still-running iteration or branch is stopped when a sibling failed its Map or Parallel state. */
export class PathAborted extends Error {
  override readonly name = 'PathAborted';
}

export function childLane(
  exec: Execution,
  parent: Lane,
  previousEventId: number,
  signal: AbortSignal,
  mapItem?: { readonly Index: number; readonly Value: unknown },
): Lane {
  const scope = new VariableScope(parent.scope.values, exec.variableBudget);
  return mapItem ? { previousEventId, signal, scope, mapItem } : { previousEventId, signal, scope };
}

/**
 * A signal aborted when either the parent path or this group of siblings is aborted. Every waiting iteration or
 * branch listens to it (up to 40 at once in a Map), so Node's 10-listener leak warning does not apply.
 */
export function groupSignal(parent: AbortSignal, group: AbortController): AbortSignal {
  const signal = AbortSignal.any([parent, group.signal]);
  setMaxListeners(0, signal);
  return signal;
}
