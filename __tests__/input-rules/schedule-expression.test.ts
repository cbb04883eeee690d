import { scheduleExpressionProblem, type ScheduleKind } from '../../lib/input-rules';

/**
 * Expressions AWS accepted or rejected in recorded tests against real AWS (LocalStack's
 * tests/aws/services/events/test_events_schedule.py and tests/aws/services/scheduler/test_scheduler.py, marked
 * aws.validated), plus the examples of AWS's cron and rate references.
 */
const ACCEPTED_BY_AWS: readonly [ScheduleKind, string][] = [
  ['rule', 'rate(1 minute)'],
  ['rule', 'rate(5 minutes)'],
  ['rule', 'rate(1 hour)'],
  ['rule', 'rate(1 day)'],
  ['rule', 'cron(0 2 ? * SAT *)'],
  ['rule', 'cron(0 12 * * ? *)'],
  ['rule', 'cron(5,35 14 * * ? *)'],
  ['rule', 'cron(15 10 ? * 6L 2002-2005)'],
  ['rule', 'cron(0 2 ? * SAT#3 *)'],
  ['rule', 'cron(* * ? * SAT#3 *)'],
  ['rule', 'cron(0/5 5 ? JAN 1-5 2022)'],
  ['rule', 'cron(0 18 ? * MON-FRI *)'],
  ['rule', 'cron(0 8 1 * ? *)'],
  ['rule', 'cron(0/15 * * * ? *)'],
  ['rule', 'cron(0/10 * ? * MON-FRI *)'],
  ['rule', 'cron(0/5 8-17 ? * MON-FRI *)'],
  ['rule', 'cron(0/30 0-2 ? * MON-FRI *)'],
  ['scheduler', 'cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)'],
  ['scheduler', 'cron(30-30 13-13 ? * 2,4,6 *)'],
  ['scheduler', 'cron(1-31/30 1-1 ? * 1,7 *)'],
  ['scheduler', 'cron(*/15 * * * ? *)'],
  ['scheduler', 'cron(0-59/10 0-23/2 ? * * *)'],
  ['scheduler', 'at(2022-12-31T23:59:59)'],
  ['scheduler', 'rate(5 minutes)'],
  // AWS's reference: L and W in Day-of-month, L and # in Day-of-week.
  ['rule', 'cron(0 3 L * ? *)'],
  ['rule', 'cron(0 3 3W * ? *)'],
  ['rule', 'cron(0 3 ? * 3#2 *)'],
];

const REJECTED_BY_AWS: readonly [ScheduleKind, string][] = [
  ...(['rule', 'scheduler'] as const).flatMap((kind) =>
    [
      'cron(0 1 * * * *)',
      'cron(7 20 * * NOT *)',
      'cron(INVALID)',
      'cron(0 dummy ? * MON-FRI *)',
      'cron(71 8 1 * ? *)',
      'cron()',
      'rate(10 seconds)',
      'rate(10 years)',
      'rate()',
      'rate(10)',
      'rate(10 minutess)',
      'rate(foo minutes)',
      'rate(-10 minutes)',
      'rate( 10 minutes )',
      ' rate(10 minutes)',
    ].map((expression) => [kind, expression] as [ScheduleKind, string]),
  ),
  ['rule', 'rate(1 minutes)'],
  ['rule', 'rate(1 hours)'],
  ['rule', 'rate(1 days)'],
  ['rule', 'rate(10 minute)'],
  ['rule', 'rate(10 hour)'],
  ['rule', 'rate(10 day)'],
  ['rule', 'rate(0 minutes)'],
  ['rule', 'rate(10 MINUTES)'],
  ['scheduler', 'at(2021-12-31T23:59:59Z)'],
  ['scheduler', 'at(2021-12-31)'],
];

describe('schedule expressions AWS accepted', () => {
  test.each(ACCEPTED_BY_AWS)('%s: %s', (kind, expression) => {
    expect(scheduleExpressionProblem(expression, kind)).toBeUndefined();
  });
});

