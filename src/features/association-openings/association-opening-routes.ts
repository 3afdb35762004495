// /min-forening/:associationId/opgaver[/ny|/:openingId/rediger|/:openingId/<action>]:
// the association's management of its own openings. Every route is inside the
// association's area, so the area guard (mounted once in the app) has already checked
// the id, the policy (members of the association, and admins) and loaded the
// association; handlers get it with managedAssociation(res).
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { AssociationOpeningService } from './association-opening-service.js';
import { createAssociationOpeningController } from './association-opening-controller.js';

export interface AssociationOpeningRoutesDeps {
  clock: Clock;
  services: { associationOpenings: AssociationOpeningService };
}

export function associationOpeningRoutes(deps: AssociationOpeningRoutesDeps): Router {
  const controller = createAssociationOpeningController({ clock: deps.clock, openings: deps.services.associationOpenings });
  const base = '/min-forening/:associationId/opgaver';

  const router = express.Router();
  router.get(base, controller.list);
  router.get(`${base}/ny`, controller.showNew);
  router.post(`${base}/ny`, controller.create);
  router.get(`${base}/:openingId/rediger`, controller.showEdit);
  router.post(`${base}/:openingId/rediger`, controller.update);
  router.post(`${base}/:openingId/offentliggoer`, controller.publish);
  router.post(`${base}/:openingId/afpublicer`, controller.unpublish);
  router.post(`${base}/:openingId/luk`, controller.close);
  return router;
}
