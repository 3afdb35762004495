// Calendar dates in forms: <input type="date"> gives "2026-12-31", stored as UTC
// midnight (the @db.Date convention). One parser and one optional-date field, so every
// form refuses 2026-02-30 and a year like 20026 the same way, with its own message.
import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date from <input type="date"> ("2026-12-31"), as UTC midnight; null if it is not a real date. */
export function parseCalendarDate(value: string): Date | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2026-02-30 and the like, which Date would roll over into March.
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 2000 && year <= 2100 ? date : null;
}

/** The form value of a stored date. */
export function formatCalendarDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

/** An optional date field: blank is null, anything else must be a real date (`invalidKey` otherwise). */
export const optionalCalendarDate = (invalidKey: string) =>
  z
    .string()
    .trim()
    .max(10, { error: invalidKey })
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const date = parseCalendarDate(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: invalidKey });
        return z.NEVER;
      }
      return date;
    });
