// /medarbejder/aftaleskabelon[/rediger|/version/:number]: the municipality's
// collaboration-agreement template. Staff and admins read the template and its
// history (they write agreements from it); only admins change it.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { AgreementTemplateService } from './agreement-template-service.js';
import { createAgreementTemplateController, TEMPLATE_PATH } from './agreement-template-controller.js';

export interface AgreementTemplateRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { agreementTemplates: AgreementTemplateService };
}

export function agreementTemplateRoutes(deps: AgreementTemplateRoutesDeps): Router {
  const { access } = deps;
  const controller = createAgreementTemplateController({ clock: deps.clock, templates: deps.services.agreementTemplates });
  const router = express.Router();
  router.get(TEMPLATE_PATH, access.requireStaff, controller.show);
  router.get(`${TEMPLATE_PATH}/rediger`, access.requireAdmin, controller.edit);
  router.post(`${TEMPLATE_PATH}/rediger`, access.requireAdmin, controller.update);
  router.get(`${TEMPLATE_PATH}/version/:number`, access.requireStaff, controller.showVersion);
  return router;
}
