/**
 * A local EventBridge on a {@link Clock}: rules with event patterns on named buses, targets with input shaping, and
 * the delivery faults of a scenario (delay, loss, duplicates). Delivery is asynchronous, as on AWS: `putEvents` and
 * `publish` return before any target runs; each delivery happens `delaySeconds` later on the clock.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, seededRandom } from '../clock';
import { InvalidEventPatternError, matchesEventPattern, parseEventPattern } from './event-pattern';
import { targetInput } from './input-transformer';
import { readJsonPath } from './json-path';
import type {
  DeliveryRecord,
  EventBridgeEvent,
  EventBridgeUsage,
  EventDelivery,
  EventFaultRule,
  EventFaults,
  EventPattern,
  PutEventsRequestEntry,
  PutRuleRequest,
  PutTargetsRequest,
  RuleTarget,
} from './types';

export interface LocalEventBridgeOptions {
  readonly clock: Clock;
  /** Hands one event to one target; a rejection marks the delivery FAILED (EventBridge's retries are not modelled). */
  readonly deliver: (delivery: EventDelivery) => Promise<void> | void;
  /** @default {} (no delay, nothing lost) */
  readonly faults?: EventFaults;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Makes event ids. @default crypto.randomUUID */
  readonly idFactory?: () => string;
}

/** PutRule/PutTargets errors, with the EventBridge API's exception names. */
export class EventBridgeError extends Error {
  constructor(
    override readonly name: 'ResourceNotFoundException' | 'ValidationException' | 'InvalidEventPatternException' | 'LimitExceededException',
    message: string,
  ) {
    super(message);
  }
}

interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly bus: string;
  readonly pattern: EventPattern;
  readonly enabled: boolean;
  readonly targets: Map<string, RuleTarget>;
}

interface FaultState {
  readonly rule: EventFaultRule;
  matched: number;
  readonly random: () => number;
}

const MAX_TARGETS_PER_RULE = 5;

export class LocalEventBridge {
  private readonly rules = new Map<string, Rule>();
  private readonly records: DeliveryRecord[] = [];
  private readonly loseRules: FaultState[];
  private readonly duplicateRules: FaultState[];
  private readonly delayMs: number;
  private readonly duplicateDelayMs: number;
  private readonly region: string;
  private readonly accountId: string;
  private readonly newId: () => string;
  private readonly counts = { customEventsPut: 0, serviceEventsReceived: 0 };

  constructor(private readonly options: LocalEventBridgeOptions) {
    const faults = options.faults ?? {};
    this.loseRules = (faults.lose ?? []).map(faultState);
    this.duplicateRules = (faults.duplicate ?? []).map(faultState);
    this.delayMs = (faults.delaySeconds ?? 0) * 1000;
    this.duplicateDelayMs = (faults.duplicateDelaySeconds ?? 1) * 1000;
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.newId = options.idFactory ?? randomUUID;
  }

