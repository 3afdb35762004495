// The staff invitation e-mail, as plain text (texts: staffAccounts.mail.* in the locale
// files). Invitations go to the municipality's own staff, so the message is in Danish,
// the municipality's working language (src/mail/compose.ts `danish`), whatever the
// inviting admin's language. Queued in the invitation's transaction.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { localisedMail } from '../../mail/compose.js';

export function staffInvitationMail(
  t: TFunction,
  to: string,
  data: { roleName: string; inviterName: string; municipality: string; token: string; baseUrl: string; expiresAt: string },
): MailMessage {
  return localisedMail(t, to, 'staffAccounts.mail.invitation', {
    role: data.roleName,
    inviter: data.inviterName,
    municipality: data.municipality,
    url: `${data.baseUrl}/medarbejder-invitation/${data.token}`,
    expiresAt: data.expiresAt,
  });
}
