/**
 * Resources of the event completion mode and of cancel-on-stop, beside the main state machine: the completion
 * table, the relay and cleanup Express machines, their roles, and the EventBridge rules that start them.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Construct } from 'constructs';
import { buildCleanupDefinition, buildRelayDefinition, COMPLETION_TABLE, executionStoppedPattern, statementEventPattern } from '../definition';
import {
  buildCleanupRolePolicies,
  buildCompanionStarterPolicies,
  buildRelayRolePolicies,
  type EventPolicyConfig,
  type PolicyStatement,
} from '../iam';
import { asPlanTimeString, toTerraformJson } from './terraform-json';

/** What the companions need from the construct that owns them. */
export interface CompanionContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly namePrefix: string;
  /** StatementName prefix of this deployment. */
  readonly deploymentId: string;
  /** Name of the completion table (see `completionTableName`). */
  readonly completionTableName: string;
  readonly resultsRoleArn: string;
  readonly tags?: Record<string, string>;
  readonly createRole: (id: string, suffix: string, description: string, trust: readonly PolicyStatement[]) => IamRole;
  readonly attachPolicy: (id: string, role: IamRole, statements: readonly PolicyStatement[]) => IamRolePolicy;
}

/** Name of the completion table of a deployment. */
export function completionTableName(deploymentId: string): string {
  return `${deploymentId}-completions`;
}

/**
 * The table (task tokens and statuses, no SQL or data) and the Express machines (no history kept) use AWS owned
 * keys even when `kmsKeyArn` is set, so their roles need no KMS permissions.
 *
 * The completion table and the cleanup role are created before the main machine's policies (its execution role
 * writes to the table; the results role trusts the cleanup role); the machines and rules after it.
 */
export class EventCompanions extends Construct {
  readonly table?: DynamodbTable;
  readonly cleanupRole?: IamRole;
  private readonly context: CompanionContext;
  private readonly policyConfig: EventPolicyConfig;

  constructor(scope: Construct, id: string, context: CompanionContext, options: { readonly eventMode: boolean; readonly cancelOnStop: boolean }) {
    super(scope, id);
    this.context = context;
    const machineArnPattern = (suffix: string) =>
      `arn:${context.partition}:states:${context.region}:${context.accountId}:stateMachine:${context.namePrefix}${suffix}*`;
    if (options.eventMode) {
      this.table = new DynamodbTable(this, 'CompletionTable', {
        name: context.completionTableName,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: COMPLETION_TABLE.KEY,
        attribute: [{ name: COMPLETION_TABLE.KEY, type: 'S' }],
        ttl: { attributeName: COMPLETION_TABLE.EXPIRES_AT, enabled: true },
        tags: context.tags,
      });
    }
    this.policyConfig = {
      accountId: context.accountId,
      completionTableArn: this.table?.arn ?? '',
      relayArnPattern: machineArnPattern('relay-'),
      cleanupArnPattern: machineArnPattern('cleanup-'),
      resultsRoleArn: context.resultsRoleArn,
    };
    if (options.cancelOnStop) {
      const { trust } = buildCleanupRolePolicies(this.policyConfig);
      this.cleanupRole = context.createRole('CleanupRole', 'cleanup-', 'Cancels the running statements of stopped executions, as the results role', trust);
    }
  }

  /** Creates the machines and rules once the main state machine exists. */
  attachTo(stateMachineArn: string): void {
    const config = this.policyConfig;
    const { context } = this;
    const targets: { rule: CloudwatchEventRule; machine: SfnStateMachine; id: string }[] = [];

    if (this.table) {
      const relayPolicies = buildRelayRolePolicies(config);
      const relayRole = context.createRole('RelayRole', 'relay-', 'Records Redshift statement completions and wakes the waiting execution', relayPolicies.trust);
      const relayPolicy = context.attachPolicy('RelayRolePolicy', relayRole, relayPolicies.policy);
      const relay = this.expressMachine('RelayStateMachine', 'relay-', relayRole, buildRelayDefinition({ completionTableName: this.table.name }), relayPolicy);
      const rule = new CloudwatchEventRule(this, 'StatementEventRule', {
        namePrefix: `${context.namePrefix}statements-`,
        description: 'Redshift Data status changes of this deployment\'s statements, to the relay machine',
        eventPattern: toTerraformJson(this.statementPattern()),
        tags: context.tags,
      });
      targets.push({ rule, machine: relay, id: 'StatementEventTarget' });
    }

    if (this.cleanupRole) {
      const cleanupPolicies = buildCleanupRolePolicies(config);
      const cleanupPolicy = context.attachPolicy('CleanupRolePolicy', this.cleanupRole, cleanupPolicies.policy);
      const definition = buildCleanupDefinition({ statementNamePrefix: context.deploymentId, resultsRoleArn: context.resultsRoleArn });
      const cleanup = this.expressMachine('CleanupStateMachine', 'cleanup-', this.cleanupRole, definition, cleanupPolicy);
      const rule = new CloudwatchEventRule(this, 'ExecutionStoppedRule', {
        namePrefix: `${context.namePrefix}stopped-`,
        description: 'Executions of the state machine that stopped, timed out or failed, to the cleanup machine',
        eventPattern: toTerraformJson(executionStoppedPattern(stateMachineArn)),
        tags: context.tags,
      });
      targets.push({ rule, machine: cleanup, id: 'ExecutionStoppedTarget' });
    }

    if (targets.length === 0) return;
    const starter = buildCompanionStarterPolicies(context.accountId, targets.map((target) => target.machine.arn));
    const starterRole = context.createRole('CompanionStarterRole', 'events-', 'Lets EventBridge start the relay and cleanup machines', starter.trust);
    context.attachPolicy('CompanionStarterRolePolicy', starterRole, starter.policy);
    for (const target of targets) {
      new CloudwatchEventTarget(this, target.id, { rule: target.rule.name, arn: target.machine.arn, roleArn: starterRole.arn });
    }
  }

  /** The rule's `prefix` mixes the deployment's name (plan-time in the module) with `/`: one reference then. */
  private statementPattern(): Record<string, unknown> {
    const pattern = statementEventPattern(this.context.deploymentId) as { detail: { statementName: { prefix: string }[] } };
    const [match] = pattern.detail.statementName;
    return { ...pattern, detail: { ...pattern.detail, statementName: [{ prefix: asPlanTimeString(this, 'StatementNamePattern', match!.prefix) }] } };
  }

  private expressMachine(id: string, suffix: string, role: IamRole, definition: unknown, policy: IamRolePolicy): SfnStateMachine {
    return new SfnStateMachine(this, id, {
      namePrefix: `${this.context.namePrefix}${suffix}`,
      type: 'EXPRESS',
      roleArn: role.arn,
      definition: toTerraformJson(definition),
      tags: this.context.tags,
      dependsOn: [policy],
    });
  }
}
