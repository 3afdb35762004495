// Ending a user's open sessions, in the transaction of the change that requires it
// (a password change or reset, deactivation, a two-factor reset, deleting or erasing
// the account): the server-side session rows are deleted, so the user is out on their
// next request. passport keeps the user id at sess.passport.user (a JSON number,
// compared as text).
import type { Prisma } from '../../generated/prisma/client.js';

/** Deletes the user's sessions, except `keepSid` (the session making the change); answers how many. */
export function endSessionsOf(
  tx: Pick<Prisma.TransactionClient, '$executeRaw'>,
  userId: number,
  keepSid: string | null = null,
): Promise<number> {
  // A session id is never empty, so '' keeps none.
  return tx.$executeRaw`DELETE FROM "session" WHERE sess->'passport'->>'user' = ${String(userId)} AND sid <> ${keepSid ?? ''}`;
}
