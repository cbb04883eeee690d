/**
 * Deploy-time defaults compiled into the generated state machine. Every per-query setting can be
 * overridden by an item of the execution input; connection fields are merged under the item's own
 * `ExecuteStatementParameters`. Numeric and string values may be cdktf tokens (see
 * {@link BuildDefinitionContext.isUnresolved}); they are then passed through untouched and not validated.
 */
export interface DefinitionOptions {
  /** Seconds to wait after submitting a statement before the first status check. @default 30 */
  readonly initialWaitTime?: number;
  /** Seconds between status checks after the initial wait (before the multiplier). @default 15 */
  readonly baseWaitTime?: number;
  /** Each interval between checks is the previous one times this factor. @default 1 */
  readonly waitMultiplier?: number;
  /** Upper bound, in seconds, of any interval between checks and of any retry delay. @default 450 */
  readonly maxWait?: number;
  /** How many times a FAILED statement is submitted again (0 = never). @default 10 */
  readonly maxRetries?: number;
  /** Regular expression (Python `re.match` semantics, supported subset) an error must match to be retried; '' = every error. @default '' */
  readonly retryErrorMatch?: string;
  /** Seconds after which a statement is cancelled and the execution fails; undefined = no limit. @default - no timeout */
  readonly timeoutSeconds?: number;
  /** Provisioned cluster used when an item gives neither ClusterIdentifier nor WorkgroupName. @default - none */
  readonly clusterIdentifier?: string;
  /** Redshift Serverless workgroup used when an item gives neither ClusterIdentifier nor WorkgroupName. @default - none */
  readonly workgroupName?: string;
  /** @default - none */
  readonly database?: string;
  /** @default - none */
  readonly dbUser?: string;
  /** @default - none */
  readonly secretArn?: string;
  /** Role every Redshift Data task runs under (Task `Credentials`); statements belong to that role. @default - the state machine's own role */
  readonly resultsRoleArn?: string;
  /**
   * How the end of a statement is detected when a query does not say (`CompletionMode` of an item): `poll` waits
   * and calls DescribeStatement; `event` waits for the Data API's status-change event (relayed by the companion
   * machine of {@link buildRelayDefinition}) with a DescribeStatement fallback. `event` needs `completionTableName`
   * and `statementNamePrefix`.
   * @default 'poll'
   */
  readonly completionMode?: CompletionMode;
  /** DynamoDB table where waiting executions leave their task token and the relay records completions. @default - none: only `poll` is possible */
  readonly completionTableName?: string;
  /**
   * Per-deployment prefix of every submitted `StatementName` (`<prefix>/<execution name>/<index>/<attempt>`), so the
   * event rule and the cleanup machine find this deployment's statements. 1-100 letters, digits, `.`, `_`, `-`.
   * @default - statements keep the item's own StatementName (no event mode, no cancel on stop)
   */
  readonly statementNamePrefix?: string;
  /**
   * In event mode, seconds an execution waits for the event before it checks with one DescribeStatement (and then
   * waits again); bounds the detection latency when an event is lost. 300 to 86400.
   * @default 7200
   */
  readonly eventFallbackSeconds?: number;
}

/** How the end of a statement is detected. */
export type CompletionMode = 'poll' | 'event';

export interface BuildDefinitionContext {
  /** Tells whether a value is an unresolved deploy-time token (the construct passes cdktf's `Token.isUnresolved`). */
  readonly isUnresolved?: (value: unknown) => boolean;
}
