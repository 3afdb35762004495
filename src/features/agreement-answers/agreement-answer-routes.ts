// The partners' answers to agreements:
//   /min-forening/:associationId/samarbejdsaftaler[/:agreementId[/svar]]  members of that
//     association (and admins): the area guard, mounted once in the app, has checked the
//     id and the policy and loaded the association; rows are looked up with its id.
//   /samarbejdsaftale/svar/:token  public: the secret e-mailed link is the permission.
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { AgreementAnswerService } from './agreement-answer-service.js';
import { AGREEMENT_LINK_BASE, createAgreementAnswerController } from './agreement-answer-controller.js';

export interface AgreementAnswerRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  services: { agreementAnswers: AgreementAnswerService };
}

export function agreementAnswerRoutes(deps: AgreementAnswerRoutesDeps): Router {
  const controller = createAgreementAnswerController({ clock: deps.clock, config: deps.config, answers: deps.services.agreementAnswers });
  const base = '/min-forening/:associationId/samarbejdsaftaler';
  const router = express.Router();
  router.get(base, controller.list);
  router.get(`${base}/:agreementId`, controller.show);
  router.post(`${base}/:agreementId/svar`, controller.answer);
  router.get(`${AGREEMENT_LINK_BASE}/:token`, controller.showLink);
  router.post(`${AGREEMENT_LINK_BASE}/:token`, controller.answerLink);
  return router;
}
