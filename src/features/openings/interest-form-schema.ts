// The "Jeg vil gerne hjælpe" form on the opening page. Messages are locale keys
// (src/i18n/locales/*/openings.json). A default (strip) object: fields we do not
// know, e.g. status or openingId, are dropped, never stored.
import { z } from 'zod';
import { PHONE_PATTERN, optionalText, requiredText } from '../../validation/fields.js';

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const PHONE_MAX = 40;
/** Long enough to say who you are and why; short enough to stay a message. */
export const MESSAGE_MAX = 2000;

/** The one-time key the form carries (see InterestService.create): 128 bits, base64url. */
const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export function isSubmissionKey(value: unknown): value is string {
  return typeof value === 'string' && SUBMISSION_KEY_PATTERN.test(value);
}

export const interestSchema = z.object({
  name: requiredText(NAME_MAX, 'openings.form.errors.nameRequired'),
  email: requiredText(EMAIL_MAX, 'openings.form.errors.emailRequired').pipe(z.email({ error: 'openings.form.errors.emailInvalid' })),
  phone: z
    .string()
    .trim()
    .max(PHONE_MAX)
    .refine((value) => value === '' || PHONE_PATTERN.test(value), { error: 'openings.form.errors.phoneInvalid' })
    .transform((value) => (value === '' ? null : value))
    .optional()
    .transform((value) => value ?? null),
  message: optionalText(MESSAGE_MAX),
  consent: z.literal('ja', { error: 'openings.form.errors.consentRequired' }),
});

export type InterestForm = z.output<typeof interestSchema>;
