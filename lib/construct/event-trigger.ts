import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { PropChecks, isKnown } from './prop-checks';
import { executionInput, type QueryItem } from './query-list';
import { escapeTerraformTemplate, toTerraformJson } from './terraform-json';
import { checkDeliveryOptions, checkQueries } from './trigger-checks';
import type { TriggerContext, TriggerDeliveryOptions } from './trigger-resources';

/** EventBridge input transformer. @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html */
export interface EventInputTransformer {
  /**
   * Placeholder name → JSON path into the event (at most 100), e.g. `{ table: '$.detail.table' }`.
   * @default {}
   */
  readonly inputPaths?: Record<string, string>;
  /** JSON template with `<placeholder>`s; it must yield `{"Queries": [...]}`, e.g. `{"Queries": ["ANALYZE <table>"]}`. */
  readonly inputTemplate: string;
}

export interface EventTriggerOptions extends TriggerDeliveryOptions {
  /** EventBridge event pattern, e.g. `{ source: ['aws.s3'], 'detail-type': ['Object Created'] }`. */
  readonly eventPattern: Record<string, unknown>;
  /**
   * Constant query list run for every matching event. Exactly one of `queries`, `queriesPath`, `inputTransformer`.
   * @default - none
   */
  readonly queries?: QueryItem[];
  /**
   * JSON path of a query list inside the event (e.g. `$.detail.queries`), passed as `{"Queries": <list>}`.
   * @default - none
   */
  readonly queriesPath?: string;
  /**
   * Builds the execution input from the event.
   * @default - none
   */
  readonly inputTransformer?: EventInputTransformer;
  /**
   * Event bus the rule listens on.
   * @default 'default'
   */
  readonly eventBusName?: string;
}

/** @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html (EventPattern length) */
const MAX_EVENT_PATTERN_LENGTH = 4096;
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

export function addEventTrigger(scope: Construct, id: string, options: EventTriggerOptions, context: TriggerContext): void {
  const check = new PropChecks(`${scope.node.path}/${id}`);
  const pattern = options.eventPattern;
  if (!Token.isUnresolved(pattern) && (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern) || Object.keys(pattern).length === 0)) {
    check.fail('addEventTrigger.eventPattern', 'must be a non-empty object, e.g. { source: ["aws.s3"] }.');
  }
  const eventPattern = toTerraformJson(pattern);
  if (eventPattern.length > MAX_EVENT_PATTERN_LENGTH) {
    check.fail('addEventTrigger.eventPattern', `is ${eventPattern.length} characters of JSON; EventBridge allows ${MAX_EVENT_PATTERN_LENGTH}.`);
  }
  const given = (['queries', 'queriesPath', 'inputTransformer'] as const).filter((key) => options[key] !== undefined);
  if (given.length !== 1) {
    check.fail('addEventTrigger.queries', `exactly one of queries, queriesPath and inputTransformer must be given (got ${given.join(', ') || 'none'}); without one EventBridge would pass the raw event, which is not a query list.`);
  }
  checkDeliveryOptions(check, 'addEventTrigger', options);

  let input: string | undefined;
  let inputTransformer: { inputPaths?: Record<string, string>; inputTemplate: string } | undefined;
  if (options.queries !== undefined) {
    input = toTerraformJson(executionInput(options.queries));
    checkQueries(check, 'addEventTrigger', options.queries, context.queryContext, input);
  } else if (options.queriesPath !== undefined) {
    check.pattern('addEventTrigger.queriesPath', options.queriesPath, /^\$(\.[A-Za-z0-9_-]+|\[\d+\])*$/, "a JSON path into the event such as '$.detail.queries'");
    inputTransformer = { inputPaths: { queries: options.queriesPath }, inputTemplate: '{"Queries": <queries>}' };
  } else {
    const transformer = options.inputTransformer!;
    checkInputTemplate(check, transformer);
    inputTransformer = {
      inputPaths: transformer.inputPaths,
      inputTemplate: escapeTerraformTemplate(transformer.inputTemplate),
    };
  }

  const resources = context.resources();
  const rule = new CloudwatchEventRule(scope, id, {
    namePrefix: resources.namePrefix,
    description: options.description,
    eventBusName: options.eventBusName,
    eventPattern,
    tags: resources.tags,
  });
  new CloudwatchEventTarget(scope, `${id}Target`, {
    rule: rule.name,
    eventBusName: options.eventBusName,
    arn: resources.stateMachineArn,
    roleArn: resources.role.arn,
    input,
    inputTransformer,
    retryPolicy: options.retryPolicy && {
      maximumEventAgeInSeconds: options.retryPolicy.maximumEventAgeSeconds,
      maximumRetryAttempts: options.retryPolicy.maximumRetryAttempts,
    },
    deadLetterConfig: options.deadLetterQueueArn ? { arn: options.deadLetterQueueArn } : undefined,
  });
}

/**
 * The template must produce an execution input the state machine accepts: with every placeholder replaced by
 * `null` (valid JSON inside or outside quotes), it must parse to an object with a `Queries` member.
 */
function checkInputTemplate(check: PropChecks, transformer: EventInputTransformer): void {
  const where = 'addEventTrigger.inputTransformer';
  const paths = transformer.inputPaths ?? {};
  if (!isKnown(transformer.inputTemplate)) return;
  if (Object.keys(paths).length > 100) check.fail(`${where}.inputPaths`, `has ${Object.keys(paths).length} entries; EventBridge allows 100.`);
  for (const [, name] of transformer.inputTemplate.matchAll(PLACEHOLDER)) {
    if (!(name in paths) && !name.startsWith('aws.events.')) {
      check.fail(`${where}.inputTemplate`, `uses <${name}>, which inputPaths does not define.`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(transformer.inputTemplate.replace(PLACEHOLDER, 'null'));
  } catch (error) {
    check.fail(`${where}.inputTemplate`, `is not JSON once placeholders are filled in (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Queries' in parsed)) {
    check.fail(`${where}.inputTemplate`, 'must produce an object with a "Queries" list, e.g. {"Queries": ["ANALYZE <table>"]}.');
  }
}
