// Logging a user in right after they made their account (registration, accepting an
// invitation), the same way the login form does: passport regenerates the session
// (new id, ASVS 7.2.4) and we note when, for the absolute session timeout.
import type { Request } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

export function logInAs(req: Request, user: AuthenticatedUser, now: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    req.login(user, (error) => {
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      req.session.authenticatedAt = now.getTime();
      resolve();
    });
  });
}
