import { errorMatches, retryDelayMs } from '../../lib/runtime/engine/retry';
import { servicePascalName, taskErrorFrom } from '../../lib/runtime/engine/task-dispatch';

describe('errorMatches', () => {
  test.each([
    [['States.ALL'], 'Custom.Error', true],
    [['States.ALL'], 'States.Timeout', true],
    [['States.ALL'], 'States.QueryEvaluationError', true],
    [['States.ALL'], 'States.Runtime', false],
    [['States.ALL'], 'States.DataLimitExceeded', false],
    [['States.DataLimitExceeded'], 'States.DataLimitExceeded', true],
    [['States.Runtime'], 'States.Runtime', false],
    [['States.TaskFailed'], 'RedshiftData.ValidationException', true],
    [['States.TaskFailed'], 'States.HeartbeatTimeout', true],
    [['States.TaskFailed'], 'States.Timeout', false],
    [['States.TaskFailed'], 'States.DataLimitExceeded', false],
    [['A', 'B'], 'B', true],
    [['A', 'B'], 'C', false],
    [['redshiftdata.validationexception'], 'RedshiftData.ValidationException', false],
  ])('%p matches %s: %p', (errorEquals, error, expected) => {
    expect(errorMatches(errorEquals, error)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const retrier = { errorEquals: ['E'], intervalSeconds: 2, maxAttempts: 5, backoffRate: 1.5, jitterStrategy: 'NONE' as const };

  test('grows by BackoffRate from IntervalSeconds', () => {
    expect([0, 1, 2, 3].map((n) => retryDelayMs(retrier, n, Math.random))).toEqual([2000, 3000, 4500, 6750]);
  });

  test('is capped by MaxDelaySeconds before jitter', () => {
    const capped = { ...retrier, maxDelaySeconds: 4, jitterStrategy: 'FULL' as const };
    expect(retryDelayMs(capped, 3, () => 0.5)).toBe(2000);
    expect(retryDelayMs(capped, 3, () => 0)).toBe(0);
  });
});

describe('taskErrorFrom', () => {
  const SDK = 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue';

  test.each([
    ['secretsmanager', 'SecretsManager'],
    ['redshiftdata', 'RedshiftData'],
    ['eventbridge', 'EventBridge'],
    ['acmpca', 'Acmpca'],
  ])('service %s is prefixed %s', (service, pascal) => {
    expect(servicePascalName(service)).toBe(pascal);
  });

  test('keeps an explicit error and stringifies a non-string cause', () => {
    const error = taskErrorFrom({ error: 'X', cause: { detail: 1 } }, SDK);
    expect([error.error, error.cause]).toEqual(['X', '{"detail":1}']);
  });

  test('a plain JavaScript error from an aws-sdk handler is States.TaskFailed, not a service exception', () => {
    expect(taskErrorFrom(new RangeError('bug'), SDK).error).toBe('States.TaskFailed');
  });

  test('a thrown string becomes the Cause of States.TaskFailed', () => {
    const error = taskErrorFrom('oops', 'arn:aws:states:::lambda:invoke');
    expect([error.error, error.cause]).toEqual(['States.TaskFailed', 'oops']);
  });
});
