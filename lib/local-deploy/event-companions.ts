/**
 * For a single definition run locally (CLI, `runDefinitionLocally`): when the definition waits for completion events
 * (its `Defaults` config names a completion table), the services its event path needs on the same clock: a DynamoDB
 * emulator holding that table, a task-token registry, and the relay machine started by a local EventBridge rule with
 * the construct's own pattern on the Redshift emulator's status-change events.
 */
import type { Clock } from '../clock';
import { buildRelayDefinition, COMPLETION_TABLE, STATE_NAMES, statementEventPattern } from '../definition';
import { DynamoDbEmulator } from '../dynamodb-emulator';
import type { RedshiftDataEmulator } from '../emulator';
import { LocalEventBridge } from '../eventbridge';
import { createSfnService, runExecution, TaskTokens, type AwsServiceHandler } from '../runtime';

export interface EventCompanions {
  readonly services: readonly AwsServiceHandler[];
  readonly taskTokens: TaskTokens;
  /** Stops routing the emulator's events. */
  close(): void;
}

/** The completion table and statement name prefix of one of our definitions, when it has an event path configured. */
export function eventSettingsOf(definition: unknown): { table: string; prefix: string } | undefined {
  const config = (definition as { States?: Record<string, { Assign?: { config?: Record<string, unknown> } }> })?.States?.[STATE_NAMES.DEFAULTS]?.Assign?.config;
  const table = config?.CompletionTable;
  const prefix = config?.StatementNamePrefix;
  return typeof table === 'string' && table !== '' && typeof prefix === 'string' && prefix !== '' ? { table, prefix } : undefined;
}

export function attachEventCompanions(settings: { table: string; prefix: string }, emulator: RedshiftDataEmulator, clock: Clock): EventCompanions {
  const dynamoDb = new DynamoDbEmulator({ clock });
  dynamoDb.createTable({
    TableName: settings.table,
    KeySchema: [{ AttributeName: COMPLETION_TABLE.KEY, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: COMPLETION_TABLE.KEY, AttributeType: 'S' }],
    TimeToLiveAttribute: COMPLETION_TABLE.EXPIRES_AT,
  });
  const taskTokens = new TaskTokens();
  const services = [dynamoDb, createSfnService(taskTokens)];
  const relay = buildRelayDefinition({ completionTableName: settings.table });
  const eventBridge = new LocalEventBridge({
    clock,
    deliver: async (delivery) => {
      await runExecution(relay, JSON.parse(delivery.input), { clock, services, taskTokens, stateMachineType: 'EXPRESS', stateMachineName: 'relay' });
    },
  });
  eventBridge.putRule({ Name: 'statements', EventPattern: statementEventPattern(settings.prefix) as never });
  eventBridge.putTargets({ Rule: 'statements', Targets: [{ Id: 'relay', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:relay' }] });
  const unsubscribe = emulator.eventBus.subscribe((event) => eventBridge.publish(event));
  return { services, taskTokens, close: () => void unsubscribe() };
}
