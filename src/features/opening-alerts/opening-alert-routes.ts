// Alerts for new openings (opening-alert-controller.ts): public, no account. Mounted
// before the openings router, whose /opgaver/:id would take "besked" for an id.
import express, { type RequestHandler, type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { SecurityEvents } from '../../audit/audit-log.js';
import { emailedLinkLimits } from '../../middleware/rate-limits.js';
import type { RateLimitStores } from '../../security/rate-limit-store.js';
import { createOpeningAlertController } from './opening-alert-controller.js';
import { ALERT_PATH } from './opening-alert-mail.js';
import type { OpeningAlertService } from './opening-alert-service.js';

/** Alert requests (each sends a confirmation e-mail) per e-mail address per hour (ASVS 2.4.1), as "Mine data". */
export const ALERT_REQUESTS_PER_EMAIL_PER_HOUR = 5;
/** Per network address: higher, as an office or a library may share one. */
export const ALERT_REQUESTS_PER_ADDRESS_PER_HOUR = 20;

/** The unsubscribe POST: a mail program's one-click POST (RFC 8058) carries no CSRF token and no cookie. */
const ONE_CLICK_UNSUBSCRIBE = /^\/opgaver\/besked\/afmeld\/[^/]+\/?$/;

/**
 * CSRF protection for every POST except the unsubscribe one. There, the secret token in
 * the path is the credential: a forged request cannot know it, and all it can do is
 * stop the alert it belongs to (docs/adr/0023-one-click-unsubscribe-without-csrf.md).
 */
export function exceptOneClickUnsubscribe(protect: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
    return protect(req, res, next);
  };
}

export interface OpeningAlertRouteDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  services: { openingAlerts: OpeningAlertService; security: SecurityEvents; rateLimits: RateLimitStores };
}

export function openingAlertRoutes(deps: OpeningAlertRouteDeps): Router {
  const alerts = createOpeningAlertController({
    clock: deps.clock,
    config: deps.config,
    security: deps.services.security,
    openingAlerts: deps.services.openingAlerts,
  });
  const limits = emailedLinkLimits({
    name: 'opening-alert',
    stores: deps.services.rateLimits,
    perEmailPerHour: ALERT_REQUESTS_PER_EMAIL_PER_HOUR,
    perAddressPerHour: ALERT_REQUESTS_PER_ADDRESS_PER_HOUR,
    handler: alerts.rateLimited,
  });
  const router = express.Router();
  router.get(ALERT_PATH, alerts.showForm);
  router.post(ALERT_PATH, ...limits, alerts.submit);
  router.get(`${ALERT_PATH}/sendt`, alerts.sent);
  router.get(`${ALERT_PATH}/bekraeft/:token`, alerts.showConfirm);
  router.post(`${ALERT_PATH}/bekraeft/:token`, alerts.confirm);
  router.get(`${ALERT_PATH}/afmeld/:token`, alerts.showUnsubscribe);
  router.post(`${ALERT_PATH}/afmeld/:token`, alerts.unsubscribe);
  return router;
}

/** The search page's link to the alert form for the search it shows (its query string without sort and page). */
export function alertHref(query: string): string {
  return query ? `${ALERT_PATH}?${query}` : ALERT_PATH;
}
