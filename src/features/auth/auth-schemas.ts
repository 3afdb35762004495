import { z } from 'zod';

export const loginSchema = z.object({
  email: z
    .string({ error: 'auth.login.emailRequired' })
    .trim()
    .min(1, { error: 'auth.login.emailRequired' })
    .max(254)
    .pipe(z.email({ error: 'auth.login.emailInvalid' })),
  // No password rules at login: rules apply when a password is set. Only a sane cap.
  password: z.string({ error: 'auth.login.passwordRequired' }).min(1, { error: 'auth.login.passwordRequired' }).max(1024),
});

export type LoginForm = z.infer<typeof loginSchema>;
