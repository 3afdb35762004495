// The e-mails a new interest sends: the citizen's receipt (with the withdrawal link)
// and one notification per recipient at the association. The controller builds them
// with the reader's translator; InterestService.create queues them in the
// transaction that stores the interest.
//
// The notification deliberately names only the opening and says "log in to see":
// no name, e-mail, phone or message. E-mail is copied to every member's mailbox,
// forwarded, and kept there beyond the portal's reach — so a citizen's later
// withdrawal and the retention period could not delete it. Keeping the personal data
// in the portal (least exposure, GDPR art. 5(1)(c) and (e)) means withdrawal and
// retention really do erase it, at the cost of one log-in for the association.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { danish, oneLine } from '../../mail/compose.js';
import { replyPeriod } from './reply-time.js';
import { withdrawalUrl } from './withdrawal-token.js';

export interface InterestMailInput {
  /** Translate in the citizen's language (the receipt). */
  t: TFunction;
  baseUrl: string;
  municipalityName: string;
  retentionMonths: number;
  opening: {
    id: number;
    title: string;
    contactName: string;
    contactEmail: string;
    association: { id: number; name: string; email: string | null };
  };
  citizen: { name: string; email: string; phone: string | null; message: string };
  token: string;
}

function absolute(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/**
 * Who at the association is told: its public e-mail (else the opening's contact) and
 * every active member, each address once.
 */
export function associationRecipients(associationAddress: string, memberAddresses: readonly string[]): string[] {
  const addresses = [associationAddress, ...memberAddresses];
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function receiptMail(input: InterestMailInput): MailMessage {
  const { t, citizen } = input;
  const values = receiptValues(input, citizen);
  const sent = sentSummary(t, citizen);
  const text = [
    t('interests.mail.receipt.greeting', values),
    t('interests.mail.receipt.thanks', values),
    `${t('interests.mail.receipt.nextHeading')}\n${t('interests.mail.receipt.next', values)}`,
    `${t('interests.mail.receipt.sentHeading')}\n${sent}`,
    `${t('interests.mail.receipt.openingLink')}\n${values.openingUrl}`,
    `${t('interests.mail.receipt.withdrawHeading')}\n${t('interests.mail.receipt.withdraw', values)}\n${values.withdrawalUrl}`,
    t('interests.mail.receipt.retention', values),
    t('interests.mail.signature', values),
  ].join('\n\n');
  return { to: citizen.email, subject: oneLine(t('interests.mail.receipt.subject', values)), text };
}

/** In Danish: the association's working language; it has no language setting of its own. */
export function notificationMail(input: InterestMailInput, to: string): MailMessage {
  const da = danish(input.t);
  const values = {
    title: input.opening.title,
    association: input.opening.association.name,
    municipality: input.municipalityName,
    // What the citizen's receipt promised them (reply-time.ts).
    period: replyPeriod(da),
    listUrl: absolute(input.baseUrl, `/min-forening/${input.opening.association.id}/interesserede`),
  };
  const text = [
    da('interests.mail.notification.intro', values),
    `${da('interests.mail.notification.login', values)}\n${values.listUrl}`,
    da('interests.mail.notification.privacy', values),
    da('interests.mail.notification.answerSoon', values),
    da('interests.mail.signature', values),
  ].join('\n\n');
  return { to, subject: oneLine(da('interests.mail.notification.subject', values)), text };
}

/** The receipt, then one notification per recipient: members do not see each other's addresses. */
export function interestMails(input: InterestMailInput, associationRecipients: readonly string[]): MailMessage[] {
  return [receiptMail(input), ...associationRecipients.map((to) => notificationMail(input, to))];
}

/**
 * The receipt again, when the same address sends interest in the same opening once
 * more (#10): what was stored the first time (the new form's text is not kept), the
 * date it was sent, and the renewed withdrawal link. It goes only to the stored
 * address, so only its owner learns that there was an earlier interest.
 */
export function resentReceiptMail(
  input: Omit<InterestMailInput, 'citizen'> & { formatDate: (date: Date) => string },
  earlier: { createdAt: Date; citizen: InterestMailInput['citizen'] },
): MailMessage {
  const { t } = input;
  const { citizen } = earlier;
  const values = { ...receiptValues(input, citizen), date: input.formatDate(earlier.createdAt) };
  const sent = sentSummary(t, citizen);
  const text = [
    t('interests.mail.receipt.greeting', values),
    t('interests.mail.resent.already', values),
    `${t('interests.mail.receipt.nextHeading')}\n${t('interests.mail.receipt.next', values)}`,
    t('interests.mail.resent.change', values),
    `${t('interests.mail.receipt.sentHeading')}\n${sent}`,
    `${t('interests.mail.receipt.openingLink')}\n${values.openingUrl}`,
    `${t('interests.mail.receipt.withdrawHeading')}\n${t('interests.mail.resent.withdraw', values)}\n${values.withdrawalUrl}`,
    t('interests.mail.resent.retention', values),
    t('interests.mail.resent.notYou', values),
    t('interests.mail.signature', values),
  ].join('\n\n');
  return { to: citizen.email, subject: oneLine(t('interests.mail.resent.subject', values)), text };
}

/** What a receipt (first or resent) fills its texts with. */
function receiptValues(input: Omit<InterestMailInput, 'citizen'>, citizen: InterestMailInput['citizen']) {
  const { opening } = input;
  return {
    name: citizen.name,
    title: opening.title,
    association: opening.association.name,
    contactName: opening.contactName,
    contactEmail: opening.contactEmail,
    municipality: input.municipalityName,
    months: input.retentionMonths,
    period: replyPeriod(input.t),
    openingUrl: absolute(input.baseUrl, `/opgaver/${opening.id}`),
    withdrawalUrl: withdrawalUrl(input.baseUrl, input.token),
  };
}

/** "What you sent us": the stored fields, one per line. */
function sentSummary(t: InterestMailInput['t'], citizen: InterestMailInput['citizen']): string {
  return [
    `${t('interests.mail.receipt.fields.name')}: ${citizen.name}`,
    `${t('interests.mail.receipt.fields.email')}: ${citizen.email}`,
    `${t('interests.mail.receipt.fields.phone')}: ${citizen.phone ?? '–'}`,
    `${t('interests.mail.receipt.fields.message')}: ${citizen.message || '–'}`,
  ].join('\n');
}
