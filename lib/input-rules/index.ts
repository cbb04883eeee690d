/**
 * Rules for user input, as data and pure functions shared by the construct (synth-time checks) and the Terraform
 * module (variable validation blocks): schedule expressions, Scheduler time zones, Redshift names. No cdktf import.
 */
export { scheduleExpressionProblem, CRON_FIELDS, SCHEDULE_SOURCES, type ScheduleKind } from './schedule-expression';
export { timeZoneProblem } from './time-zone';
export { calendarDateProblem, daysInMonth, isLeapYear } from './calendar-date';
export {
  CLUSTER_IDENTIFIER_RULE,
  WORKGROUP_NAME_RULE,
  WORKGROUP_ARN_PATTERN,
  DATABASE_NAME_RULE,
  DB_USER_RULE,
  describeNameRule,
  nameProblem,
  type NameRule,
} from './redshift-names';
