// /medarbejder/samarbejdsaftaler/opfoelgning: the staff's follow-up of agreements.
// Mounted before the agreements router (app.ts), whose /:agreementId would otherwise
// take "opfoelgning" for an id and answer 404.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { AgreementFollowUpService } from './agreement-follow-up-service.js';
import { createAgreementFollowUpController, FOLLOW_UP_PATH } from './agreement-follow-up-controller.js';

export interface AgreementFollowUpRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { agreementFollowUp: AgreementFollowUpService };
}

export function agreementFollowUpRoutes(deps: AgreementFollowUpRoutesDeps): Router {
  const controller = createAgreementFollowUpController({ clock: deps.clock, agreementFollowUp: deps.services.agreementFollowUp });
  const router = express.Router();
  router.get(FOLLOW_UP_PATH, deps.access.requireStaff, controller.dashboard);
  return router;
}
