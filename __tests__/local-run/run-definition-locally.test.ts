import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedshiftDataEmulator } from '../../lib/emulator';
import { QueryProgressEvent, runDefinitionLocally, runQueryList } from '../../lib/local-run';
import { DefinitionValidationError } from '../../lib/runtime';
import { loopDefinition } from './fixtures/loop-definition';

describe('runDefinitionLocally / runQueryList with a given definition', () => {
  let emulator: RedshiftDataEmulator;

  beforeAll(() => {
    emulator = new RedshiftDataEmulator();
  });
  afterAll(() => emulator.close());

  test('runs the SQL on the emulator and reports each item from the real history', async () => {
    const progress: QueryProgressEvent[] = [];
    const { result } = await runQueryList(['create table loop_t (n int)', 'insert into loop_t values (1), (2)'], {
      definition: loopDefinition,
      emulator,
      executionName: 'loop-1',
      onProgress: (event) => progress.push(event),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toHaveLength(2);
    expect(await emulator.query('dev', 'select count(*)::int as n from loop_t')).toEqual([{ n: '2' }]);
    expect(progress.map((e) => e.type)).toEqual([
      'execution-started',
      'item-started',
      'submitted',
      'polling',
      'item-finished',
      'item-started',
      'submitted',
      'polling',
      'item-finished',
      'execution-finished',
    ]);
    expect(progress[0]).toMatchObject({ executionName: 'loop-1', total: 2 });
    expect(progress.filter((e) => e.type === 'submitted').map((e) => (e as { statementId?: string }).statementId)).toEqual(result.output);
    // Simulated time: each item waited 10 s before its only poll.
    const finished = progress.filter((e) => e.type === 'item-finished');
    expect(finished.map((e) => e.timestamp - progress[0]!.timestamp)).toEqual([10_000, 20_000]);
  });

  test('marks the failing item with the database error and ends FAILED', async () => {
    const progress: QueryProgressEvent[] = [];
    const { result } = await runQueryList(['select 1', 'selec 2'], { definition: loopDefinition, emulator, onProgress: (e) => progress.push(e) });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Loop.QueryFailed');
    const failed = progress.find((e) => e.type === 'item-failed');
    expect(failed).toMatchObject({ index: 1, attempts: 1 });
    expect((failed as { error: string }).error).toMatch(/syntax error at or near "selec"/);
    expect(progress.at(-1)).toMatchObject({ type: 'execution-finished', status: 'FAILED', error: 'Loop.QueryFailed' });
  });

  test('polls until a long statement finishes (scenario duration) on virtual time', async () => {
    const progress: QueryProgressEvent[] = [];
    const { result } = await runQueryList(['select 42'], {
      definition: loopDefinition,
      scenario: { statements: [{ match: 'select 42', durationSeconds: 3600 }] },
      onProgress: (e) => progress.push(e),
    });
    expect(result.status).toBe('SUCCEEDED');
    const polls = progress.filter((e) => e.type === 'polling');
    expect(polls.length).toBeGreaterThanOrEqual(360);
    expect(polls.at(-1)).toMatchObject({ status: 'FINISHED', polls: polls.length });
    expect(result.durationMs).toBeGreaterThanOrEqual(3_600_000);
  });

  test('throws the runtime typed error for an invalid definition, before running anything', async () => {
    const before = emulator.callLog.length;
    await expect(runDefinitionLocally({ StartAt: 'Nope', States: {} }, {}, { emulator })).rejects.toBeInstanceOf(DefinitionValidationError);
    expect(emulator.callLog.length).toBe(before);
  });

  test('loads a scenario file and reports its typo as a ScenarioError', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scenario-')), 'scenario.json');
    writeFileSync(file, JSON.stringify({ statements: [{ match: 'x', durationSecond: 5 }] }));
    await expect(runDefinitionLocally(loopDefinition, ['x'], { scenario: file })).rejects.toMatchObject({ name: 'ScenarioError', message: expect.stringContaining('durationSecond') });
  });
});