describe('schedule expressions AWS rejected', () => {
  test.each(REJECTED_BY_AWS)('%s: %j', (kind, expression) => {
    expect(scheduleExpressionProblem(expression, kind)).toMatch(/AWS: "|with nothing before or after/);
  });
});

describe('the message says what is wrong and quotes the rule AWS states', () => {
  test.each<[string, ScheduleKind, string, RegExp]>([
    ['out-of-range minutes and hours', 'rule', 'cron(99 99 * * ? *)', /invalid Minutes field '99': 99 is outside 0-59\. AWS: "Minutes \| 0-59 \| , - \* \/"/],
    ['garbage in every field', 'rule', 'cron(a b c d ? f)', /invalid Minutes field 'a': 'a' is not a number/],
    ['an hour of 24', 'rule', 'cron(0 24 * * ? *)', /Hours field '24': 24 is outside 0-23/],
    ['day 32', 'rule', 'cron(0 3 32 * ? *)', /Day-of-month field '32': 32 is outside 1-31/],
    ['month 13', 'rule', 'cron(0 3 1 13 ? *)', /Month field '13': 13 is outside 1-12. AWS: "Month \| 1-12 or JAN-DEC/],
    ['a day name in the month field', 'rule', 'cron(0 3 1 MON ? *)', /'MON' is neither a number nor one of JAN/],
    ['day-of-week 0 (AWS counts 1-7 from SUN)', 'rule', 'cron(0 3 ? * 0 *)', /Day-of-week field '0': 0 is outside 1-7/],
    ['a year before 1970', 'rule', 'cron(0 3 * * ? 1969)', /Year field '1969': 1969 is outside 1970-2199/],
    ['a backwards year range', 'rule', 'cron(0 3 * * ? 2030-2025)', /range '2030-2025' runs backwards/],
    ['? outside the day fields', 'rule', 'cron(? 3 * * ? *)', /\? \(any\) is only allowed in Day-of-month and Day-of-week/],
    ['? in both day fields', 'rule', 'cron(0 3 ? * ? *)', /both are \?.*you must use a \? \(question mark\) in the other/],
    ['values in both day fields', 'scheduler', 'cron(0 3 1 * MON *)', /Day-of-month is '1' and Day-of-week is 'MON'/],
    ['/ in day-of-week', 'rule', 'cron(0 3 ? * MON/2 *)', /\/ \(increment\) is not allowed.*Day-of-week \| 1-7 or SUN-SAT \| , - \* \? L #/],
    ['an increment of 0', 'rule', 'cron(0/0 * * * ? *)', /increment in '0\/0' must be a whole number from 1 to 59/],
    ['W in minutes', 'rule', 'cron(5W 3 * * ? *)', /W is not allowed in Minutes/],
    ['L inside a list', 'rule', 'cron(0 3 1,L * ? *)', /L stands alone as the whole field/],
    ['# in a list', 'rule', 'cron(0 3 ? * 3#1,6#3 *)', /you can define only one expression in the day-of-week field/],
    ['a 6th weekday of a month', 'rule', 'cron(0 3 ? * 2#6 *)', /#1 to #5/],
    ['an empty list item', 'rule', 'cron(0,,5 3 * * ? *)', /empty list item/],
    ['five fields', 'rule', 'cron(0 3 * * ?)', /got 5.*"Cron expressions have six required fields/],
    ['seven fields (seconds)', 'rule', 'cron(0 0 3 * * ? *)', /got 7/],
    ['plural unit for 1 on a rule', 'rule', 'rate(1 hours)', /must read 'rate\(1 hour\)'. AWS: "If the value is equal to 1, then the unit must be singular/],
    ['singular unit for 5', 'scheduler', 'rate(5 minute)', /must read 'rate\(5 minutes\)'/],
    ['a rate of 0', 'scheduler', 'rate(0 minutes)', /rate of 0; AWS: "value: A positive number\."/],
    ['seconds', 'scheduler', 'rate(30 seconds)', /unit one of minutes \| hours \| days/],
    ['at() on a rule', 'rule', 'at(2030-01-01T00:00:00)', /EventBridge rules do not take \(only rate\(\) and cron\(\)\); give scheduler options/],
    ['an impossible date', 'scheduler', 'at(2030-13-45T99:99:99)', /not a real date and time: month 13 is not 01-12. AWS: "at expression - at\(yyyy-mm-ddThh:mm:ss\)"/],
    ['April 31st', 'scheduler', 'at(2030-04-31T00:00:00)', /day 31 is not 01-30/],
    ['February 29th of a common year', 'scheduler', 'at(2030-02-29T06:00:00)', /2030 is not a leap year/],
    ['February 29th of 1900 (not a leap year)', 'scheduler', 'at(1900-02-29T06:00:00)', /1900 is not a leap year/],
    ['hour 24', 'scheduler', 'at(2030-01-01T24:00:00)', /hour 24 is not 00-23/],
    ['a time zone suffix', 'scheduler', 'at(2030-01-01T06:00:00+02:00)', /with no time zone suffix.*the zone is scheduler.timezone/],
    ['upper-case function name', 'rule', 'CRON(0 3 * * ? *)', /must be 'rate\(value unit\)' or 'cron\(fields\)'/],
    ['hostile text', 'rule', 'cron(0 3 * * ? ${var.x})', /Year field '\$\{var.x\}'/],
  ])('%s', (_name, kind, expression, message) => {
    expect(scheduleExpressionProblem(expression, kind)).toMatch(message);
  });

  test.each<[ScheduleKind, string]>([
    ['scheduler', 'at(2028-02-29T06:00:00)'],
    ['scheduler', 'at(2000-02-29T23:59:59)'],
    ['scheduler', 'rate(1 minutes)'],
    ['rule', 'cron(0 3 ? JUL,AUG WED *)'],
    ['rule', 'cron(0 3 ? * FRI-MON *)'],
    ['rule', 'cron(0 3 LW * ? *)'],
    ['rule', 'cron(0\t3 * * ? *)'],
  ])('accepts %s %s (leap days, month and day names, a wrapping day range)', (kind, expression) => {
    expect(scheduleExpressionProblem(expression, kind)).toBeUndefined();
  });
});
