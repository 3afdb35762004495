// Logging a user in: passport regenerates the session (a new id, the old data dropped;
// ASVS 7.2.4), and we note when, for the absolute session timeout, and when the second
// factor was given. Used by the login form's last step (password, or password and
// code) and right after someone made their account or changed their password.
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/**
 * Logs `user` in. `secondFactorAt` is when the second factor was given; without it, a
 * second factor is carried over only when the same user is logged in again (after
 * changing their password): a new login of a staff account goes through /log-ind,
 * since a session without the second factor is no login for staff (auth-service.ts).
 */
export function logInAs(req: Request, user: AuthenticatedUser, now: Date, secondFactorAt?: number): Promise<void> {
  const carried = secondFactorAt ?? (req.user?.id === user.id ? req.session.secondFactorAt : undefined);
  return new Promise((resolve, reject) => {
    req.login(user, (error) => {
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      req.session.authenticatedAt = now.getTime();
      if (carried !== undefined) req.session.secondFactorAt = carried;
      resolve();
    });
  });
}
