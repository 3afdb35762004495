// Values in the raw statements that read several relations at once (json_build_object /
// json_agg) — the opening page, the association page, the calendar — written the same
// way everywhere:
// - an instant parameter as a UTC timestamp without a zone, as Prisma stores DateTime
//   (a Date parameter's type would otherwise be left to the planner and the session's
//   zone), and a calendar date as a date;
// - an instant read back through json as milliseconds since the epoch: a timestamp in
//   json is a text without a zone (a @db.Date is UTC midnight, as Prisma reads it), and
//   the reader turns the number back into a Date.
import { Prisma } from '../generated/prisma/client.js';

/** An instant as a parameter compared with Prisma's DateTime columns. */
export function timestampSql(instant: Date): Prisma.Sql {
  return Prisma.sql`CAST(${instant.toISOString()} AS timestamp)`;
}

/** A calendar date (YYYY-MM-DD) as a parameter compared with @db.Date columns. */
export function dateSql(isoDate: string): Prisma.Sql {
  return Prisma.sql`CAST(${isoDate} AS date)`;
}

/** A timestamp or date column as epoch milliseconds, a json number (null stays null). */
export function epochMsSql(column: string): Prisma.Sql {
  // `column` is always a column reference written in our own SQL, never input.
  return Prisma.raw(`(extract(epoch FROM ${column}) * 1000)::bigint`);
}

export function dateOfEpochMs(ms: number): Date;
export function dateOfEpochMs(ms: number | null): Date | null;
export function dateOfEpochMs(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
