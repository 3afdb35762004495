// People's data rights (src/features/data-rights/data-rights-service.ts):
//   /mine-data…                        anyone (the e-mailed link is the permission)
//   /min-side/data.json, /slet-konto   logged-in users, their own account
//   /administration/sletning           admins
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { SecurityEvents } from '../../audit/audit-log.js';
import { currentPasswordLimit, emailedLinkLimits } from '../../middleware/rate-limits.js';
import type { RateLimitStores } from '../../security/rate-limit-store.js';
import { createAccountDataController } from './account-data-controller.js';
import { createErasureController } from './erasure-controller.js';
import { createMineDataController } from './mine-data-controller.js';
import type { DataRightsService } from './data-rights-service.js';
import type { OpeningAlertService } from '../opening-alerts/opening-alert-service.js';

/** "Mine data" links asked for per e-mail address per hour (anti-automation, ASVS 2.4.1). */
export const LINK_REQUESTS_PER_EMAIL_PER_HOUR = 5;
/** Per network address: higher, as an office or a library may share one. */
export const LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 20;

export interface DataRightsRouteDeps {
  access: AccessControl;
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'loginRateLimit'>;
  services: { dataRights: DataRightsService; security: SecurityEvents; openingAlerts: OpeningAlertService; rateLimits: RateLimitStores };
}

export function dataRightsRoutes(deps: DataRightsRouteDeps): Router {
  const { dataRights, security, openingAlerts } = deps.services;
  const mineData = createMineDataController({ clock: deps.clock, config: deps.config, security, dataRights, openingAlerts });
  const accountData = createAccountDataController({ clock: deps.clock, security, dataRights });
  const erasure = createErasureController({ clock: deps.clock, dataRights });

  const linkLimits = emailedLinkLimits({
    name: 'mine-data',
    stores: deps.services.rateLimits,
    perEmailPerHour: LINK_REQUESTS_PER_EMAIL_PER_HOUR,
    perAddressPerHour: LINK_REQUESTS_PER_ADDRESS_PER_HOUR,
    handler: mineData.rateLimited,
  });
  const deleteAttempts = currentPasswordLimit({
    ...deps.config.loginRateLimit,
    name: 'delete-account',
    stores: deps.services.rateLimits,
    handler: accountData.rateLimited,
  });

  const { requireLogin, requireAdmin } = deps.access;
  const router = express.Router();
  router.get('/mine-data', mineData.showRequest);
  router.post('/mine-data', ...linkLimits, mineData.requestLink);
  router.get('/mine-data/sendt', mineData.sent);
  router.get('/mine-data/:token', mineData.show);
  router.get('/mine-data/:token/data.json', mineData.download);
  router.post('/mine-data/:token/tilbagetraek-alle', mineData.withdrawAll);
  router.post('/mine-data/:token/tilbagetraek/:interestId', mineData.withdrawOne);
  router.post('/mine-data/:token/stop-besked/:alertId', mineData.stopAlert);

  router.get('/min-side/data.json', requireLogin, accountData.download);
  router.get('/min-side/slet-konto', requireLogin, accountData.showDelete);
  router.post('/min-side/slet-konto', requireLogin, deleteAttempts, accountData.deleteAccount);

  router.get('/administration/sletning', requireAdmin, erasure.show);
  router.post('/administration/sletning', requireAdmin, erasure.submit);
  return router;
}
