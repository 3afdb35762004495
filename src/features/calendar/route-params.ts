// Ids in paths. Express 5 routes have no regex parameters, so handlers check ids
// themselves: anything but a positive 32-bit integer is "not found", never a 500
// from the database.
import { z } from 'zod';
import { HttpError } from '../../errors.js';

const idSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647));

export function parseId(value: unknown): number | null {
  const result = idSchema.safeParse(value);
  return result.success ? result.data : null;
}

/** The id, or a 404 for the central error page. */
export function requireId(value: unknown): number {
  const id = parseId(value);
  if (id === null) throw new HttpError(404);
  return id;
}

/**
 * The version an edit form was loaded with (the row's updatedAt in milliseconds, in a
 * hidden field). A form without a readable one was not made by us: 400.
 */
export function requireVersion(body: unknown): Date {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined;
  const result = z
    .string()
    .regex(/^\d{1,15}$/)
    .safeParse(raw);
  if (!result.success) throw new HttpError(400);
  return new Date(Number(result.data));
}
