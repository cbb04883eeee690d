import { PropChecks } from './prop-checks';
import { MAX_TARGET_INPUT_LENGTH, queryListProblem, type QueryListContext } from './query-list';
import type { TriggerDeliveryOptions } from './trigger-resources';

/** Checks shared by every trigger; `where` prefixes the option names in messages (e.g. `addSchedule`). */
export function checkDeliveryOptions(check: PropChecks, where: string, options: TriggerDeliveryOptions): void {
  check.number(`${where}.retryPolicy.maximumEventAgeSeconds`, options.retryPolicy?.maximumEventAgeSeconds, { min: 60, max: 86_400, integer: true });
  check.number(`${where}.retryPolicy.maximumRetryAttempts`, options.retryPolicy?.maximumRetryAttempts, { min: 0, max: 185, integer: true });
  check.pattern(`${where}.deadLetterQueueArn`, options.deadLetterQueueArn, /^arn:aws[a-z-]*:sqs:[^:]+:\d{12}:[A-Za-z0-9_-]+$/, 'an SQS queue ARN');
}

/** Checks a constant query list and the size of the input it becomes. */
export function checkQueries(check: PropChecks, where: string, queries: unknown, context: QueryListContext, input: string): void {
  const problem = queryListProblem(queries, context);
  if (problem) check.fail(`${where}.queries${problem[0]}`, problem[1]);
  if (input.length > MAX_TARGET_INPUT_LENGTH) {
    check.fail(`${where}.queries`, `becomes an input of ${input.length} characters; EventBridge allows ${MAX_TARGET_INPUT_LENGTH}. Split the list over several triggers.`);
  }
}
