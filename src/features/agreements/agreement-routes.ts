// /medarbejder/samarbejdsaftaler[/ny|/:agreementId[/rediger|/pdf]]: collaboration-agreement
// drafts. The municipality's staff and admins write them (agreementPolicy.canDraft,
// which is the staff area's rule, so the routes ask requireStaff).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { AgreementService } from './agreement-service.js';
import { AGREEMENTS_PATH, createAgreementController } from './agreement-controller.js';

export interface AgreementRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { agreements: AgreementService };
}

export function agreementRoutes(deps: AgreementRoutesDeps): Router {
  const { access } = deps;
  const controller = createAgreementController({ clock: deps.clock, agreements: deps.services.agreements });
  const router = express.Router();
  router.get(AGREEMENTS_PATH, access.requireStaff, controller.list);
  router.get(`${AGREEMENTS_PATH}/ny`, access.requireStaff, controller.showNew);
  router.post(`${AGREEMENTS_PATH}/ny`, access.requireStaff, controller.create);
  router.get(`${AGREEMENTS_PATH}/:agreementId`, access.requireStaff, controller.show);
  router.get(`${AGREEMENTS_PATH}/:agreementId/pdf`, access.requireStaff, controller.pdf);
  router.get(`${AGREEMENTS_PATH}/:agreementId/rediger`, access.requireStaff, controller.edit);
  router.post(`${AGREEMENTS_PATH}/:agreementId/rediger`, access.requireStaff, controller.update);
  return router;
}
