import type { QueryProgressEvent } from '../../local-run';
import type { OutputStream } from '../cli-io';
import { PlainProgressRenderer } from './plain-progress-renderer';
import { TtyProgressRenderer } from './tty-progress-renderer';

/** Shows query-list progress on stderr. */
export interface ProgressRenderer {
  readonly onProgress: (event: QueryProgressEvent) => void;
  /** Draws the final state and releases timers; call once, before printing results. */
  finish(): void;
}

/** A live, redrawn display on a terminal; plain lines (one per notable change) otherwise; nothing when quiet. */
export function createProgressRenderer(stream: OutputStream, quiet = false): ProgressRenderer {
  if (quiet) return { onProgress: () => undefined, finish: () => undefined };
  return stream.isTTY ? new TtyProgressRenderer(stream) : new PlainProgressRenderer(stream);
}
