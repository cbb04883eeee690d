import { VirtualClock } from '../../lib/clock';
import { parseScenario, ScenarioError } from '../../lib/emulator';
import { EventBridgeError, EventDelivery, EventFaults, LocalEventBridge } from '../../lib/eventbridge';
import { rejection } from '../helpers/rejection';

const statementEvent = (statementName: string, state = 'FINISHED') => ({
  version: '0',
  id: `event-${statementName}-${state}`,
  'detail-type': 'Redshift Data Statement Status Change',
  source: 'aws.redshift-data',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:redshift:us-east-1:123456789012:cluster:c'],
  detail: { statementName, statementId: `id-${statementName}`, state },
});

function bridge(faults?: EventFaults) {
  const clock = new VirtualClock();
  const delivered: (EventDelivery & { at: number })[] = [];
  const events = new LocalEventBridge({ clock, faults, deliver: (delivery) => void delivered.push({ ...delivery, at: clock.now() }) });
  events.putRule({ Name: 'done', EventPattern: JSON.stringify({ source: ['aws.redshift-data'], detail: { statementName: [{ prefix: 'deploy1/' }] } }) });
  events.putTargets({ Rule: 'done', Targets: [{ Id: 'relay', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:relay' }] });
  const settle = () => clock.sleep(3_600_000);
  return { clock, events, delivered, settle };
}

describe('LocalEventBridge', () => {
  test('delivers matching events to each target, asynchronously, with the whole event as input by default', async () => {
    const { events, delivered, settle } = bridge();
    events.publish(statementEvent('deploy1/a'));
    events.publish(statementEvent('other/b'));
    expect(delivered).toEqual([]); // not within publish: delivery is asynchronous
    await settle();
    expect(delivered.map((d) => JSON.parse(d.input).detail.statementName)).toEqual(['deploy1/a']);
    expect(delivered[0]).toMatchObject({ ruleName: 'done', ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/done', at: Date.UTC(2026, 0, 1) });
    expect(events.usage).toMatchObject({ serviceEventsReceived: 2, customEventsPut: 0, deliveries: 1, lost: 0 });
  });

  test('Input, InputPath and InputTransformer shape what the target receives', async () => {
    const { events, delivered, settle } = bridge();
    expect(() => events.putTargets({ Rule: 'done', Targets: ['a', 'b', 'c', 'd', 'e'].map((Id) => ({ Id, Arn: 'x' })) })).toThrow(/at most 5/);
    events.removeTargets({ Rule: 'done', Ids: ['relay'] });
    events.putTargets({
      Rule: 'done',
      Targets: [
        { Id: 'constant', Arn: 'x', Input: '{"fixed":true}' },
        { Id: 'path', Arn: 'x', InputPath: '$.detail' },
        { Id: 'plain', Arn: 'x', InputTransformer: { InputPathsMap: { state: '$.detail.state' }, InputTemplate: 'statement is <state>, quoted "<state>"' } },
        { Id: 'envelope', Arn: 'x', InputTransformer: { InputTemplate: '{"event": <aws.events.event>, "full": <aws.events.event.json>}' } },
        {
          Id: 'transformed',
          Arn: 'x',
          InputTransformer: { InputPathsMap: { id: '$.detail.statementId', name: '$.detail.statementName', missing: '$.detail.nope' }, InputTemplate: '{"sid": <id>, "label": "name=<name>", "gone": <missing>, "rule": "<aws.events.rule-name>"}' },
        },
      ],
    });
    events.publish(statementEvent('deploy1/q"uote\\${x}'));
    await settle();
    const byTarget = Object.fromEntries(delivered.map((d) => [d.target.Id, d.input]));
    expect(JSON.parse(byTarget.constant!)).toEqual({ fixed: true });
    expect(JSON.parse(byTarget.path!)).toEqual(statementEvent('deploy1/q"uote\\${x}').detail);
    expect(byTarget.plain).toBe('statement is FINISHED, quoted "FINISHED"');
    const envelope = JSON.parse(byTarget.envelope!);
    expect(envelope.event).not.toHaveProperty('detail');
    expect(envelope.event.source).toBe('aws.redshift-data');
    expect(envelope.full.detail.state).toBe('FINISHED');
    expect(JSON.parse(byTarget.transformed!)).toEqual({ sid: 'id-deploy1/q"uote\\${x}', label: 'name=deploy1/q"uote\\${x}', gone: null, rule: 'done' });
  });

  test('putEvents builds the envelope, counts custom events, and rejects Detail that is not JSON', () => {
    const { events } = bridge();
    const answer = events.putEvents({ Entries: [{ Source: 'app', DetailType: 't', Detail: '{"a":1}' }] });
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries[0]!.EventId).toMatch(/[0-9a-f-]{36}/);
    expect(events.usage.customEventsPut).toBe(1);
    expect(() => events.putEvents({ Entries: [{ Source: 'app', DetailType: 't', Detail: '{nope' }] })).toThrow(EventBridgeError);
  });

  test('disabled rules, other buses and invalid patterns', async () => {
    const { events, delivered, settle } = bridge();
    events.putRule({ Name: 'done', EventPattern: { source: ['aws.redshift-data'] }, State: 'DISABLED' });
    events.publish(statementEvent('deploy1/a'));
    await settle();
    expect(delivered).toEqual([]);
    expect(() => events.putRule({ Name: 'bad', EventPattern: { source: 'aws.redshift-data' } })).toThrow(/InvalidEventPatternException|Event pattern is not valid/);
    expect(() => events.putTargets({ Rule: 'absent', Targets: [] })).toThrow(/Rule absent does not exist/);
    expect(() => events.putTargets({ Rule: 'done', Targets: [{ Id: 'x', Arn: 'x', Input: '{}', InputPath: '$' }] })).toThrow(/only one of Input, InputPath and InputTransformer/);
    expect(() => events.putTargets({ Rule: 'done', Targets: [{ Id: 'x', Arn: 'x', InputTransformer: { InputPathsMap: { id: 'detail.id' }, InputTemplate: '<id>' } }] })).toThrow(/id: 'detail.id' is not a JSON path/);
  });

  test('scenario faults: delay, loss of the first N matching events, duplicates', async () => {
    const { events, delivered, settle } = bridge({
      delaySeconds: 2.5,
      lose: [{ pattern: { detail: { state: ['FAILED'] } }, times: 1 }],
      duplicate: [{ pattern: { detail: { statementName: ['deploy1/dup'] } } }],
      duplicateDelaySeconds: 10,
    });
    events.publish(statementEvent('deploy1/a', 'FAILED'));
    events.publish(statementEvent('deploy1/b', 'FAILED'));
    events.publish(statementEvent('deploy1/dup'));
    await settle();
    const start = Date.UTC(2026, 0, 1);
    expect(delivered.map((d) => [JSON.parse(d.input).detail.statementName, (d.at - start) / 1000])).toEqual([
      ['deploy1/b', 2.5],
      ['deploy1/dup', 2.5],
      ['deploy1/dup', 12.5],
    ]);
    expect(events.deliveries.map((d) => [d.status, d.duplicate ?? false])).toEqual([
      ['LOST', false],
      ['DELIVERED', false],
      ['DELIVERED', false],
      ['DELIVERED', true],
    ]);
    expect(events.usage.lost).toBe(1);
  });

  test('a seeded loss rate is reproducible', async () => {
    const outcome = async () => {
      const { events, settle } = bridge({ lose: [{ rate: 0.5, seed: 7 }] });
      for (let i = 0; i < 20; i++) events.publish(statementEvent(`deploy1/${i}`));
      await settle();
      return events.deliveries.map((d) => d.status).join(',');
    };
    const first = await outcome();
    expect(first).toContain('LOST');
    expect(first).toContain('DELIVERED');
    expect(await outcome()).toBe(first);
  });

  test('a target that refuses the delivery is recorded FAILED with the error', async () => {
    const clock = new VirtualClock();
    const events = new LocalEventBridge({ clock, deliver: () => Promise.reject(Object.assign(new Error('no such machine'), { name: 'StateMachineDoesNotExist' })) });
    events.putRule({ Name: 'all', EventPattern: { source: [{ exists: true }] } });
    events.putTargets({ Rule: 'all', Targets: [{ Id: 't', Arn: 'x' }] });
    events.publish(statementEvent('x'));
    await clock.sleep(1);
    expect(events.deliveries[0]).toMatchObject({ status: 'FAILED', error: 'StateMachineDoesNotExist: no such machine' });
  });
});

describe('scenario files: the events section', () => {
  test('parses delay, loss and duplicate rules with event patterns', () => {
    const scenario = parseScenario({
      defaultDurationSeconds: 5,
      events: { delaySeconds: 1, lose: [{ pattern: { detail: { state: ['FINISHED'] } }, times: 2 }], duplicate: [{ rate: 0.1, seed: 3 }] },
    });
    expect(scenario.events).toEqual({ delaySeconds: 1, lose: [{ pattern: { detail: { state: ['FINISHED'] } }, times: 2 }], duplicate: [{ rate: 0.1, seed: 3 }] });
  });

  test.each([
    [{ events: { delay: 1 } }, '$.events.delay', 'unknown field'],
    [{ events: { delaySeconds: -1 } }, '$.events.delaySeconds', '≥ 0'],
    [{ events: { lose: {} } }, '$.events.lose', 'array'],
    [{ events: { lose: [{ times: 0 }] } }, '$.events.lose[0].times', 'positive integer'],
    [{ events: { lose: [{ times: 1, rate: 0.5 }] } }, '$.events.lose[0]', 'both times and rate'],
    [{ events: { duplicate: [{ seed: 2 }] } }, '$.events.duplicate[0].seed', 'only applies together with rate'],
    [{ events: { lose: [{ pattern: { detail: { state: 'FAILED' } } }] } }, '$.events.lose[0].pattern.detail.state', 'must be an array or an object'],
  ])('refuses %j naming %s', async (json, path, problem) => {
    const error = await rejection<ScenarioError>(Promise.resolve().then(() => parseScenario(json)));
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toContain(path);
    expect(error.message).toContain(problem);
  });
});
