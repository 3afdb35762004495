// Associations: registration, the public directory and profiles, the members' own
// pages, invitations, and the staff review. Who may do what:
//   /foreninger, /foreninger/ny, /foreninger/:slug, /invitation/:token  anyone
//   /min-forening/:associationId/{profil,medlemmer}                      members of that association, admins
//   /medarbejder/foreninger[/...]                                        staff, admins
import express, { type RequestHandler, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpError } from '../../errors.js';
import type { FeatureDeps } from '../feature-deps.js';
import { idParam } from './association-schemas.js';
import { createDirectoryController } from './directory-controller.js';
import { createInvitationController } from './invitation-controller.js';
import { createMemberController } from './member-controller.js';
import { createRegistrationController } from './registration-controller.js';
import { createReviewController } from './review-controller.js';

/** Registrations per address per hour (anti-automation, ASVS 2.4.1). */
export const REGISTRATIONS_PER_HOUR = 10;

/** A non-numeric id is not a page here: 404 before any policy or query runs. */
function numericParam(name: string): RequestHandler {
  return (req, _res, next) => {
    next(idParam.safeParse(req.params[name]).success ? undefined : new HttpError(404));
  };
}

export function associationRoutes(deps: FeatureDeps): Router {
  const registration = createRegistrationController(deps);
  const directory = createDirectoryController(deps);
  const members = createMemberController(deps);
  const invitations = createInvitationController(deps);
  const review = createReviewController(deps);

  // Only registrations that went through count; a form with errors does not use up
  // the allowance. Over the limit: the 429 page, with Retry-After.
  const registrationLimit = rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: REGISTRATIONS_PER_HOUR,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipFailedRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, _res, next) => {
      void deps.audit.record({ action: 'association.registration.rateLimited', requestId: String(req.id) });
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

  // Members of the association (and admins).
  // INTERIM: the association-area guard (app.ts) already checked id, policy and existence.
  const member: RequestHandler[] = [];
  router.get('/min-forening/:associationId/profil', ...member, members.showProfile);
  router.post('/min-forening/:associationId/profil', ...member, members.saveProfile);
  router.get('/min-forening/:associationId/medlemmer', ...member, members.showMembers);
  router.post('/min-forening/:associationId/medlemmer/inviter', ...member, members.invite);
  router.post('/min-forening/:associationId/medlemmer/invitationer/:invitationId/traek-tilbage', ...member, members.revoke);
  router.post('/min-forening/:associationId/medlemmer/forlad', ...member, members.leave);

  // Municipal staff.
  const staff = deps.access.requireStaff;
  router.get('/medarbejder/foreninger', staff, review.index);
  router.get('/medarbejder/foreninger/:id', staff, numericParam('id'), review.detail);
  router.post('/medarbejder/foreninger/:id/godkend', staff, numericParam('id'), review.approve);
  router.post('/medarbejder/foreninger/:id/afvis', staff, numericParam('id'), review.reject);

  return router;
}
