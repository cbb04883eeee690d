/** History budget (25,000 events per Standard execution) and payload size (256 KiB), with default settings. */
import { HISTORY_EVENT_LIMIT } from '../../lib/definition';
import { QueryRunner, taskTimes } from './helpers/run-queries';

const runner = new QueryRunner();
afterAll(() => runner.close());

const MAX_PAYLOAD_BYTES = 256 * 1024;

describe('history budget', () => {
  test('a statement running the Data API maximum of 24 h completes in one execution with the defaults', async () => {
    const { result } = await runner.run(['select 1 as all_day'], {
      scenario: { statements: [{ match: 'all_day', durationSeconds: 86_340 }] },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.history.length).toBeLessThan(HISTORY_EVENT_LIMIT);
    const polls = taskTimes(result, 'describeStatement');
    // The documented schedule holds for the first 600 polls (30 s, then every 15 s) ...
    expect(polls.slice(0, 3)).toEqual([30, 45, 60]);
    expect(polls[599]! - polls[598]!).toBe(15);
    // ... then intervals stretch just enough to cover 24 h, and completion is seen within one interval.
    expect(polls[700]! - polls[699]!).toBeGreaterThan(15);
    expect(polls[polls.length - 1]! - 86_340).toBeLessThan(60);
    // Deterministic on the virtual clock: the numbers docs/definition.md and the README quote.
    expect(polls).toHaveLength(2_663);
    expect(result.history.length).toBe(23_982);
    console.info(`24 h statement: ${result.history.length} history events, ${polls.length} polls`);
  });

  test('1,000 quick statements complete in one execution, and the output stays well under 256 KiB', async () => {
    const queries = Array.from({ length: 1000 }, (_, i) => `select ${i} as quick`);
    const { result, emulator } = await runner.run(queries);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.history.length).toBeLessThan(HISTORY_EVENT_LIMIT);
    const output = result.output as { Index: number; StatementId: string }[];
    expect(output).toHaveLength(1000);
    expect(result.history.length).toBe(14_010);
    expect(output[999]).toMatchObject({ Index: 999, StatementId: emulator.statements()[999]!.Id });
    const bytes = Buffer.byteLength(JSON.stringify(result.output));
    expect(bytes).toBeLessThan(MAX_PAYLOAD_BYTES * 0.7);
    console.info(`1,000 quick statements: ${result.history.length} history events, output ${bytes} bytes`);
  });
});
