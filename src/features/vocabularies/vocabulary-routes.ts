// /administration/ordlister[/:kind[/ny|/:id/rediger|/:id/udfas|/:id/genaktiver|/:id/flet]]:
// the vocabularies (local areas, fields of work, target groups, skills). Admins only.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { VocabularyService } from './vocabulary-service.js';
import { createVocabularyController, VOCABULARIES_PATH } from './vocabulary-controller.js';

export interface VocabularyRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { vocabularies: VocabularyService };
}

export function vocabularyRoutes(deps: VocabularyRoutesDeps): Router {
  const { access } = deps;
  const controller = createVocabularyController({ clock: deps.clock, vocabularies: deps.services.vocabularies });
  const router = express.Router();
  const kind = `${VOCABULARIES_PATH}/:kind`;
  router.get(VOCABULARIES_PATH, access.requireAdmin, controller.index);
  router.get(kind, access.requireAdmin, controller.list);
  router.get(`${kind}/ny`, access.requireAdmin, controller.showNew);
  router.post(`${kind}/ny`, access.requireAdmin, controller.create);
  router.get(`${kind}/:id/rediger`, access.requireAdmin, controller.edit);
  router.post(`${kind}/:id/rediger`, access.requireAdmin, controller.update);
  router.post(`${kind}/:id/udfas`, access.requireAdmin, controller.retire);
  router.post(`${kind}/:id/genaktiver`, access.requireAdmin, controller.reactivate);
  router.get(`${kind}/:id/flet`, access.requireAdmin, controller.showMerge);
  router.post(`${kind}/:id/flet`, access.requireAdmin, controller.merge);
  return router;
}
