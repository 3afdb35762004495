// /medarbejder/samarbejdsaftaler/opfoelgning — the staff's follow-up page: what waits
// for the partners' answers, and what starts, is due for review, or ends within the
// next DASHBOARD_DAYS days (agreement-follow-up-service.ts).
import type { RequestHandler } from 'express';
import type { Clock } from '../../clock.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import { AGREEMENTS_PATH } from '../agreements/agreement-controller.js';
import { DASHBOARD_DAYS, type AgreementFollowUpService } from './agreement-follow-up-service.js';

export const FOLLOW_UP_PATH = `${AGREEMENTS_PATH}/opfoelgning`;

export function createAgreementFollowUpController(deps: { clock: Clock; agreementFollowUp: AgreementFollowUpService }) {
  const dashboard: RequestHandler = async (req, res) => {
    const lists = await deps.agreementFollowUp.dashboard(municipalityTodayDate(deps.clock.now()));
    res.render('agreement-follow-up/index', {
      title: req.t('agreementFollowUp.title'),
      breadcrumbs: [
        { href: '/medarbejder', label: req.t('staff.title') },
        { href: AGREEMENTS_PATH, label: req.t('agreements.list.title') },
        { label: req.t('agreementFollowUp.title') },
      ],
      days: DASHBOARD_DAYS,
      ...lists,
    });
  };

  return { dashboard };
}
