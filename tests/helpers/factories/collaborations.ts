// Agreements as the public "Samarbejder" pages see them: in force (sent, accepted by
// every partner, ACTIVE by default), and openings linked to an agreement. Built on the
// agreement factories, so the version in force has the real content shape.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { AgreementStatus } from '../../../src/generated/prisma/enums.js';
import { acceptAll, anAgreement, sendVersion, type AgreementOptions } from './agreements.js';

/** An agreement sent once and accepted by all partners, then given `status` (ACTIVE by default). */
export async function anAgreementInForce(prisma: PrismaClient, options: AgreementOptions & { inForceStatus?: AgreementStatus } = {}) {
  const { inForceStatus, ...agreementOptions } = options;
  const agreement = await anAgreement(prisma, agreementOptions);
  await sendVersion(prisma, agreement.id);
  return acceptAll(prisma, agreement.id, inForceStatus ?? 'ACTIVE');
}

/** Links an opening to an agreement (openings.agreement_id), as the association's opening form does. */
export async function linkOpening(prisma: PrismaClient, openingId: number, agreementId: number | null) {
  return prisma.opening.update({ where: { id: openingId }, data: { agreementId } });
}
