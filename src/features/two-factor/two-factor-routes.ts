// The routes of two-factor login. Wrong codes are limited (ASVS 6.3.1, 6.6.3) per
// user — the pending login's, or the logged-in user's — and, ten times looser, per
// address; only failed attempts count. The limit per pending login (MAX_CODE_FAILURES)
// sends the reader back to the password; the limits here also stop a reader who
// gives the password again and again.
import express, { type Request, type Response, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AccessControl } from '../../access/access-control.js';
import type { LoginRateLimit } from '../auth/auth-routes.js';
import type { RateLimitStores } from '../../security/rate-limit-store.js';
import { createTwoFactorController, type TwoFactorControllerDeps } from './two-factor-controller.js';

export function twoFactorRoutes(
  deps: TwoFactorControllerDeps & { access: AccessControl; rateLimit: LoginRateLimit; rateLimits: RateLimitStores },
): Router {
  const controller = createTwoFactorController(deps);
  const windowMs = deps.rateLimit.windowMinutes * 60 * 1000;
  const tooMany = (req: Request, res: Response) => {
    const actorUserId = req.session.pendingLogin?.userId ?? req.user?.id ?? null;
    const errors = [
      { field: req.path === '/min-side/tofaktor' ? `${String(req.body?.action)}Code` : 'code', key: 'twoFactor.errors.rateLimited' },
    ];
    const answer = () => {
      if (req.path === '/min-side/tofaktor') return controller.renderAccount(req, res, 429, errors);
      if (req.path === '/log-ind/tofaktor') return controller.renderLoginEnrol(req, res, 429, errors);
      return controller.renderCode(req, res, 429, errors);
    };
    // Answer once the event is recorded (record never rejects): whoever sees the 429
    // — an admin, a test — also finds its audit row.
    void deps.services.security.record({ action: 'auth.second-factor.rateLimited', actorUserId, requestId: String(req.id) }).then(answer);
  };
  const common = { windowMs, standardHeaders: 'draft-8', legacyHeaders: false, skipSuccessfulRequests: true, handler: tooMany } as const;
  const perUser = rateLimit({
    ...common,
    store: deps.rateLimits.store('second-factor-user'),
    limit: deps.rateLimit.max * 2,
    keyGenerator: (req) => `user:${req.session.pendingLogin?.userId ?? req.user?.id ?? 'none'}`,
  });
  const perAddress = rateLimit({
    ...common,
    store: deps.rateLimits.store('second-factor-address'),
    limit: deps.rateLimit.max * 10,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
  });

  const router = express.Router();
  router.get('/log-ind/kode', controller.showCode);
  router.post('/log-ind/kode', perAddress, perUser, controller.submitCode);
  router.get('/log-ind/tofaktor', controller.showLoginEnrol);
  router.post('/log-ind/tofaktor', perAddress, perUser, controller.submitLoginEnrol);
  router.get('/log-ind/gendannelseskoder', controller.showRecoveryCodes);
  router.get('/min-side/tofaktor', deps.access.requireLogin, controller.showAccount);
  router.post('/min-side/tofaktor', deps.access.requireLogin, perAddress, perUser, controller.submitAccount);
  router.post('/administration/brugere/:userId/nulstil-tofaktor', deps.access.requireAdmin, controller.reset);
  return router;
}
