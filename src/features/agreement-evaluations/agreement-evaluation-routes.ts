// The evaluation of an agreement:
// - staff (requireStaff): /medarbejder/samarbejdsaftaler/:agreementId/evaluering, its
//   forms (…/aabn, …/svar, …/beslutning) and earlier evaluations (…/:evaluationId);
// - an association that is party: /min-forening/:associationId/samarbejdsaftaler/
//   :agreementId/evaluering, behind the area guard mounted once in the app;
// - an external partner (no account): /samarbejdsaftale/evaluering/:token, public — the
//   e-mailed single-use link is the permission.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { AgreementEvaluationService } from './agreement-evaluation-service.js';
import { LINK_DONE_PATH, LINK_PATH, createAgreementEvaluationController } from './agreement-evaluation-controller.js';

export interface AgreementEvaluationRoutesDeps {
  access: AccessControl;
  clock: Clock;
  baseUrl: string;
  services: { agreementEvaluations: AgreementEvaluationService };
}

export function agreementEvaluationRoutes(deps: AgreementEvaluationRoutesDeps): Router {
  const { access } = deps;
  const controller = createAgreementEvaluationController({
    clock: deps.clock,
    evaluations: deps.services.agreementEvaluations,
    baseUrl: deps.baseUrl,
  });
  const staff = '/medarbejder/samarbejdsaftaler/:agreementId/evaluering';
  const area = '/min-forening/:associationId/samarbejdsaftaler/:agreementId/evaluering';

  const router = express.Router();
  router.get(staff, access.requireStaff, controller.showStaff);
  router.post(`${staff}/aabn`, access.requireStaff, controller.open);
  router.post(`${staff}/svar`, access.requireStaff, controller.staffAnswer);
  router.post(`${staff}/beslutning`, access.requireStaff, controller.decide);
  router.get(`${staff}/:evaluationId`, access.requireStaff, controller.showEarlier);

  router.get(area, controller.showAssociation);
  router.post(area, controller.saveAssociation);

  // Before the token route: "tak" is no token.
  router.get(LINK_DONE_PATH, controller.linkDone);
  router.get(`${LINK_PATH}/:token`, controller.showLink);
  router.post(`${LINK_PATH}/:token`, controller.saveLink);
  return router;
}
