// The rules for choosing a password (OWASP ASVS 6.2), as zod schemas any form that
// sets a password can reuse (registration, accepting an invitation, later: changing
// or resetting a password):
// - at least 12 and at most 128 characters, counted as Unicode characters (code
//   points after NFC), so "æ" or an emoji counts as one; passphrases welcome (6.2.1, 6.2.9);
// - no composition rules (no "one digit, one capital") (6.2.5);
// - any Unicode, spaces included, and nothing is trimmed or truncated (6.2.6, 6.2.7);
// - not on a bundled list of common passwords (6.2.4), and not the user's own e-mail.
// Error messages are locale keys under "passwords" (src/i18n/locales/*/associations.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../paths.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.js';

function normalise(password: string): string {
  return password.normalize('NFC').toLowerCase();
}

// Read once at start-up; a small list (≈200 lines), so a Set in memory is fine. Read
// from src/ also when running the build (dist/), like the locale files.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(path.join(projectRoot, 'src', 'features', 'auth', 'common-passwords.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map(normalise),
);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(normalise(password));
}

/** Length in Unicode characters, not UTF-16 code units. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** A new password on its own (the e-mail check needs the whole form: see refinePasswordFields). */
export const newPasswordSchema = z
  .string({ error: 'auth.passwords.required' })
  .min(1, { error: 'auth.passwords.required' })
  .check((ctx) => {
    const length = passwordLength(ctx.value);
    if (length < PASSWORD_MIN_LENGTH) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'auth.passwords.tooShort', continue: false });
    } else if (length > PASSWORD_MAX_LENGTH) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'auth.passwords.tooLong', continue: false });
    } else if (isCommonPassword(ctx.value)) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'auth.passwords.common', continue: false });
    }
  });

/** The repeat field: only required here; that it matches is checked on the whole form. */
export const passwordRepeatSchema = z.string({ error: 'auth.passwords.repeatRequired' }).min(1, { error: 'auth.passwords.repeatRequired' });

/**
 * The checks that need more than one field, for a form with `password` and
 * `passwordRepeat`: the repeat matches, and the password is not the e-mail. Add it
 * with `.superRefine(checkPasswordFields(emailOf), PASSWORD_FIELDS_ALWAYS)` so the
 * reader sees these errors together with the others, not only after fixing them.
 * `emailOf` gives the e-mail (a field of the form, or the invited address).
 */
export function checkPasswordFields<T>(emailOf: (data: Partial<T>) => unknown) {
  return (data: T, ctx: z.RefinementCtx<T>) => {
    const fields = data as { password?: unknown; passwordRepeat?: unknown };
    if (typeof fields.password !== 'string' || fields.password === '') return;
    const email = emailOf(data as Partial<T>);
    if (typeof email === 'string' && email.trim() !== '' && normalise(fields.password.trim()) === normalise(email.trim())) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'auth.passwords.sameAsEmail' });
    }
    if (typeof fields.passwordRepeat === 'string' && fields.passwordRepeat !== '' && fields.password !== fields.passwordRepeat) {
      ctx.addIssue({ code: 'custom', path: ['passwordRepeat'], message: 'auth.passwords.mismatch' });
    }
  };
}

/** Run the cross-field password checks even when other fields have errors. */
export const PASSWORD_FIELDS_ALWAYS = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

/** Locale keys a form shows as a hint next to the password field. */
export const PASSWORD_HINT_KEY = 'auth.passwords.hint';
