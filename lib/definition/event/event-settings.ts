/** Deploy-time settings of the event completion mode, shared by the build-time checks and the run-time checks. */
import type { CompletionMode } from '../options';

export const COMPLETION_MODES: readonly CompletionMode[] = ['poll', 'event'];

export const EVENT_DEFAULTS = {
  completionMode: 'poll' as CompletionMode,
  /**
   * Two hours: a lost event (rare: the Data API documents event delivery) delays the next query at most 2 h; a
   * statement of up to 2 h (the 1-hour bench query: 3,607 s) never re-arms, and a 24-hour one re-arms 11 times
   * (143 history events).
   */
  eventFallbackSeconds: 7200,
} as const;

/**
 * Bounds of `eventFallbackSeconds`. Each expiry costs one Await + DescribeStatement + CheckStatus (13 history
 * events); at 300 s a statement running the Data API's full 24 h re-arms 288 times (3,744 events), which leaves
 * room for 1,000 quick statements in the same execution.
 */
export const EVENT_FALLBACK_RANGE = { min: 300, max: 86_400 } as const;

/** `<prefix>/<execution name ≤ 80>/<index ≤ 4 digits>/<attempt ≤ 5 digits>/` stays far inside StatementName's 500. */
export const STATEMENT_NAME_PREFIX_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
export const STATEMENT_NAME_PREFIX_REQUIREMENT = '1-100 letters, digits, ".", "_" or "-"';

/** The Data API limit on StatementName. */
export const MAX_STATEMENT_NAME_LENGTH = 500;
