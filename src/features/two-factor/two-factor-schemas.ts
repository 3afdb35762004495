import { z } from 'zod';

/** A TOTP code (6 digits) or a recovery code (10 characters); spaces and dashes are allowed. */
export const CODE_MAX_LENGTH = 20;

const code = z
  .string({ error: 'twoFactor.errors.codeRequired' })
  .trim()
  .min(1, { error: 'twoFactor.errors.codeRequired' })
  .max(CODE_MAX_LENGTH, { error: 'twoFactor.errors.codeInvalid' });

export const codeSchema = z.object({ code });

export const accountActionSchema = z.object({
  action: z.enum(['enrol', 'disable', 'renew', 'replace'], { error: 'validation.invalid' }),
  code,
});
