// Every e-mail's text lives in the locale files as a pair of keys, `<key>.subject`
// and `<key>.body`, filled with the same values. Mail modules build their messages
// with `localisedMail`; messages for the municipality's staff are in Danish (its
// working language) whatever the reader's language, through `danish(t)`.
import type { TFunction } from 'i18next';
import type { MailMessage } from './mailer.js';

/** Header-safe: text typed into a form must not add lines to a mail header. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

export function localisedMail(t: TFunction, to: string, key: string, values: Record<string, unknown>): MailMessage {
  return { to, subject: oneLine(t(`${key}.subject`, values)), text: t(`${key}.body`, values) };
}

/** A translate function fixed to Danish, whatever the reader's language. */
export function danish(t: TFunction): TFunction {
  // i18next lets a call override the fixed language with `lng`.
  const fixed = (key: string | string[], options?: Record<string, unknown>) => t(key, { ...options, lng: 'da' });
  return fixed as TFunction;
}
