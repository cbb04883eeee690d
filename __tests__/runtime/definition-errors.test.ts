import { DefinitionValidationError, InvalidExecutionInputError, runExecution } from '../../lib/runtime';
import { machine } from './helpers/run';

describe('Errors thrown before running', () => {
  // AWS refuses a JSONata machine reverting one state to JSONPath (measured against ValidateStateMachineDefinition
  // by the floci emulator's AWS-pinned tests); the other direction, JSONata states in a JSONPath machine, runs.
  test('refuses a JSONPath state inside a JSONata machine, as AWS does', async () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'Old', States: { Old: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } };
    const error = await runExecution(definition, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionValidationError);
    expect((error as Error).message).toContain("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
  });

  test('runs a definition that sets no QueryLanguage (JSONPath by default)', async () => {
    const result = await runExecution({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } }, {});
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
  });

  test('fails with DefinitionValidationError listing every problem with its state and field', async () => {
    const definition = machine({
      A: { Type: 'Pass', Next: 'Nowhere' },
      B: { Type: 'Pass', Output: '{% $states.input. %}', End: true },
      C: { Type: 'Task', Resource: 'lambda', Parameters: {}, End: true },
    });
    const error = await runExecution(definition, {}, { skipValidation: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DefinitionValidationError);
    const messages = (error as DefinitionValidationError).diagnostics.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/State 'A': Next 'Nowhere' does not name a state/),
        expect.stringMatching(/State 'B', field Output: the expression '\$states.input.' does not parse/),
        expect.stringMatching(/State 'C': Resource must be an ARN string/),
        expect.stringMatching(/State 'C': Parameters is a JSONPath field/),
      ]),
    );
  });

  test('fails when a Map is Distributed', async () => {
    const definition = machine({
      M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true },
    });
    await expect(runExecution(definition, [], { skipValidation: true })).rejects.toThrow(/State 'M': .*Mode DISTRIBUTED is not supported/);
  });

  test('accepts the definition as JSON text and rejects text that is not JSON', async () => {
    const result = await runExecution(JSON.stringify(machine({ P: { Type: 'Pass', End: true } })), { a: 1 });
    expect(result.output).toEqual({ a: 1 });
    await expect(runExecution('{ nope', {})).rejects.toThrow(/The definition is not valid JSON/);
  });

  test('fails with InvalidExecutionInputError for an input over 256 KiB', async () => {
    await expect(runExecution(machine({ P: { Type: 'Pass', End: true } }), { big: 'x'.repeat(262_144) })).rejects.toBeInstanceOf(InvalidExecutionInputError);
  });

  test('an execution failure resolves (never rejects) with status FAILED', async () => {
    const result = await runExecution(machine({ F: { Type: 'Fail', Error: 'E', Cause: 'C' } }), {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C' });
  });
});
