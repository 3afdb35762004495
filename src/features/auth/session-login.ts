// Logging a user in right after they made their account (registration, accepting an
// invitation), the same way the login form does: passport regenerates the session
// (new id, ASVS 7.2.4) and we note when, for the absolute session timeout.
// A second factor is carried over only when the same user is logged in again (after
// changing their password); a new login of a staff account goes through /log-ind,
// since a session without the second factor is no login for staff (auth-service.ts).
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

export function logInAs(req: Request, user: AuthenticatedUser, now: Date): Promise<void> {
  const secondFactorAt = req.user?.id === user.id ? req.session.secondFactorAt : undefined;
  return new Promise((resolve, reject) => {
    req.login(user, (error) => {
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      req.session.authenticatedAt = now.getTime();
      if (secondFactorAt !== undefined) req.session.secondFactorAt = secondFactorAt;
      resolve();
    });
  });
}
