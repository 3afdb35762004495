// Numeric ids in paths and forms. Express 5 routes have no regex parameters, so ids are
// checked here: anything but a plain positive integer that fits PostgreSQL's `integer`
// (no "1e2", "01", "+1", " 1") is not an id — a 404, never a 500 from the database.
import { z } from 'zod';
import { HttpError } from '../errors.js';

const MAX_INT4 = 2_147_483_647;

/** A positive 32-bit integer written plainly, as a string (path parameters, form fields). */
export const idString = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(MAX_INT4));

export function parseId(value: unknown): number | null {
  const result = idString.safeParse(value);
  return result.success ? result.data : null;
}

/** The id, or a 404 for the central error page. */
export function requireId(value: unknown): number {
  const id = parseId(value);
  if (id === null) throw new HttpError(404);
  return id;
}
