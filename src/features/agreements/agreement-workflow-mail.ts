// The e-mail each partner gets when a version of an agreement is sent: an association
// is sent to its page in the association area (its members log in to answer); an
// external partner (no account) gets a link of its own to answer through
// (party-links.ts). Partners are written to in Danish, the municipality's working
// language: the portal does not know a partner's language.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { danish, localisedMail } from '../../mail/compose.js';
import { LINK_VALID_DAYS } from './party-links.js';

export interface SentMailInput {
  t: TFunction;
  to: string;
  agreementTitle: string;
  municipalUnit: string;
  version: number;
  note: string;
  /** Absolute: the association's page of the agreement, or the external partner's answer link. */
  url: string;
  kind: 'ASSOCIATION' | 'EXTERNAL';
}

export const absoluteUrl = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`;

export const associationAgreementPath = (associationId: number, agreementId: number) =>
  `/min-forening/${associationId}/samarbejdsaftaler/${agreementId}`;

export function versionSentMail(input: SentMailInput): MailMessage {
  const key = input.kind === 'ASSOCIATION' ? 'agreementWorkflow.mail.sentAssociation' : 'agreementWorkflow.mail.sentExternal';
  const t = danish(input.t);
  return localisedMail(t, input.to, key, {
    title: input.agreementTitle,
    municipalUnit: input.municipalUnit,
    version: input.version,
    // No note, no "message from the municipality" block at all.
    noteBlock: input.note.trim() === '' ? '' : t('agreementWorkflow.mail.noteBlock', { note: input.note }),
    url: input.url,
    days: LINK_VALID_DAYS,
  });
}
