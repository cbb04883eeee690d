/**
 * JSONata of the per-item loop: Submit → Wait → DescribeStatement → CheckStatus → (Wait | next item | retry | fail).
 * Variables (all initialised by the ValidateInput state): queries (by index: {"0": item, ...}), queryCount, problem, index, item, attempt, statementId,
 * submittedAt, interval, waitSeconds, polls, submits, resubmits, sleep, nextSleep, errors, results, status,
 * describe, stopReason, retryable, retryBudget, apiError, apiCall, throttles, cancelError; plus `config` (deploy-time defaults).
 */
import {
  DATA_API_MAX_RUNTIME_SECONDS,
  EVENT_BUDGET,
  EVENTS_PER_POLL,
  EVENTS_PER_QUICK_ITEM,
  EVENTS_PER_RESUBMIT_WAIT,
  EVENTS_PER_RETRY,
  EVENTS_PER_SUBMIT,
  FIXED_EVENTS,
  STRETCH_AFTER_POLLS,
} from '../history-budget';
import { RX_COMPILE_FUNCTION, RX_MATCH_FUNCTION } from '../regex/regex-jsonata';
import { MAX_KEPT_ERRORS, MAX_WAIT_SECONDS } from '../settings';
import { NORMALISE_FUNCTION, PARAM_ACCESS_FUNCTIONS, SHOW_FUNCTION } from './input-functions';
import { jsonataBlock } from './literals';

/** Longest error text kept per failed attempt in the output. */
export const OUTPUT_ERROR_LENGTH = 300;
/** Longest Redshift error text kept for the failure Cause. */
export const CAUSE_ERROR_LENGTH = 2000;

const NOW_MS = '$toMillis($states.context.State.EnteredTime)';
/** Rounds to 6 decimals before `$ceil`, so 10 × 1.1 = 11.000000000000002 waits 11 s, not 12. */
const wholeSeconds = (expression: string) => `$ceil($round(${expression}, 6))`;
/** Like {@link wholeSeconds}, at least 1 s: a BaseWaitTime of 1e-7 must not give zero-second retry delays. */
const atLeastOneSecond = (expression: string) => `$max([1, ${wholeSeconds(expression)}])`;
const TERMINAL = "['FINISHED', 'FAILED', 'ABORTED']";

export const SUBMIT_ARGUMENTS = jsonataBlock(
  [
    // Same token for API-level retries of this call (no duplicate SQL); a new one per SQL-level attempt and redrive.
    `$token := $hash($states.context.Execution.Id & '|' & $string($states.context.Execution.RedriveCount) & '|' & $string($index) & '|' & $string($attempt), 'SHA-256')`,
  ],
  `$merge([$item.Params, {'ClientToken': $token}])`,
);

export const SUBMIT_ASSIGN = {
  statementId: '$states.result.Id',
  throttles: '0',
  submittedAt: NOW_MS,
  interval: 'null',
  submits: '$submits + 1',
  waitSeconds: jsonataBlock(
    [`$initial := ${wholeSeconds('$item.InitialWaitTime')}`],
    `$type($item.TimeoutSeconds) = 'number' ? $min([$initial, ${wholeSeconds('$item.TimeoutSeconds')}]) : $initial`,
  ),
};

const CURRENT_INTERVAL = "($type($interval) = 'number' ? $interval : $item.BaseWaitTime)";

/** History events spent once the current DescribeStatement is recorded, and those kept for the items not started. */
const USED = `(${FIXED_EVENTS} + ${EVENTS_PER_SUBMIT} * $submits + ${EVENTS_PER_POLL} * ($polls + 1) + ${EVENTS_PER_RESUBMIT_WAIT} * $resubmits)`;
const RESERVED = `(${EVENTS_PER_QUICK_ITEM} * ($queryCount - $index - 1))`;
const USED_EVENTS = `$used := ${USED}`;
const RESERVED_EVENTS = `$reserved := ${RESERVED}`;

export const NEXT_WAIT_SECONDS = jsonataBlock(
  [
    `$elapsed := (${NOW_MS} - $submittedAt) / 1000`,
    `$regular := ${wholeSeconds(`$min([$item.MaxWait, ${CURRENT_INTERVAL}])`)}`,
    USED_EVENTS,
    RESERVED_EVENTS,
    `$pollsLeft := $floor((${EVENT_BUDGET} - $used - $reserved) / ${EVENTS_PER_POLL})`,
    `$remaining := ${DATA_API_MAX_RUNTIME_SECONDS} - $elapsed`,
    `$stretched := $polls + 1 < ${STRETCH_AFTER_POLLS} ? 0 : $pollsLeft >= 1 ? $ceil($remaining / $pollsLeft) : $ceil($remaining)`,
    `$wait := $max([$regular, $stretched, 1])`,
    `$limit := $item.TimeoutSeconds`,
    `$bounded := $type($limit) = 'number' ? $min([$wait, $max([1, $ceil($limit - $elapsed)])]) : $wait`,
  ],
  `$min([$bounded, ${MAX_WAIT_SECONDS}])`,
);

