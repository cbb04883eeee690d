/**
 * History-event accounting (aws-facts A4): Task = 5 events, Wait / Choice / Pass / Succeed = 2,
 * ExecutionStarted + ExecutionSucceeded = 2. A Standard execution fails at 25,000 events.
 *
 * The poll loop (Wait → DescribeStatement → Choice) costs 9 events per poll. While an execution has made fewer
 * than {@link STRETCH_AFTER_POLLS} polls, intervals follow the documented schedule exactly. From then on each
 * interval is at least (time left until the statement reaches the Data API's 24 h limit) ÷ (polls left in the
 * budget), where the budget keeps {@link EVENTS_PER_QUICK_ITEM} events for every item not started yet. So a
 * statement that runs the full 24 h still completes inside one execution.
 */
export const HISTORY_EVENT_LIMIT = 25_000;
/** The part of {@link HISTORY_EVENT_LIMIT} the estimate may spend; the rest absorbs API retries. */
export const EVENT_BUDGET = 24_000;
/** ExecutionStarted, Defaults Pass, Validate Pass, Start Choice, Done Succeed, ExecutionSucceeded. */
export const FIXED_EVENTS = 10;
/** Submit Task (5) + the Wait after it (2). */
export const EVENTS_PER_SUBMIT = 7;
/** DescribeStatement Task (5) + CheckStatus Choice (2) + the next Wait (2). */
export const EVENTS_PER_POLL = 9;
/** The decorrelated-jitter Wait before a re-submit. */
export const EVENTS_PER_RESUBMIT_WAIT = 2;
/** Submit (5) + initial Wait (2) + one DescribeStatement (5) + CheckStatus (2). */
export const EVENTS_PER_QUICK_ITEM = 14;
/** Polls (execution-wide) after which intervals may be stretched to protect the budget. */
export const STRETCH_AFTER_POLLS = 600;
/** Longest a Redshift Data API statement may run (aws-facts B5). */
export const DATA_API_MAX_RUNTIME_SECONDS = 86_400;
/** The cost of one SQL-level retry: resubmit Wait (2) + submit Task (5) + Wait (2) + DescribeStatement (5) + CheckStatus (2). */
export const EVENTS_PER_RETRY = 16;
/**
 * Most queries one execution accepts. Each needs at least {@link EVENTS_PER_QUICK_ITEM} history events (1,713 would
 * fill the budget) and one output entry of about 157 bytes in the `results` variable and the final output, both
 * limited to 256 KiB: 1,000 queries take 14,010 events and about 157 KB, leaving room for retried queries' error
 * texts and batches' sub-statement ids.
 */
export const MAX_QUERIES = 1_000;
