// The "Mine data" link e-mail, in the reader's language. It says what the link shows,
// that it works for an hour, and that nothing is needed if the reader did not ask.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { localisedMail } from '../../mail/compose.js';
import { DATA_ACCESS_LINK_MINUTES } from './data-access-links.js';

export function dataAccessUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/mine-data/${token}`;
}

export function accessLinkMail(t: TFunction, to: string, input: { baseUrl: string; municipality: string; token: string }): MailMessage {
  return localisedMail(t, to, 'dataRights.mail.link', {
    municipality: input.municipality,
    url: dataAccessUrl(input.baseUrl, input.token),
    minutes: DATA_ACCESS_LINK_MINUTES,
  });
}
