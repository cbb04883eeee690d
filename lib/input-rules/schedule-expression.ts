/**
 * The schedule-expression grammar AWS documents, separately for EventBridge rules and for EventBridge Scheduler.
 * Every problem quotes the rule AWS states, so the message alone says what to fix. Where the documentation is
 * silent (lower-case month names, `LW`, reversed ranges), the grammar follows the Quartz scheduler that AWS cron is
 * modelled on and accepts rather than guesses a rejection; docs/construct.md lists those choices.
 */
import { calendarDateProblem } from './calendar-date';

/** Who evaluates the expression: an EventBridge rule (`rate`, `cron`) or EventBridge Scheduler (also `at`). */
export type ScheduleKind = 'rule' | 'scheduler';

export const SCHEDULE_SOURCES = {
  cron: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html',
  rate: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html',
  scheduler: 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html',
} as const;

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Wildcards the field takes besides values, as AWS's table lists them. */
  readonly wildcards: string;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** AWS's cron table: field, values, wildcards. */
export const CRON_FIELDS: readonly CronField[] = [
  { name: 'Minutes', min: 0, max: 59, wildcards: ', - * /' },
  { name: 'Hours', min: 0, max: 23, wildcards: ', - * /' },
  { name: 'Day-of-month', min: 1, max: 31, wildcards: ', - * ? / L W' },
  { name: 'Month', min: 1, max: 12, wildcards: ', - * /', names: MONTHS },
  { name: 'Day-of-week', min: 1, max: 7, wildcards: ', - * ? L #', names: DAYS },
  { name: 'Year', min: 1970, max: 2199, wildcards: ', - * /' },
];

const DAY_FIELDS_RULE =
  "AWS: \"You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other.\"";
const RATE_AGREEMENT_RULE =
  'AWS: "If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit must be plural. For example, rate(1 hours) and rate(5 hour) aren\'t valid, but rate(1 hour) and rate(5 hours) are valid."';

function quoteField(field: CronField): string {
  const values = field.names ? `${field.min}-${field.max} or ${field.names[0]}-${field.names[field.names.length - 1]}` : `${field.min}-${field.max}`;
  return `AWS: "${field.name} | ${values} | ${field.wildcards}" (${SCHEDULE_SOURCES.cron})`;
}

