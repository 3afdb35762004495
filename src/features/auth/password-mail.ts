// The two e-mails about passwords, as plain Danish text (the portal's working
// language; users have no stored language). Texts live in the locale files under
// auth.passwordReset.mail and auth.changePassword.mail.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { RESET_TOKEN_VALID_MINUTES } from './reset-token.js';

const dateTime = new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' });

interface Recipient {
  email: string;
  name: string;
}

interface Portal {
  baseUrl: string;
  municipality: string;
  contactEmail: string;
}

function site(t: TFunction, portal: Portal): string {
  return t('site.name', { municipality: portal.municipality, lng: 'da' });
}

export function resetLinkMail(t: TFunction, to: Recipient, data: Portal & { token: string }): MailMessage {
  return {
    to: to.email,
    subject: t('auth.passwordReset.mail.subject', { site: site(t, data), lng: 'da' }),
    text: t('auth.passwordReset.mail.body', {
      name: to.name,
      site: site(t, data),
      url: `${data.baseUrl}/nulstil-adgangskode/${data.token}`,
      minutes: RESET_TOKEN_VALID_MINUTES,
      municipality: data.municipality,
      lng: 'da',
    }),
  };
}

export function passwordChangedMail(t: TFunction, to: Recipient, data: Portal & { at: Date }): MailMessage {
  const contact = data.contactEmail
    ? t('auth.changePassword.mail.contact', { contactEmail: data.contactEmail, lng: 'da' })
    : t('auth.changePassword.mail.contactNoEmail', { municipality: data.municipality, lng: 'da' });
  return {
    to: to.email,
    subject: t('auth.changePassword.mail.subject', { site: site(t, data), lng: 'da' }),
    text: t('auth.changePassword.mail.body', {
      name: to.name,
      site: site(t, data),
      at: dateTime.format(data.at),
      forgotUrl: `${data.baseUrl}/glemt-adgangskode`,
      contact,
      municipality: data.municipality,
      lng: 'da',
    }),
  };
}
