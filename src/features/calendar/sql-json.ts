// Instants read through PostgreSQL's json functions (json_build_object / json_agg).
// A timestamp in json is a text without a zone, so the raw statements that aggregate
// rows into json give each instant as milliseconds since the epoch instead (Prisma's
// DateTime columns are UTC timestamps without a zone; a @db.Date is UTC midnight, as
// Prisma reads it), and the reader turns them back into Dates.
import { Prisma } from '../../generated/prisma/client.js';

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
