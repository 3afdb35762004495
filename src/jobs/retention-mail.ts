// The warning to an inactive association member that their account will be deleted.
// The portal does not know a member's language, so the message is in Danish with the
// English text below it (texts: auditLog.mail.inactivityWarning in the locale files).
import type { TFunction } from 'i18next';
import type { Language } from '../i18n/i18n.js';
import type { MailMessage } from '../mail/mailer.js';
import { localisedMail } from '../mail/compose.js';
import { dateFormatter } from '../middleware/locale.js';

export function inactivityWarning(
  t: (lang: Language) => TFunction,
  data: { to: string; name: string; municipality: string; deletesOn: Date; loginUrl: string },
): MailMessage {
  const values = (lang: Language) => ({
    name: data.name,
    municipality: data.municipality,
    date: dateFormatter(lang)(data.deletesOn),
    loginUrl: data.loginUrl,
  });
  const da = localisedMail(t('da'), data.to, 'auditLog.mail.inactivityWarning', values('da'));
  const en = localisedMail(t('en'), data.to, 'auditLog.mail.inactivityWarning', values('en'));
  return { to: data.to, subject: da.subject, text: `${da.text}\n\n— In English —\n\n${en.text}` };
}
