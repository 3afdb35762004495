// The municipal staff's start page. Staff and admins only (the access-control test
// uses it as the example of a staff page).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { StaffOverviewService } from './staff-service.js';
import type { AgreementFollowUpService } from '../agreement-follow-up/agreement-follow-up-service.js';

export function staffRoutes(deps: {
  access: AccessControl;
  services: { staffOverview: StaffOverviewService; agreementFollowUp: Pick<AgreementFollowUpService, 'needingAction'> };
}): Router {
  const router = express.Router();
  router.get('/medarbejder', deps.access.requireStaff, async (req, res) => {
    const [{ pending, approved, publishedOpenings }, agreementsNeedingAction] = await Promise.all([
      deps.services.staffOverview.overview(),
      deps.services.agreementFollowUp.needingAction(),
    ]);
    res.render('staff/index', { title: req.t('staff.title'), pending, approved, publishedOpenings, agreementsNeedingAction });
  });
  return router;
}
