// The forms of the staff-account pages, parsed with zod. Messages are locale keys
// (src/validation/form.ts). Only the two staff roles can be chosen here: association
// members get their accounts through their association, never from this page.
import { z } from 'zod';
import { requiredText } from '../../validation/fields.js';
import { HONEYPOT_FIELD } from '../../validation/honeypot.js';
import { checkPasswordFields, newPasswordSchema, passwordRepeatSchema, PASSWORD_FIELDS_ALWAYS } from '../auth/password-rules.js';

const E = 'staffAccounts.errors';

export const STAFF_ROLES = ['STAFF', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const NAME_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;

/** An e-mail address as typed: trimmed, checked, stored lower-cased (login compares lower-cased). */
export const staffEmailSchema = (requiredKey: string) =>
  z
    .string({ error: requiredKey })
    .trim()
    .min(1, { error: requiredKey })
    .max(EMAIL_MAX_LENGTH, { error: 'validation.tooLong' })
    .pipe(z.email({ error: 'validation.email' }))
    .transform((value) => value.toLowerCase());

const roleSchema = z.enum(STAFF_ROLES, { error: `${E}.roleRequired` });

export const inviteSchema = z.object({
  email: staffEmailSchema(`${E}.emailRequired`),
  role: roleSchema,
});
export type InviteForm = z.output<typeof inviteSchema>;

export const roleChangeSchema = z.object({ role: roleSchema });

/** A new staff account from an invitation: the e-mail is the invited one. */
export function acceptInvitationSchema(invitedEmail: string) {
  return z
    .object({
      name: requiredText(NAME_MAX_LENGTH, `${E}.nameRequired`),
      password: newPasswordSchema,
      passwordRepeat: passwordRepeatSchema,
    })
    .superRefine(
      checkPasswordFields(() => invitedEmail),
      PASSWORD_FIELDS_ALWAYS,
    );
}

/** The fields a re-rendered form must never show again. */
export const SECRET_FIELDS = ['password', 'passwordRepeat', '_csrf', HONEYPOT_FIELD] as const;
