/** Field limits AWS enforces on state machines: checked statically here and again at run time by the local runtime. */

/** Largest Wait `Seconds`. */
export const MAX_WAIT_SECONDS = 99_999_999;

/** Largest Task `TimeoutSeconds` / `HeartbeatSeconds`. */
export const MAX_TASK_SECONDS = 99_999_999;

/** A Wait `Timestamp`: RFC 3339 with an uppercase T, and Z unless a numeric offset is given. */
export const WAIT_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
