// Calendar-month arithmetic in UTC, shared by everything that counts in months (the
// interest retention period, an agreement's review interval). A month later than
// 31 January is 28/29 February: the day is clamped to the target month's length.

/** `date` moved by whole calendar months (negative: back), the day clamped to the target month's length. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date);
  const day = date.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const daysInMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, daysInMonth));
  return target;
}

/** `date` moved back by whole calendar months, the day clamped to the target month's length. */
export function monthsBefore(date: Date, months: number): Date {
  return addMonths(date, -months);
}

/** `date` moved by whole calendar days (UTC: no daylight-saving hours to trip over). */
export function addDays(date: Date, days: number): Date {
  const moved = new Date(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved;
}

/** A calendar date (UTC midnight, the @db.Date convention) as YYYY-MM-DD. */
export const dateKey = (date: Date): string => date.toISOString().slice(0, 10);
