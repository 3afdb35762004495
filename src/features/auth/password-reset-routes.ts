// Passwords: a forgotten one (reset by an e-mailed link) and changing one's own.
//   /glemt-adgangskode, /nulstil-adgangskode/:token   anyone
//   /min-side/adgangskode                            logged-in users
import express, { type Request, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { normaliseEmail } from './auth-service.js';
import { createChangePasswordController, wasWrongGuess } from './change-password-controller.js';
import { createPasswordResetController } from './password-reset-controller.js';

/** Reset links asked for per e-mail address per hour (anti-automation, ASVS 2.4.1). */
export const RESET_REQUESTS_PER_EMAIL_PER_HOUR = 5;
/** Per network address: higher, as an office or a library may share one. */
export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 20;

export interface PasswordRouteDeps {
  access: AccessControl;
  config: Pick<Config, 'baseUrl' | 'loginRateLimit'>;
  clock: Clock;
  services: Pick<Services, 'passwords' | 'security'>;
}

export function passwordRoutes(deps: PasswordRouteDeps): Router {
  const resets = createPasswordResetController(deps);
  const changes = createChangePasswordController(deps);

  // Requests that went through count (a form with errors does not). Over the limit:
  // the form again with 429, Retry-After and a message. Counting per address caps
  // the e-mails one address can be sent whatever the sender's network address.
  const hour = 60 * 60 * 1000;
  const limiterOptions = {
    windowMs: hour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    handler: resets.rateLimited,
  } as const;
  const perEmail = rateLimit({
    ...limiterOptions,
    limit: RESET_REQUESTS_PER_EMAIL_PER_HOUR,
    keyGenerator: (req: Request) => {
      const body = req.body as { email?: unknown } | undefined;
      return `email|${typeof body?.email === 'string' ? normaliseEmail(body.email) : ''}`;
    },
  });
  const perAddress = rateLimit({
    ...limiterOptions,
    limit: RESET_REQUESTS_PER_ADDRESS_PER_HOUR,
    keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? ''),
  });

  // Guessing the current password on a session left open (ASVS 6.3.1): wrong
  // current passwords per user, like the login limit; no lock-out, the window runs
  // out. Everything else counts as "successful" and is not counted.
  const changeAttempts = rateLimit({
    windowMs: deps.config.loginRateLimit.windowMinutes * 60 * 1000,
    limit: deps.config.loginRateLimit.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => !wasWrongGuess(res),
    keyGenerator: (req: Request) => `user|${req.user?.id ?? ''}`,
    handler: changes.rateLimited,
  });

  const router = express.Router();
  router.get('/glemt-adgangskode', resets.showForgot);
  router.post('/glemt-adgangskode', perAddress, perEmail, resets.requestLink);
  router.get('/nulstil-adgangskode/:token', resets.showReset);
  router.post('/nulstil-adgangskode/:token', resets.reset);
  router.get('/min-side/adgangskode', deps.access.requireLogin, changes.show);
  router.post('/min-side/adgangskode', deps.access.requireLogin, changeAttempts, changes.change);
  return router;
}
