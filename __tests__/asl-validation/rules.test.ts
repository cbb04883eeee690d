import { validateDefinition } from '../../lib/asl-validation';
import { errorsOf, findDiagnostic, nestedMachine, pollingMachine, type ExpectedDiagnostic, type Json } from './fixtures';

interface RuleCase {
  readonly rule: string;
  readonly definition: () => Json;
  readonly expected: ExpectedDiagnostic;
  /** The finding is reported once, not again in other words by the schema pass. */
  readonly only?: boolean;
}

/** A copy of the polling machine with one change. */
function polling(change: (machine: Json) => void): () => Json {
  return () => {
    const machine = pollingMachine();
    change(machine);
    return machine;
  };
}

function nested(change: (machine: Json) => void): () => Json {
  return () => {
    const machine = nestedMachine();
    change(machine);
    return machine;
  };
}

const S = 'SCHEMA_VALIDATION_FAILED';
const T = 'MISSING_TRANSITION_TARGET';

const cases: RuleCase[] = [
  // ---- the definition as a whole
  { rule: 'definition is not an object', definition: () => [1, 2], expected: { code: S, location: '', mentions: ['JSON object'] }, only: true },
  { rule: 'definition text is not JSON', definition: () => '{"StartAt": ', expected: { code: 'INVALID_JSON_DESCRIPTION', location: '', mentions: ['not valid JSON'] }, only: true },
  { rule: 'definition is missing', definition: () => null, expected: { code: 'MISSING_DESCRIPTION', location: '', mentions: ['empty'] }, only: true },
  { rule: 'StartAt is missing', definition: polling((m) => delete m.StartAt), expected: { code: S, location: '', mentions: ['StartAt'] } },
  { rule: 'StartAt names no state', definition: polling((m) => (m.StartAt = 'Nope')), expected: { code: T, location: '/StartAt', mentions: ['StartAt', 'Nope'] } },
  { rule: 'States is empty', definition: () => ({ StartAt: 'A', States: {} }), expected: { code: S, location: '/States', mentions: ['States', 'at least one'] }, only: true },
  { rule: 'a top-level field is unknown', definition: polling((m) => (m.Version2 = '1')), expected: { code: S, location: '', mentions: ["'Version2'", 'not supported'] }, only: true },

  // ---- state types and transitions
  { rule: 'unknown state Type', definition: polling((m) => (m.States.Poll.Type = 'Wiat')), expected: { code: S, location: '/States/Poll/Type', mentions: ["'Poll'", "'Wiat'", 'Type'] }, only: true },
  { rule: 'missing state Type', definition: polling((m) => delete m.States.Poll.Type), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "'Type'"] }, only: true },
  { rule: 'non-terminal state without Next or End', definition: polling((m) => delete m.States.Poll.Next), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "'Next'", 'End'] } },
  { rule: 'End and Next together', definition: polling((m) => (m.States.Poll.End = true)), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "'End'", "'Next'"] }, only: true },
  { rule: 'Next names no state', definition: polling((m) => (m.States.Submit.Next = 'Pol')), expected: { code: T, location: '/States/Submit/Next', mentions: ["'Submit'", 'Next', "'Pol'"] } },
  { rule: 'Default names no state', definition: polling((m) => (m.States.Check.Default = 'Nowhere')), expected: { code: T, location: '/States/Check/Default', mentions: ["'Check'", 'Default', "'Nowhere'"] } },
  { rule: 'Choices[].Next names no state', definition: polling((m) => (m.States.Check.Choices[1].Next = 'Gone')), expected: { code: T, location: '/States/Check/Choices[1]/Next', mentions: ["'Check'", 'Choices[1].Next', "'Gone'"] } },
  { rule: 'Catch[].Next names no state', definition: polling((m) => (m.States.Submit.Catch[0].Next = 'Oops')), expected: { code: T, location: '/States/Submit/Catch[0]/Next', mentions: ["'Submit'", 'Catch[0].Next', "'Oops'"] } },
  { rule: 'Next leaves its Map scope', definition: nested((m) => { m.States.Each.ItemProcessor.States.Inner = { Type: 'Pass', Next: 'Both' }; }), expected: { code: T, location: '/States/Each/ItemProcessor/States/Inner/Next', mentions: ["'Inner'", "'Both'"] } },
  { rule: 'Next names no state in a Parallel branch', definition: nested((m) => (m.States.Both.Branches[1].States.B.Next = 'B3')), expected: { code: T, location: '/States/Both/Branches[1]/States/B/Next', mentions: ["'B'", "'B3'"] } },
  { rule: 'Choice with End', definition: polling((m) => (m.States.Check.End = true)), expected: { code: S, location: '/States/Check', mentions: ["'Check'", "'End'"] }, only: true },
  { rule: 'Choice with Next', definition: polling((m) => (m.States.Check.Next = 'Done')), expected: { code: S, location: '/States/Check', mentions: ["'Check'", "'Next'"] }, only: true },
  { rule: 'Succeed with Next', definition: polling((m) => (m.States.Done.Next = 'Poll')), expected: { code: S, location: '/States/Done', mentions: ["'Done'", "'Next'"] }, only: true },
  { rule: 'unreachable state', definition: polling((m) => (m.States.Orphan = { Type: 'Pass', End: true })), expected: { code: T, location: '/States/Orphan', mentions: ['"Orphan"', 'not reachable'] }, only: true },
  { rule: 'unreachable state in a Map', definition: nested((m) => (m.States.Each.ItemProcessor.States.Lost = { Type: 'Succeed' })), expected: { code: T, location: '/States/Each/ItemProcessor/States/Lost', mentions: ['"Lost"'] }, only: true },
  {
    rule: 'no terminal state',
    definition: () => ({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } }),
    expected: { code: 'MISSING_END_STATE', location: '', mentions: ['terminal state'] },
    only: true,
  },
  { rule: 'ItemProcessor StartAt missing', definition: nested((m) => delete m.States.Each.ItemProcessor.StartAt), expected: { code: S, location: '/States/Each/ItemProcessor', mentions: ["Map state 'Each'", "'StartAt'"] } },

  // ---- names
  { rule: 'state name longer than 80 characters', definition: polling((m) => { m.States.Check.Choices[0].Next = 'D'.repeat(81); m.States['D'.repeat(81)] = { Type: 'Succeed' }; }), expected: { code: 'INVALID_STATE_NAME', location: `/States/${'D'.repeat(81)}`, mentions: ['81 characters', '80'] } },
  { rule: 'duplicate state name across scopes', definition: nested((m) => { m.States.Both.Branches[1].States.B.Next = 'Init'; m.States.Both.Branches[1].States.Init = { Type: 'Pass', End: true }; delete m.States.Both.Branches[1].States.B2; }), expected: { code: 'DUPLICATE_STATE_NAME', location: '/States/Both/Branches[1]/States/Init', mentions: ["'Init'", '/States/Init'] }, only: true },

  // ---- query languages
  ...(['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'ItemsPath'] as const).map(
    (field): RuleCase => ({
      rule: `JSONPath-only field ${field} in a JSONata state`,
      definition: polling((m) => (m.States.Submit[field] = field === 'Parameters' || field === 'ResultSelector' ? { a: 1 } : '$.x')),
      expected: { code: S, location: '/States/Submit', mentions: ["'Submit'", `'${field}'`, "'JSONPath'"] },
      only: true,
    }),
  ),
  { rule: 'JSONPath-only field inherited from the machine language in a Map', definition: nested((m) => (m.States.Each.ItemProcessor.States.Inner.ResultPath = '$.r')), expected: { code: S, location: '/States/Each/ItemProcessor/States/Inner', mentions: ["'Inner'", "'ResultPath'"] }, only: true },
  { rule: "'.$' key in a JSONata Assign (not a variable name there)", definition: polling((m) => (m.States.Submit.Assign = { 'sql.$': '$.sql' })), expected: { code: S, location: '/States/Submit/Assign/sql.$', mentions: ["'Submit'", "'sql.$'"] }, only: true },
  { rule: 'JSONata-only field in a JSONPath state', definition: () => ({ StartAt: 'P', States: { P: { Type: 'Pass', Output: { a: 1 }, End: true } } }), expected: { code: S, location: '/States/P', mentions: ["'P'", "'Output'", "'JSONata'"] }, only: true },
  { rule: 'state falls back to JSONPath in a JSONata machine', definition: polling((m) => (m.States.Poll.QueryLanguage = 'JSONPath')), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "'QueryLanguage'", "'JSONPath'"] }, only: true },
  { rule: 'QueryLanguage misspelt', definition: polling((m) => (m.States.Poll.QueryLanguage = 'jsonata')), expected: { code: S, location: '/States/Poll/QueryLanguage', mentions: ["'Poll'", 'QueryLanguage', "'jsonata'"] }, only: true },
  { rule: 'QueryLanguage on an ItemProcessor', definition: nested((m) => (m.States.Each.ItemProcessor.QueryLanguage = 'JSONata')), expected: { code: S, location: '/States/Each/ItemProcessor', mentions: ["'Each'", "'QueryLanguage'"] }, only: true },

  // ---- JSONata expressions
  { rule: 'expression not closed with %}', definition: polling((m) => (m.States.Submit.Arguments.Database = '{% $states.input.db')), expected: { code: S, location: '/States/Submit/Arguments/Database', mentions: ["'Submit'", 'Arguments.Database', '%}'] }, only: true },
  { rule: 'expression does not parse', definition: polling((m) => (m.States.Describe.Output = '{% a[1,2) %}')), expected: { code: 'INVALID_JSONATA_EXPRESSION', location: '/States/Describe/Output', mentions: ["'Describe'", "'Output'", 'Expected "]", got ","', 'S0202', 'character 5'] }, only: true },
  { rule: 'expression in a nested template does not parse', definition: polling((m) => (m.States.Describe.Arguments.Id = '{% $statementId + %}')), expected: { code: 'INVALID_JSONATA_EXPRESSION', location: '/States/Describe/Arguments/Id', mentions: ["'Describe'", 'Arguments.Id', 'Unexpected end of expression'] }, only: true },
  { rule: "'$$' reference", definition: polling((m) => (m.States.Describe.Output = '{% $$.status %}')), expected: { code: 'UNSUPPORTED_JSONATA_EXPRESSION', location: '/States/Describe/Output', mentions: ["'Describe'", "'$$'"] }, only: true },
  { rule: '$states.errorOutput outside a Catch', definition: polling((m) => (m.States.Describe.Output = '{% $states.errorOutput %}')), expected: { code: 'UNSUPPORTED_JSONATA_EXPRESSION', location: '/States/Describe/Output', mentions: ["'Describe'", '$states.errorOutput', 'Catch'] }, only: true },

  // ---- Choice in JSONata
  { rule: 'JSONata choice rule without Condition', definition: polling((m) => delete m.States.Check.Choices[0].Condition), expected: { code: S, location: '/States/Check/Choices[0]', mentions: ["'Check'", 'Choices[0]', "'Condition'"] }, only: true },
  { rule: 'JSONPath choice rule in a JSONata state', definition: polling((m) => (m.States.Check.Choices[0] = { Variable: '$.status', StringEquals: 'FINISHED', Next: 'Done' })), expected: { code: S, location: '/States/Check/Choices[0]', mentions: ["'Check'", "'Variable'", 'Condition'] } },
  { rule: 'choice rule without Next', definition: polling((m) => delete m.States.Check.Choices[1].Next), expected: { code: S, location: '/States/Check/Choices[1]', mentions: ["'Check'", 'Choices[1]', "'Next'"] }, only: true },
  { rule: 'Choices empty', definition: polling((m) => (m.States.Check.Choices = [])), expected: { code: S, location: '/States/Check/Choices', mentions: ["'Check'", "'Choices'"] } },

  // ---- Retry and Catch
  { rule: 'retrier without ErrorEquals', definition: polling((m) => delete m.States.Submit.Retry[0].ErrorEquals), expected: { code: S, location: '/States/Submit/Retry[0]', mentions: ["'Submit'", 'Retry[0]', "'ErrorEquals'"] }, only: true },
  { rule: 'retrier with empty ErrorEquals', definition: polling((m) => (m.States.Submit.Retry[0].ErrorEquals = [])), expected: { code: S, location: '/States/Submit/Retry[0]/ErrorEquals', mentions: ["'Submit'", 'Retry[0].ErrorEquals', 'non-empty'] }, only: true },
  { rule: 'States.ALL not alone', definition: polling((m) => (m.States.Submit.Retry[0].ErrorEquals = ['States.ALL', 'States.Timeout'])), expected: { code: S, location: '/States/Submit/Retry[0]/ErrorEquals', mentions: ["'Submit'", "'States.ALL'", 'alone'] }, only: true },
  { rule: 'States.ALL retrier not last', definition: polling((m) => m.States.Submit.Retry.unshift({ ErrorEquals: ['States.ALL'] })), expected: { code: S, location: '/States/Submit/Retry[0]', mentions: ["'Submit'", 'Retry[0]', 'last'] }, only: true },
  { rule: 'IntervalSeconds above 99999999', definition: polling((m) => (m.States.Submit.Retry[0].IntervalSeconds = 100_000_000)), expected: { code: S, location: '/States/Submit/Retry[0]/IntervalSeconds', mentions: ["'Submit'", 'Retry[0].IntervalSeconds', '99999999'] }, only: true },
  { rule: 'IntervalSeconds not an integer', definition: polling((m) => (m.States.Submit.Retry[0].IntervalSeconds = 1.5)), expected: { code: S, location: '/States/Submit/Retry[0]/IntervalSeconds', mentions: ['Retry[0].IntervalSeconds', 'integer'] }, only: true },
  { rule: 'MaxAttempts negative', definition: polling((m) => (m.States.Submit.Retry[0].MaxAttempts = -1)), expected: { code: S, location: '/States/Submit/Retry[0]/MaxAttempts', mentions: ["'Submit'", 'Retry[0].MaxAttempts', '-1'] }, only: true },
  { rule: 'BackoffRate below 1', definition: polling((m) => (m.States.Submit.Retry[0].BackoffRate = 0.5)), expected: { code: S, location: '/States/Submit/Retry[0]/BackoffRate', mentions: ["'Submit'", 'Retry[0].BackoffRate', '>= 1'] }, only: true },
  { rule: 'MaxDelaySeconds above 31622400', definition: polling((m) => (m.States.Submit.Retry[0].MaxDelaySeconds = 31_622_401)), expected: { code: S, location: '/States/Submit/Retry[0]/MaxDelaySeconds', mentions: ['Retry[0].MaxDelaySeconds', '31622400'] }, only: true },
  { rule: 'JitterStrategy unknown', definition: polling((m) => (m.States.Submit.Retry[0].JitterStrategy = 'DECORRELATED')), expected: { code: S, location: '/States/Submit/Retry[0]/JitterStrategy', mentions: ["'Submit'", 'Retry[0].JitterStrategy', 'FULL', "'DECORRELATED'"] }, only: true },
  { rule: 'catcher without Next', definition: polling((m) => delete m.States.Submit.Catch[0].Next), expected: { code: S, location: '/States/Submit/Catch[0]', mentions: ["'Submit'", 'Catch[0]', "'Next'"] }, only: true },
  { rule: 'catcher without ErrorEquals', definition: polling((m) => delete m.States.Submit.Catch[0].ErrorEquals), expected: { code: S, location: '/States/Submit/Catch[0]', mentions: ["'Submit'", 'Catch[0]', "'ErrorEquals'"] }, only: true },
  { rule: 'States.ALL catcher not last', definition: polling((m) => m.States.Submit.Catch.push({ ErrorEquals: ['States.Timeout'], Next: 'Failed' })), expected: { code: S, location: '/States/Submit/Catch[0]', mentions: ["'Submit'", 'Catch[0]', "'States.ALL'", 'last'] }, only: true },
  { rule: 'Retry on a Pass state', definition: polling((m) => { m.States.Poll = { Type: 'Pass', Retry: [{ ErrorEquals: ['States.ALL'] }], Next: 'Describe' }; }), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "Field 'Retry' is not supported"] }, only: true },

  // ---- Task
  { rule: 'Resource is not an ARN', definition: polling((m) => (m.States.Submit.Resource = 'redshiftdata:executeStatement')), expected: { code: 'INVALID_RESOURCE', location: '/States/Submit/Resource', mentions: ["'Submit'", 'Resource', "'redshiftdata:executeStatement'", 'arn:'] }, only: true },
  { rule: 'Resource is an expression', definition: polling((m) => (m.States.Submit.Resource = '{% $states.input.arn %}')), expected: { code: 'INVALID_RESOURCE', location: '/States/Submit/Resource', mentions: ["'Submit'", 'Resource'] }, only: true },
  { rule: 'Resource is missing', definition: polling((m) => delete m.States.Submit.Resource), expected: { code: S, location: '/States/Submit', mentions: ["'Submit'", "'Resource'"] }, only: true },
  { rule: 'TimeoutSeconds zero', definition: polling((m) => (m.States.Submit.TimeoutSeconds = 0)), expected: { code: S, location: '/States/Submit/TimeoutSeconds', mentions: ["'Submit'", "'TimeoutSeconds'"] }, only: true },
  { rule: 'TimeoutSeconds on a Pass state', definition: polling((m) => { m.States.Poll = { Type: 'Pass', TimeoutSeconds: 5, Next: 'Describe' }; }), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "Field 'TimeoutSeconds' is not supported"] }, only: true },
  { rule: 'unknown field on a Task', definition: polling((m) => (m.States.Submit.Parameterz = {})), expected: { code: S, location: '/States/Submit', mentions: ["'Submit'", "Field 'Parameterz' is not supported"] }, only: true },
  { rule: 'field of the wrong type (schema)', definition: polling((m) => (m.States.Poll.Comment = 42)), expected: { code: S, location: '/States/Poll/Comment', mentions: ["'Poll'", "'Comment'", 'string'] }, only: true },

  // ---- Wait
  { rule: 'Wait with Seconds and Timestamp', definition: polling((m) => (m.States.Poll.Timestamp = '2026-08-18T17:33:00Z')), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", "'Seconds'", "'Timestamp'"] }, only: true },
  { rule: 'Wait with neither Seconds nor Timestamp', definition: polling((m) => delete m.States.Poll.Seconds), expected: { code: S, location: '/States/Poll', mentions: ["'Poll'", 'exactly one', 'none'] }, only: true },
  { rule: 'Wait Seconds negative', definition: polling((m) => (m.States.Poll.Seconds = -5)), expected: { code: S, location: '/States/Poll/Seconds', mentions: ["'Poll'", "'Seconds'", '-5'] }, only: true },
  { rule: 'Wait Seconds as a plain string', definition: polling((m) => (m.States.Poll.Seconds = '15')), expected: { code: S, location: '/States/Poll/Seconds', mentions: ["'Poll'", "'Seconds'", "'15'"] }, only: true },
  { rule: 'Wait Timestamp with a lowercase t', definition: polling((m) => { delete m.States.Poll.Seconds; m.States.Poll.Timestamp = '2026-08-18t17:33:00Z'; }), expected: { code: S, location: '/States/Poll/Timestamp', mentions: ["'Poll'", "'Timestamp'", 'RFC 3339'] }, only: true },

  // ---- Fail
  { rule: 'Fail with Error and ErrorPath (JSONPath)', definition: () => ({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', ErrorPath: '$.error' } } }), expected: { code: S, location: '/States/F', mentions: ["'F'", "'Error'", "'ErrorPath'"] }, only: true },
  { rule: 'Fail with CausePath in JSONata', definition: polling((m) => (m.States.Failed.CausePath = '$.cause')), expected: { code: S, location: '/States/Failed', mentions: ["'Failed'", "'CausePath'", "'JSONPath'"] }, only: true },

  // ---- Map and Parallel
  { rule: 'Map ProcessorConfig.Mode unknown', definition: nested((m) => (m.States.Each.ItemProcessor.ProcessorConfig.Mode = 'PARALLEL')), expected: { code: S, location: '/States/Each/ItemProcessor/ProcessorConfig/Mode', mentions: ["'Each'", 'ProcessorConfig.Mode', "'PARALLEL'"] }, only: true },
  { rule: 'Map MaxConcurrency negative', definition: nested((m) => (m.States.Each.MaxConcurrency = -1)), expected: { code: S, location: '/States/Each/MaxConcurrency', mentions: ["'Each'", "'MaxConcurrency'", 'non-negative'] }, only: true },
  { rule: 'Map MaxConcurrency fractional', definition: nested((m) => (m.States.Each.MaxConcurrency = 2.5)), expected: { code: S, location: '/States/Each/MaxConcurrency', mentions: ["'Each'", "'MaxConcurrency'", '2.5'] }, only: true },
  { rule: 'Map without ItemProcessor', definition: nested((m) => delete m.States.Each.ItemProcessor), expected: { code: S, location: '/States/Each', mentions: ["'Each'", "'ItemProcessor'"] }, only: true },
  { rule: 'Parallel without branches', definition: nested((m) => (m.States.Both.Branches = [])), expected: { code: S, location: '/States/Both/Branches', mentions: ["'Both'", "'Branches'"] }, only: true },

  // ---- variables
  { rule: 'variable name with a dot (sub-path assignment)', definition: polling((m) => (m.States.Submit.Assign['result.id'] = 1)), expected: { code: S, location: '/States/Submit/Assign/result.id', mentions: ["'Submit'", "'result.id'", 'variable name'] }, only: true },
  { rule: 'variable name longer than 80 characters', definition: polling((m) => (m.States.Submit.Assign['v'.repeat(81)] = 1)), expected: { code: S, location: `/States/Submit/Assign/${'v'.repeat(81)}`, mentions: ["'Submit'", '81 characters', '80'] }, only: true },
  { rule: 'Map iteration assigns an outer variable', definition: nested((m) => (m.States.Each.ItemProcessor.States.Inner.Assign = { total: '{% $total + 1 %}' })), expected: { code: S, location: '/States/Each/ItemProcessor/States/Inner/Assign/total', mentions: ["'Inner'", "'total'", "'Init'", 'outer scope'] }, only: true },
  { rule: 'Parallel branch assigns an outer variable from a Choice rule', definition: nested((m) => { m.States.Both.Branches[1].States.B = { Type: 'Choice', Choices: [{ Condition: true, Assign: { total: 1 }, Next: 'B2' }] }; }), expected: { code: S, location: '/States/Both/Branches[1]/States/B/Choices[0]/Assign/total', mentions: ["'B'", "'total'"] }, only: true },
];

describe('validateDefinition rules', () => {
  test.each(cases)('fails: $rule', ({ definition, expected, only }) => {
    const diagnostics = validateDefinition(definition());
    const found = findDiagnostic(diagnostics, expected);
    expect(found.severity).toBe('ERROR');
    if (only) expect(errorsOf(diagnostics)).toEqual([found]);
  });

  test('the fixtures themselves are valid', () => {
    expect(validateDefinition(pollingMachine())).toEqual([]);
    expect(validateDefinition(nestedMachine())).toEqual([]);
  });
});
