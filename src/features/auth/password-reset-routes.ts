// Passwords: a forgotten one (reset by an e-mailed link) and changing one's own.
//   /glemt-adgangskode, /nulstil-adgangskode/:token   anyone
//   /min-side/adgangskode                            logged-in users
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { currentPasswordLimit, emailedLinkLimits } from '../../middleware/rate-limits.js';
import { createChangePasswordController } from './change-password-controller.js';
import { createPasswordResetController } from './password-reset-controller.js';

/** Reset links asked for per e-mail address per hour (anti-automation, ASVS 2.4.1). */
export const RESET_REQUESTS_PER_EMAIL_PER_HOUR = 5;
/** Per network address: higher, as an office or a library may share one. */
export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 20;

export interface PasswordRouteDeps {
  access: AccessControl;
  config: Pick<Config, 'baseUrl' | 'loginRateLimit'>;
  clock: Clock;
  services: Pick<Services, 'passwords' | 'security' | 'rateLimits'>;
}

export function passwordRoutes(deps: PasswordRouteDeps): Router {
  const resets = createPasswordResetController(deps);
  const changes = createChangePasswordController(deps);

  // Over a limit: the form again with 429, Retry-After and a message.
  const linkLimits = emailedLinkLimits({
    name: 'password-reset',
    stores: deps.services.rateLimits,
    perEmailPerHour: RESET_REQUESTS_PER_EMAIL_PER_HOUR,
    perAddressPerHour: RESET_REQUESTS_PER_ADDRESS_PER_HOUR,
    handler: resets.rateLimited,
  });
  const changeAttempts = currentPasswordLimit({
    ...deps.config.loginRateLimit,
    name: 'change-password',
    stores: deps.services.rateLimits,
    handler: changes.rateLimited,
  });

  const router = express.Router();
  router.get('/glemt-adgangskode', resets.showForgot);
  router.post('/glemt-adgangskode', ...linkLimits, resets.requestLink);
  router.get('/nulstil-adgangskode/:token', resets.showReset);
  router.post('/nulstil-adgangskode/:token', resets.reset);
  router.get('/min-side/adgangskode', deps.access.requireLogin, changes.show);
  router.post('/min-side/adgangskode', deps.access.requireLogin, changeAttempts, changes.change);
  return router;
}
