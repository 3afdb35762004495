import express, { type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RateLimitStores } from '../../security/rate-limit-store.js';
import { normaliseEmail } from './auth-service.js';
import { createAuthController, type AuthControllerDeps } from './auth-controller.js';

export interface LoginRateLimit {
  max: number;
  windowMinutes: number;
}

export function authRoutes(deps: AuthControllerDeps & { rateLimit: LoginRateLimit; rateLimits: RateLimitStores }): Router {
  const controller = createAuthController(deps);
  const windowMs = deps.rateLimit.windowMinutes * 60 * 1000;
  const tooMany = (req: express.Request, res: express.Response) => {
    void deps.services.security.record({ action: 'auth.login.rateLimited', requestId: String(req.id) });
    controller.renderLogin(req, res, 429, [{ field: 'email', key: 'auth.login.rateLimited' }]);
  };

  // Brute force (ASVS 6.3.1): failed attempts per account and address, counted over a
  // sliding window; successful logins do not count. No permanent lock-out: the
  // window simply runs out. A wider per-address limit stops spraying across accounts.
  // Counted in PostgreSQL, so every portal process counts together.
  const perAccount = rateLimit({
    store: deps.rateLimits.store('login-account'),
    windowMs,
    limit: deps.rateLimit.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => {
      const body = req.body as { email?: unknown } | undefined;
      const email = typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
      return `${ipKeyGenerator(req.ip ?? '')}|${email}`;
    },
    handler: tooMany,
  });
  const perAddress = rateLimit({
    store: deps.rateLimits.store('login-address'),
    windowMs,
    limit: deps.rateLimit.max * 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: tooMany,
  });

  const router = express.Router();
  router.get('/log-ind', controller.showLogin);
  router.post('/log-ind', perAddress, perAccount, controller.login);
  router.post('/log-ud', controller.logout);
  router.get('/logget-ud', controller.loggedOut);
  return router;
}
