// The alert form (/opgaver/besked): an e-mail address, daily or weekly, and the search
// as a hidden query string. The query is parsed again as a search and written back in
// the search page's own canonical form (search-url.ts), so an alert stores nothing but
// a valid search, however the hidden field was tampered with.
import { z } from 'zod';
import { parseSearchQuery } from '../openings/search-schemas.js';
import { searchQueryString } from '../openings/search-url.js';
import { EMAIL_MAX } from '../data-rights/data-rights-schemas.js';

export const ALERT_FREQUENCIES = ['DAILY', 'WEEKLY'] as const;
export type AlertFrequencyChoice = (typeof ALERT_FREQUENCIES)[number];

/** Longer than any query string the search page makes (200 characters of text, a few dozen filters). */
export const ALERT_QUERY_MAX = 4000;

/** A query string as the object Express parses it into (a repeated key as an array). */
export function queryObject(raw: string): Record<string, string | string[]> {
  const params = new URLSearchParams(raw);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** The canonical query string (without "?", sort and page) of any query string. */
export function canonicalAlertQuery(raw: string): string {
  return searchQueryString(parseSearchQuery(queryObject(raw)), { includeSortAndPage: false });
}

export const alertFormSchema = z.object({
  email: z
    .string({ error: 'openingAlerts.form.emailRequired' })
    .trim()
    .min(1, { error: 'openingAlerts.form.emailRequired' })
    .max(EMAIL_MAX, { error: 'openingAlerts.form.emailInvalid' })
    .pipe(z.email({ error: 'openingAlerts.form.emailInvalid' })),
  frequency: z.enum(ALERT_FREQUENCIES, { error: 'openingAlerts.form.frequencyRequired' }),
  query: z
    .string()
    .max(ALERT_QUERY_MAX)
    .catch('')
    .transform((raw) => canonicalAlertQuery(raw)),
});

export type AlertForm = z.output<typeof alertFormSchema>;
