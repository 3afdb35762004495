// /medarbejder/handleplaner/:planId/overblik (the overview), …/status/:year/rapport
// (the committee report, and .csv/.xlsx of its action rows), …/import (upload and
// preview) and …/import/bekraeft (save what the preview showed). Staff only.
// The import's multipart body is parsed before the CSRF check: plan-import-upload.ts.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { Translator } from '../../i18n/i18n.js';
import type { PlanReportService } from './plan-report-service.js';
import { PLANS_PATH, createPlanReportController } from './plan-report-controller.js';

export interface PlanReportRoutesDeps {
  access: AccessControl;
  clock: Clock;
  /** Both languages' texts: the import reads a file's column labels in either. */
  translator: Translator;
  services: { planReports: PlanReportService };
}

export function planReportRoutes(deps: PlanReportRoutesDeps): Router {
  const { access } = deps;
  const controller = createPlanReportController({
    clock: deps.clock,
    planReports: deps.services.planReports,
    translators: [deps.translator.t('da'), deps.translator.t('en')],
  });
  const plan = `${PLANS_PATH}/:planId`;
  const router = express.Router();
  router.get(`${plan}/overblik`, access.requireStaff, controller.overview);
  router.get(`${plan}/status/:year/rapport`, access.requireStaff, controller.report);
  router.get(`${plan}/status/:year/rapport.csv`, access.requireStaff, controller.reportCsv);
  router.get(`${plan}/status/:year/rapport.xlsx`, access.requireStaff, controller.reportXlsx);
  router.get(`${plan}/import`, access.requireStaff, controller.showImport);
  router.post(`${plan}/import`, access.requireStaff, controller.preview);
  router.post(`${plan}/import/bekraeft`, access.requireStaff, controller.confirm);
  return router;
}
