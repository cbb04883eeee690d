import { TerraformVariable } from 'cdktf';
import { ConstructValidationError, type RedshiftQueryStepFunctionProps } from '../../lib/construct';
import { CLUSTER_USER, synth } from './synth-helpers';

function errorOf(run: () => unknown): ConstructValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConstructValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConstructValidationError');
}

describe('RedshiftQueryStepFunction prop validation', () => {
  test.each<[string, RedshiftQueryStepFunctionProps, string, RegExp]>([
    ['negative initial wait', { ...CLUSTER_USER, initialWaitTime: -1 }, 'initialWaitTime', /from 0 to 99999999, got -1/],
    ['zero base wait', { ...CLUSTER_USER, baseWaitTime: 0 }, 'baseWaitTime', /above 0.*got 0/],
    ['multiplier below 1', { ...CLUSTER_USER, waitMultiplier: 0.5 }, 'waitMultiplier', /from 1 to 1000/],
    ['fractional retries', { ...CLUSTER_USER, maxRetries: 1.5 }, 'maxRetries', /non-negative integer.*got 1.5/],
    ['bad regular expression', { ...CLUSTER_USER, retryErrorMatch: '(' }, 'retryErrorMatch', /is not supported/],
    ['zero timeout', { ...CLUSTER_USER, defaultTimeoutSeconds: 0 }, 'defaultTimeoutSeconds', /above 0/],
    ['a lookbehind retry pattern', { ...CLUSTER_USER, retryErrorMatch: '(?<=x)y' }, 'retryErrorMatch', /unsupported group syntax/],
    ['cluster and workgroup', { ...CLUSTER_USER, defaultUser: undefined, defaultWorkgroupName: 'wg-main' }, 'defaultWorkgroupName', /together with defaultClusterId/],
    ['DbUser with a workgroup', { defaultWorkgroupName: 'wg-main', defaultDb: 'dev', defaultUser: 'etl' }, 'defaultUser', /Serverless takes no DbUser/],
    ['DbUser and secret', { ...CLUSTER_USER, defaultSecretArn: 'redshift/etl' }, 'defaultUser', /either a DbUser or a SecretArn/],
    ['no target at all', { defaultDb: 'dev' }, 'defaultClusterId', /is required/],
    ['cluster without database', { defaultClusterId: 'analytics' }, 'defaultDb', /is required with a cluster/],
    ['uppercase cluster id', { ...CLUSTER_USER, defaultClusterId: 'Analytics' }, 'defaultClusterId', /cluster identifier/],
    ['bad principal', { ...CLUSTER_USER, resultsRoleAwsPrincipals: ['123456789012', 'alice'] }, 'resultsRoleAwsPrincipals[1]', /12-digit AWS account id/],
    ['bad log level', { ...CLUSTER_USER, logging: { level: 'DEBUG' as never } }, 'logging.level', /one of "ALL", "ERROR", "FATAL", "OFF"/],
    ['bad retention', { ...CLUSTER_USER, logRetentionDays: 10 }, 'logRetentionDays', /one of 0, 1, 3/],
    ['bad KMS key', { ...CLUSTER_USER, kmsKeyArn: 'mine' }, 'kmsKeyArn', /a KMS key ARN/],
    ['KMS alias ARN (names no key in an IAM policy)', { ...CLUSTER_USER, kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/mine' }, 'kmsKeyArn', /not|cannot scope IAM grants/],
    ['bad path', { ...CLUSTER_USER, iamPath: 'data' }, 'iamPath', /starts and ends with/],
    ['long prefix', { ...CLUSTER_USER, namePrefix: 'x'.repeat(31) }, 'namePrefix', /at most 30/],
    ['bad state machine name', { ...CLUSTER_USER, stateMachineName: 'has space' }, 'stateMachineName', /1-80 letters/],
    ['bad alarm topic', { ...CLUSTER_USER, alarm: { snsTopicArn: 'alerts' } }, 'alarm.snsTopicArn', /SNS topic ARN/],
  ])('fails on %s, naming the prop', (_name, props, prop, message) => {
    const error = errorOf(() => synth(props));
    expect(error.prop).toBe(prop);
    expect(error.message).toContain(`'${prop}'`);
    expect(error.message).toContain('stack/Queries');
    expect(error.message).toMatch(message);
  });

  test('skips checks on unresolved tokens (a variable may hold anything valid at plan time)', () => {
    expect(() =>
      synth((stack) => ({
        ...CLUSTER_USER,
        maxRetries: new TerraformVariable(stack, 'retries', { type: 'number' }).numberValue,
        defaultWorkgroupName: new TerraformVariable(stack, 'wg', { type: 'string' }).stringValue,
        resultsRoleAwsPrincipals: new TerraformVariable(stack, 'principals', { type: 'list(string)' }).listValue,
      })),
    ).not.toThrow();
  });
});
