/**
 * Event mode gives the same results as poll mode: every bench scenario file and the fault scenarios, end to end
 * on the local cloud. Only StatementIds (random per submission) differ.
 */
import { loadScenario, type Scenario } from '../../lib/emulator';
import type { ExecutionResult } from '../../lib/runtime';
import { SCENARIOS } from '../../bench/scenarios/catalog';
import { CloudRunner } from './helpers/event-cloud';

const runner = new CloudRunner();
beforeAll(() => runner.warmUp(), 180_000);
afterAll(() => runner.close());

/** Status, error, cause and output with StatementIds replaced by their order of appearance. */
function comparable(result: ExecutionResult): unknown {
  const ids = new Map<string, string>();
  const text = JSON.stringify({ status: result.status, error: result.error, cause: result.cause, output: result.output });
  return JSON.parse(text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!ids.has(id)) ids.set(id, `statement-${ids.size}`);
    return ids.get(id)!;
  }));
}

async function bothModes(input: unknown, scenario: Scenario) {
  const poll = await runner.run(input, { scenario, deploy: { completionMode: 'poll' } });
  const event = await runner.run(input, { scenario, deploy: { completionMode: 'event' } });
  return { poll, event };
}

describe('bench scenario files', () => {
  test.each(SCENARIOS.map((s) => [s.id, s] as const))('(%s) gives the same result in both modes', async (_id, bench) => {
    const scenario = await loadScenario(bench.scenarioFile);
    // (e) keeps 200 of its 1,000 quick queries: the same rules, a fifth of the wall time.
    const input = bench.id === 'e' ? bench.input.slice(0, 200) : bench.input;
    const { poll, event } = await bothModes(input, scenario);
    expect(event.settle.stuck).toEqual([]);
    expect(poll.result.status).toBe('SUCCEEDED');
    expect(comparable(event.result)).toEqual(comparable(poll.result));
    expect(event.result.transitions).toBeLessThanOrEqual(poll.result.transitions);
  });
});

describe('fault scenarios', () => {
  const cases: [string, unknown, Scenario][] = [
    ['a statement that fails for good', [{ ExecuteStatementParameters: 'select 1 as broken', MaxRetries: 1, BaseWaitTime: 3 }],
      { statements: [{ match: 'broken', fail: { error: 'ERROR: relation "x" does not exist' } }] }],
    ['a statement aborted by someone', ['select 1 as victim'], { statements: [{ match: 'victim', durationSeconds: 50, abort: true }] }],
    ['a queued statement', ['select 1 as queued'], { statements: [{ match: 'queued', queuedSeconds: 120, durationSeconds: 30 }] }],
    ['a batch with a retried serialization error', [{ ExecuteStatementParameters: { Sqls: ['select 1', 'select 2 as flaky'] }, RetryErrorMatch: '.*serializ', BaseWaitTime: 2 }],
      { statements: [{ match: 'flaky', fail: { error: 'ERROR: 1023 could not serialize', times: 2 } }] }],
    ['throttled submits', ['select 1', 'select 2'], { api: [{ operation: 'ExecuteStatement', error: 'ThrottlingException', firstCalls: 2 }] }],
    ['a timeout', [{ ExecuteStatementParameters: 'select 1 as slow', TimeoutSeconds: 100 }], { statements: [{ match: 'slow', durationSeconds: 500 }] }],
    ['invalid input: nothing is sent', [{ ExecuteStatementParameters: 'select 1', CompletionMode: 'sometimes' }], {}],
  ];
  test.each(cases)('%s', async (_name, input, scenario) => {
    const { poll, event } = await bothModes(input, scenario);
    expect(event.settle.stuck).toEqual([]);
    expect(comparable(event.result)).toEqual(comparable(poll.result));
  });

  test('the invalid CompletionMode is named with its index', async () => {
    const { event } = await bothModes(['select 1', { ExecuteStatementParameters: 'select 2', CompletionMode: 'sometimes' }], {});
    expect(event.result.error).toBe('RedshiftQuery.InvalidInput');
    expect(event.result.cause).toBe('Query at index 1: CompletionMode must be "poll" or "event", got "sometimes"');
    // No SQL sent; the cleanup (the execution FAILED) only listed its statements.
    expect(event.emulator.callLog.map((call) => call.operation)).toEqual(['ListStatements']);
  });
});

describe('per-query CompletionMode', () => {
  test('a poll-mode deployment with event resources: one query asks for events, the other polls', async () => {
    const run = await runner.run(['select 1 as polled', { ExecuteStatementParameters: 'select 2 as evented', CompletionMode: 'event' }], {
      scenario: { defaultDurationSeconds: 40 },
      deploy: { completionMode: 'poll', eventResources: true },
    });
    expect(run.result.status).toBe('SUCCEEDED');
    const submits = run.emulator.callLog.filter((call) => call.operation === 'ExecuteStatement').map((call) => (call.request as { WithEvent?: boolean }).WithEvent);
    expect(submits).toEqual([undefined, true]);
  });

  test('event asked of a deployment without event resources is refused before any SQL', async () => {
    const run = await runner.run(['select 1', { ExecuteStatementParameters: 'select 2', CompletionMode: 'event' }], { deploy: { completionMode: 'poll' } });
    expect(run.result.error).toBe('RedshiftQuery.InvalidInput');
    expect(run.result.cause).toBe(
      'Query at index 1: CompletionMode "event" needs the state machine deployed with event support (completion table, relay machine and rule); this one only polls',
    );
    expect(run.emulator.callLog.map((call) => call.operation)).toEqual(['ListStatements']);
  });

  test('an event-mode deployment can poll one query', async () => {
    const run = await runner.run([{ ExecuteStatementParameters: 'select 1', CompletionMode: 'poll' }, 'select 2'], { scenario: { defaultDurationSeconds: 40 } });
    expect(run.result.status).toBe('SUCCEEDED');
    const submits = run.emulator.callLog.filter((call) => call.operation === 'ExecuteStatement').map((call) => (call.request as { WithEvent?: boolean }).WithEvent);
    expect(submits).toEqual([undefined, true]);
  });
});