/**
 * What is wrong with a schedule expression, or undefined when it follows AWS's grammar for `kind`.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
export function scheduleExpressionProblem(expression: string, kind: ScheduleKind): string | undefined {
  if (typeof expression !== 'string') return `must be a string such as 'rate(1 day)' or 'cron(0 3 * * ? *)'.`;
  const form = /^(rate|cron|at)\((.*)\)$/s.exec(expression);
  if (!form) {
    const forms = kind === 'scheduler' ? "'rate(value unit)', 'cron(fields)' or 'at(yyyy-mm-ddThh:mm:ss)'" : "'rate(value unit)' or 'cron(fields)'";
    return `must be ${forms} with nothing before or after, e.g. 'rate(1 day)' or 'cron(0 3 * * ? *)'.`;
  }
  const [, type, body] = form as unknown as [string, 'rate' | 'cron' | 'at', string];
  if (type === 'rate') return rateProblem(body, kind);
  if (type === 'cron') return cronProblem(body);
  if (kind === 'rule') {
    return `is a one-time at() schedule, which EventBridge rules do not take (only rate() and cron()); give scheduler options to use EventBridge Scheduler. (${SCHEDULE_SOURCES.scheduler})`;
  }
  return atProblem(body);
}

function rateProblem(body: string, kind: ScheduleKind): string | undefined {
  const syntax = kind === 'rule' ? 'rate(value unit), unit one of minute | minutes | hour | hours | day | days' : 'rate(value unit), unit one of minutes | hours | days (minute | hour | day for 1)';
  const parts = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!parts) {
    return `must be ${syntax}, one space between them and none inside the parentheses, e.g. 'rate(5 minutes)'. AWS: "Rate expressions have two required fields separated by white space." (${SCHEDULE_SOURCES.rate})`;
  }
  const value = Number(parts[1]);
  const unit = parts[2]!;
  const singular = unit.replace(/s$/, '');
  if (value < 1) return `has a rate of ${value}; AWS: "value: A positive number." (${SCHEDULE_SOURCES.rate})`;
  const plural = unit.endsWith('s');
  if (value === 1 && plural && kind === 'rule') return `must read 'rate(1 ${singular})'. ${RATE_AGREEMENT_RULE} (${SCHEDULE_SOURCES.rate})`;
  if (value > 1 && !plural) return `must read 'rate(${value} ${singular}s)'. ${RATE_AGREEMENT_RULE} (${SCHEDULE_SOURCES.rate})`;
  return undefined;
}

function cronProblem(body: string): string | undefined {
  const fields = body.split(/[ \t]+/);
  if (body !== body.trim() || fields.length !== 6) {
    return `must have 6 fields (Minutes Hours Day-of-month Month Day-of-week Year) separated by white space, got ${body.trim() === '' ? 0 : body.trim().split(/\s+/).length}; e.g. 'cron(0 3 * * ? *)'. AWS: "Cron expressions have six required fields, which are separated by white space." (${SCHEDULE_SOURCES.cron})`;
  }
  for (const [index, text] of fields.entries()) {
    const problem = fieldProblem(CRON_FIELDS[index]!, text);
    if (problem) return `has an invalid ${CRON_FIELDS[index]!.name} field '${text}': ${problem}. ${quoteField(CRON_FIELDS[index]!)}`;
  }
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    const got = dayOfMonth === '?' ? 'both are ?' : `Day-of-month is '${dayOfMonth}' and Day-of-week is '${dayOfWeek}'`;
    return `must use ? in exactly one of Day-of-month and Day-of-week (${got}), e.g. 'cron(0 3 * * ? *)' or 'cron(0 3 ? * MON-FRI *)'. ${DAY_FIELDS_RULE} (${SCHEDULE_SOURCES.cron})`;
  }
  return undefined;
}

/** Why one cron field breaks its grammar, or undefined. */
function fieldProblem(field: CronField, text: string): string | undefined {
  if (text === '?') return field.wildcards.includes('?') ? undefined : '? (any) is only allowed in Day-of-month and Day-of-week';
  if (field.name === 'Day-of-month') {
    if (text === 'L' || text === 'LW') return undefined;
    const weekday = /^(\d+)W$/.exec(text);
    if (weekday) return valueProblem(field, weekday[1]!);
  }
  if (field.name === 'Day-of-week') {
    if (text === 'L') return undefined;
    const last = /^([^L#]+)L$/.exec(text);
    if (last) return valueProblem(field, last[1]!);
    const nth = /^([^#]+)#(.*)$/.exec(text);
    if (nth) {
      if (text.includes(',')) return `AWS: "If you use a '#' character, you can define only one expression in the day-of-week field. For example, "3#1,6#3" is not valid because it is interpreted as two expressions."`;
      return valueProblem(field, nth[1]!) ?? (/^[1-5]$/.test(nth[2]!) ? undefined : `'#${nth[2]}' must name the 1st to 5th such day of the month (#1 to #5)`);
    }
  }
  for (const item of text.split(',')) {
    const problem = itemProblem(field, item);
    if (problem) return problem;
  }
  return undefined;
}

/** One comma-separated item: `*`, `v`, `a-b`, each optionally followed by `/increment`. */
function itemProblem(field: CronField, item: string): string | undefined {
  if (item === '') return 'an empty list item (two commas, or a comma at an end)';
  const [range, increment, extra] = item.split('/');
  if (extra !== undefined) return `'${item}' has two / increments`;
  if (increment !== undefined) {
    if (!field.wildcards.includes('/')) return '/ (increment) is not allowed in this field';
    if (!/^\d+$/.test(increment) || Number(increment) < 1 || Number(increment) > field.max) {
      return `the increment in '${item}' must be a whole number from 1 to ${field.max}`;
    }
  }
  if (range === '*') return undefined;
  const bounds = range!.split('-');
  if (bounds.length > 2) return `'${range}' is not a value or a range a-b`;
  for (const bound of bounds) {
    const problem = valueProblem(field, bound);
    if (problem) return problem;
  }
  if (bounds.length === 2 && field.name !== 'Day-of-week' && field.name !== 'Month' && valueOf(field, bounds[0]!)! > valueOf(field, bounds[1]!)!) {
    return `the range '${range}' runs backwards`;
  }
  return undefined;
}

function valueOf(field: CronField, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

function valueProblem(field: CronField, text: string): string | undefined {
  const value = valueOf(field, text);
  if (value === undefined) {
    if (text === '') return 'a value is missing';
    const special = /[LW#]/.exec(text.replace(/JUL|APR|WED|SAT/gi, ''))?.[0];
    if (special && field.wildcards.includes(special)) {
      return `${special} stands alone as the whole field (e.g. ${field.name === 'Day-of-week' ? "'L', '6L' or 'FRI#2'" : "'L' or '15W'"}), not inside a list, range or increment`;
    }
    if (special) return `${special} is not allowed in ${field.name}`;
    return field.names ? `'${text}' is neither a number nor one of ${field.names.join(', ')}` : `'${text}' is not a number`;
  }
  if (value < field.min || value > field.max) return `${value} is outside ${field.min}-${field.max}`;
  return undefined;
}

function atProblem(body: string): string | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!parts) {
    return `must be at(yyyy-mm-ddThh:mm:ss) with no time zone suffix, e.g. 'at(2030-01-31T06:00:00)'; the zone is scheduler.timezone. AWS: "at expression - at(yyyy-mm-ddThh:mm:ss)" (${SCHEDULE_SOURCES.scheduler})`;
  }
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const problem = calendarDateProblem(year, month, day) ?? (hour > 23 ? `hour ${hour} is not 00-23` : minute > 59 ? `minute ${minute} is not 00-59` : second > 59 ? `second ${second} is not 00-59` : undefined);
  return problem && `is not a real date and time: ${problem}. AWS: "at expression - at(yyyy-mm-ddThh:mm:ss)" (${SCHEDULE_SOURCES.scheduler})`;
}
