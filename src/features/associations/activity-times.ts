// When an activity happens, in words, in Danish time: "tirsdag 1. december 2026,
// kl. 17.00–19.00" or "Hver tirsdag kl. 17.00–19.00 til 1. juni 2027".
import type { TFunction } from 'i18next';
import type { Language } from '../../i18n/i18n.js';

const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };
const ZONE = 'Europe/Copenhagen';

export interface ActivityTiming {
  recurrence: 'ONCE' | 'WEEKLY';
  startsAt: Date;
  endsAt: Date | null;
  repeatUntil: Date | null;
}

export function describeActivityTime(activity: ActivityTiming, lang: Language, t: TFunction, now: Date): string {
  const locale = LOCALES[lang];
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: ZONE });
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: ZONE });
  // repeatUntil is a date column (UTC midnight): format it as that calendar day.
  const plainDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const hours = activity.endsAt ? `${time.format(activity.startsAt)}–${time.format(activity.endsAt)}` : time.format(activity.startsAt);

  if (activity.recurrence === 'WEEKLY') {
    const parts = [t('associations.activityTime.weekly', { weekday: weekday.format(activity.startsAt), hours })];
    if (activity.startsAt > now) parts.push(t('associations.activityTime.from', { date: day.format(activity.startsAt) }));
    if (activity.repeatUntil) parts.push(t('associations.activityTime.until', { date: plainDate.format(activity.repeatUntil) }));
    return parts.join(' ');
  }
  return t('associations.activityTime.once', { date: day.format(activity.startsAt), hours });
}