  /** Creates or replaces a rule (its targets are kept, as PutRule does). @throws EventBridgeError InvalidEventPatternException */
  putRule(request: PutRuleRequest): { RuleArn: string } {
    const bus = request.EventBusName ?? 'default';
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(request.Name ?? '')) throw new EventBridgeError('ValidationException', `Rule name ${JSON.stringify(request.Name)} must match [.\\-_A-Za-z0-9]{1,64}`);
    let pattern: EventPattern;
    try {
      pattern = parseEventPattern(request.EventPattern);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) throw new EventBridgeError('InvalidEventPatternException', `${error.message} (rule ${request.Name})`);
      throw error;
    }
    const key = ruleKey(bus, request.Name);
    const arn = `arn:aws:events:${this.region}:${this.accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${request.Name}`;
    const previous = this.rules.get(key);
    this.rules.set(key, { name: request.Name, arn, bus, pattern, enabled: (request.State ?? 'ENABLED') === 'ENABLED', targets: previous?.targets ?? new Map() });
    return { RuleArn: arn };
  }

  putTargets(request: PutTargetsRequest): { FailedEntryCount: number } {
    const rule = this.rule(request.Rule, request.EventBusName);
    for (const target of request.Targets) {
      const shaping = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined).length;
      if (shaping > 1) throw new EventBridgeError('ValidationException', `Target ${target.Id} of rule ${rule.name}: use only one of Input, InputPath and InputTransformer`);
      if (target.Input !== undefined) {
        try {
          JSON.parse(target.Input);
        } catch {
          throw new EventBridgeError('ValidationException', `Target ${target.Id} of rule ${rule.name}: Input must be valid JSON text`);
        }
      }
      const paths = [...(target.InputPath !== undefined ? [['InputPath', target.InputPath]] : []), ...Object.entries(target.InputTransformer?.InputPathsMap ?? {})];
      for (const [name, path] of paths) {
        try {
          readJsonPath({}, path!);
        } catch (error) {
          throw new EventBridgeError('ValidationException', `Target ${target.Id} of rule ${rule.name}: ${name}: ${(error as Error).message}`);
        }
      }
    }
    const ids = new Set([...rule.targets.keys(), ...request.Targets.map((t) => t.Id)]);
    // Checked before anything changes: a refused request leaves the rule as it was.
    if (ids.size > MAX_TARGETS_PER_RULE) throw new EventBridgeError('LimitExceededException', `Rule ${rule.name} would have ${ids.size} targets; a rule has at most ${MAX_TARGETS_PER_RULE}`);
    for (const target of request.Targets) rule.targets.set(target.Id, target);
    return { FailedEntryCount: 0 };
  }

  removeTargets(request: { Rule: string; Ids: readonly string[]; EventBusName?: string }): void {
    const rule = this.rule(request.Rule, request.EventBusName);
    for (const id of request.Ids) rule.targets.delete(id);
  }

  deleteRule(request: { Name: string; EventBusName?: string }): void {
    const rule = this.rule(request.Name, request.EventBusName);
    if (rule.targets.size > 0) throw new EventBridgeError('ValidationException', `Rule can't be deleted since it has targets.`);
    this.rules.delete(ruleKey(rule.bus, rule.name));
  }

  /** Custom events (billed per event on AWS); returns their ids. */
  putEvents(request: { Entries: readonly PutEventsRequestEntry[] }): { FailedEntryCount: number; Entries: { EventId: string }[] } {
    const entries = request.Entries.map((entry) => {
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail);
      } catch {
        throw new EventBridgeError('ValidationException', `Detail of the event from ${entry.Source} is not valid JSON`);
      }
      const event: EventBridgeEvent = {
        version: '0',
        id: this.newId(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: this.accountId,
        time: isoSeconds(entry.Time === undefined ? this.options.clock.now() : new Date(entry.Time).getTime()),
        region: this.region,
        resources: entry.Resources ?? [],
        detail,
      };
      this.counts.customEventsPut++;
      this.route(event, entry.EventBusName ?? 'default');
      return { EventId: event.id };
    });
    return { FailedEntryCount: 0, Entries: entries };
  }

  /** An AWS service event (Redshift Data, Step Functions) arriving on the default bus: free on AWS. */
  publish(event: EventBridgeEvent): void {
    this.counts.serviceEventsReceived++;
    this.route(event, 'default');
  }

  /** Every (event, rule target) pair so far, in the order events were put. */
  get deliveries(): readonly DeliveryRecord[] {
    return this.records;
  }

  get usage(): EventBridgeUsage {
    return {
      ...this.counts,
      deliveries: this.records.filter((r) => r.status === 'DELIVERED').length,
      lost: this.records.filter((r) => r.status === 'LOST').length,
      failedDeliveries: this.records.filter((r) => r.status === 'FAILED').length,
    };
  }

  private rule(name: string, bus = 'default'): Rule {
    const rule = this.rules.get(ruleKey(bus, name));
    if (!rule) throw new EventBridgeError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`);
    return rule;
  }

  private route(event: EventBridgeEvent, bus: string): void {
    const putAt = this.options.clock.now();
    const matching = [...this.rules.values()].filter((rule) => rule.bus === bus && rule.enabled && matchesEventPattern(rule.pattern, event));
    if (matching.length === 0) return;
    const lost = this.fires(this.loseRules, event);
    const duplicated = !lost && this.fires(this.duplicateRules, event);
    for (const rule of matching) {
      for (const target of rule.targets.values()) {
        this.schedule(event, rule, target, putAt, lost, false, this.delayMs);
        if (duplicated) this.schedule(event, rule, target, putAt, false, true, this.delayMs + this.duplicateDelayMs);
      }
    }
  }

  private schedule(event: EventBridgeEvent, rule: Rule, target: RuleTarget, putAt: number, lost: boolean, duplicate: boolean, delayMs: number): void {
    const record: { -readonly [K in keyof DeliveryRecord]: DeliveryRecord[K] } = {
      eventId: event.id,
      source: event.source,
      detailType: event['detail-type'],
      ruleName: rule.name,
      targetId: target.Id,
      putAt,
      status: lost ? 'LOST' : 'PENDING',
      ...(duplicate ? { duplicate } : {}),
    };
    this.records.push(record);
    if (lost) return;
    this.options.clock.sleep(delayMs).then(async () => {
      record.deliveredAt = this.options.clock.now();
      try {
        const input = targetInput(target, event, { ruleName: rule.name, ruleArn: rule.arn });
        await this.options.deliver({ ruleName: rule.name, ruleArn: rule.arn, target, input, event });
        record.status = 'DELIVERED';
      } catch (error) {
        record.status = 'FAILED';
        record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    });
  }

  private fires(rules: FaultState[], event: EventBridgeEvent): boolean {
    let fired = false;
    for (const state of rules) {
      if (state.rule.pattern && !matchesEventPattern(state.rule.pattern, event)) continue;
      state.matched++;
      const hit = state.rule.times !== undefined ? state.matched <= state.rule.times : state.rule.rate !== undefined ? state.random() < state.rule.rate : true;
      fired = fired || hit;
    }
    return fired;
  }
}

function faultState(rule: EventFaultRule): FaultState {
  return { rule, matched: 0, random: seededRandom(rule.seed ?? 1) };
}

function ruleKey(bus: string, name: string): string {
  return `${bus}\u0000${name}`;
}

/** EventBridge event times have second precision: `2026-01-01T00:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
