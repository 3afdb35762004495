// /min-forening/:associationId/opgaver[/ny|/:openingId/rediger|/:openingId/<action>]:
// every route behind the association-member policy (members of the association, and
// admins), handed in by the composition in interests/opening-routes.ts.
import express, { type RequestHandler, type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';
import { createAssociationOpeningService } from './association-opening-service.js';
import { createAssociationOpeningController } from './association-opening-controller.js';

export function associationOpeningRoutes(deps: FeatureDeps & { memberOfAssociation: RequestHandler }): Router {
  const openings = createAssociationOpeningService(deps.prisma);
  const controller = createAssociationOpeningController({ ...deps, openings });
  const member = deps.memberOfAssociation;
  const base = '/min-forening/:associationId/opgaver';

  const router = express.Router();
  router.get(base, member, controller.list);
  router.get(`${base}/ny`, member, controller.showNew);
  router.post(`${base}/ny`, member, controller.create);
  router.get(`${base}/:openingId/rediger`, member, controller.showEdit);
  router.post(`${base}/:openingId/rediger`, member, controller.update);
  router.post(`${base}/:openingId/offentliggoer`, member, controller.publish);
  router.post(`${base}/:openingId/afpublicer`, member, controller.unpublish);
  router.post(`${base}/:openingId/luk`, member, controller.close);
  return router;
}
