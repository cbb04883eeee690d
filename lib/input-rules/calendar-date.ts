/** Gregorian calendar checks for one-time schedules (`at(2028-02-29T...)` exists, `at(2030-02-29T...)` does not). */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Why year-month-day is not a date, or undefined. */
export function calendarDateProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `month ${month} is not 01-12`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `day ${day} is not 01-${last} (${year}-${String(month).padStart(2, '0')} has ${last} days${month === 2 ? `; ${year} is ${isLeapYear(year) ? '' : 'not '}a leap year` : ''})`;
  return undefined;
}
