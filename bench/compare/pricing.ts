/**
 * Prices used by the report (us-east-1, on-demand, no free tier). Step Functions Standard: aws-facts A4 and
 * https://aws.amazon.com/step-functions/pricing/ ; Lambda x86: https://aws.amazon.com/lambda/pricing/ .
 */
export const PRICES = {
  /** USD per billed Standard-workflow state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1000,
  /** USD per Lambda request ($0.20 per 1M). */
  lambdaRequest: 0.2 / 1_000_000,
  /** USD per GB-second of Lambda duration (x86). */
  lambdaGbSecond: 0.0000166667,
  /** Memory of both original Lambdas (the template's Globals). */
  lambdaMemoryGb: 128 / 1024,
  /**
   * Assumed billed duration of one invocation: a warm boto3 DescribeStatement/ExecuteStatement round trip
   * plus handler overhead is ~50–150 ms; 100 ms is the assumption (cold starts would add to it).
   */
  lambdaBilledSeconds: 0.1,
  /** USD per Express workflow request ($1.00 per 1M). https://aws.amazon.com/step-functions/pricing/ */
  expressRequest: 1 / 1_000_000,
  /** USD per GB-second of Express duration (first 1,000 h/month tier), billed in 100 ms steps at ≥ 64 MB. */
  expressGbSecond: 0.00001667,
  expressMemoryGb: 64 / 1024,
  /** USD per DynamoDB on-demand write request unit ($0.625 per 1M; an item ≤ 1 KB is one unit). https://aws.amazon.com/dynamodb/pricing/on-demand/ */
  dynamoDbWriteUnit: 0.625 / 1_000_000,
  /** USD per AWS service event on the default bus matched by a rule: free. https://aws.amazon.com/eventbridge/pricing/ */
  serviceEvent: 0,
} as const;

export interface CostBreakdown {
  readonly stepFunctionsUsd: number;
  readonly lambdaUsd: number;
  /** Event mode: Express relay/cleanup executions, DynamoDB writes and EventBridge events. @default 0 */
  readonly companionsUsd?: number;
  readonly totalUsd: number;
}

/** What the event mode's companions used (LocalCloud usage counts). */
export interface CompanionUsage {
  readonly expressExecutions: number;
  readonly expressBilledDurationMs: number;
  readonly dynamoDbWriteUnits: number;
  readonly serviceEvents: number;
}

export function eventModeCostOf(transitions: number, usage: CompanionUsage): CostBreakdown {
  const stepFunctionsUsd = transitions * PRICES.stateTransition;
  const companionsUsd =
    usage.expressExecutions * PRICES.expressRequest +
    (usage.expressBilledDurationMs / 1000) * PRICES.expressMemoryGb * PRICES.expressGbSecond +
    usage.dynamoDbWriteUnits * PRICES.dynamoDbWriteUnit +
    usage.serviceEvents * PRICES.serviceEvent;
  return { stepFunctionsUsd, lambdaUsd: 0, companionsUsd, totalUsd: stepFunctionsUsd + companionsUsd };
}

export function costOf(transitions: number, lambdaInvocations: number): CostBreakdown {
  const stepFunctionsUsd = transitions * PRICES.stateTransition;
  const perInvocation = PRICES.lambdaRequest + PRICES.lambdaMemoryGb * PRICES.lambdaBilledSeconds * PRICES.lambdaGbSecond;
  const lambdaUsd = lambdaInvocations * perInvocation;
  return { stepFunctionsUsd, lambdaUsd, totalUsd: stepFunctionsUsd + lambdaUsd };
}
