import { ConstructValidationError, type RedshiftQueryStepFunction, type ScheduleOptions } from '../../lib/construct';
import { CLUSTER_USER, synth } from './synth-helpers';

function failure(configure: (construct: RedshiftQueryStepFunction) => void): ConstructValidationError {
  try {
    synth(CLUSTER_USER, configure);
  } catch (error) {
    if (error instanceof ConstructValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConstructValidationError');
}

const scheduler = { timezone: 'Europe/Paris' };

describe('addSchedule rejects at synth what EventBridge would reject at apply', () => {
  test.each<[string, ScheduleOptions, string, RegExp]>([
    ['out-of-range cron fields', { schedule: 'cron(99 99 * * ? *)', queries: ['VACUUM'] }, 'addSchedule.schedule', /invalid Minutes field '99'.*AWS: "Minutes \| 0-59/],
    ['garbage cron fields', { schedule: 'cron(a b c d ? f)', queries: ['VACUUM'] }, 'addSchedule.schedule', /'a' is not a number/],
    ['an impossible one-time date', { schedule: 'at(2030-13-45T99:99:99)', queries: ['VACUUM'], scheduler }, 'addSchedule.schedule', /not a real date and time: month 13.*AWS: "at expression - at\(yyyy-mm-ddThh:mm:ss\)"/],
    ['February 29th of a common year', { schedule: 'at(2027-02-29T06:00:00)', queries: ['VACUUM'], scheduler }, 'addSchedule.schedule', /2027 is not a leap year/],
    ['rate(1 hours) on a rule', { schedule: 'rate(1 hours)', queries: ['VACUUM'] }, 'addSchedule.schedule', /the unit must be singular/],
    ['rate(5 minute) on Scheduler', { schedule: 'rate(5 minute)', queries: ['VACUUM'], scheduler }, 'addSchedule.schedule', /must read 'rate\(5 minutes\)'/],
    ['/ in Day-of-week on Scheduler', { schedule: 'cron(0 6 ? * MON/2 *)', queries: ['VACUUM'], scheduler }, 'addSchedule.schedule', /not allowed.*Day-of-week \| 1-7 or SUN-SAT/],
    ['a lower-case time zone', { schedule: 'rate(1 day)', queries: ['VACUUM'], scheduler: { timezone: 'europe/paris' } }, 'addSchedule.scheduler.timezone', /use 'Europe\/Paris'.*Received: "europe\/paris"/],
    ['a city without its region', { schedule: 'rate(1 day)', queries: ['VACUUM'], scheduler: { timezone: 'Tokyo' } }, 'addSchedule.scheduler.timezone', /did you mean 'Asia\/Tokyo'/],
    ['a bad cluster id in a query', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', ClusterIdentifier: 'Prod_DW' } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.ClusterIdentifier', /must be a cluster identifier. AWS: "Must contain from 1 to 63/],
    ['a bad database in a query', { schedule: 'rate(1 day)', queries: ['VACUUM', { ExecuteStatementParameters: { Sql: 'VACUUM', Database: 'a:b' } }] }, 'addSchedule.queries[1].ExecuteStatementParameters.Database', /":" is not allowed/],
    ['DbUser PUBLIC in a query', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', DbUser: 'public' } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.DbUser', /can't be PUBLIC/],
    ['a bad workgroup in a query', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', WorkgroupName: 'WG' } }] }, 'addSchedule.queries[0].ExecuteStatementParameters.WorkgroupName', /must be a workgroup name/],
    ['MaxWait below BaseWaitTime in a query', { schedule: 'rate(1 day)', queries: [{ ExecuteStatementParameters: 'VACUUM', BaseWaitTime: 60, MaxWait: 5 }] }, 'addSchedule.queries[0].MaxWait', /\(5\) is smaller than BaseWaitTime \(60\)/],
  ])('%s', (_name, options, prop, message) => {
    const error = failure((c) => c.addSchedule(options));
    expect(error.prop).toBe(prop);
    expect(error.message).toContain(`'${prop}'`);
    expect(error.message).toMatch(message);
  });

  test('accepts what AWS documents: L, W, #, names, leap days, tz links, a workgroup ARN by id', () => {
    expect(() =>
      synth(CLUSTER_USER, (c) => {
        c.addSchedule({ schedule: 'cron(15 10 ? * 6L 2026-2030)', queries: ['VACUUM'] });
        c.addSchedule({ schedule: 'cron(0 6 15W * ? *)', queries: ['VACUUM'] });
        c.addSchedule({ schedule: 'cron(0 6 ? JAN-MAR SAT#3 *)', queries: ['VACUUM'], scheduler: { timezone: 'Asia/Kolkata' } });
        c.addSchedule({ schedule: 'at(2028-02-29T06:00:00)', queries: ['VACUUM'], scheduler: { timezone: 'UTC' } });
        c.addSchedule({
          schedule: 'rate(1 minute)',
          queries: [{ ExecuteStatementParameters: { Sql: 'VACUUM', WorkgroupName: 'arn:aws:redshift-serverless:eu-west-1:123456789012:workgroup/0a1b2c3d-4e5f-6789-abcd-ef0123456789' } }],
        });
      }),
    ).not.toThrow();
  });
});
