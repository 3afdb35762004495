// The e-mails about passwords (and the notice shape the second factor's changes share), as plain Danish text (the portal's working
// language; users have no stored language). Texts live in the locale files under
// auth.passwordReset.mail and auth.changePassword.mail.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { danish, localisedMail } from '../../mail/compose.js';
import { RESET_TOKEN_VALID_MINUTES } from './reset-token.js';

const dateTime = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });

interface Recipient {
  email: string;
  name: string;
}

export interface Portal {
  baseUrl: string;
  municipality: string;
  contactEmail: string;
}

function site(t: TFunction, portal: Portal): string {
  return t('site.name', { municipality: portal.municipality });
}

export function resetLinkMail(t: TFunction, to: Recipient, data: Portal & { token: string }): MailMessage {
  const da = danish(t);
  return localisedMail(da, to.email, 'auth.passwordReset.mail', {
    name: to.name,
    site: site(da, data),
    url: `${data.baseUrl}/nulstil-adgangskode/${data.token}`,
    minutes: RESET_TOKEN_VALID_MINUTES,
    municipality: data.municipality,
  });
}

/**
 * A notice to an account's owner that its security changed (password, second factor):
 * when, and what to do if it was not them. `key` names the mail's texts; `extra` fills
 * what that mail adds.
 */
export function accountChangedMail(
  t: TFunction,
  to: Recipient,
  data: Portal & { at: Date },
  key: string,
  extra: Record<string, unknown> = {},
): MailMessage {
  const da = danish(t);
  const contact = data.contactEmail
    ? da('auth.changePassword.mail.contact', { contactEmail: data.contactEmail })
    : da('auth.changePassword.mail.contactNoEmail', { municipality: data.municipality });
  return localisedMail(da, to.email, key, {
    name: to.name,
    site: site(da, data),
    at: dateTime.format(data.at),
    forgotUrl: `${data.baseUrl}/glemt-adgangskode`,
    contact,
    municipality: data.municipality,
    ...extra,
  });
}

export function passwordChangedMail(t: TFunction, to: Recipient, data: Portal & { at: Date }): MailMessage {
  return accountChangedMail(t, to, data, 'auth.changePassword.mail');
}
