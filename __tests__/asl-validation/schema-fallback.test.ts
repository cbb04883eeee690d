import { validateDefinition } from '../../lib/asl-validation';
import { compiledValidators } from '../../lib/asl-validation/schema/compiled-validators';
import { errorsOf, findDiagnostic, nestedMachine } from './fixtures';

const S = 'SCHEMA_VALIDATION_FAILED';

describe("asl-validator's schemas, as a fallback for fields no specific check covers", () => {
  test('an unknown field in a Parallel branch is located at the branch', () => {
    const machine = nestedMachine();
    machine.States.Both.Branches[0].Foo = 1;
    const diagnostics = validateDefinition(machine);
    findDiagnostic(diagnostics, { code: S, location: '/States/Both/Branches[0]', mentions: ["'Both'", 'Branches[0]', "'Foo'"] });
    expect(errorsOf(diagnostics)).toHaveLength(1);
  });

  test('JSONPath paths and payload templates are checked with asl-path-validator, at the offending key', () => {
    const machine = { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$..[', Parameters: { 'a.$': '$$$' }, End: true } } };
    const diagnostics = validateDefinition(machine);
    findDiagnostic(diagnostics, { code: S, location: '/States/P/InputPath', mentions: ["'P'", "'InputPath'", 'JSONPath path'] });
    findDiagnostic(diagnostics, { code: S, location: '/States/P/Parameters/a.$', mentions: ["'P'", 'Parameters.a.$', 'payload template'] });
    expect(errorsOf(diagnostics)).toHaveLength(2);
  });

  test('a Map Items of the wrong kind', () => {
    const machine = nestedMachine();
    machine.States.Each.Items = 5;
    findDiagnostic(validateDefinition(machine), { code: S, location: '/States/Each/Items', mentions: ["'Each'", "'Items'", 'array'] });
  });

  test('validators are compiled once and reused across calls', () => {
    const first = compiledValidators();
    validateDefinition(nestedMachine());
    expect(compiledValidators()).toBe(first);
    expect(first.forState('Task', 'JSONata')).toBe(first.forState('Task', 'JSONata'));
    expect(first.forState('Tusk', 'JSONata')).toBeUndefined();
  });
});
