/** Public shapes of the local EventBridge: AWS's event envelope and the PutRule/PutTargets/PutEvents members. */

/** An event as EventBridge delivers it (the envelope AWS services and PutEvents produce). */
export interface EventBridgeEvent {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  /** ISO 8601, second precision on AWS (`2026-01-01T00:00:00Z`). */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/** An EventBridge event pattern (JSON object, or its text as PutRule takes it). */
export type EventPattern = Readonly<Record<string, unknown>>;

export interface InputTransformer {
  /** Variable name → JSON path into the event (`$.detail.statementId`). At most 100 entries. */
  readonly InputPathsMap?: Readonly<Record<string, string>>;
  /** Text with `<variable>` placeholders; `<aws.events.event>`, `<aws.events.event.json>`, `<aws.events.rule-name>`, ... are predefined. */
  readonly InputTemplate: string;
}

/** A rule target, PutTargets member names. Exactly one of Input, InputPath, InputTransformer (or none: the whole event). */
export interface RuleTarget {
  readonly Id: string;
  /** A state machine ARN (the local cloud starts an execution) or anything the `deliver` callback serves. */
  readonly Arn: string;
  readonly RoleArn?: string;
  /** Constant JSON text sent instead of the event. */
  readonly Input?: string;
  /** JSON path of the part of the event sent (`$.detail`). */
  readonly InputPath?: string;
  readonly InputTransformer?: InputTransformer;
}

export interface PutRuleRequest {
  readonly Name: string;
  /** JSON text or object. */
  readonly EventPattern: string | EventPattern;
  /** @default 'ENABLED' */
  readonly State?: 'ENABLED' | 'DISABLED';
  /** @default 'default' */
  readonly EventBusName?: string;
  readonly Description?: string;
}

export interface PutTargetsRequest {
  readonly Rule: string;
  readonly Targets: readonly RuleTarget[];
  /** @default 'default' */
  readonly EventBusName?: string;
}

export interface PutEventsRequestEntry {
  readonly Source: string;
  readonly DetailType: string;
  /** JSON text of an object. */
  readonly Detail: string;
  readonly Resources?: readonly string[];
  /** @default the clock's now */
  readonly Time?: Date | string | number;
  /** @default 'default' */
  readonly EventBusName?: string;
}

/** One event handed to one target. */
export interface EventDelivery {
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly target: RuleTarget;
  /** The event after Input/InputPath/InputTransformer: JSON text (or plain text from a transformer). */
  readonly input: string;
  readonly event: EventBridgeEvent;
}

/** What happened to one (event, rule target) pair, for tests and bench. */
export interface DeliveryRecord {
  readonly eventId: string;
  readonly source: string;
  readonly detailType: string;
  readonly ruleName: string;
  readonly targetId: string;
  /** Clock time (ms) the event was put. */
  readonly putAt: number;
  /** Clock time (ms) of the delivery attempt (after the scenario's delay). */
  readonly deliveredAt?: number;
  /** LOST: dropped by a scenario fault; FAILED: the target refused it (error in `error`). */
  readonly status: 'PENDING' | 'DELIVERED' | 'LOST' | 'FAILED';
  /** True for the extra copy of a `duplicate` fault. */
  readonly duplicate?: boolean;
  readonly error?: string;
}

/** A scenario rule choosing events for a delivery fault. */
export interface EventFaultRule {
  /** An EventBridge event pattern the event must match. @default - every event */
  readonly pattern?: EventPattern;
  /** Only the first N matching events. @default - every matching event (unless `rate` is set) */
  readonly times?: number;
  /** Probability (0..1) that a matching event is affected. @default - every matching event (unless `times` is set) */
  readonly rate?: number;
  /** Seed of the random sequence used with `rate`. @default 1 */
  readonly seed?: number;
}

/** Delivery faults: the `events` section of a scenario file (see docs/emulator.md). */
export interface EventFaults {
  /** Seconds from an event being put to its delivery to targets (Redshift's emission delay plus EventBridge's hop). @default 0 */
  readonly delaySeconds?: number;
  /** Events never delivered to any target. @default [] */
  readonly lose?: readonly EventFaultRule[];
  /** Events delivered twice (EventBridge delivers at least once); the copy arrives `duplicateDelaySeconds` later. @default [] */
  readonly duplicate?: readonly EventFaultRule[];
  /** @default 1 */
  readonly duplicateDelaySeconds?: number;
}

/** Counts that price EventBridge: custom events are billed per event put, AWS service events on the default bus are free. */
export interface EventBridgeUsage {
  readonly customEventsPut: number;
  readonly serviceEventsReceived: number;
  readonly deliveries: number;
  readonly lost: number;
  readonly failedDeliveries: number;
}
