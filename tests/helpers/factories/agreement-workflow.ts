// Agreements ready to be sent: an association partner with a contact e-mail (the
// register's associations have none by default) and an external partner, so a send
// mails both kinds. Built on anAgreement (agreements.ts).
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { anAgreement, type AgreementOptions } from './agreements.js';
import { anAssociation } from './associations.js';

export interface SendableOptions extends AgreementOptions {
  /** The association partner's e-mail; null: it has none (and is told nothing). */
  associationEmail?: string | null;
  /** Add an external partner (default true). */
  external?: boolean;
}

export async function aSendableAgreement(prisma: PrismaClient, options: SendableOptions = {}) {
  const association = await anAssociation(prisma, { name: `Partnerforening ${Math.random().toString(36).slice(2, 8)}` });
  const email = options.associationEmail === undefined ? `forening-${association.id}@example.org` : options.associationEmail;
  if (email) await prisma.association.update({ where: { id: association.id }, data: { email } });
  const agreement = await anAgreement(prisma, {
    associationIds: [association.id],
    externals:
      options.external === false
        ? []
        : [{ name: 'Aftenskolen Test', contactEmail: `aftenskolen-${association.id}@example.org`, contactName: 'Eva Aften' }],
    ...options,
  });
  const [, associationParty, externalParty] = agreement.parties;
  return { agreement, association, associationParty: associationParty!, externalParty, associationEmail: email };
}
