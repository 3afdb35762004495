// The partners' side of agreements: an agreement already sent to its partners
// (aSentAgreement: anAgreement + sendVersion), and an external partner's ANSWER link
// (anAnswerLink), issued as the workflow issues it, optionally already expired or used.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { issuePartyLink } from '../../../src/features/agreements/party-links.js';
import { hashSecretToken } from '../../../src/security/secret-token.js';
import { anAgreement, sendVersion, type AgreementOptions } from './agreements.js';

/** An agreement with version 1 sent (status SENT unless `status` says otherwise). */
export async function aSentAgreement(prisma: PrismaClient, options: AgreementOptions & { note?: string } = {}) {
  const { note, ...agreementOptions } = options;
  const agreement = await anAgreement(prisma, agreementOptions);
  const version = await sendVersion(prisma, agreement.id, note === undefined ? {} : { note });
  const partners = agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY');
  return { agreement, version, partners };
}

/** An ANSWER link for a party and version; answers its token (for the test's requests only). */
export async function anAnswerLink(
  prisma: PrismaClient,
  link: { partyId: number; versionId: number; now?: Date; usedAt?: Date; expiresAt?: Date },
): Promise<string> {
  const now = link.now ?? new Date('2026-11-20T10:00:00.000Z');
  return prisma.$transaction(async (tx) => {
    const token = await issuePartyLink(tx, { partyId: link.partyId, purpose: 'ANSWER', versionId: link.versionId, now });
    if (link.usedAt || link.expiresAt) {
      await tx.agreementPartyLink.updateMany({
        where: { tokenHash: hashSecretToken(token) },
        data: { ...(link.usedAt ? { usedAt: link.usedAt } : {}), ...(link.expiresAt ? { expiresAt: link.expiresAt } : {}) },
      });
    }
    return token;
  });
}
