// What a database error means for the caller, where the answer is part of the logic.
import { Prisma } from '../generated/prisma/client.js';

/** A unique constraint refused the row: someone else made the same thing first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
