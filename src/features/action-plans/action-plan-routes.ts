// /medarbejder/handleplaner[/ny|/:planId[/rediger|/maal/ny|/maal/:goalId/rediger|
// /handlinger/ny|/handlinger/:actionId/rediger|/historik]]: action plans, their goals
// and actions, and the plan's history; and POST /medarbejder/samarbejdsaftaler/
// :agreementId/parter/:partyId/handling, an action made from a party's task. The
// municipality's staff and admins keep the plans, so every route asks requireStaff.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { ActionPlanService } from './action-plan-service.js';
import { PLANS_PATH, createActionPlanController } from './action-plan-controller.js';

export interface ActionPlanRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { actionPlans: ActionPlanService };
}

export function actionPlanRoutes(deps: ActionPlanRoutesDeps): Router {
  const staff = deps.access.requireStaff;
  const c = createActionPlanController({ clock: deps.clock, plans: deps.services.actionPlans });
  const plan = `${PLANS_PATH}/:planId`;
  const router = express.Router();
  router.get(PLANS_PATH, staff, c.list);
  // Before /:planId, which would take "ny" for an id.
  router.get(`${PLANS_PATH}/ny`, staff, c.showNew);
  router.post(`${PLANS_PATH}/ny`, staff, c.create);
  router.get(plan, staff, c.show);
  router.get(`${plan}/rediger`, staff, c.edit);
  router.post(`${plan}/rediger`, staff, c.update);
  router.get(`${plan}/maal/ny`, staff, c.showNewGoal);
  router.post(`${plan}/maal/ny`, staff, c.createGoal);
  router.get(`${plan}/maal/:goalId/rediger`, staff, c.editGoal);
  router.post(`${plan}/maal/:goalId/rediger`, staff, c.updateGoal);
  router.get(`${plan}/handlinger/ny`, staff, c.showNewAction);
  router.post(`${plan}/handlinger/ny`, staff, c.createAction);
  router.get(`${plan}/handlinger/:actionId/rediger`, staff, c.editAction);
  router.post(`${plan}/handlinger/:actionId/rediger`, staff, c.updateAction);
  router.get(`${plan}/historik`, staff, c.history);
  router.post('/medarbejder/samarbejdsaftaler/:agreementId/parter/:partyId/handling', staff, c.actionFromParty);
  return router;
}
