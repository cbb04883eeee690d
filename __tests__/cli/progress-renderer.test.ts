import type { QueryProgressEvent } from '../../lib/local-run';
import { createProgressRenderer } from '../../lib/cli/progress/progress-renderer';
import { formatDuration, truncate } from '../../lib/cli/progress/format';
import { MemoryStream } from './helpers/memory-io';

const events: QueryProgressEvent[] = [
  { type: 'execution-started', executionName: 'exec-1', total: 2, timestamp: 0 },
  { type: 'item-started', index: 0, total: 2, label: 'create table t (n int)', resumed: false, timestamp: 0 },
  { type: 'submitted', index: 0, attempt: 1, statementId: 's1', batch: false, timestamp: 0 },
  { type: 'polling', index: 0, polls: 1, status: 'STARTED', timestamp: 30_000 },
  { type: 'polling', index: 0, polls: 2, status: 'STARTED', timestamp: 45_000 },
  { type: 'polling', index: 0, polls: 3, status: 'FAILED', timestamp: 60_000 },
  { type: 'attempt-failed', index: 0, attempt: 1, error: 'ERROR: lock timeout', timestamp: 60_000 },
  { type: 'retrying', index: 0, nextAttempt: 2, error: 'ERROR: lock timeout', timestamp: 60_000 },
  { type: 'submitted', index: 0, attempt: 2, statementId: 's2', batch: false, timestamp: 75_000 },
  { type: 'polling', index: 0, polls: 4, status: 'FINISHED', timestamp: 105_000 },
  { type: 'item-finished', index: 0, attempts: 2, polls: 4, statementId: 's2', timestamp: 105_000 },
  { type: 'item-started', index: 1, total: 2, label: 'selec 1', resumed: false, timestamp: 105_000 },
  { type: 'item-failed', index: 1, attempts: 1, polls: 0, error: 'RedshiftData.ValidationException', timestamp: 105_000 },
  { type: 'execution-finished', status: 'FAILED', error: 'RedshiftData.ValidationException', timestamp: 105_000 },
];

describe('PlainProgressRenderer', () => {
  test('writes one line per notable change, not one per poll', () => {
    const stream = new MemoryStream(false);
    const renderer = createProgressRenderer(stream);
    events.forEach(renderer.onProgress);
    renderer.finish();
    expect(stream.lines).toEqual([
      'Running 2 queries (execution exec-1)',
      '[#0 of 2] start: create table t (n int)',
      '[#0 of 2] submitted s1',
      '[#0 of 2] STARTED (poll 1)',
      '[#0 of 2] attempt 1 FAILED: ERROR: lock timeout',
      '[#0 of 2] waiting before attempt 2',
      '[#0 of 2] submitted s2 (attempt 2)',
      '[#0 of 2] FINISHED after 4 polls, 2 attempts, 1m 45s simulated',
      '[#1 of 2] start: selec 1',
      '[#1 of 2] FAILED after 1 attempt: RedshiftData.ValidationException',
    ]);
    expect(stream.text).not.toContain('\x1b[');
  });
});

describe('TtyProgressRenderer', () => {
  test('redraws in place and ends with a frame showing every item', () => {
    const stream = new MemoryStream(true, 200);
    const renderer = createProgressRenderer(stream);
    events.forEach(renderer.onProgress);
    renderer.finish();
    // The first frame is drawn at finish (redraws are throttled); it clears each line it writes.
    const frame = stream.text.split('\x1b[2K').slice(1).map((line) => line.replace(/\n(\x1b\[J)?$/, ''));
    expect(frame).toEqual([
      'Queries: 1/2 finished, 1 failed',
      '✔ [#0 of 2] create table t (n int)                            FINISHED · 4 polls · 2 attempts · 1m 45s',
      '✖ [#1 of 2] selec 1                                           FAILED: RedshiftData.ValidationException',
    ]);
  });

  test('moves the cursor back up over the previous frame', () => {
    const stream = new MemoryStream(true, 200);
    const renderer = createProgressRenderer(stream);
    renderer.onProgress(events[0]!);
    renderer.finish();
    renderer.onProgress(events[1]!);
    renderer.finish();
    expect(stream.text).toContain('\x1b[1F'); // first frame had the header line only
  });

  test('shows only the last items of a long list, with the totals in the header', () => {
    const stream = new MemoryStream(true, 200);
    const renderer = createProgressRenderer(stream);
    renderer.onProgress({ type: 'execution-started', executionName: 'e', total: 30, timestamp: 0 });
    for (let index = 0; index < 30; index++) {
      renderer.onProgress({ type: 'item-started', index, total: 30, label: `select ${index}`, resumed: false, timestamp: 0 });
      renderer.onProgress({ type: 'item-finished', index, attempts: 1, polls: 1, timestamp: 0 });
    }
    renderer.finish();
    expect(stream.text).toContain('Queries: 30/30 finished (18 earlier not shown)');
    expect(stream.text).toContain('[#29 of 30] select 29');
    expect(stream.text).not.toContain('[#17 of 30]');
  });

  test('trims lines to the terminal width', () => {
    const stream = new MemoryStream(true, 40);
    const renderer = createProgressRenderer(stream);
    renderer.onProgress(events[0]!);
    renderer.onProgress({ ...events[1]!, label: 'x'.repeat(200) } as QueryProgressEvent);
    renderer.finish();
    const drawn = stream.text.split('\x1b[2K').slice(1);
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) expect(line.replace(/\n.*$/s, '').length).toBeLessThanOrEqual(39);
  });
});

describe('format helpers', () => {
  test.each([
    [850, '850ms'],
    [12_000, '12s'],
    [250_000, '4m 10s'],
    [7_380_000, '2h 03m'],
    [86_400_000, '24h 00m'],
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  test('truncate flattens whitespace and adds an ellipsis', () => {
    expect(truncate('select\n  1', 20)).toBe('select 1');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });
});

describe('TtyProgressRenderer without events', () => {
  test('draws nothing when the run failed before it started', () => {
    const stream = new MemoryStream(true);
    createProgressRenderer(stream).finish();
    expect(stream.text).toBe('');
  });
});
