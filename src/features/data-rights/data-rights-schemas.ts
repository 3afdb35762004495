// The data-rights forms: an e-mail address ("Mine data", the admin's erasure) and the
// current password that confirms deleting one's own account.
import { z } from 'zod';

/** RFC 5321's longest address. */
export const EMAIL_MAX = 254;

const emailField = (prefix: string) =>
  z
    .string({ error: `${prefix}.emailRequired` })
    .trim()
    .min(1, { error: `${prefix}.emailRequired` })
    .max(EMAIL_MAX, { error: `${prefix}.emailInvalid` })
    .pipe(z.email({ error: `${prefix}.emailInvalid` }));

export const accessLinkSchema = z.object({ email: emailField('dataRights.request') });

/** `step`: the first post shows what would be erased; the second (from that page) erases. */
export const erasureSchema = z.object({
  email: emailField('dataRights.erasure'),
  step: z.enum(['preview', 'erase']).catch('preview'),
});

export const deleteAccountSchema = z.object({
  currentPassword: z
    .string({ error: 'dataRights.deleteAccount.passwordRequired' })
    .min(1, { error: 'dataRights.deleteAccount.passwordRequired' })
    .max(1024, { error: 'dataRights.deleteAccount.passwordWrong' }),
});

/** Never shown again after a failed submit. */
export const DELETE_ACCOUNT_SECRETS = ['currentPassword', '_csrf'] as const;
