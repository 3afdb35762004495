// The e-mailed link through which an external partner (a company, an evening school:
// no account in the portal) answers a version of an agreement (ANSWER) or gives its
// part of an evaluation (EVALUATE). The link's secret is a 256-bit random token of
// which only the SHA-256 is stored (src/security/secret-token.ts): unguessable like a
// signed link, and unlike one it can be used once and withdrawn, because its state is
// a row. A link expires after LINK_VALID_DAYS, is used once, and an ANSWER link is
// only good for the version it was sent with (a newer version sends new links).
import type { AgreementLinkPurpose, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../../security/secret-token.js';

export const LINK_VALID_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

type Db = PrismaClient | Prisma.TransactionClient;

export interface IssueLink {
  partyId: number;
  purpose: AgreementLinkPurpose;
  versionId?: number;
  evaluationId?: number;
  now: Date;
}

/** Stores a new link and returns its token, for the e-mail only (never logged or stored). */
export async function issuePartyLink(tx: Prisma.TransactionClient, link: IssueLink): Promise<string> {
  const { token, tokenHash } = newSecretToken();
  await tx.agreementPartyLink.create({
    data: {
      partyId: link.partyId,
      purpose: link.purpose,
      versionId: link.versionId ?? null,
      evaluationId: link.evaluationId ?? null,
      tokenHash,
      expiresAt: new Date(link.now.getTime() + LINK_VALID_DAYS * DAY_MS),
      createdAt: link.now,
    },
  });
  return token;
}

export function partyLinkUrl(baseUrl: string, purpose: AgreementLinkPurpose, token: string): string {
  const path = purpose === 'ANSWER' ? 'svar' : 'evaluering';
  return `${baseUrl.replace(/\/+$/, '')}/samarbejdsaftale/${path}/${token}`;
}

const LINK_SELECT = {
  id: true,
  partyId: true,
  purpose: true,
  versionId: true,
  evaluationId: true,
  expiresAt: true,
  usedAt: true,
  party: { select: { id: true, agreementId: true, kind: true, name: true } },
} as const satisfies Prisma.AgreementPartyLinkSelect;

export type PartyLink = Prisma.AgreementPartyLinkGetPayload<{ select: typeof LINK_SELECT }>;

/** Why a link cannot be used: each gets its own clear page. */
export type LinkRefusal = 'unknown' | 'expired' | 'used';

/**
 * The link a token opens, if it can still be used for `purpose` at `now`. A malformed
 * token, another purpose's token and a token we never issued are all "unknown".
 */
export async function findUsableLink(
  db: Db,
  token: unknown,
  purpose: AgreementLinkPurpose,
  now: Date,
): Promise<{ ok: true; link: PartyLink } | { ok: false; reason: LinkRefusal }> {
  if (!isWellFormedSecretToken(token)) return { ok: false, reason: 'unknown' };
  const link = await db.agreementPartyLink.findUnique({ where: { tokenHash: hashSecretToken(token) }, select: LINK_SELECT });
  if (!link || link.purpose !== purpose) return { ok: false, reason: 'unknown' };
  if (link.usedAt) return { ok: false, reason: 'used' };
  if (link.expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, link };
}

/**
 * Marks a link used, in the transaction that records what it was used for. False when
 * another request used it first (two tabs, a double click): the caller rolls back.
 */
export async function consumePartyLink(tx: Prisma.TransactionClient, linkId: number, now: Date): Promise<boolean> {
  const { count } = await tx.agreementPartyLink.updateMany({
    where: { id: linkId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}
