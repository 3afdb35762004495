// The e-mails about associations, as plain text. Texts live in the locale files
// (associations.mail.*). Messages to the municipality and the review decisions are
// in Danish (the municipality's working language); the applicant's receipt follows
// the language they registered in. The services queue these messages in the
// transaction of the change that causes them (src/mail/outbox.ts); the job worker
// delivers them, retrying while the mail server is down.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { localisedMail } from '../../mail/compose.js';

interface AssociationRef {
  id: number;
  name: string;
}

export function registrationReceipt(
  t: TFunction,
  to: string,
  data: { association: AssociationRef; recipientName: string; baseUrl: string },
): MailMessage {
  return localisedMail(t, to, 'associations.mail.receipt', {
    recipient: data.recipientName,
    name: data.association.name,
    profileUrl: `${data.baseUrl}/min-forening/${data.association.id}/profil`,
  });
}

export function awaitingApprovalNotice(
  t: TFunction,
  to: string,
  data: { association: AssociationRef; baseUrl: string; resubmitted?: boolean },
): MailMessage {
  return localisedMail(t, to, data.resubmitted ? 'associations.mail.resubmitted' : 'associations.mail.awaitingApproval', {
    name: data.association.name,
    reviewUrl: `${data.baseUrl}/medarbejder/foreninger/${data.association.id}`,
  });
}

export function approvedNotice(
  t: TFunction,
  to: string,
  data: { association: AssociationRef & { slug: string }; baseUrl: string; municipality: string },
): MailMessage {
  return localisedMail(t, to, 'associations.mail.approved', {
    name: data.association.name,
    municipality: data.municipality,
    publicUrl: `${data.baseUrl}/foreninger/${data.association.slug}`,
    openingsUrl: `${data.baseUrl}/min-forening/${data.association.id}/opgaver`,
  });
}

export function rejectedNotice(
  t: TFunction,
  to: string,
  data: { association: AssociationRef; reason: string; baseUrl: string; municipality: string; contactEmail: string },
): MailMessage {
  return localisedMail(t, to, 'associations.mail.rejected', {
    name: data.association.name,
    reason: data.reason,
    municipality: data.municipality,
    contactEmail: data.contactEmail,
    profileUrl: `${data.baseUrl}/min-forening/${data.association.id}/profil`,
  });
}

export function invitationMail(
  t: TFunction,
  to: string,
  data: { association: AssociationRef; inviterName: string; token: string; baseUrl: string; expiresAt: string },
): MailMessage {
  return localisedMail(t, to, 'associations.mail.invitation', {
    name: data.association.name,
    inviter: data.inviterName,
    url: `${data.baseUrl}/invitation/${data.token}`,
    expiresAt: data.expiresAt,
  });
}

/**
 * Suspended, archived or reinstated: to each member, in Danish (members have no stored
 * language; Danish is the municipality's working language with associations).
 */
export function statusChangeNotice(
  t: TFunction,
  to: string,
  data: {
    kind: 'suspended' | 'archived' | 'reinstated';
    association: AssociationRef & { slug: string };
    /** Staff's reason (suspended, archived) or optional note (reinstated). */
    text: string | null;
    baseUrl: string;
    municipality: string;
    contactEmail: string;
  },
): MailMessage {
  const key = data.kind === 'reinstated' && !data.text ? 'associations.mail.reinstatedWithoutNote' : `associations.mail.${data.kind}`;
  return localisedMail(t, to, key, {
    name: data.association.name,
    reason: data.text ?? '',
    municipality: data.municipality,
    contactEmail: data.contactEmail,
    areaUrl: `${data.baseUrl}/min-forening/${data.association.id}/opgaver`,
    publicUrl: `${data.baseUrl}/foreninger/${data.association.slug}`,
  });
}
