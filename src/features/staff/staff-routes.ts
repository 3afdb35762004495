// The municipal staff's start page. Staff and admins only (the access-control test
// uses it as the example of a staff page). At the top, what needs attention today,
// each a count and a link, only those there are.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { StaffOverviewService } from './staff-service.js';
import type { AgreementFollowUpService } from '../agreement-follow-up/agreement-follow-up-service.js';
import { municipalityTodayDate } from '../openings/visibility.js';

export const FOLLOW_UP_PATH = '/medarbejder/samarbejdsaftaler/opfoelgning';

export function staffRoutes(deps: {
  access: AccessControl;
  clock: Clock;
  services: { staffOverview: StaffOverviewService; agreementFollowUp: Pick<AgreementFollowUpService, 'needingAction' | 'dashboard'> };
}): Router {
  const router = express.Router();
  router.get('/medarbejder', deps.access.requireStaff, async (req, res) => {
    const today = municipalityTodayDate(deps.clock.now());
    const year = today.getUTCFullYear();
    const { staffOverview, agreementFollowUp } = deps.services;
    const [{ pending, approved, visibleOpenings, expiredOpenings }, agreementsNeedingAction, followUp, statusReviews, failedMail] =
      await Promise.all([
        staffOverview.overview(deps.clock.now()),
        agreementFollowUp.needingAction(),
        agreementFollowUp.dashboard(today),
        staffOverview.statusReviewsDue(year),
        staffOverview.failedMail(),
      ]);
    const attention = {
      pendingAssociations: pending.length,
      // A partner asked for changes or declined: the staff must act (listed first, above).
      // Awaiting answers: some partner has not answered the latest sent version yet.
      awaitingAnswers: followUp.awaiting.filter((item) => item.notAnswered.length > 0).length,
      // Due for review: its evaluation can be opened now (reviewDue's `open`), overdue or not.
      reviewsDue: followUp.review.filter((item) => item.open).length,
      statusReviews,
      year,
      failedMail,
    };
    const anything =
      agreementsNeedingAction +
        attention.pendingAssociations +
        attention.awaitingAnswers +
        attention.reviewsDue +
        statusReviews.length +
        failedMail.count >
      0;
    res.render('staff/index', {
      title: req.t('staff.title'),
      pending,
      approved,
      visibleOpenings,
      expiredOpenings,
      agreementsNeedingAction,
      attention,
      anything,
      followUpPath: FOLLOW_UP_PATH,
      isAdmin: res.locals.can.administer,
    });
  });
  return router;
}
