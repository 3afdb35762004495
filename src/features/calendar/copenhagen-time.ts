// Danish wall-clock time ↔ UTC instants, without a time-zone library.
//
// Activities and events are entered and shown in the municipality's time
// (Europe/Copenhagen) but stored as UTC instants. The offset (+01:00 in winter,
// +02:00 in summer) is read from the platform's time-zone database through
// Intl.DateTimeFormat, so daylight-saving rules are never hard-coded here and a
// weekly 19:00 activity stays 19:00 on both sides of a DST change.
//
// Calendar dates travel as ISO strings ("2026-11-24") and wall-clock times as
// "HH:MM": plain values that compare correctly as strings.

export const MUNICIPALITY_TIME_ZONE = 'Europe/Copenhagen';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: MUNICIPALITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock reading through Intl (slow: a formatToParts per call). */
function formattedWallClock(instant: Date): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** The offset from UTC in force at an instant, in ms, as Intl reads it. */
function formattedOffsetMs(epochMs: number): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const w = formattedWallClock(new Date(whole));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

// The offset per quarter hour of UTC, read through Intl once: a calendar page reads the
// wall clock of every occurrence, and formatToParts was a tenth of its CPU time. Offsets
// change on quarter hours (Copenhagen's at 01:00 UTC); a quarter whose two ends disagree
// (a change inside it, as in 1894's move from local mean time) is never kept.
const QUARTER_MS = 15 * 60 * 1000;
const offsetsByQuarter = new Map<number, number>();

/** Ms east of UTC in force in Copenhagen at an instant (one or two hours). */
function offsetMsAt(epochMs: number): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const known = offsetsByQuarter.get(quarter);
  if (known !== undefined) return known;
  const start = formattedOffsetMs(quarter * QUARTER_MS);
  if (start !== formattedOffsetMs((quarter + 1) * QUARTER_MS - 1000)) return formattedOffsetMs(epochMs);
  // About 35,000 quarters a year; dropped all at once well before that costs memory.
  if (offsetsByQuarter.size >= 50_000) offsetsByQuarter.clear();
  offsetsByQuarter.set(quarter, start);
  return start;
}

/** The Danish wall-clock reading of an instant. */
export function wallClockOf(instant: Date): WallClock {
  const epochMs = instant.getTime();
  // An invalid date: Intl throws its RangeError, as before.
  if (Number.isNaN(epochMs)) return formattedWallClock(instant);
  const local = new Date(epochMs + offsetMsAt(epochMs));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Danish calendar date of an instant, "YYYY-MM-DD". */
export function localDateOf(instant: Date): string {
  const w = wallClockOf(instant);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The Danish wall-clock time of an instant, "HH:MM". */
export function localTimeOf(instant: Date): string {
  const w = wallClockOf(instant);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** The date of a @db.Date column (stored as UTC midnight) as "YYYY-MM-DD". */
export function isoDateOfDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" as the UTC-midnight Date Prisma writes to a @db.Date column unshifted. */
export function dbDateOf(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/**
 * The UTC instant of a Danish date and wall-clock time.
 *
 * Around DST changes a wall-clock time can be missing (spring: 02:30 does not exist)
 * or happen twice (autumn: 02:30 comes round again). Like Temporal's "compatible"
 * rule, a missing time moves forward by the gap and a repeated time takes the first
 * (summer-time) instant, so every input gives exactly one instant.
 */
export function zonedToUtc(isoDate: string, time: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // A Copenhagen change of offset happens at most once within any two days, so the
  // offsets a day either side are the only candidates.
  const before = offsetMsAt(wall - DAY_MS);
  const after = offsetMsAt(wall + DAY_MS);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetMsAt(instant) === wall - instant)
    .sort((a, b) => a - b);
  const first = candidates[0];
  // No candidate: the wall time fell in the spring gap; the pre-gap offset moves it forward.
  return new Date(first ?? wall - before);
}

/** The calendar date `days` after an ISO date (negative for before). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another. */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / DAY_MS);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A "HH:MM" time as a form shows it: "19.00" in Danish, "19:00" in English. */
export function timeInputValue(time: string, lang: 'da' | 'en'): string {
  return lang === 'da' ? time.replace(':', '.') : time;
}

/** A time typed by a person: 19:00, 19.00 (the Danish way) or 9:30. Returns "HH:MM" or null. */
export function parseTimeInput(input: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(input.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}
