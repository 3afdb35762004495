// The municipal staff's start page. Staff and admins only (the access-control test
// uses it as the example of a staff page).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { StaffOverviewService } from './staff-service.js';

export function staffRoutes(deps: { access: AccessControl; services: { staffOverview: StaffOverviewService } }): Router {
  const router = express.Router();
  router.get('/medarbejder', deps.access.requireStaff, async (req, res) => {
    const { pending, approved, publishedOpenings } = await deps.services.staffOverview.overview();
    res.render('staff/index', { title: req.t('staff.title'), pending, approved, publishedOpenings });
  });
  return router;
}
