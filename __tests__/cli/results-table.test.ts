import { formatResultsTables } from '../../lib/cli/results/results-table';

describe('formatResultsTables', () => {
  test('aligns columns, right-aligns numeric ones, shows NULL, one table per statement', () => {
    const text = formatResultsTables(
      [
        { index: 0, statementId: 'a', columns: ['id', 'label'], rows: [[7, 'x'], [1234, null]], totalRows: 2, truncated: false },
        { index: 2, statementId: 'b:2', columns: ['ok'], rows: [[true]], totalRows: 1, truncated: false },
      ],
      100,
    );
    expect(text.split('\n')).toEqual([
      'Query #0 result (StatementId a): 2 rows',
      '  id | label',
      '-----+------',
      '   7 | x',
      '1234 | NULL',
      '',
      'Query #2 result (StatementId b:2): 1 row',
      'ok',
      '----',
      'true',
      '',
    ]);
  });

  test('says when truncated, keeps lines single and short, reports a fetch error', () => {
    const long = 'y'.repeat(100);
    const text = formatResultsTables(
      [
        { index: 0, statementId: 'a', columns: ['t'], rows: [['line1\nline2'], [long]], totalRows: 50, truncated: true },
        { index: 1, statementId: 'c', error: 'ThrottlingException: Rate exceeded' },
      ],
      2,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('Query #0 result (StatementId a): first 2 of 50 rows (truncated at --max-rows 2)');
    expect(lines[3]).toBe('line1\\nline2');
    expect(lines[4]).toBe(`${'y'.repeat(59)}…`);
    expect(lines).toContain('Query #1 result (StatementId c): not fetched: ThrottlingException: Rate exceeded');
  });

  test('an empty result set prints its header only', () => {
    expect(formatResultsTables([{ index: 0, statementId: 'a', columns: ['n'], rows: [], totalRows: 0, truncated: false }], 100)).toBe(
      'Query #0 result (StatementId a): 0 rows\nn\n-\n',
    );
  });
});
