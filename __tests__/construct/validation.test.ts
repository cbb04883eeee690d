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
    ['negative initial wait', { ...CLUSTER_USER, initialWaitTime: -1 }, 'initialWaitTime', /from 0 to 86400, got -1/],
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
    // Redshift names, with the rule AWS states quoted.
    ['a quote in the database', { ...CLUSTER_USER, defaultDb: 'dev"; DROP TABLE x' }, 'defaultDb', /must be a database name. AWS: "Must be 1 to 64 alphanumeric.*Received: "dev\\"; DROP TABLE x" \("\\"" is not allowed\)/],
    ['a template interpolation in the database', { ...CLUSTER_USER, defaultDb: '${var.db}' }, 'defaultDb', /"\$" is not allowed/],
    ['a slash in the database (IAM dbname ARN separator)', { ...CLUSTER_USER, defaultDb: 'dev/prod' }, 'defaultDb', /Must not contain a colon \( : \) or slash \( \/ \)/],
    ['a unicode database name', { ...CLUSTER_USER, defaultDb: 'ventes_été' }, 'defaultDb', /"é" is not allowed/],
    ['a 65-character database name', { ...CLUSTER_USER, defaultDb: `d${'x'.repeat(64)}` }, 'defaultDb', /65 characters/],
    ['user PUBLIC', { ...CLUSTER_USER, defaultUser: 'PUBLIC' }, 'defaultUser', /The user name can't be PUBLIC.*reserved name/],
    ['a colon in the user', { ...CLUSTER_USER, defaultUser: 'IAM:etl' }, 'defaultUser', /":" is not allowed/],
    ['a backslash in the user', { ...CLUSTER_USER, defaultUser: 'corp\\etl' }, 'defaultUser', /must be a database user name.*\("\\\\" is not allowed\)/],
    ['two hyphens in the cluster id', { ...CLUSTER_USER, defaultClusterId: 'prod--analytics' }, 'defaultClusterId', /Cannot end with a hyphen or contain two consecutive hyphens\..*Received: "prod--analytics" \(it has two consecutive hyphens\)/],
    ['a 64-character cluster id', { ...CLUSTER_USER, defaultClusterId: `a${'b'.repeat(63)}` }, 'defaultClusterId', /it has 64 characters/],
    ['a cluster id ending with a hyphen', { ...CLUSTER_USER, defaultClusterId: 'analytics-' }, 'defaultClusterId', /ends with a hyphen/],
    ['an underscore in the workgroup', { defaultWorkgroupName: 'etl_wg', defaultDb: 'dev' }, 'defaultWorkgroupName', /must be a workgroup name. AWS: "workgroupName: Length Constraints: Minimum length of 3. Maximum length of 64. Pattern: \^\[a-z0-9-\]\+\$"/],
    ['a workgroup ARN naming the workgroup by name', { defaultWorkgroupName: 'arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup/etl', defaultDb: 'dev' }, 'defaultWorkgroupName', /workgroup ARN naming the workgroup by id/],
    ['a 64-character allowed cluster id', { ...CLUSTER_USER, allowedClusterId: `a${'b'.repeat(63)}` }, 'allowedClusterId', /cluster identifier \(1-63 characters\)/],
    // Waits that contradict each other.
    ['maxWait below baseWaitTime', { ...CLUSTER_USER, baseWaitTime: 60, maxWait: 30 }, 'maxWait', /maxWait \(30\) is smaller than baseWaitTime \(60\): maxWait caps every interval .* baseWaitTime would never be used/],
    ['maxWait below the default baseWaitTime', { ...CLUSTER_USER, maxWait: 10 }, 'maxWait', /maxWait \(10\) is smaller than baseWaitTime \(15\)/],
  ])('fails on %s, naming the prop', (_name, props, prop, message) => {
    const error = errorOf(() => synth(props));
    expect(error.prop).toBe(prop);
    expect(error.message).toContain(`'${prop}'`);
    expect(error.message).toContain('stack/Queries');
    expect(error.message).toMatch(message);
  });

  test('accepts names at the edges of the rules, a workgroup ARN by id, and an initial wait above maxWait (not capped)', () => {
    expect(() => synth({ ...CLUSTER_USER, defaultClusterId: `a${'b-c'.repeat(20)}d`, defaultDb: 'Sales+2024.q1@eu-x', defaultUser: 'etl_user@corp' })).not.toThrow();
    expect(() => synth({ defaultWorkgroupName: 'arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup/0a1b2c3d-4e5f-6789-abcd-ef0123456789', defaultDb: 'dev' })).not.toThrow();
    expect(() => synth({ ...CLUSTER_USER, initialWaitTime: 900, baseWaitTime: 30, maxWait: 30 })).not.toThrow();
    expect(() => synth({ ...CLUSTER_USER, allowedClusterId: `a${'b'.repeat(62)}`, allowedUserId: 'etl+batch', allowedDbName: 'sales_*' })).not.toThrow();
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
