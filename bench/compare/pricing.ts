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
} as const;

export interface CostBreakdown {
  readonly stepFunctionsUsd: number;
  readonly lambdaUsd: number;
  readonly totalUsd: number;
}

export function costOf(transitions: number, lambdaInvocations: number): CostBreakdown {
  const stepFunctionsUsd = transitions * PRICES.stateTransition;
  const perInvocation = PRICES.lambdaRequest + PRICES.lambdaMemoryGb * PRICES.lambdaBilledSeconds * PRICES.lambdaGbSecond;
  const lambdaUsd = lambdaInvocations * perInvocation;
  return { stepFunctionsUsd, lambdaUsd, totalUsd: stepFunctionsUsd + lambdaUsd };
}
