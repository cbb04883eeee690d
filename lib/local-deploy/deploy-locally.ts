/**
 * Deploys what the construct deploys onto a {@link LocalCloud}: the main state machine (Standard), and, per the
 * same options, the completion table, the relay and cleanup machines (Express) and the two EventBridge rules with
 * the construct's own patterns. Tests and the benchmark run the event completion mode end to end with it.
 */
import {
  buildCleanupDefinition,
  buildDefinition,
  buildRelayDefinition,
  COMPLETION_TABLE,
  executionStoppedPattern,
  statementEventPattern,
  type CompletionMode,
  type DefinitionOptions,
} from '../definition';
import type { LocalCloud } from '../local-cloud';

export interface LocalDeploymentOptions {
  /** Options of the main definition; completion settings are filled in from the fields below. */
  readonly definition?: Omit<DefinitionOptions, 'completionMode' | 'completionTableName' | 'statementNamePrefix' | 'resultsRoleArn'>;
  /** @default 'event' */
  readonly completionMode?: CompletionMode;
  /** Create the completion table, relay and its rule even in poll mode (for per-query `CompletionMode: "event"`). @default - only in event mode */
  readonly eventResources?: boolean;
  /** @default true */
  readonly cancelOnStop?: boolean;
  /** Seconds the cleanup waits before listing. @default 10 */
  readonly cleanupSettleSeconds?: number;
  /** @default 'local-deploy' */
  readonly deploymentId?: string;
  /** Role the Redshift Data tasks run under (statements belong to it). @default 'arn:aws:iam::<account>:role/ResultsRole' */
  readonly resultsRoleArn?: string;
}

export interface LocalDeployment {
  readonly stateMachineArn: string;
  readonly relayArn?: string;
  readonly cleanupArn?: string;
  readonly tableName?: string;
  readonly deploymentId: string;
  readonly resultsRoleArn: string;
  readonly definition: ReturnType<typeof buildDefinition>;
}

export function deployLocally(cloud: LocalCloud, options: LocalDeploymentOptions = {}): LocalDeployment {
  const deploymentId = options.deploymentId ?? 'local-deploy';
  const completionMode = options.completionMode ?? 'event';
  const eventResources = options.eventResources ?? completionMode === 'event';
  const cancelOnStop = options.cancelOnStop ?? true;
  const resultsRoleArn = options.resultsRoleArn ?? `arn:aws:iam::${cloud.accountId}:role/ResultsRole`;
  const role = (name: string) => `arn:aws:iam::${cloud.accountId}:role/${deploymentId}-${name}`;
  const tableName = eventResources ? `${deploymentId}-completions` : undefined;

  if (tableName !== undefined) {
    cloud.dynamoDb.createTable({
      TableName: tableName,
      KeySchema: [{ AttributeName: COMPLETION_TABLE.KEY, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: COMPLETION_TABLE.KEY, AttributeType: 'S' }],
      TimeToLiveAttribute: COMPLETION_TABLE.EXPIRES_AT,
    });
  }
  const definition = buildDefinition({
    ...options.definition,
    completionMode,
    resultsRoleArn,
    ...(tableName !== undefined ? { completionTableName: tableName } : {}),
    ...(eventResources || cancelOnStop ? { statementNamePrefix: deploymentId } : {}),
  });
  const { stateMachineArn } = cloud.createStateMachine({ name: `${deploymentId}-main`, definition: asObject(definition), roleArn: role('execution') });

  let relayArn: string | undefined;
  if (tableName !== undefined) {
    relayArn = cloud.createStateMachine({
      name: `${deploymentId}-relay`,
      definition: asObject(buildRelayDefinition({ completionTableName: tableName })),
      roleArn: role('relay'),
      type: 'EXPRESS',
    }).stateMachineArn;
    route(cloud, `${deploymentId}-statements`, statementEventPattern(deploymentId), relayArn);
  }
  let cleanupArn: string | undefined;
  if (cancelOnStop) {
    cleanupArn = cloud.createStateMachine({
      name: `${deploymentId}-cleanup`,
      definition: asObject(
        buildCleanupDefinition({
          statementNamePrefix: deploymentId,
          resultsRoleArn,
          ...(options.cleanupSettleSeconds !== undefined ? { settleSeconds: options.cleanupSettleSeconds } : {}),
        }),
      ),
      roleArn: role('cleanup'),
      type: 'EXPRESS',
    }).stateMachineArn;
    route(cloud, `${deploymentId}-stopped`, executionStoppedPattern(stateMachineArn), cleanupArn);
  }
  return {
    stateMachineArn,
    deploymentId,
    resultsRoleArn,
    definition,
    ...(relayArn !== undefined ? { relayArn } : {}),
    ...(cleanupArn !== undefined ? { cleanupArn } : {}),
    ...(tableName !== undefined ? { tableName } : {}),
  };
}

function route(cloud: LocalCloud, rule: string, pattern: Record<string, unknown>, targetArn: string): void {
  cloud.eventBridge.putRule({ Name: rule, EventPattern: pattern as never });
  cloud.eventBridge.putTargets({ Rule: rule, Targets: [{ Id: 'machine', Arn: targetArn }] });
}

function asObject(definition: object): Readonly<Record<string, unknown>> {
  return definition as Readonly<Record<string, unknown>>;
}
