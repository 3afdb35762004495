// GET/POST /log-ind, POST /log-ud, GET /logget-ud. A successful login lands on the
// page the reader came for, or on their start page: the staff area for those who may
// use it, "Min side" for everyone else. Staff, admins and members who turned on two-
// factor login are not logged in by the password alone: the session holds a pending
// login and the second step follows (src/features/two-factor/).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { logInAs } from './session-login.js';
import { staffPolicy } from '../../access/policies.js';
import type { PassportInstance } from '../../middleware/authentication.js';
import type { SecurityEvents } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { safeLocalPath } from '../../middleware/safe-redirect.js';
import { SESSION_COOKIE } from '../../middleware/session.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import type { AuthService } from './auth-service.js';
import type { TwoFactorService } from '../two-factor/two-factor-service.js';
import { loginSchema } from './auth-schemas.js';
import type { AuthenticatedUser } from './authenticated-user.js';

const VIEW = 'auth/login';

export function landingPage(user: AuthenticatedUser): string {
  return staffPolicy.canUseStaffArea(user) ? '/medarbejder' : '/min-side';
}

export interface AuthControllerDeps {
  passport: PassportInstance;
  clock: Clock;
  services: { auth: AuthService; security: SecurityEvents; twoFactor: TwoFactorService };
}

export function createAuthController(deps: AuthControllerDeps) {
  const { auth, security, twoFactor } = deps.services;
  const renderLogin = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    res.status(status).render(VIEW, {
      title: req.t('auth.login.title'),
      errors,
      values: keepValues(req.body),
      limits: maxLengths(loginSchema),
      expired: req.query.udloebet === '1',
    });
  };

  const showLogin: RequestHandler = (req, res) => {
    if (req.user) {
      res.redirect(303, landingPage(req.user));
      return;
    }
    renderLogin(req, res, 200);
  };

  const login = (req: Request, res: Response, next: NextFunction) => {
    const form = parseForm(loginSchema, req.body);
    if (!form.ok) {
      renderLogin(req, res, 422, form.errors);
      return;
    }
    deps.passport.authenticate('local', (error: unknown, user: AuthenticatedUser | false) => {
      if (error) {
        next(error);
        return;
      }
      if (!user) {
        void security.record({ action: 'auth.login.failed', requestId: String(req.id) });
        renderLogin(req, res, 401, [{ field: 'email', key: 'auth.login.failed' }]);
        return;
      }
      const returnTo = safeLocalPath(req.session.returnTo, landingPage(user));
      const now = deps.clock.now();
      twoFactor
        .secondStep(user.id)
        .then(async (step) => {
          if (step === 'none') {
            await logInAs(req, user, now);
            void security.record({ action: 'auth.login.succeeded', actorUserId: user.id, requestId: String(req.id) });
            await auth.recordLogin(user.id, now);
            res.redirect(303, returnTo);
            return;
          }
          // Not logged in yet: a fresh session holds only the pending login.
          await new Promise<void>((resolve, reject) =>
            req.session.regenerate((error: unknown) => (error ? reject(error as Error) : resolve())),
          );
          req.session.pendingLogin = { userId: user.id, at: now.getTime(), returnTo, failures: 0 };
          void security.record({
            action: 'auth.password.accepted',
            actorUserId: user.id,
            requestId: String(req.id),
            details: { next: step },
          });
          res.redirect(303, step === 'code' ? '/log-ind/kode' : '/log-ind/tofaktor');
        })
        .catch(next);
    })(req, res, next);
  };

  const logout: RequestHandler = (req, res, next) => {
    const userId = req.user?.id;
    req.logout((logoutError) => {
      if (logoutError) {
        next(logoutError);
        return;
      }
      // Destroy the server-side session itself, not just its user (ASVS 7.4.1).
      req.session.destroy((destroyError: unknown) => {
        if (destroyError) {
          next(destroyError);
          return;
        }
        if (userId !== undefined) void security.record({ action: 'auth.logout', actorUserId: userId, requestId: String(req.id) });
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.redirect(303, '/logget-ud');
      });
    });
  };

  const loggedOut: RequestHandler = (req, res) => {
    res.render('auth/logged-out', { title: req.t('auth.loggedOut.title') });
  };

  return { showLogin, login, logout, loggedOut, renderLogin };
}
