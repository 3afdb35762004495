// The first-run set-up form. Messages are locale keys (src/validation/form.ts).
import { z } from 'zod';
import { requiredText } from '../../validation/fields.js';
import { HONEYPOT_FIELD } from '../../validation/honeypot.js';
import { checkPasswordFields, newPasswordSchema, passwordRepeatSchema, PASSWORD_FIELDS_ALWAYS } from '../auth/password-rules.js';
import { NAME_MAX_LENGTH, staffEmailSchema } from '../staff-accounts/staff-accounts-schemas.js';

const E = 'firstRun.errors';

export const MUNICIPALITY_NAME_MAX_LENGTH = 150;

export const setupSchema = z
  .object({
    setupCode: requiredText(40, `${E}.codeRequired`),
    municipalityName: requiredText(MUNICIPALITY_NAME_MAX_LENGTH, `${E}.municipalityRequired`),
    name: requiredText(NAME_MAX_LENGTH, `${E}.nameRequired`),
    email: staffEmailSchema(`${E}.emailRequired`),
    password: newPasswordSchema,
    passwordRepeat: passwordRepeatSchema,
  })
  .superRefine(
    checkPasswordFields<{ email: string }>((data) => data.email),
    PASSWORD_FIELDS_ALWAYS,
  );
export type SetupForm = z.output<typeof setupSchema>;

/** Never shown again on a re-rendered form: the code is a secret too. */
export const SECRET_FIELDS = ['setupCode', 'password', 'passwordRepeat', '_csrf', HONEYPOT_FIELD] as const;
