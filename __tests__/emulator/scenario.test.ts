import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, parseScenario, RedshiftDataError, ScenarioError } from '../../lib/emulator';
import { FaultInjector } from '../../lib/emulator/fault-injector';

describe('parseScenario', () => {
  test('accepts the documented format', () => {
    const scenario = {
      defaultDurationSeconds: 2,
      defaultQueuedSeconds: 0.5,
      maxActiveStatements: 10,
      statements: [
        { match: 'vacuum', durationSeconds: 3600, queuedSeconds: 10 },
        { match: 'insert', fail: { error: 'ERROR: 1023 DETAIL: Serializable isolation violation', times: 2 } },
        { match: 'stuck', neverFinishes: true },
        { match: 'kill', abort: true },
      ],
      api: [
        { operation: 'ExecuteStatement', error: 'ThrottlingException', firstCalls: 2 },
        { operation: '*', error: 'InternalServerException', rate: 0.05, seed: 7, message: 'boom' },
      ],
    };
    expect(parseScenario(scenario)).toEqual(scenario);
  });

  test.each([
    [{ defaultDurationSecond: 1 }, '$.defaultDurationSecond', "did you mean 'defaultDurationSeconds'"],
    [{ statements: [{ match: 'x', durationSecs: 1 }] }, '$.statements[0].durationSecs', 'unknown field'],
    [{ statements: [{ match: 'x', fail: { error: 'E', time: 2 } }] }, '$.statements[0].fail.time', "did you mean 'times'"],
    [{ statements: [{ match: 'x', fail: { error: 'E', times: 0 } }] }, '$.statements[0].fail.times', 'greater than 0'],
    [{ statements: [{ match: '(' }] }, '$.statements[0].match', 'not a valid RE2 regular expression'],
    [{ statements: [{ match: '(?<=from )sales' }] }, '$.statements[0].match', 'RE2 has no backreferences or lookaround'],
    [{ statements: [{ match: '(insert)\\s+\\1' }] }, '$.statements[0].match', 'invalid escape sequence'],
    [{ statements: [{ durationSeconds: 1 }] }, '$.statements[0].match', 'is required'],
    [{ statements: [{ match: 'x', abort: true, neverFinishes: true }] }, '$.statements[0]', 'choose one outcome'],
    [{ statements: [{ match: 'x', durationSeconds: -1 }] }, '$.statements[0].durationSeconds', 'at least 0'],
    [{ statements: {} }, '$.statements', 'must be an array'],
    [{ api: [{ operation: 'ExecuteStatment', error: 'ThrottlingException' }] }, '$.api[0].operation', 'must be one of'],
    [{ api: [{ operation: '*', error: 'Throttling' }] }, '$.api[0].error', 'must be one of'],
    [{ api: [{ operation: '*', error: 'ThrottlingException', rate: 2 }] }, '$.api[0].rate', 'at most 1'],
    [{ api: [{ operation: '*', error: 'ThrottlingException', firstCalls: 1, rate: 0.5 }] }, '$.api[0]', 'both firstCalls and rate'],
    [{ api: [{ operation: '*', error: 'ThrottlingException', seed: 3 }] }, '$.api[0].seed', 'only applies together with rate'],
    [[], '$', 'must be an object'],
  ])('fails on %j at %s', (json, path, problem) => {
    let caught: unknown;
    try {
      parseScenario(json, 'my-scenario.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const error = caught as ScenarioError;
    expect(error.path).toBe(path);
    expect(error.message).toContain(`my-scenario.json: ${path}: `);
    expect(error.message).toContain(problem);
  });
});

describe('loadScenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-scenario-'));

  test('reads a scenario file', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ defaultDurationSeconds: 5 }));
    await expect(loadScenario(file)).resolves.toEqual({ defaultDurationSeconds: 5 });
  });

  test('fails naming the file and the path of a typo', async () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ statements: [{ match: 'x', neverFinish: true }] }));
    await expect(loadScenario(file)).rejects.toThrow(`${file}: $.statements[0].neverFinish: unknown field (did you mean 'neverFinishes'?)`);
  });

  test('fails naming the file when it is not JSON', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    await expect(loadScenario(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$: is not valid JSON`));
  });

  test('fails naming the file when it is missing', async () => {
    await expect(loadScenario(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: \$: cannot read the scenario file/);
  });
});

describe('FaultInjector', () => {
  test('first matching statement rule wins and fail.times counts submissions', () => {
    const faults = new FaultInjector({
      defaultDurationSeconds: 2,
      statements: [
        { match: '^insert', fail: { error: 'ERROR: 1023', times: 2 }, durationSeconds: 5 },
        { match: 'insert', neverFinishes: true },
      ],
    });
    expect(faults.fateOf('INSERT INTO t VALUES (1)')).toMatchObject({ outcome: 'fail', error: 'ERROR: 1023', durationMs: 5000, ruleIndex: 0 });
    expect(faults.fateOf('insert into t values (1)')).toMatchObject({ outcome: 'fail' });
    expect(faults.fateOf('insert into t values (1)')).toMatchObject({ outcome: 'run', durationMs: 5000 });
    expect(faults.fateOf('select 1')).toEqual({ outcome: 'run', durationMs: 2000, queuedMs: 0 });
  });

  test('a pattern that backtracks exponentially in JavaScript RegExp is matched in linear time', () => {
    // JavaScript's backtracking RegExp takes about 2^40 steps on this SQL (hours); RE2 one pass.
    const faults = new FaultInjector({ statements: [{ match: '(a+)+$', fail: { error: 'ERROR: nested' } }, { match: '(x|x)*y', abort: true }] });
    expect(faults.fateOf(`SELECT '${'a'.repeat(40)}!'`)).toMatchObject({ outcome: 'run' });
    expect(faults.fateOf(`SELECT '${'x'.repeat(40)}'`)).toMatchObject({ outcome: 'run' });
    expect(faults.fateOf(`SELECT 'AAAA`)).toMatchObject({ outcome: 'fail', ruleIndex: 0 });
    expect(faults.fateOf(`SELECT '${'x'.repeat(40)}y'`)).toMatchObject({ outcome: 'abort', ruleIndex: 1 });
  });

  test('firstCalls fails only the first N calls of that operation', () => {
    const faults = new FaultInjector({ api: [{ operation: 'DescribeStatement', error: 'ThrottlingException', firstCalls: 2 }] });
    const outcomes = ['DescribeStatement', 'ExecuteStatement', 'DescribeStatement', 'DescribeStatement'].map((op) => {
      try {
        faults.checkApiCall(op as 'DescribeStatement');
        return 'ok';
      } catch (error) {
        return (error as RedshiftDataError).name;
      }
    });
    expect(outcomes).toEqual(['ThrottlingException', 'ok', 'ThrottlingException', 'ok']);
  });

  test('rate draws a reproducible sequence from the seed', () => {
    const run = () => {
      const faults = new FaultInjector({ api: [{ operation: '*', error: 'InternalServerException', rate: 0.3, seed: 42 }] });
      return Array.from({ length: 200 }, () => {
        try {
          faults.checkApiCall('ListStatements');
          return 0;
        } catch {
          return 1;
        }
      });
    };
    const first = run();
    expect(run()).toEqual(first);
    const failures = first.reduce<number>((a, b) => a + b, 0);
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });
});
