// Opening pages, show-interest, withdrawal, and associations' management of their
// openings and interests. Public routes first; /min-forening/… routes each declare
// the association-member policy (members of :associationId, and admins).
import express, { type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { FeatureDeps } from '../feature-deps.js';
import { associationOpeningRoutes } from '../association-openings/association-opening-routes.js';
import { createOpeningPageService } from './opening-page-service.js';
import { createInterestService } from './interest-service.js';
import { createOpeningPageController } from './opening-page-controller.js';
import { createWithdrawalController } from './withdrawal-controller.js';
import { createAssociationInterestsController } from './association-interests-controller.js';

const HOUR_MS = 60 * 60 * 1000;

export function openingRoutes(deps: FeatureDeps): Router {
  const pages = createOpeningPageService(deps.prisma);
  const interests = createInterestService(deps.prisma);
  const openingPage = createOpeningPageController({ ...deps, pages, interests });
  const withdrawal = createWithdrawalController({ ...deps, interests });
  const associationInterests = createAssociationInterestsController({ ...deps, interests });
  // INTERIM: the association-area guard (app.ts) already checked id, policy and existence.
  const memberOfAssociation: RequestHandler = (_req, _res, next) => next();

  // Anti-automation (ASVS 2.4.1): per address, at most config.interestRateLimit
  // interests an hour (accepted submissions: 303 answers, honeypot hits included);
  // failed attempts (422) do not use that up, so a citizen fixing typos is not
  // locked out — but every attempt counts towards a ten times wider limit.
  const limiterOptions = {
    windowMs: HOUR_MS,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: openingPage.rateLimited,
  } as const;
  const interestSubmissions = rateLimit({ ...limiterOptions, limit: deps.config.interestRateLimit, skipFailedRequests: true });
  const interestAttempts = rateLimit({ ...limiterOptions, limit: deps.config.interestRateLimit * 10 });

  const router = express.Router();
  router.get('/opgaver/:id', openingPage.showOpening);
  router.post('/opgaver/:id/interesse', interestAttempts, interestSubmissions, openingPage.submitInterest);
  router.get('/opgaver/:id/interesse/kvittering', openingPage.showReceipt);

  router.get('/interesse/tilbagetrukket', withdrawal.done);
  router.get('/interesse/tilbagetraek/:token', withdrawal.confirm);
  router.post('/interesse/tilbagetraek/:token', withdrawal.withdraw);

  router.get('/min-forening/:associationId/interesserede', memberOfAssociation, associationInterests.list);
  router.post('/min-forening/:associationId/interesserede/:interestId/status', memberOfAssociation, associationInterests.changeStatus);

  router.use(associationOpeningRoutes({ ...deps, memberOfAssociation }));
  return router;
}
