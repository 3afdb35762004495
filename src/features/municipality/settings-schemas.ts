// The admin's settings forms: the municipality's name and contact, the public pages'
// texts, the retention periods. Messages are locale keys (src/validation/form.ts); the
// version each form carries is read by requireVersion (src/validation/version.ts).
import { z } from 'zod';
import { optionalText, PHONE_PATTERN, requiredText, webAddress } from '../../validation/fields.js';
import { DATE_TEXT_MAX, parseDateText } from '../../validation/dates.js';

const E = 'municipality.errors';

export const CONTACT_LIMITS = { name: 150, contactEmail: 254, contactPhone: 30, address: 300, websiteUrl: 500 } as const;
export const TEXT_MAX = 8000;
export const ACCESSIBILITY_CONTACT_MAX = 500;

export const contactSchema = z.object({
  name: requiredText(CONTACT_LIMITS.name, `${E}.nameRequired`),
  contactEmail: requiredText(CONTACT_LIMITS.contactEmail, `${E}.contactEmailRequired`)
    .pipe(z.email({ error: 'validation.email' }))
    .transform((value) => value.toLowerCase()),
  contactPhone: optionalText(CONTACT_LIMITS.contactPhone).refine((value) => value === '' || PHONE_PATTERN.test(value), {
    error: `${E}.phoneInvalid`,
  }),
  address: optionalText(CONTACT_LIMITS.address),
  websiteUrl: optionalText(CONTACT_LIMITS.websiteUrl).pipe(z.union([z.literal(''), webAddress(CONTACT_LIMITS.websiteUrl)])),
});
export type ContactForm = z.output<typeof contactSchema>;

/** The statement's date, typed as dd-mm-åååå (the portal's one date field); blank is none. */
const statementDate = z
  .string()
  .trim()
  .max(DATE_TEXT_MAX, { error: `${E}.dateInvalid` })
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const iso = parseDateText(value);
    if (!iso) {
      ctx.addIssue({ code: 'custom', message: `${E}.dateInvalid` });
      return z.NEVER;
    }
    return new Date(`${iso}T00:00:00.000Z`);
  });

export const pageTextsSchema = z.object({
  aboutDa: optionalText(TEXT_MAX),
  aboutEn: optionalText(TEXT_MAX),
  privacyIntroDa: optionalText(TEXT_MAX),
  privacyIntroEn: optionalText(TEXT_MAX),
  accessibilityStatementDate: statementDate,
  accessibilityIssuesDa: optionalText(TEXT_MAX),
  accessibilityIssuesEn: optionalText(TEXT_MAX),
  accessibilityContact: optionalText(ACCESSIBILITY_CONTACT_MAX),
});
export type PageTextsForm = z.output<typeof pageTextsSchema>;

/** Bounds of each period, in months (the database also refuses anything below 1). */
export const RETENTION_BOUNDS = {
  interestMonths: { min: 1, max: 36 },
  memberInactivityMonths: { min: 6, max: 60 },
  auditMonths: { min: 12, max: 120 },
} as const;
export type RetentionField = keyof typeof RETENTION_BOUNDS;
export const RETENTION_FIELDS = Object.keys(RETENTION_BOUNDS) as RetentionField[];

const months = (field: RetentionField) => {
  const { min, max } = RETENTION_BOUNDS[field];
  return z
    .string({ error: `${E}.monthsRequired` })
    .trim()
    .min(1, { error: `${E}.monthsRequired` })
    .max(4, { error: `${E}.monthsRange` })
    .regex(/^\d+$/, { error: `${E}.monthsRange` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: `${E}.monthsRange` });
};

/** The range a period's message names ({{min}}–{{max}}), so the bounds are typed once. */
export function withRangeParams<T extends { field: string; key: string; params?: Record<string, string | number> }>(errors: T[]): T[] {
  return errors.map((error) =>
    error.key === `${E}.monthsRange` && error.field in RETENTION_BOUNDS
      ? { ...error, params: { ...RETENTION_BOUNDS[error.field as RetentionField] } }
      : error,
  );
}

export const retentionSchema = z.object({
  interestMonths: months('interestMonths'),
  memberInactivityMonths: months('memberInactivityMonths'),
  auditMonths: months('auditMonths'),
});
export type RetentionForm = z.output<typeof retentionSchema>;
