// /medarbejder/samarbejdsaftaler[/ny|/:agreementId[/rediger|/pdf]]: collaboration-agreement
// drafts; and their life (agreement-workflow-controller.ts): /:agreementId/send, /opsig,
// /versioner[/:number[/pdf]], /forskel, /historik. The municipality's staff and admins write them (agreementPolicy.canDraft,
// which is the staff area's rule, so the routes ask requireStaff).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { AgreementService } from './agreement-service.js';
import type { AgreementWorkflowService } from './agreement-workflow-service.js';
import type { AgreementEvaluationService } from '../agreement-evaluations/agreement-evaluation-service.js';
import { AGREEMENTS_PATH, createAgreementController } from './agreement-controller.js';
import { createAgreementWorkflowController } from './agreement-workflow-controller.js';
import type { ActionPlanService } from '../action-plans/action-plan-service.js';

export interface AgreementRoutesDeps {
  access: AccessControl;
  clock: Clock;
  /** For the absolute links in the partners' e-mails. */
  baseUrl: string;
  services: {
    agreements: AgreementService;
    agreementWorkflow: AgreementWorkflowService;
    /** For the evaluation box on the agreement's page. */
    agreementEvaluations: Pick<AgreementEvaluationService, 'panel'>;
    actionPlans: Pick<ActionPlanService, 'partyActionModel'>;
  };
}

export function agreementRoutes(deps: AgreementRoutesDeps): Router {
  const { access } = deps;
  const { agreements, agreementWorkflow, agreementEvaluations } = deps.services;
  const controller = createAgreementController({
    clock: deps.clock,
    agreements,
    workflow: agreementWorkflow,
    evaluations: agreementEvaluations,
    actionPlans: deps.services.actionPlans,
  });
  const workflow = createAgreementWorkflowController({
    clock: deps.clock,
    baseUrl: deps.baseUrl,
    agreements,
    workflow: agreementWorkflow,
    renderShow: controller.renderShow,
    amountFormatter: controller.amountFormatter,
  });
  const router = express.Router();
  router.get(AGREEMENTS_PATH, access.requireStaff, controller.list);
  router.get(`${AGREEMENTS_PATH}/ny`, access.requireStaff, controller.showNew);
  router.post(`${AGREEMENTS_PATH}/ny`, access.requireStaff, controller.create);
  router.get(`${AGREEMENTS_PATH}/:agreementId`, access.requireStaff, controller.show);
  router.get(`${AGREEMENTS_PATH}/:agreementId/pdf`, access.requireStaff, controller.pdf);
  router.get(`${AGREEMENTS_PATH}/:agreementId/rediger`, access.requireStaff, controller.edit);
  router.post(`${AGREEMENTS_PATH}/:agreementId/rediger`, access.requireStaff, controller.update);
  router.post(`${AGREEMENTS_PATH}/:agreementId/send`, access.requireStaff, workflow.send);
  router.post(`${AGREEMENTS_PATH}/:agreementId/opsig`, access.requireStaff, workflow.terminate);
  router.get(`${AGREEMENTS_PATH}/:agreementId/versioner`, access.requireStaff, workflow.versions);
  router.get(`${AGREEMENTS_PATH}/:agreementId/versioner/:number`, access.requireStaff, workflow.version);
  router.get(`${AGREEMENTS_PATH}/:agreementId/versioner/:number/pdf`, access.requireStaff, workflow.versionPdf);
  router.get(`${AGREEMENTS_PATH}/:agreementId/forskel`, access.requireStaff, workflow.diff);
  router.get(`${AGREEMENTS_PATH}/:agreementId/historik`, access.requireStaff, workflow.history);
  return router;
}
