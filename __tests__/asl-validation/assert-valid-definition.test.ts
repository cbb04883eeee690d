import { assertValidDefinition, DefinitionValidationError, validateDefinition } from '../../lib/asl-validation';
import { pollingMachine } from './fixtures';

describe('assertValidDefinition', () => {
  test('returns quietly (with no warnings) for a valid definition', () => {
    expect(assertValidDefinition(pollingMachine())).toEqual([]);
  });

  test('fails with a DefinitionValidationError listing each error as "<location>: <message>"', () => {
    const machine = pollingMachine();
    machine.States.Submit.Next = 'Pol';
    machine.States.Poll.Seconds = -1;
    let thrown: unknown;
    try {
      assertValidDefinition(machine);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionValidationError);
    const error = thrown as DefinitionValidationError;
    expect(error.name).toBe('DefinitionValidationError');
    expect(error.diagnostics).toEqual(validateDefinition(machine));
    expect(error.errors).toHaveLength(2);
    expect(error.message).toContain('(2 errors)');
    for (const diagnostic of error.errors) expect(error.message).toContain(`${diagnostic.location}: ${diagnostic.message}`);
    expect(error.message).toContain("/States/Submit/Next: State 'Submit': Next 'Pol' does not name a state");
    expect(error.message).toContain("/States/Poll/Seconds: State 'Poll': field 'Seconds'");
  });

  test('a whole-definition error is shown as "(definition)"', () => {
    expect(() => assertValidDefinition('not json')).toThrow(/\(definition\): The state machine definition is not valid JSON/);
  });

  test('warnings alone do not fail, and are returned', () => {
    const machine = pollingMachine();
    machine.States.Describe.Output = "{% $eval('1 + 1') %}";
    const warnings = assertValidDefinition(machine);
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'WARNING', code: 'UNSUPPORTED_JSONATA_FUNCTION', location: '/States/Describe/Output' }),
    ]);
    expect(warnings[0]?.message).toContain("State 'Describe'");
  });
});

describe('validateDefinition on hostile input', () => {
  test('absurdly deep nesting is a TOO_DEEPLY_NESTED diagnostic, not a crash', () => {
    let deep: Record<string, unknown> = { leaf: '{% 1 %}' };
    for (let level = 0; level < 200_000; level += 1) deep = { a: deep };
    const machine = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: deep, End: true } } };
    expect(validateDefinition(machine)).toEqual([
      expect.objectContaining({ severity: 'ERROR', code: 'TOO_DEEPLY_NESTED', location: '' }),
    ]);
  });
});
