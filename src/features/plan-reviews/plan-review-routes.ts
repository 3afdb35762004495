// The yearly status review:
// - staff (requireStaff): /medarbejder/handleplaner/:planId/status/:year and its forms
//   (start, meeting, an action's entry, bulk status, committee decision, state,
//   amendment, carry-over);
// - an association responsible for actions: /min-forening/:associationId/handleplaner,
//   behind the area guard mounted once in the app.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { PlanReviewService } from './plan-review-service.js';
import { createPlanReviewController } from './plan-review-controller.js';

export interface PlanReviewRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { planReviews: PlanReviewService };
}

export function planReviewRoutes(deps: PlanReviewRoutesDeps): Router {
  const { access } = deps;
  const controller = createPlanReviewController({ clock: deps.clock, reviews: deps.services.planReviews });
  const staff = '/medarbejder/handleplaner/:planId/status/:year';
  const area = '/min-forening/:associationId/handleplaner';

  const router = express.Router();
  router.get(staff, access.requireStaff, controller.show);
  router.post(`${staff}/start`, access.requireStaff, controller.start);
  router.post(`${staff}/moede`, access.requireStaff, controller.saveMeeting);
  router.post(`${staff}/moede/ret`, access.requireStaff, controller.amendMeeting);
  router.post(`${staff}/handlinger/:actionId`, access.requireStaff, controller.saveEntry);
  router.post(`${staff}/handlinger/:actionId/ret`, access.requireStaff, controller.amend);
  router.post(`${staff}/samlet-status`, access.requireStaff, controller.bulk);
  router.post(`${staff}/udvalg`, access.requireStaff, controller.addDecision);
  router.post(`${staff}/tilstand`, access.requireStaff, controller.changeState);
  router.post(`${staff}/videref`, access.requireStaff, controller.carryOver);

  router.get(area, controller.showArea);
  router.post(`${area}/:actionId`, controller.savePartner);
  return router;
}
