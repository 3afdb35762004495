// The forms for a forgotten password and for changing it. A new password follows the
// portal's password rules (password-rules.ts); the current one is only checked
// against the stored hash, so it gets no rules beyond a sane cap.
import { z } from 'zod';
import { checkPasswordFields, newPasswordSchema, PASSWORD_FIELDS_ALWAYS, passwordRepeatSchema } from './password-rules.js';

/** Fields never shown again after a failed submit. */
export const PASSWORD_FORM_SECRETS = ['password', 'passwordRepeat', 'currentPassword', '_csrf'] as const;

export const forgotPasswordSchema = z.object({
  email: z
    .string({ error: 'auth.passwordReset.forgot.emailRequired' })
    .trim()
    .min(1, { error: 'auth.passwordReset.forgot.emailRequired' })
    .max(254, { error: 'auth.passwordReset.forgot.emailInvalid' })
    .pipe(z.email({ error: 'auth.passwordReset.forgot.emailInvalid' })),
});

/** A new password for the user with this e-mail (which the password may not be). */
export function newPasswordFormSchema(email: string) {
  return z.object({ password: newPasswordSchema, passwordRepeat: passwordRepeatSchema }).superRefine(
    checkPasswordFields(() => email),
    PASSWORD_FIELDS_ALWAYS,
  );
}

export function changePasswordFormSchema(email: string) {
  return z
    .object({
      currentPassword: z
        .string({ error: 'auth.changePassword.currentRequired' })
        .min(1, { error: 'auth.changePassword.currentRequired' })
        .max(1024, { error: 'auth.changePassword.currentWrong' }),
      password: newPasswordSchema,
      passwordRepeat: passwordRepeatSchema,
    })
    .superRefine(
      checkPasswordFields(() => email),
      PASSWORD_FIELDS_ALWAYS,
    );
}
