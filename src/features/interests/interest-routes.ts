// What happens to a citizen's interest once it exists: the citizen withdraws it with
// the link from the receipt e-mail (public: the secret link is the permission), and
// the association sees its interests and marks how far it is with each one (inside
// the association's area, behind its guard; interestPolicy on top, because these
// pages hold personal data).
import express, { type Router } from 'express';
import type { Clock } from '../../clock.js';
import type { AccessControl } from '../../access/access-control.js';
import { interestPolicy } from '../../access/policies.js';
import type { InterestService } from './interest-service.js';
import { createWithdrawalController } from './withdrawal-controller.js';
import { createAssociationInterestsController } from './association-interests-controller.js';

export interface InterestRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { interests: InterestService };
}

export function interestRoutes(deps: InterestRoutesDeps): Router {
  const { interests } = deps.services;
  const withdrawal = createWithdrawalController({ clock: deps.clock, interests });
  const inbox = createAssociationInterestsController({ clock: deps.clock, interests });
  const maySeeInterests = deps.access.authorize(
    (user, req) => interestPolicy.canSee(user, { associationId: Number(req.params.associationId) }),
    'interests',
  );

  const router = express.Router();
  router.get('/interesse/tilbagetrukket', withdrawal.done);
  router.get('/interesse/tilbagetraek/:token', withdrawal.confirm);
  router.post('/interesse/tilbagetraek/:token', withdrawal.withdraw);

  router.get('/min-forening/:associationId/interesserede', maySeeInterests, inbox.list);
  router.get('/min-forening/:associationId/interesserede.csv', maySeeInterests, inbox.download);
  router.post('/min-forening/:associationId/interesserede/:interestId/status', maySeeInterests, inbox.changeStatus);
  return router;
}
