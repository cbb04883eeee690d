import { InvalidEventPatternError, matchesEventPattern, parseEventPattern } from '../../lib/eventbridge';

/** The EC2 example event of the EventBridge user guide ("Event patterns", content filtering examples). */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: {
    'instance-id': 'i-1234567890abcdef0',
    state: 'terminated',
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    location: { country: 'US', city: 'Seattle' },
    tags: ['prod', 'db'],
    nothing: null,
    empty: '',
  },
};

const redshiftEvent = {
  version: '0',
  id: 'e1',
  'detail-type': 'Redshift Data Statement Status Change',
  source: 'aws.redshift-data',
  account: '123456789012',
  time: '2026-01-01T00:00:01Z',
  region: 'us-east-1',
  resources: ['arn:aws:redshift:us-east-1:123456789012:cluster:analytics'],
  detail: { principal: 'arn:aws:iam::123456789012:role/owner', statementName: 'deploy1/nightly-1/0/1', statementId: 'a', redshiftQueryId: 1, state: 'FINISHED', rows: 1, expireAt: 1 },
};

function matches(pattern: Record<string, unknown>, event: unknown = ec2Event): boolean {
  return matchesEventPattern(parseEventPattern(pattern), event);
}

describe('EventBridge pattern matching', () => {
  test('exact values: every field must match (AND), listed values are alternatives (OR), nested objects follow the event', () => {
    expect(matches({ source: ['aws.ec2'], detail: { state: ['running', 'terminated'] } })).toBe(true);
    expect(matches({ source: ['aws.ec2'], detail: { state: ['running'] } })).toBe(false);
    expect(matches({ source: ['aws.ec2'], 'detail-type': ['Other'] })).toBe(false);
    expect(matches({ detail: { location: { city: ['Seattle'] } } })).toBe(true);
    expect(matches({ detail: { location: { city: ['Paris'] } } })).toBe(false);
    // Matching is case-sensitive and typed: the number 5 is not the string "5".
    expect(matches({ source: ['AWS.EC2'] })).toBe(false);
    expect(matches({ detail: { 'c-count': ['5'] } })).toBe(false);
    expect(matches({ detail: { 'c-count': [5] } })).toBe(true);
    expect(matches({ detail: { nothing: [null] } })).toBe(true);
    expect(matches({ detail: { empty: [''] } })).toBe(true);
  });

  test('an array in the event matches when any element matches', () => {
    expect(matches({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] })).toBe(true);
    expect(matches({ detail: { tags: ['db'] } })).toBe(true);
    expect(matches({ detail: { tags: ['dev'] } })).toBe(false);
  });

  test('a field missing from the event never matches a value, an object is not a leaf', () => {
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
    expect(matches({ detail: { location: ['US'] } })).toBe(false);
    expect(matches({ detail: { location: [{ exists: true }] } })).toBe(false);
  });

  test('prefix, suffix, equals-ignore-case and their case-insensitive forms', () => {
    expect(matches({ detail: { statementName: [{ prefix: 'deploy1/' }] } }, redshiftEvent)).toBe(true);
    expect(matches({ detail: { statementName: [{ prefix: 'deploy2/' }] } }, redshiftEvent)).toBe(false);
    expect(matches({ detail: { statementName: [{ prefix: 'DEPLOY1/' }] } }, redshiftEvent)).toBe(false);
    expect(matches({ detail: { statementName: [{ prefix: { 'equals-ignore-case': 'DEPLOY1/' } }] } }, redshiftEvent)).toBe(true);
    expect(matches({ detail: { 'instance-id': [{ suffix: 'cdef0' }] } })).toBe(true);
    expect(matches({ detail: { 'instance-id': [{ suffix: { 'equals-ignore-case': 'CDEF0' } }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } })).toBe(true);
    // String filters never match numbers.
    expect(matches({ detail: { 'c-count': [{ prefix: '5' }] } })).toBe(false);
  });

  test('anything-but: a value, a list, a prefix/suffix; it needs the field to exist', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'running' }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } })).toBe(false);
    expect(matches({ detail: { 'c-count': [{ 'anything-but': [1, 2, 3] }] } })).toBe(true);
    expect(matches({ detail: { 'c-count': [{ 'anything-but': 5 }] } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'term' } }] } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { suffix: 'ing' } }] } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED', 'x'] } }] } })).toBe(false);
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
    // On an array, one element that is not excluded is enough (arrays are flattened into values, any may match).
    expect(matches({ detail: { tags: [{ 'anything-but': 'db' }] } })).toBe(true);
    expect(matches({ detail: { tags: [{ 'anything-but': ['db', 'prod'] }] } })).toBe(false);
  });

  test('numeric ranges and equality', () => {
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 301.8] }] } })).toBe(true);
    expect(matches({ detail: { 'c-count': [{ numeric: ['>', 5] }] } })).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ numeric: ['>=', 300, '<', 301] }] } })).toBe(false);
    expect(matches({ detail: { state: [{ numeric: ['>', 0] }] } })).toBe(false);
  });

  test('exists true/false', () => {
    expect(matches({ detail: { state: [{ exists: true }] } })).toBe(true);
    expect(matches({ detail: { missing: [{ exists: true }] } })).toBe(false);
    expect(matches({ detail: { missing: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { state: [{ exists: false }] } })).toBe(false);
    expect(matches({ detail: { nowhere: { deeper: [{ exists: false }] } } })).toBe(true);
  });

  test('wildcard: * spans any characters, \\* is a literal star', () => {
    expect(matches({ detail: { statementName: [{ wildcard: 'deploy1/*/0/*' }] } }, redshiftEvent)).toBe(true);
    expect(matches({ detail: { statementName: [{ wildcard: 'deploy1/*/9/*' }] } }, redshiftEvent)).toBe(false);
    expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'a*b' } })).toBe(true);
    expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'axxb' } })).toBe(false);
    // Regular-expression characters in the pattern are literal.
    expect(matches({ detail: { name: [{ wildcard: 'q.(1)*' }] } }, { detail: { name: 'q.(1)+x' } })).toBe(true);
    expect(matches({ detail: { name: [{ wildcard: 'q.(1)*' }] } }, { detail: { name: 'qx(1)' } })).toBe(false);
  });

  test('$or combines alternative sub-patterns', () => {
    const pattern = { source: ['aws.ec2'], $or: [{ detail: { 'c-count': [{ numeric: ['>', 10] }] } }, { detail: { state: ['terminated'] } }] };
    expect(matches(pattern)).toBe(true);
    expect(matches({ ...pattern, $or: [{ detail: { 'c-count': [{ numeric: ['>', 10] }] } }, { detail: { state: ['running'] } }] })).toBe(false);
  });

  test('the rules we generate: Redshift statement events of one prefix, Step Functions failures of one machine', () => {
    const relay = { source: ['aws.redshift-data'], 'detail-type': ['Redshift Data Statement Status Change'], detail: { statementName: [{ prefix: 'deploy1/' }] } };
    expect(matches(relay, redshiftEvent)).toBe(true);
    expect(matches(relay, { ...redshiftEvent, detail: { ...redshiftEvent.detail, statementName: 'other/x' } })).toBe(false);
    const cleanup = {
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['ABORTED', 'TIMED_OUT', 'FAILED'], stateMachineArn: ['arn:aws:states:us-east-1:123456789012:stateMachine:main'] },
    };
    const stateEvent = { source: 'aws.states', 'detail-type': 'Step Functions Execution Status Change', detail: { status: 'ABORTED', stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:main' } };
    expect(matches(cleanup, stateEvent)).toBe(true);
    expect(matches(cleanup, { ...stateEvent, detail: { ...stateEvent.detail, status: 'SUCCEEDED' } })).toBe(false);
  });

  test('pattern text with hostile strings round-trips through JSON', () => {
    const name = 'q"\\${x}é/\u2028';
    const text = JSON.stringify({ detail: { statementName: [{ prefix: name }] } });
    expect(matchesEventPattern(parseEventPattern(text), { detail: { statementName: `${name}/rest` } })).toBe(true);
  });
});

