/**
 * RetryErrorMatch patterns outside the supported subset or its bounds are refused at synth time, naming the option
 * (deploy-time default) or the query index and field (queries of a trigger), as ValidateInput refuses them at run time.
 */
import { Testing } from 'cdktf';
import { ConstructValidationError } from '../../lib/construct';
import { buildDefinition, DefinitionOptionsError } from '../../lib/definition';
import { RX_MAX_NESTING, RX_MAX_STATES } from '../../lib/definition/regex/regex-jsonata';
import { CLUSTER_USER, synth } from '../construct/synth-helpers';

Testing.setupJest();

const tooDeep = `${'('.repeat(RX_MAX_NESTING + 1)}a${')'.repeat(RX_MAX_NESTING + 1)}`;
const deepest = `${'('.repeat(RX_MAX_NESTING)}a${')'.repeat(RX_MAX_NESTING)}`;

describe('RetryErrorMatch bounds at synth time', () => {
  test.each([
    [tooDeep, `more than ${RX_MAX_NESTING} nested groups at position ${RX_MAX_NESTING}`],
    ['(a{100}){3}', `pattern too large (more than ${RX_MAX_STATES} NFA states)`],
    ['x😀[🙏-😀]', 'bad character range 🙏-😀 at position 3'],
  ])('buildDefinition refuses the deploy-time default %j', (pattern, reason) => {
    let error: unknown;
    try {
      buildDefinition({ clusterIdentifier: 'c', database: 'dev', retryErrorMatch: pattern });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DefinitionOptionsError);
    expect((error as DefinitionOptionsError).message).toContain(`retryErrorMatch ${JSON.stringify(pattern)} is not supported: ${reason}`);
  });

  test('buildDefinition accepts the documented maximum nesting', () => {
    expect(() => buildDefinition({ clusterIdentifier: 'c', database: 'dev', retryErrorMatch: deepest })).not.toThrow();
  });

  test.each([
    [tooDeep, `"${tooDeep}" is not supported: more than ${RX_MAX_NESTING} nested groups at position ${RX_MAX_NESTING}.`],
    [42, 'must be a string (a regular expression). Received: 42'],
  ])('a trigger query with RetryErrorMatch %j is refused, naming the query index and field', (pattern, message) => {
    let error: unknown;
    try {
      synth(CLUSTER_USER, (c) => c.addSchedule({ schedule: 'rate(1 day)', queries: ['VACUUM', { ExecuteStatementParameters: 'ANALYZE', RetryErrorMatch: pattern as string }] }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConstructValidationError);
    expect((error as ConstructValidationError).prop).toBe('addSchedule.queries[1].RetryErrorMatch');
    expect((error as ConstructValidationError).message).toContain(message);
  });

  test('a trigger query with a supported RetryErrorMatch synthesises', () => {
    expect(() => synth(CLUSTER_USER, (c) => c.addSchedule({ schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: 'ANALYZE', RetryErrorMatch: deepest }] }))).not.toThrow();
  });
});
