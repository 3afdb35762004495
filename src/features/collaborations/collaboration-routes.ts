// /samarbejder[/:agreementId]: the public pages of the municipality's active
// collaboration agreements. Public: no access middleware, like the openings search.
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { CollaborationService } from './collaboration-service.js';
import { COLLABORATIONS_PATH, createCollaborationController } from './collaboration-controller.js';

export interface CollaborationRoutesDeps {
  clock: Clock;
  services: { collaborations: CollaborationService };
}

export function collaborationRoutes(deps: CollaborationRoutesDeps): Router {
  const controller = createCollaborationController({ clock: deps.clock, collaborations: deps.services.collaborations });
  const router = express.Router();
  router.get(COLLABORATIONS_PATH, controller.list);
  router.get(`${COLLABORATIONS_PATH}/:agreementId`, controller.show);
  return router;
}
