/**
 * Checks an EventBridge schedule expression; returns what is wrong, or undefined when it is valid.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */
export function scheduleExpressionProblem(expression: string, kind: 'rule' | 'scheduler'): string | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2].endsWith('s');
    if (value < 1) return `has a rate of ${value}; the value must be a positive integer.`;
    if (value === 1 && plural) return `must use the singular unit for 1, e.g. 'rate(1 ${rate[2].slice(0, -1)})'.`;
    if (value > 1 && !plural) return `must use the plural unit for ${value}, e.g. 'rate(${value} ${rate[2]}s)'.`;
    return undefined;
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6) {
      return `must have 6 cron fields (minutes hours day-of-month month day-of-week year), got ${fields.length}.`;
    }
    const [, , dayOfMonth, , dayOfWeek] = fields;
    if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
      return "must set exactly one of day-of-month and day-of-week to '?', e.g. 'cron(0 3 * * ? *)'.";
    }
    return undefined;
  }
  if (kind === 'scheduler' && /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/.test(expression)) return undefined;
  const forms = kind === 'scheduler' ? "'rate(...)', 'cron(...)' or 'at(yyyy-mm-ddThh:mm:ss)'" : "'rate(...)' or 'cron(...)'";
  return `must be ${forms}, e.g. 'rate(1 day)' or 'cron(0 3 * * ? *)'.`;
}