describe('EventBridge pattern validation (InvalidEventPatternException)', () => {
  test.each([
    ['not JSON', '{source: x}', 'not JSON'],
    ['not an object', '["a"]', 'must be a JSON object'],
    ['a bare value', { source: 'aws.ec2' }, 'must be an array or an object'],
    ['an empty array', { source: [] }, 'empty arrays'],
    ['an unknown filter', { source: [{ regex: 'x' }] }, 'unrecognized match type regex'],
    ['two filters in one object', { source: [{ prefix: 'a', suffix: 'b' }] }, 'exactly one'],
    ['a numeric range upside down', { detail: { n: [{ numeric: ['>', 5, '<', 1] }] } }, 'bottom must be less than top'],
    ['a numeric operator that does not exist', { detail: { n: [{ numeric: ['!=', 5] }] } }, 'unrecognized numeric range operator'],
    ['exists with a string', { detail: { n: [{ exists: 'yes' }] } }, 'either true or false'],
    ['anything-but with mixed types', { detail: { n: [{ 'anything-but': ['a', 1] }] } }, 'all values must be strings or all numbers'],
    ['$or with one branch', { $or: [{ source: ['a'] }] }, 'at least two'],
    ['a backslash escaping another character in a wildcard', { detail: { n: [{ wildcard: 'a\\b' }] } }, 'backslash'],
    ['cidr (not supported locally)', { detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, 'cidr'],
  ])('refuses %s', (_what, pattern, reason) => {
    let error: unknown;
    try {
      parseEventPattern(pattern as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as Error).message).toContain(reason);
  });

  test('the error names where the problem is', () => {
    expect(() => parseEventPattern({ detail: { state: [{ prefix: 5 }] } })).toThrow(/at detail\.state\[0\]\.prefix/);
  });
});