export const DESCRIBE_ASSIGN = {
  status: "$type($states.result.Status) = 'string' ? $states.result.Status : 'UNKNOWN'",
  polls: '$polls + 1',
  interval: `$min([$item.MaxWait, ${CURRENT_INTERVAL} * $item.WaitMultiplier])`,
  waitSeconds: NEXT_WAIT_SECONDS,
  // Why a statement still running must be cancelled now, or null: its TimeoutSeconds, the Data API's 24 h, or the
  // history budget (one more poll would not fit: stop with a RedshiftQuery error, not States.Runtime at 25,000 events).
  stopReason: jsonataBlock(
    [
      '$limit := $item.TimeoutSeconds',
      `$elapsed := (${NOW_MS} - $submittedAt) / 1000`,
      USED_EVENTS,
      RESERVED_EVENTS,
    ],
    `$states.result.Status in ${TERMINAL} ? null :
$type($limit) = 'number' and $elapsed >= $limit ? 'TimeoutSeconds' :
$elapsed >= ${DATA_API_MAX_RUNTIME_SECONDS} ? 'DataApiLimit' :
$used + $reserved + ${EVENTS_PER_POLL} > ${EVENT_BUDGET} ? 'HistoryBudget' : null`,
  ),
  // Whether one more SQL-level retry still fits the history budget.
  retryBudget: jsonataBlock([USED_EVENTS, RESERVED_EVENTS], `$used + $reserved + ${EVENTS_PER_RETRY} <= ${EVENT_BUDGET}`),
  throttles: '0',
  describe: jsonataBlock(
    ['$r := $states.result'],
    `{
  "Status": $r.Status,
  "Error": $type($r.Error) = 'string' ? $substring($r.Error, 0, ${CAUSE_ERROR_LENGTH}) : (),
  "ResultRows": $r.ResultRows,
  "HasResultSet": $r.HasResultSet,
  "Duration": $r.Duration,
  "SubStatementIds": $exists($r.SubStatements) ? $append([], $r.SubStatements.Id) : ()
}`,
  ),
  retryable: jsonataBlock(
    [RX_COMPILE_FUNCTION, RX_MATCH_FUNCTION],
    `$states.result.Status = 'FAILED' and $exists($item.Params) and $attempt - 1 < $item.MaxRetries and (
  ${USED} + ${RESERVED} + ${EVENTS_PER_RETRY} <= ${EVENT_BUDGET}
) and (
  $item.RetryErrorMatch = '' or $rxMatch($rxCompile($item.RetryErrorMatch), $type($states.result.Error) = 'string' ? $states.result.Error : '')
)`,
  ),
  // Decorrelated jitter (aws-facts D): sleep = min(cap, uniform(base, previous sleep × 3)), whole seconds.
  nextSleep: jsonataBlock(
    [
      `$base := ${atLeastOneSecond('$item.BaseWaitTime')}`,
      `$cap := ${atLeastOneSecond('$item.MaxWait')}`,
      `$previous := $type($sleep) = 'number' ? $sleep : $base`,
      `$high := $max([$base, $previous * 3])`,
    ],
    `$states.result.Status = 'FAILED' ? $min([$cap, $base + $floor($random() * ($high - $base + 1))]) : null`,
  ),
};

/** Assignments when CheckStatus decides to submit a FAILED statement again. */
export const RETRY_ASSIGN = {
  attempt: '$attempt + 1',
  // Only the last MAX_KEPT_ERRORS texts: 1,000 retries must not grow a variable (and the output) without bound.
  errors: jsonataBlock(
    [`$all := $append($errors, $type($describe.Error) = 'string' ? $substring($describe.Error, 0, ${OUTPUT_ERROR_LENGTH}) : '')`],
    `$count($all) > ${MAX_KEPT_ERRORS} ? $append([], $filter($all, function($v, $i) { $i >= $count($all) - ${MAX_KEPT_ERRORS} })) : $all`,
  ),
  sleep: '$nextSleep',
  resubmits: '$resubmits + 1',
};

