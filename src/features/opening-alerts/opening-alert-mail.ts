// The alert's two e-mails, in the alert's language: the confirmation (double opt-in)
// and the digest of new openings. The confirmation carries the stop link too; every digest carries its unsubscribe link in the text
// and as the List-Unsubscribe header with List-Unsubscribe-Post (RFC 8058), so a mail
// program can offer "unsubscribe" and stop the alert with one POST (docs/adr).
// The links in the text of an English alert's e-mails go through the language switch
// (/sprog/en?tilbage=…), so they open in English whatever language cookie the reader's
// browser holds (the pages take their language from it). Danish, the default, links
// straight. The List-Unsubscribe header stays the plain address: a mail program POSTs to it.
import type { TFunction } from 'i18next';
import type { MailMessage } from '../../mail/mailer.js';
import { localisedMail } from '../../mail/compose.js';
import { describeSearch } from './opening-alert-describe.js';
import { CONFIRM_LINK_DAYS, type DigestInput, type ResolvedSearch } from './opening-alert-service.js';
import type { AlertFrequency } from '../../generated/prisma/enums.js';
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/i18n.js';
import { pathInLanguage } from '../../middleware/locale.js';

export const ALERT_PATH = '/opgaver/besked';

const absolute = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`;

/** The address of a page for a link in the text of an e-mail in `lang`. */
const pageUrl = (baseUrl: string, path: string, lang: Language): string =>
  absolute(baseUrl, lang === DEFAULT_LANGUAGE ? path : pathInLanguage(lang, path));

export const confirmPath = (token: string): string => `${ALERT_PATH}/bekraeft/${token}`;
export const unsubscribePath = (token: string): string => `${ALERT_PATH}/afmeld/${token}`;

const searchLines = (search: ResolvedSearch, t: TFunction, lang: Language): string =>
  describeSearch(search.state, search.taxonomies, t, lang)
    .map((line) => `- ${line}`)
    .join('\n');

export function confirmationMail(
  t: TFunction,
  to: string,
  input: {
    baseUrl: string;
    municipality: string;
    tokens: { confirm: string; unsubscribe: string };
    search: ResolvedSearch;
    frequency: AlertFrequency;
    lang: Language;
  },
): MailMessage {
  return localisedMail(t, to, 'openingAlerts.mail.confirm', {
    municipality: input.municipality,
    url: pageUrl(input.baseUrl, confirmPath(input.tokens.confirm), input.lang),
    // The e-mail the reader keeps from the start: the confirmed page sends them to it.
    unsubscribe: pageUrl(input.baseUrl, unsubscribePath(input.tokens.unsubscribe), input.lang),
    days: CONFIRM_LINK_DAYS,
    search: searchLines(input.search, t, input.lang),
    frequency: t(`openingAlerts.frequencies.${input.frequency}`),
  });
}

export function digestMail(t: TFunction, input: DigestInput & { baseUrl: string; municipality: string }): MailMessage {
  const unsubscribePage = unsubscribePath(input.unsubscribeToken);
  const unsubscribeUrl = absolute(input.baseUrl, unsubscribePage);
  const openings = input.openings
    .map((hit) => {
      const place = hit.localArea ? hit.localArea[input.language] : t('openings.search.result.wholeMunicipality');
      return `${hit.title}\n${hit.associationName} – ${place}\n${pageUrl(input.baseUrl, `/opgaver/${hit.id}`, input.language)}`;
    })
    .join('\n\n');
  const searchUrl = pageUrl(input.baseUrl, input.search.query ? `/opgaver?${input.search.query}` : '/opgaver', input.language);
  const message = localisedMail(t, input.to, 'openingAlerts.mail.digest', {
    municipality: input.municipality,
    count: input.openings.length,
    openings,
    search: searchLines(input.search, t, input.language),
    seeAll: t(input.more ? 'openingAlerts.mail.seeMore' : 'openingAlerts.mail.seeAll', { url: searchUrl }),
    frequency: t(`openingAlerts.frequencies.${input.frequency}`),
    unsubscribe: pageUrl(input.baseUrl, unsubscribePage, input.language),
  });
  return {
    ...message,
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
