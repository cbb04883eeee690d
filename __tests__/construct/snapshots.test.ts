import { sdkActionsOf } from '../../lib/iam';
import type { RedshiftQueryStepFunction, RedshiftQueryStepFunctionProps } from '../../lib/construct';
import { CLUSTER_USER, parseDefinition, synth } from './synth-helpers';

/**
 * Guards against unnoticed changes of the synthesized Terraform. The definition is reduced to its Task resources and
 * role references (it has its own snapshot in the definition tests), so generator changes do not churn these.
 */
function snapshotOf(props: RedshiftQueryStepFunctionProps, configure?: (construct: RedshiftQueryStepFunction) => void): unknown {
  const { json } = synth(props, configure);
  for (const machine of Object.values(json.resource.aws_sfn_state_machine)) {
    const definition = parseDefinition(machine.definition);
    const roles = new Set<string>();
    JSON.stringify(definition, (key, value) => (key === 'Credentials' ? (roles.add(value.RoleArn), value) : value));
    machine.definition = { sdkActions: sdkActionsOf(definition), credentialRoles: [...roles] };
  }
  return json;
}

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift/etl-AbCdEf';

describe('RedshiftQueryStepFunction synthesized Terraform', () => {
  test.each<[string, RedshiftQueryStepFunctionProps]>([
    ['cluster + DbUser', CLUSTER_USER],
    ['cluster + secret', { defaultClusterId: 'analytics', defaultDb: 'dev', defaultSecretArn: SECRET }],
    ['cluster + IAM identity', { defaultClusterId: 'analytics', defaultDb: 'dev' }],
    ['serverless workgroup', { defaultWorkgroupName: 'wg-main', defaultDb: 'dev' }],
    ['with results principals', { ...CLUSTER_USER, resultsRoleAwsPrincipals: ['210987654321', 'arn:aws:iam::210987654321:role/analyst'] }],
    ['logging, KMS, tracing, alarm', {
      ...CLUSTER_USER,
      logging: { level: 'ALL' },
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
      tracing: true,
      alarm: { snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' },
      tags: { team: 'data' },
    }],
  ])('%s', (_name, props) => {
    expect(snapshotOf(props)).toMatchSnapshot();
  });

  test('schedules of both kinds and an event trigger', () => {
    expect(
      snapshotOf(CLUSTER_USER, (construct) => {
        construct.addSchedule({ schedule: 'rate(1 day)', queries: ['VACUUM sales'] });
        construct.addSchedule({
          schedule: 'cron(0 6 ? * MON-FRI *)',
          queries: [{ ExecuteStatementParameters: { Sqls: ['DELETE FROM t', 'INSERT INTO t SELECT 1'] } }],
          scheduler: { timezone: 'Europe/Paris', flexibleWindowMinutes: 10 },
          retryPolicy: { maximumEventAgeSeconds: 3600, maximumRetryAttempts: 5 },
          deadLetterQueueArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
        });
        construct.addEventTrigger({ eventPattern: { source: ['my.app'] }, queriesPath: '$.detail.queries' });
      }),
    ).toMatchSnapshot();
  });
});
