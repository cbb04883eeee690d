/**
 * Policies of the event-completion companions: the relay machine's role, the cleanup machine's role, the role
 * EventBridge uses to start them, and the execution role's access to the completion table.
 */
import { serviceTrust } from './service-trust';
import type { PolicyStatement } from './types';

const DOC = {
  dynamoDbActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html',
  sfnActions: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html',
  sfnConfusedDeputy: 'https://docs.aws.amazon.com/step-functions/latest/dg/cross-service-confused-deputy-prevention.html',
  sfnTaskCredentials: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html',
  eventsRole: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html',
} as const;

export interface EventPolicyConfig {
  readonly accountId: string;
  /** ARN of the completion table. */
  readonly completionTableArn: string;
  /** ArnLike patterns of the relay and cleanup machines, for their roles' trust. */
  readonly relayArnPattern: string;
  readonly cleanupArnPattern: string;
  /** The role that owns the statements (the cleanup assumes it: only it may list and cancel them). */
  readonly resultsRoleArn: string;
}

function trustStepFunctions(config: EventPolicyConfig, sourceArnPattern: string): PolicyStatement[] {
  return [
    serviceTrust({
      sid: 'TrustStepFunctionsForThisStateMachine',
      services: ['states.amazonaws.com'],
      accountId: config.accountId,
      sourceArn: { test: 'ArnLike', values: [sourceArnPattern] },
      docUrl: DOC.sfnConfusedDeputy,
    }),
  ];
}

/** The main execution role writes its task token to the completion table (and nothing else in DynamoDB). */
export function buildCompletionTableAccess(completionTableArn: string): PolicyStatement[] {
  return [
    {
      sid: 'LeaveTaskTokenInCompletionTable',
      effect: 'Allow',
      actions: ['dynamodb:UpdateItem'],
      resources: [completionTableArn],
      docUrl: DOC.dynamoDbActions,
    },
  ];
}

/** The relay records completions in the table and sends task success: nothing else. */
export function buildRelayRolePolicies(config: EventPolicyConfig): { trust: PolicyStatement[]; policy: PolicyStatement[] } {
  return {
    trust: trustStepFunctions(config, config.relayArnPattern),
    policy: [
      {
        sid: 'RecordCompletionInTable',
        effect: 'Allow',
        actions: ['dynamodb:UpdateItem'],
        resources: [config.completionTableArn],
        docUrl: DOC.dynamoDbActions,
      },
      {
        // SendTaskSuccess supports no resource-level permissions (service authorization reference: no resource
        // types); the token is the capability, and the relay only sends tokens read from its own table.
        sid: 'WakeWaitingExecutions',
        effect: 'Allow',
        actions: ['states:SendTaskSuccess'],
        resources: ['*'],
        docUrl: DOC.sfnActions,
      },
    ],
  };
}

/**
 * The cleanup only assumes the results role. The Data API lets a role list and cancel only its own statements, and
 * CancelStatement takes no resource or condition key, so "this deployment's statements" is enforced by running as
 * the role that submitted them (and by the StatementName prefix the definition lists).
 */
export function buildCleanupRolePolicies(config: EventPolicyConfig): { trust: PolicyStatement[]; policy: PolicyStatement[] } {
  return {
    trust: trustStepFunctions(config, config.cleanupArnPattern),
    policy: [
      {
        sid: 'AssumeResultsRoleToCancelItsStatements',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        resources: [config.resultsRoleArn],
        docUrl: DOC.sfnTaskCredentials,
      },
    ],
  };
}

/** EventBridge starts the relay and the cleanup machines (Express: StartExecution). */
export function buildCompanionStarterPolicies(
  accountId: string,
  companionArns: readonly string[],
): { trust: PolicyStatement[]; policy: PolicyStatement[] } {
  return {
    trust: [
      serviceTrust({ sid: 'TrustEventBridgeOfThisAccount', services: ['events.amazonaws.com'], accountId, docUrl: DOC.eventsRole }),
    ],
    policy: [
      {
        sid: 'StartCompanionMachines',
        effect: 'Allow',
        actions: ['states:StartExecution'],
        resources: [...companionArns],
        docUrl: DOC.eventsRole,
      },
    ],
  };
}