/** The compact output entry of the item that just FINISHED. */
export const FINISHED_ENTRY = `{
  "Index": $index,
  "StatementId": $statementId,
  "SubStatementIds": $lookup($describe, 'SubStatementIds'),
  "Status": $describe.Status,
  "Attempts": $attempt,
  "ResultRows": $describe.ResultRows,
  "HasResultSet": $describe.HasResultSet,
  "Duration": $describe.Duration,
  "Errors": $count($errors) > 0 ? $errors : ()
}`;

export type ItemKind = 'end' | 'resume' | 'batch' | 'single';

/** The input item at index `next` (a JSONata expression), looked up by key (see QUERIES_EXPRESSION). */
function queryAt(next: string): string {
  return `$lookup($queries, $string(${next}))`;
}

/** Condition selecting what the item at index `next` (a JSONata expression) needs; `single` is the fallback. */
export function nextItemCondition(kind: ItemKind, next: string): string {
  switch (kind) {
    case 'end':
      return `${next} >= $queryCount`;
    case 'resume':
      return `$exists($lookup(${queryAt(next)}, 'StatementId'))`;
    case 'batch':
      return `$exists($lookup($lookup(${queryAt(next)}, 'ExecuteStatementParameters'), 'Sqls'))`;
    case 'single':
      return 'true';
  }
}

/** Assignments that start the item at index `next`. */
export function startItemAssign(kind: Exclude<ItemKind, 'end'>, next: string): Record<string, string> {
  const assign: Record<string, string> = {
    index: next,
    item: jsonataBlock([PARAM_ACCESS_FUNCTIONS, NORMALISE_FUNCTION], `$normalise(${queryAt(next)})`),
    attempt: '1',
    errors: '[]',
    sleep: 'null',
    interval: 'null',
  };
  if (kind === 'resume') {
    assign.statementId = `$lookup(${queryAt(next)}, 'StatementId')`;
    assign.submittedAt = NOW_MS;
  }
  return assign;
}

const truncateCause = (expression: string) => `$substring(${expression}, 0, 32000)`;
const QUERY = "'Query at index ' & $string($index)";
const ATTEMPTS = "$string($attempt) & ($attempt = 1 ? ' attempt' : ' attempts')";

export const CAUSES = {
  invalidInput: '$problem',
  queryFailed: jsonataBlock(
    [SHOW_FUNCTION],
    truncateCause(`${QUERY} & ' (StatementId ' & $statementId & ') failed after ' & ${ATTEMPTS} & ': ' &
  ($type($describe.Error) = 'string' ? $describe.Error : 'no error text') & ' [' &
  ($not($exists($item.Params)) ? 'not retried: a resumed statement without ExecuteStatementParameters cannot be submitted again' :
   $attempt - 1 >= $item.MaxRetries ? 'not retried: MaxRetries ' & $string($item.MaxRetries) & ' reached' :
   $not($retryBudget) ? 'not retried: another attempt would not fit in the 25,000 history events of the execution' :
   'not retried: the error does not match RetryErrorMatch ' & $show($item.RetryErrorMatch)) & ']'`),
  ),
  queryAborted: truncateCause(
    `${QUERY} & ' (StatementId ' & $statementId & ') was aborted (status ABORTED) on attempt ' & $string($attempt) &
  ($type($describe.Error) = 'string' ? ': ' & $describe.Error : '')`,
  ),
  queryTimedOut: truncateCause(
    `${QUERY} & ' (StatementId ' & $statementId & ', attempt ' & $string($attempt) & ') was still ' & $status &
  ($stopReason = 'DataApiLimit' ? ' after ${DATA_API_MAX_RUNTIME_SECONDS} s, the longest a Data API statement runs' :
   $stopReason = 'HistoryBudget' ? ' when the execution had no history events left for another status check (25,000 per execution)' :
   ' after TimeoutSeconds ' & $string($item.TimeoutSeconds)) & '; ' &
  ($type($cancelError) = 'object' ? 'cancelling it failed: ' & $cancelError.Error & ': ' & $cancelError.Cause : 'the statement was cancelled')`,
  ),
  submitFailed: truncateCause(
    `${QUERY} & ': ' & ($item.Batch ? 'BatchExecuteStatement' : 'ExecuteStatement') & ' failed on attempt ' & $string($attempt) &
  ': ' & $apiError.Error & ': ' & $apiError.Cause`,
  ),
  statusCheckFailed: truncateCause(
    `${QUERY} & ': DescribeStatement of StatementId ' & $statementId & ' failed: ' & $apiError.Error & ': ' & $apiError.Cause`,
  ),
  unexpectedStatus: truncateCause(
    `${QUERY} & ': DescribeStatement of StatementId ' & $statementId & ' returned the unexpected status ' & $status`,
  ),
};
