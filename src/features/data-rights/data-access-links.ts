// "Mine data" links: a row per e-mailed link (the address it opens, the hash of its
// token, when it expires). Expired rows are useless and hold an e-mail address, so
// they are deleted cheaply: by the data-rights service whenever a new link is asked
// for, and by the retention job (src/jobs/), which calls deleteExpiredDataAccessLinks.
import type { Prisma } from '../../generated/prisma/client.js';

/** How long a "Mine data" link works. */
export const DATA_ACCESS_LINK_MINUTES = 60;

/** When a link made now stops working. */
export function dataAccessLinkExpiry(now: Date): Date {
  return new Date(now.getTime() + DATA_ACCESS_LINK_MINUTES * 60 * 1000);
}

type LinkClient = Pick<Prisma.TransactionClient, 'dataAccessLink'>;

/** Deletes every link that has expired by `now`; answers how many. */
export async function deleteExpiredDataAccessLinks(db: LinkClient, now: Date): Promise<number> {
  const { count } = await db.dataAccessLink.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
