// The reminder e-mails about agreements, in Danish (the municipality's working language;
// partners and staff have no stored language). Texts live in the locale files under
// agreementFollowUp.mail.*. Links are absolute, from the portal's base URL.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { danish, localisedMail } from '../../mail/compose.js';
import { dateFormatter } from '../../middleware/locale.js';
import { LINK_VALID_DAYS } from '../agreements/party-links.js';

const formatDate = dateFormatter('da');

export interface MailPortal {
  baseUrl: string;
  municipality: string;
}

const absolute = (portal: MailPortal, path: string) => `${portal.baseUrl.replace(/\/+$/, '')}${path}`;

function common(da: TFunction, portal: MailPortal, name: string) {
  return {
    site: da('site.name', { municipality: portal.municipality }),
    municipality: portal.municipality,
    greeting: name ? da('agreementFollowUp.mail.greeting', { name }) : da('agreementFollowUp.mail.greetingNoName'),
  };
}

export interface AnswerReminder {
  to: string;
  contactName: string;
  title: string;
  versionNumber: number;
  sentAt: Date;
}

/** To an association: answer on the agreement's page in the association's own area. */
export function associationAnswerReminder(
  t: TFunction,
  portal: MailPortal,
  data: AnswerReminder & { associationId: number; agreementId: number },
): MailMessage {
  const da = danish(t);
  return localisedMail(da, data.to, 'agreementFollowUp.mail.answerAssociation', {
    ...common(da, portal, data.contactName),
    title: data.title,
    version: data.versionNumber,
    sentOn: formatDate(data.sentAt),
    url: absolute(portal, `/min-forening/${data.associationId}/samarbejdsaftaler/${data.agreementId}`),
  });
}

/** To an external partner (no account): a new answer link, good for LINK_VALID_DAYS. */
export function externalAnswerReminder(t: TFunction, portal: MailPortal, data: AnswerReminder & { url: string }): MailMessage {
  const da = danish(t);
  return localisedMail(da, data.to, 'agreementFollowUp.mail.answerExternal', {
    ...common(da, portal, data.contactName),
    title: data.title,
    version: data.versionNumber,
    sentOn: formatDate(data.sentAt),
    url: data.url,
    days: LINK_VALID_DAYS,
  });
}

export type StaffReminderKind = 'review' | 'starting' | 'ending';

/** To the staff member who wrote the agreement: a review, a start or an end is coming. */
export function staffReminder(
  t: TFunction,
  portal: MailPortal,
  data: {
    to: string;
    name: string;
    kind: StaffReminderKind;
    agreementId: number;
    title: string;
    date: Date;
    overdue: boolean;
    byNotice: boolean;
  },
): MailMessage {
  const da = danish(t);
  const key = data.kind === 'review' && data.overdue ? 'reviewOverdue' : data.kind;
  return localisedMail(da, data.to, `agreementFollowUp.mail.${key}`, {
    ...common(da, portal, data.name),
    title: data.title,
    date: formatDate(data.date),
    notice: data.byNotice ? da('agreementFollowUp.mail.byNotice') : '',
    url: absolute(portal, `/medarbejder/samarbejdsaftaler/${data.agreementId}`),
  });
}
