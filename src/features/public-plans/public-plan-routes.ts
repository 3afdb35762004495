// /handleplaner[/:slug[/feed.xml]]: the public pages of the municipality's action plans
// and each plan's feed. Public: no access middleware, like /samarbejder.
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { PublicPlanService } from './public-plan-service.js';
import { createPublicPlanController, PUBLIC_PLANS_PATH } from './public-plan-controller.js';

export interface PublicPlanRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  services: { publicPlans: PublicPlanService };
}

export function publicPlanRoutes(deps: PublicPlanRoutesDeps): Router {
  const controller = createPublicPlanController({ clock: deps.clock, config: deps.config, publicPlans: deps.services.publicPlans });
  const router = express.Router();
  router.get(PUBLIC_PLANS_PATH, controller.list);
  router.get(`${PUBLIC_PLANS_PATH}/:slug`, controller.show);
  router.get(`${PUBLIC_PLANS_PATH}/:slug/feed.xml`, controller.feed);
  return router;
}
