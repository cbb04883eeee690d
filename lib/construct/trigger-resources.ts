import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { PolicyStatement, Switch } from '../iam';
import type { QueryListContext } from './query-list';

/** What a trigger gets from its construct: the query defaults to validate against, then (once valid) its resources. */
export interface TriggerContext {
  readonly queryContext: QueryListContext;
  /** Creates the shared trigger role on first use: call it only after validation, so bad options create nothing. */
  readonly resources: () => TriggerResources;
}

/** What a trigger needs from the construct it starts. */
export interface TriggerResources {
  /** Role trusted by EventBridge and Scheduler, allowed to start this state machine only. */
  readonly role: IamRole;
  readonly stateMachineArn: string;
  readonly namePrefix: string;
  /** @default - no tags */
  readonly tags?: Record<string, string>;
  /** Key encrypting Scheduler schedules. @default - AWS owned key */
  readonly kmsKeyArn?: string;
  /** Whether `kmsKeyArn` is set (a plan-time switch for a module variable). */
  readonly kms: Switch;
  /** Attaches a policy to the trigger role; with a plan-time `when`, the policy exists only when it holds. */
  readonly attachPolicy: (id: string, statements: readonly PolicyStatement[], when?: Switch) => IamRolePolicy;
}

/** Delivery settings shared by EventBridge rule targets and Scheduler targets. */
export interface TriggerDeliveryOptions {
  /**
   * How long and how often EventBridge retries starting an execution.
   * @default - EventBridge defaults: 24 hours, 185 attempts
   */
  readonly retryPolicy?: {
    /** 60 to 86,400 seconds. @default 86400 */
    readonly maximumEventAgeSeconds?: number;
    /** 0 to 185. @default 185 */
    readonly maximumRetryAttempts?: number;
  };
  /**
   * SQS queue receiving events that could not start an execution. For an EventBridge rule the queue policy must
   * allow `events.amazonaws.com` to send; for a Scheduler schedule the construct grants the trigger role.
   * @default - no dead-letter queue
   */
  readonly deadLetterQueueArn?: string;
  /**
   * @default - none
   */
  readonly description?: string;
}
