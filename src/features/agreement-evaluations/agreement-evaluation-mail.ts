// The e-mail that asks a partner for its part of an evaluation. In Danish: the
// partners' working language with the municipality (associations and external
// partners have no language setting). An association is sent to its page in its own
// area (it logs in); an external partner gets a single-use link instead.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { danish, localisedMail } from '../../mail/compose.js';
import { LINK_VALID_DAYS } from '../agreements/party-links.js';

export interface EvaluationMailInput {
  t: TFunction;
  to: string;
  title: string;
  municipalUnit: string;
  reviewDate: string;
  url: string;
}

export function associationEvaluationMail(input: EvaluationMailInput): MailMessage {
  return localisedMail(danish(input.t), input.to, 'agreementEvaluations.mail.association', { ...input, t: undefined });
}

export function externalEvaluationMail(input: EvaluationMailInput): MailMessage {
  return localisedMail(danish(input.t), input.to, 'agreementEvaluations.mail.external', { ...input, t: undefined, days: LINK_VALID_DAYS });
}
