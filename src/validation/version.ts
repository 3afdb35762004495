// Optimistic locking, one scheme for every editable row: each such table has an integer
// `version` column; an edit form carries the version it was loaded with in a hidden
// field, and the service writes with `updateMany({ where: { id, version }, data: {
// …, version: { increment: 1 } } })`. Zero rows updated means someone saved first: the
// form is shown again with the conflict alert and the newest version, so saving again
// is a deliberate choice.
import { z } from 'zod';
import { HttpError } from '../errors.js';

export const versionField = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** The version an edit form was loaded with. A form without a readable one was not made by us: 400. */
export function requireVersion(body: unknown): number {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined;
  const result = versionField.safeParse(raw);
  if (!result.success) throw new HttpError(400);
  return result.data;
}

/** The submitted version when there is one (to carry it through a failed submit). */
export function submittedVersion(body: unknown): number | undefined {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined;
  const result = versionField.safeParse(raw);
  return result.success ? result.data : undefined;
}
