import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { Construct } from 'constructs';
import { buildDeadLetterQueuePolicy, buildScheduleKeyPolicy } from '../iam';
import { scheduleExpressionProblem, timeZoneProblem } from '../input-rules';
import { PropChecks, isKnown } from './prop-checks';
import { executionInput, type QueryItem } from './query-list';
import { toTerraformJson } from './terraform-json';
import { checkDeliveryOptions, checkQueries } from './trigger-checks';
import type { TriggerContext, TriggerDeliveryOptions } from './trigger-resources';

export interface SchedulerOptions {
  /**
   * IANA time zone the expression is evaluated in, spelled as the tz database spells it (`Europe/Paris`).
   * @default 'UTC'
   */
  readonly timezone?: string;
  /**
   * Window (1-1,440 minutes) Scheduler may spread the start over.
   * @default - no window: starts on time
   */
  readonly flexibleWindowMinutes?: number;
}

export interface ScheduleOptions extends TriggerDeliveryOptions {
  /**
   * `rate(1 day)`, `cron(0 3 * * ? *)`; Scheduler also takes `at(2030-01-01T00:00:00)`. Checked at synth against
   * the grammar AWS documents for rules or for Scheduler (fields, ranges, `?`, `L`, `W`, `#`, rate units, dates).
   */
  readonly schedule: string;
  /** The query list every execution runs (the constant input). */
  readonly queries: QueryItem[];
  /**
   * Use EventBridge Scheduler (time zones, flexible windows) instead of an EventBridge rule.
   * @default - an EventBridge rule (UTC)
   */
  readonly scheduler?: SchedulerOptions;
}

export function addSchedule(scope: Construct, id: string, options: ScheduleOptions, context: TriggerContext): void {
  const check = new PropChecks(`${scope.node.path}/${id}`);
  const kind = options.scheduler ? 'scheduler' : 'rule';
  if (isKnown(options.schedule)) {
    const problem = scheduleExpressionProblem(options.schedule, kind);
    if (problem) check.fail('addSchedule.schedule', `${problem} Received: ${JSON.stringify(options.schedule)}`);
  }
  const input = toTerraformJson(executionInput(options.queries));
  checkQueries(check, 'addSchedule', options.queries, context.queryContext, input);
  checkDeliveryOptions(check, 'addSchedule', options);
  const timezone = options.scheduler?.timezone;
  const timezoneProblem = isKnown(timezone) ? timeZoneProblem(timezone) : undefined;
  if (timezoneProblem) check.fail('addSchedule.scheduler.timezone', `${timezoneProblem} Received: ${JSON.stringify(timezone)}`);
  check.number('addSchedule.scheduler.flexibleWindowMinutes', options.scheduler?.flexibleWindowMinutes, { min: 1, max: 1440, integer: true });

  const resources = context.resources();
  const retryPolicy = options.retryPolicy && {
    maximumEventAgeInSeconds: options.retryPolicy.maximumEventAgeSeconds,
    maximumRetryAttempts: options.retryPolicy.maximumRetryAttempts,
  };
  const deadLetterConfig = options.deadLetterQueueArn ? { arn: options.deadLetterQueueArn } : undefined;

  if (options.scheduler) {
    if (options.deadLetterQueueArn) resources.attachPolicy(`${id}DeadLetterPolicy`, buildDeadLetterQueuePolicy(options.deadLetterQueueArn));
    if (resources.kms !== false) resources.attachPolicy(`${id}KeyPolicy`, buildScheduleKeyPolicy(resources.kmsKeyArn!), resources.kms);
    const window = options.scheduler.flexibleWindowMinutes;
    new SchedulerSchedule(scope, id, {
      namePrefix: resources.namePrefix,
      description: options.description,
      scheduleExpression: options.schedule,
      scheduleExpressionTimezone: timezone,
      flexibleTimeWindow: window === undefined ? { mode: 'OFF' } : { mode: 'FLEXIBLE', maximumWindowInMinutes: window },
      kmsKeyArn: resources.kmsKeyArn,
      target: { arn: resources.stateMachineArn, roleArn: resources.role.arn, input, retryPolicy, deadLetterConfig },
    });
    return;
  }
  const rule = new CloudwatchEventRule(scope, id, {
    namePrefix: resources.namePrefix,
    description: options.description,
    scheduleExpression: options.schedule,
    tags: resources.tags,
  });
  new CloudwatchEventTarget(scope, `${id}Target`, {
    rule: rule.name,
    arn: resources.stateMachineArn,
    roleArn: resources.role.arn,
    input,
    retryPolicy,
    deadLetterConfig,
  });
}
