import { buildDefinition, DefinitionOptionsError } from '../../lib/definition';

describe('maxWait against baseWaitTime', () => {
  test.each<[string, Parameters<typeof buildDefinition>[0], RegExp]>([
    ['below the given baseWaitTime', { clusterIdentifier: 'c', database: 'dev', baseWaitTime: 60, maxWait: 30 }, /^maxWait \(30\) is smaller than baseWaitTime \(60\): maxWait caps every interval/],
    ['below the default baseWaitTime', { clusterIdentifier: 'c', database: 'dev', maxWait: 10 }, /^maxWait \(10\) is smaller than baseWaitTime \(15, its default\)/],
  ])('rejects maxWait %s, naming maxWait', (_name, options, message) => {
    let caught: unknown;
    try {
      buildDefinition(options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DefinitionOptionsError);
    expect((caught as DefinitionOptionsError).option).toBe('maxWait');
    expect((caught as Error).message).toMatch(message);
  });

  test('accepts maxWait equal to baseWaitTime, and an initial wait above maxWait (it is not capped)', () => {
    expect(() => buildDefinition({ clusterIdentifier: 'c', database: 'dev', baseWaitTime: 30, maxWait: 30, initialWaitTime: 900 })).not.toThrow();
  });
});
