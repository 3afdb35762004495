// The two e-mails about passwords, as plain Danish text (the portal's working
// language; users have no stored language). Texts live in the locale files under
// passwordReset.mail and changePassword.mail.
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
    subject: t('passwordReset.mail.subject', { site: site(t, data), lng: 'da' }),
    text: t('passwordReset.mail.body', {
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
    ? t('changePassword.mail.contact', { contactEmail: data.contactEmail, lng: 'da' })
    : t('changePassword.mail.contactNoEmail', { municipality: data.municipality, lng: 'da' });
  return {
    to: to.email,
    subject: t('changePassword.mail.subject', { site: site(t, data), lng: 'da' }),
    text: t('changePassword.mail.body', {
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
