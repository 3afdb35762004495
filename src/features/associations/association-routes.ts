// Associations: registration, the public directory and profiles, the members' own
// pages, invitations, and the staff review. Who may do what:
//   /foreninger, /foreninger/ny, /foreninger/:slug, /invitation/:token  anyone
//   /min-forening/:associationId/{profil,medlemmer}                      members of that association, admins
//                                                                        (the association-area guard in app.ts)
//   /medarbejder/foreninger[/...]                                        staff, admins (suspend, archive,
//                                                                        reinstate: associationPolicy.canChangeStatus)
import express, { type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpError } from '../../errors.js';
import type { AccessControl } from '../../access/access-control.js';
import { associationPolicy } from '../../access/policies.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { createDirectoryController } from './directory-controller.js';
import { createInvitationController } from './invitation-controller.js';
import { createMemberController } from './member-controller.js';
import { createRegistrationController } from './registration-controller.js';
import { createReviewController } from './review-controller.js';

/** Registrations per address per hour (anti-automation, ASVS 2.4.1). */
export const REGISTRATIONS_PER_HOUR = 10;

export interface AssociationRouteDeps {
  access: AccessControl;
  config: Pick<Config, 'baseUrl'>;
  clock: Clock;
  services: Pick<
    Services,
    | 'security'
    | 'rateLimits'
    | 'associationOptions'
    | 'registrations'
    | 'directory'
    | 'publicProfiles'
    | 'profiles'
    | 'memberships'
    | 'review'
  >;
}

/** What the controllers use (the routes add the access rules). */
export type AssociationControllerDeps = Omit<AssociationRouteDeps, 'access'>;

export function associationRoutes(deps: AssociationRouteDeps): Router {
  const registration = createRegistrationController(deps);
  const directory = createDirectoryController(deps);
  const members = createMemberController(deps);
  const invitations = createInvitationController(deps);
  const review = createReviewController(deps);

  // Only registrations that went through count; a form with errors does not use up
  // the allowance. Over the limit: the 429 page, with Retry-After.
  const registrationLimit = rateLimit({
    store: deps.services.rateLimits.store('association-registration'),
    windowMs: 60 * 60 * 1000,
    limit: REGISTRATIONS_PER_HOUR,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, _res, next) => {
      void deps.services.security.record({ action: 'association.registration.rateLimited', requestId: String(req.id) });
      next(new HttpError(429));
    },
  });

  const router = express.Router();

  // Public. /foreninger/ny before /foreninger/:slug ("ny" is also a reserved slug).
  router.get('/foreninger', directory.index);
  router.get('/foreninger/ny', registration.show);
  router.post('/foreninger/ny', registrationLimit, registration.submit);
  router.get('/foreninger/:slug', directory.profile);
  router.get('/invitation/:token', invitations.show);
  router.post('/invitation/:token', invitations.accept);

  // Members of the association (and admins): the association-area guard mounted in
  // app.ts has already checked the id, the policy and that the association exists.
  router.get('/min-forening/:associationId/profil', members.showProfile);
  router.post('/min-forening/:associationId/profil', members.saveProfile);
  router.get('/min-forening/:associationId/medlemmer', members.showMembers);
  router.post('/min-forening/:associationId/medlemmer/inviter', members.invite);
  router.post('/min-forening/:associationId/medlemmer/invitationer/:invitationId/traek-tilbage', members.revoke);
  router.post('/min-forening/:associationId/medlemmer/forlad', members.leave);

  // Municipal staff. A non-numeric :id is a 404 (requireId in the controller).
  const staff = deps.access.requireStaff;
  router.get('/medarbejder/foreninger', staff, review.index);
  router.get('/medarbejder/foreninger/:id', staff, review.detail);
  router.post('/medarbejder/foreninger/:id/godkend', staff, review.approve);
  router.post('/medarbejder/foreninger/:id/afvis', staff, review.reject);
  const mayChangeStatus = deps.access.authorize((user) => associationPolicy.canChangeStatus(user), 'staff');
  router.post('/medarbejder/foreninger/:id/suspender', mayChangeStatus, review.suspend);
  router.post('/medarbejder/foreninger/:id/arkiver', mayChangeStatus, review.archive);
  router.post('/medarbejder/foreninger/:id/genaktiver', mayChangeStatus, review.reinstate);

  return router;
}
