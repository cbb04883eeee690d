import { runSimulation } from '@cloud-copilot/iam-simulate';
import { toPolicyDocument, type PolicyStatement } from '../../lib/iam';

export const ACCOUNT = '123456789012';

export interface SimulatedRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** Request context, e.g. `aws:PrincipalTag/...` for a tagged session, `aws:RequestTag/...` for AssumeRole. */
  readonly context?: Record<string, string>;
  /** Identity policy of the caller. */
  readonly identity: readonly PolicyStatement[];
  /** Resource policy (a role trust policy for sts:AssumeRole). */
  readonly resourcePolicy?: readonly PolicyStatement[];
}

/** Evaluates one request with a real IAM policy evaluator; returns 'Allowed', 'ExplicitlyDenied' or 'ImplicitlyDenied'. */
export async function decide(request: SimulatedRequest): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: 'identity', policy: toPolicyDocument(request.identity) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy ? toPolicyDocument(request.resourcePolicy) : undefined,
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: request.context ?? {},
      },
    } as Parameters<typeof runSimulation>[0],
    {},
  );
  if (response.resultType === 'error') throw new Error(`simulation rejected: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}
