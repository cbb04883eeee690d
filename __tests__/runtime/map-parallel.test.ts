import { eventsOf, run, types } from './helpers/run';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** A handler that sleeps `seconds` of virtual time and records how many calls overlap. */
function concurrencyProbe(seconds = 10) {
  let active = 0;
  let peak = 0;
  const handler = async (args: { n: number }, inv: { clock: { sleep(ms: number): Promise<void> } }) => {
    active++;
    peak = Math.max(peak, active);
    await inv.clock.sleep(seconds * 1000);
    active--;
    if (args.n < 0) throw new Error(`negative ${args.n}`);
    return args.n * 2;
  };
  return { handler, peak: () => peak };
}

function mapOf(extra: Record<string, unknown>, items: unknown = '{% $states.input %}') {
  return {
    M: {
      Type: 'Map',
      Items: items,
      ItemProcessor: { StartAt: 'Double', States: { Double: { Type: 'Task', Resource: LAMBDA, Arguments: { n: '{% $states.input %}' }, End: true } } },
      End: true,
      ...extra,
    },
  };
}

describe('Map state (inline)', () => {
  test('runs the processor per item and returns the results in item order', async () => {
    const { handler } = concurrencyProbe();
    const result = await run(mapOf({}), [1, 2, 3], { taskHandlers: { [LAMBDA]: handler as never } });
    expect(result.output).toEqual([2, 4, 6]);
    expect(result.durationMs).toBe(10_000);
  });

  test('MaxConcurrency limits how many iterations run at once', async () => {
    const { handler, peak } = concurrencyProbe();
    const result = await run(mapOf({ MaxConcurrency: '{% 2 %}' }), [1, 2, 3, 4, 5], { taskHandlers: { [LAMBDA]: handler as never } });
    expect(result.output).toEqual([2, 4, 6, 8, 10]);
    expect(peak()).toBe(2);
    expect(result.durationMs).toBe(30_000);
  });

  test('MaxConcurrency 0 means unlimited, capped at 40 for an inline Map', async () => {
    const { handler, peak } = concurrencyProbe();
    const items = Array.from({ length: 50 }, (_, i) => i);
    await run(mapOf({ MaxConcurrency: 0 }), items, { taskHandlers: { [LAMBDA]: handler as never } });
    expect(peak()).toBe(40);
  });

  test('40 iterations waiting at once raise no listener-leak warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const result = await run({
        M: { Type: 'Map', Items: '{% $range(1, 40) %}', ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } }, End: true },
      });
      expect(result.durationMs).toBe(5_000);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  test('ItemSelector sees $states.context.Map.Item.Index and Value', async () => {
    const result = await run(
      {
        M: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemSelector: { index: '{% $states.context.Map.Item.Index %}', value: '{% $states.context.Map.Item.Value %}', tag: '{% $states.input.tag %}' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
      { list: ['a', 'b'], tag: 't' },
    );
    expect(result.output).toEqual([{ index: 0, value: 'a', tag: 't' }, { index: 1, value: 'b', tag: 't' }]);
  });

  test('writes Map and iteration events into the history, chained per iteration', async () => {
    const result = await run(
      { M: { Type: 'Map', Items: [1, 2], MaxConcurrency: 1, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    );
    expect(types(result)).toEqual([
      'ExecutionStarted', 'MapStateEntered', 'MapStateStarted',
      'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded',
      'MapIterationStarted', 'PassStateEntered', 'PassStateExited', 'MapIterationSucceeded',
      'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded',
    ]);
    expect(eventsOf(result, 'MapStateStarted')[0]!.details).toEqual({ length: 2 });
    expect(eventsOf(result, 'MapIterationStarted').map((e) => e.details)).toEqual([{ name: 'M', index: 0 }, { name: 'M', index: 1 }]);
    // 1 Map + 2 inner states.
    expect(result.transitions).toBe(3);
    const started = eventsOf(result, 'MapStateStarted')[0]!;
    const iterations = eventsOf(result, 'MapIterationStarted');
    expect(iterations.map((e) => e.previousEventId)).toEqual([started.id, started.id]);
    const firstInner = result.history[iterations[0]!.id]!;
    expect(firstInner.previousEventId).toBe(iterations[0]!.id);
  });

  test('one failed iteration fails the Map with its error and aborts the others', async () => {
    const { handler } = concurrencyProbe();
    const result = await run(mapOf({ MaxConcurrency: 1 }), [1, -2, 3], { taskHandlers: { [LAMBDA]: handler as never } });
    expect([result.error, result.cause]).toEqual(['States.TaskFailed', 'negative -2']);
    // AWS's event shapes (LocalStack's timeouts/test_timeouts.snapshot.json, test_service_lambda_map_timeout):
    // MapIterationFailed names the Map and index only; MapStateFailed has no details.
    expect(eventsOf(result, 'MapIterationFailed')[0]!.details).toEqual({ name: 'M', index: 1 });
    expect(eventsOf(result, 'MapStateFailed')[0]!.details).toBeUndefined();
    expect(eventsOf(result, 'MapIterationStarted')).toHaveLength(2);
  });

  test('iterations still running when another fails are aborted; those not started never start', async () => {
    const result = await run(
      {
        M: {
          Type: 'Map',
          Items: [1000, 1, 1000, 1000],
          MaxConcurrency: 3,
          ItemProcessor: {
            StartAt: 'Sleep',
            States: {
              Sleep: { Type: 'Wait', Seconds: '{% $states.input %}', Next: 'Check' },
              Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input = 1 %}', Next: 'Boom' }], Default: 'Ok' },
              Boom: { Type: 'Fail', Error: 'Boom', Cause: 'item 1' },
              Ok: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      },
    );
    expect([result.error, result.cause]).toEqual(['Boom', 'item 1']);
    expect(eventsOf(result, 'MapIterationStarted').map((e) => e.details!.index)).toEqual([0, 1, 2]);
    expect(eventsOf(result, 'MapIterationAborted').map((e) => e.details!.index).sort()).toEqual([0, 2]);
    expect(result.durationMs).toBe(1_000);
  });

  test('the history limit reached inside a Map ends the execution once, with nothing after it', async () => {
    const spinner = {
      StartAt: 'Tick',
      States: {
        Tick: { Type: 'Wait', Seconds: 1, Next: 'Again' },
        Again: { Type: 'Choice', Choices: [{ Condition: '{% false %}', Next: 'Stop' }], Default: 'Tick' },
        Stop: { Type: 'Succeed' },
      },
    };
    const result = await run({ M: { Type: 'Map', Items: [1, 2, 3], ItemProcessor: spinner, End: true } }, {}, { maxHistoryEvents: 300 });
    expect(result.history).toHaveLength(300);
    expect(result.history.filter((e) => e.type.startsWith('Execution') && e.type !== 'ExecutionStarted')).toHaveLength(1);
    expect(result.error).toBe('States.Runtime');
  });

  test('tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const { handler } = concurrencyProbe();
    const tolerated = await run(mapOf({ ToleratedFailureCount: 1 }), [1, -2, 3], { taskHandlers: { [LAMBDA]: handler as never } });
    expect(tolerated.status).toBe('SUCCEEDED');
    expect(tolerated.output).toEqual([2, { Error: 'States.TaskFailed', Cause: 'negative -2' }, 6]);
    const exceeded = await run(mapOf({ ToleratedFailurePercentage: 40 }), [1, -2, -3, 4], { taskHandlers: { [LAMBDA]: handler as never } });
    expect(exceeded.error).toBe('States.ExceedToleratedFailureThreshold');
    // test_state/test_state_configuration.snapshot.json (test_map_state_failure_count) records this cause.
    expect(exceeded.cause).toBe('The specified tolerated failure threshold was exceeded');
  });

  // AWS's exact causes: LocalStack's AWS recordings, tests/aws/services/stepfunctions/v2/scenarios/
  // test_base_scenarios.snapshot.json (test_map_state_items_eval_jsonata_fail, test_map_state_items_input_types).
  test('fails with States.QueryEvaluationError and AWS\'s cause when Items is not an array', async () => {
    const result = await run(mapOf({}, '{% $states.input.obj %}'), { obj: { foo: 'bar' } });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '$states.input.obj' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
    );
    expect(eventsOf(result, 'EvaluationFailed')[0]!.details).toMatchObject({ location: 'Items', state: 'M' });
    expect(types(result)).toEqual(['ExecutionStarted', 'MapStateEntered', 'EvaluationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  test.each([
    [true, 'boolean', 'true'],
    [null, 'null', 'null'],
    [1, 'number', '1'],
    ['string', 'string', '"string"'],
  ])('Items returning %p names its JSON type %s', async (value, type, shown) => {
    const result = await run(mapOf({}, '{% $states.input.v %}'), { v: value });
    expect(result.cause).toMatch(new RegExp(`Expected 'array', but was '${type}' for value: ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test('a JSONata Map without Items whose input is not an array fails with States.QueryEvaluationError (not States.Runtime)', async () => {
    const { Items: _items, ...withoutItems } = mapOf({}).M;
    const result = await run({ M: withoutItems }, { foo: 'bar' });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      'An error occurred while executing the state \'M\' (entered at the event id #2). Map state input must be an array but was: {"foo":"bar"}',
    );
  });

  test('Items returning a function is "an unsupported result type"', async () => {
    const result = await run(mapOf({}, '{% $fn := function($x){$x} %}'), {});
    expect(result.cause).toBe(
      "An error occurred while executing the state 'M' (entered at the event id #2). The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
    );
  });

  test('Retry on a Map reruns every iteration', async () => {
    let calls = 0;
    const result = await run(mapOf({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }] }), [1, 2], {
      taskHandlers: { [LAMBDA]: async (args) => { calls++; if (calls === 1) throw new Error('first'); return args.n; } },
    });
    expect(result.output).toEqual([1, 2]);
    expect(eventsOf(result, 'MapStateStarted')).toHaveLength(2);
  });
});

describe('Parallel state', () => {
  test('runs every branch on the same input and returns their outputs in branch order', async () => {
    const result = await run(
      {
        P: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n %}' },
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 20, Next: 'A2' }, A2: { Type: 'Pass', Output: '{% $states.input.n + 1 %}', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 10, Next: 'B2' }, B2: { Type: 'Pass', Output: '{% $states.input.n * 10 %}', End: true } } },
          ],
          Output: { results: '{% $states.result %}' },
          End: true,
        },
      },
      { n: 3, other: true },
    );
    expect(result.output).toEqual({ results: [4, 30] });
    expect(result.durationMs).toBe(20_000);
    expect(types(result).slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types(result).slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  test('a failing branch fails the Parallel with its error, stops the other branch, and can be caught', async () => {
    const result = await run({
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 1000, Next: 'Never' }, Never: { Type: 'Pass', End: true } } },
          { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Error', Cause: 'b' } } },
        ],
        Catch: [{ ErrorEquals: ['Branch.Error'], Next: 'Handled' }],
        End: true,
      },
      Handled: { Type: 'Pass', End: true },
    });
    expect(result.output).toEqual({ Error: 'Branch.Error', Cause: 'b' });
    expect(types(result)).not.toContain('PassStateEntered' + 'Never');
    expect(eventsOf(result, 'PassStateEntered').map((e) => e.details!.name)).toEqual(['Handled']);
    expect(result.durationMs).toBe(0);
  });

  test('branches have isolated scopes that read outer variables', async () => {
    const result = await run({
      Init: { Type: 'Pass', Assign: { base: 100 }, Next: 'P' },
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Assign: { mine: 1 }, Next: 'A2' }, A2: { Type: 'Pass', Output: '{% $base + $mine %}', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', Assign: { theirs: 2 }, Next: 'B2' }, B2: { Type: 'Pass', Output: '{% $base + $theirs %}', End: true } } },
        ],
        End: true,
      },
    });
    expect(result.output).toEqual([101, 102]);
  });
});
