/**
 * JSONata of the event completion path of the main machine (see ../build-definition.ts): the StatementName and
 * WithEvent of each submit, the DynamoDB arguments of the callback Task and its timeout.
 * Variables: as the poll loop, plus `eventSeen` (the completion was already recorded when we tried to wait).
 */
import { jsonataBlock } from '../jsonata/literals';
import { COMPLETION_TABLE as T, WAITING_ITEM_TTL_SECONDS } from './completion-table';
import { MAX_STATEMENT_NAME_LENGTH } from './event-settings';

const NOW_SECONDS = '$floor($toMillis($states.context.State.EnteredTime) / 1000)';

/**
 * Fields merged into ExecuteStatement / BatchExecuteStatement after the item's own parameters: with a deploy-time
 * prefix, `StatementName = <prefix>/<execution>/<index>/<attempt>[/<the item's StatementName>]` (the cleanup machine
 * lists an execution's statements by it, the event rule filters on it), and `WithEvent: true` in event mode.
 */
export const SUBMIT_EVENT_FIELDS = jsonataBlock(
  [
    '$prefix := $config.StatementNamePrefix',
    "$own := $lookup($item.Params, 'StatementName')",
    `$name := $type($prefix) = 'string' and $prefix != '' ? {'StatementName': $substring($prefix & '/' & $states.context.Execution.Name & '/' & $string($index) & '/' & $string($attempt) & ($type($own) = 'string' ? '/' & $own : ''), 0, ${MAX_STATEMENT_NAME_LENGTH})} : {}`,
    "$event := $item.CompletionMode = 'event' ? {'WithEvent': true} : {}",
  ],
  '$merge([$name, $event])',
);

/** UpdateItem arguments of the callback Task: store the token unless a completion is already recorded. */
export const AWAIT_ARGUMENTS = {
  TableName: '{% $config.CompletionTable %}',
  Key: { [T.KEY]: { S: '{% $statementId %}' } },
  UpdateExpression: `SET ${T.TASK_TOKEN} = :token, ${T.EXECUTION_ARN} = :execution, ${T.EXPIRES_AT} = :expires`,
  ConditionExpression: `attribute_not_exists(${T.COMPLETED_STATUS})`,
  ExpressionAttributeValues: {
    ':token': { S: '{% $states.context.Task.Token %}' },
    ':execution': { S: '{% $states.context.Execution.Id %}' },
    ':expires': { N: `{% $string(${NOW_SECONDS} + ${WAITING_ITEM_TTL_SECONDS}) %}` },
  },
};

/** The fallback: the deploy-time interval, cut to what is left of the query's TimeoutSeconds (at least 1 s). */
export const AWAIT_TIMEOUT_SECONDS = jsonataBlock(
  [
    '$fallback := $config.EventFallbackSeconds',
    '$limit := $item.TimeoutSeconds',
    '$elapsed := ($toMillis($states.context.State.EnteredTime) - $submittedAt) / 1000',
  ],
  "$type($limit) = 'number' ? $max([1, $min([$fallback, $ceil($round($limit - $elapsed, 6))])]) : $fallback",
);

/** Condition: the item at index `next` (a JSONata expression) is submitted in event mode. */
export function eventItemCondition(next: string): string {
  return `(
$q := $lookup($queries, $string(${next}));
$m := $lookup($q, 'CompletionMode');
$not($exists($lookup($q, 'StatementId'))) and ($type($m) = 'string' ? $m : $config.CompletionMode) = 'event'
)`;
}
