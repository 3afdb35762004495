// Calendar dates in forms (docs/adr/0022): every form asks for a date in ONE way, the
// DKFDS date picker's text field, typed as dd-mm-åååå (views/partials/date-input.ejs).
// It works without JavaScript and reads the same in every browser and screen reader,
// unlike <input type="date">, whose look and announced format depend on the browser.
// This is the one parser: lenient on separators and single digits, so "1.3.2027",
// "01/03/2027" and "1-3-2027" all mean 1 March 2027. It also takes "2027-03-01", which
// old links, bookmarked filters and a browser's own date field send.
import { z } from 'zod';

const DANISH_DATE = /^(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (value: number) => String(value).padStart(2, '0');

/** The same day as "YYYY-MM-DD", or null if the numbers are no real date (30-02-2026). */
function isoIfReal(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date rolls 30 February over into March; a real date survives the round trip.
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/**
 * A date a person typed: "24-12-2026", "24.12.2026", "24/12/2026", "1-3-2027" or
 * "2026-12-24". Returns "YYYY-MM-DD", or null when it is not a real date.
 */
export function parseDateText(input: string): string | null {
  const value = input.trim();
  const danish = DANISH_DATE.exec(value);
  if (danish) return isoIfReal(Number(danish[3]), Number(danish[2]), Number(danish[1]));
  const iso = ISO_DATE.exec(value);
  if (iso) return isoIfReal(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/** An ISO date ("2026-12-24") as the date field shows it: "24-12-2026". */
export function dateText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

/** A typed date as UTC midnight (the @db.Date convention); null if no real date in 2000–2100. */
export function parseCalendarDate(value: string): Date | null {
  const iso = parseDateText(value);
  if (!iso) return null;
  const year = Number(iso.slice(0, 4));
  // A year like 20026 or 1026 is a typing mistake, not a plan.
  return year >= 2000 && year <= 2100 ? new Date(`${iso}T00:00:00.000Z`) : null;
}

/** The form value of a stored date: "24-12-2026". */
export function formatCalendarDate(date: Date | null): string {
  return date ? dateText(date.toISOString().slice(0, 10)) : '';
}

/** The longest thing worth parsing ("24 - 12 - 2026" with spaces); more is refused as invalid. */
export const DATE_TEXT_MAX = 20;

/** An optional date field: blank is null, anything else must be a real date (`invalidKey` otherwise). */
export const optionalCalendarDate = (invalidKey: string) =>
  z
    .string()
    .trim()
    .max(DATE_TEXT_MAX, { error: invalidKey })
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
