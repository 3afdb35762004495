// The members' own pages for their association (/min-forening/:associationId/...):
// the profile form, and the member list with invitations and "leave". The route has
// already checked that the reader is a member of :associationId (or an admin); every
// query below is scoped by that id.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import type { FeatureDeps } from '../feature-deps.js';
import { loadFormOptions, organisationTypeOptions, type AssociationFormOptions } from './association-options.js';
import { idParam, invitationSchema, profileSchema, SECRET_FIELDS } from './association-schemas.js';
import { awaitingApprovalNotice, danish, invitationMail, sendSafely } from './association-mail.js';
import { createMembershipService } from './membership-service.js';
import { createProfileService } from './profile-service.js';

/** The association id from the URL; the access policy already ran on the same parameter. */
export function associationIdOf(req: Request): number {
  const id = idParam.safeParse(req.params.associationId);
  if (!id.success) throw new HttpError(404);
  return id.data;
}

function submittedVersion(values: Record<string, unknown> | undefined): number | undefined {
  const parsed = idParam.safeParse(values?.version);
  return parsed.success ? parsed.data : undefined;
}

export function createMemberController(deps: FeatureDeps) {
  const profiles = createProfileService(deps.prisma);
  const memberships = createMembershipService(deps.prisma);

  // ---- Profile ---------------------------------------------------------------------

  const renderProfile = async (
    req: Request,
    res: Response,
    status: number,
    options: AssociationFormOptions,
    form: { errors?: FieldError[]; values?: Record<string, unknown>; conflict?: boolean } = {},
  ) => {
    const associationId = associationIdOf(req);
    const association = await profiles.forEdit(associationId);
    if (!association) throw new HttpError(404);
    const values = form.values ?? {
      name: association.name,
      organisationType: association.organisationType,
      fieldsOfWork: association.fieldsOfWork.map((f) => String(f.id)),
      localAreaId: association.localAreaId === null ? '' : String(association.localAreaId),
      description: association.description,
      contactName: association.contactName ?? '',
      email: association.email ?? '',
      phone: association.phone ?? '',
      websiteUrl: association.websiteUrl ?? '',
      cvr: association.cvr ?? '',
    };
    res.status(status).render('associations/edit-profile', {
      title: req.t('associations.profileEdit.title', { name: association.name }),
      association,
      // The version the reader started from travels with the form, through failed
      // submits too. After a conflict the form carries the newest version, so saving
      // again is a deliberate choice to overwrite what the other person saved.
      version: form.conflict ? association.version : (submittedVersion(form.values) ?? association.version),
      conflict: form.conflict ?? false,
      errors: form.errors ?? [],
      values,
      limits: maxLengths(profileSchema(options)),
      fieldsOfWork: options.fieldsOfWork,
      localAreas: options.localAreas,
      organisationTypes: organisationTypeOptions(req.t),
    });
  };

  const showProfile: RequestHandler = async (req, res) => {
    await renderProfile(req, res, 200, await loadFormOptions(deps.prisma, req.lang));
  };

  const saveProfile: RequestHandler = async (req, res) => {
    const associationId = associationIdOf(req);
    const options = await loadFormOptions(deps.prisma, req.lang);
    const form = parseForm(profileSchema(options), req.body);
    if (!form.ok) {
      await renderProfile(req, res, 422, options, { errors: form.errors, values: keepValues(req.body, SECRET_FIELDS) });
      return;
    }
    const now = deps.clock.now();
    const outcome = await profiles.update(associationId, form.data, { actorUserId: req.user!.id, requestId: String(req.id), now });
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      await renderProfile(req, res, 409, options, { values: keepValues(req.body, SECRET_FIELDS), conflict: true });
      return;
    }
    if (outcome.resubmitted) {
      const municipality = await deps.settings.profile();
      if (municipality.contactEmail) {
        await sendSafely(
          deps.mailer,
          deps.logger,
          awaitingApprovalNotice(danish(req.t), municipality.contactEmail, {
            association: outcome.association,
            baseUrl: deps.config.baseUrl,
            resubmitted: true,
          }),
          'association.resubmitted',
        );
      }
    }
    addFlash(req, 'success', outcome.resubmitted ? 'associations.profileEdit.flashResubmitted' : 'associations.profileEdit.flashSaved');
    res.redirect(303, `/min-forening/${associationId}/profil`);
  };

  // ---- Members and invitations -------------------------------------------------------

  const renderMembers = async (
    req: Request,
    res: Response,
    status: number,
    form: { errors?: FieldError[]; values?: Record<string, unknown>; problem?: string } = {},
  ) => {
    const associationId = associationIdOf(req);
    const association = await memberships.membersPage(associationId, deps.clock.now());
    if (!association) throw new HttpError(404);
    res.status(status).render('associations/members', {
      title: req.t('associations.members.title', { name: association.name }),
      association,
      isMember: association.members.some((m) => m.user.id === req.user!.id),
      problem: form.problem ?? null,
      errors: form.errors ?? [],
      values: form.values ?? {},
      limits: maxLengths(invitationSchema),
    });
  };

  const showMembers: RequestHandler = async (req, res) => {
    await renderMembers(req, res, 200);
  };

  const invite: RequestHandler = async (req, res) => {
    const associationId = associationIdOf(req);
    const form = parseForm(invitationSchema, req.body);
    if (!form.ok) {
      await renderMembers(req, res, 422, { errors: form.errors, values: keepValues(req.body) });
      return;
    }
    const now = deps.clock.now();
    const user = req.user!;
    const outcome = await memberships.invite(associationId, form.data.email, { actorUserId: user.id, requestId: String(req.id), now });
    if (!outcome.ok) {
      await renderMembers(req, res, 422, {
        errors: [{ field: 'email', key: 'associations.members.errors.alreadyMember' }],
        values: keepValues(req.body),
      });
      return;
    }
    // The invitee's language is unknown; the inviter writes in theirs.
    await sendSafely(
      deps.mailer,
      deps.logger,
      invitationMail(req.t, form.data.email, {
        association: outcome.association,
        inviterName: user.name,
        token: outcome.token,
        baseUrl: deps.config.baseUrl,
        expiresAt: res.locals.formatDate(outcome.expiresAt),
      }),
      'association.invitation',
    );
    addFlash(req, 'success', 'associations.members.flashInvited');
    res.redirect(303, `/min-forening/${associationId}/medlemmer`);
  };

  const revoke: RequestHandler = async (req, res) => {
    const associationId = associationIdOf(req);
    const invitationId = idParam.safeParse(req.params.invitationId);
    if (!invitationId.success) throw new HttpError(404);
    const revoked = await memberships.revoke(associationId, invitationId.data, {
      actorUserId: req.user!.id,
      requestId: String(req.id),
      now: deps.clock.now(),
    });
    // Another association's invitation id is simply not found here.
    if (!revoked) throw new HttpError(404);
    addFlash(req, 'success', 'associations.members.flashRevoked');
    res.redirect(303, `/min-forening/${associationId}/medlemmer`);
  };

  const leave: RequestHandler = async (req, res) => {
    const associationId = associationIdOf(req);
    const outcome = await memberships.leave(associationId, req.user!.id, {
      actorUserId: req.user!.id,
      requestId: String(req.id),
      now: deps.clock.now(),
    });
    if (!outcome.ok) {
      await renderMembers(req, res, 409, {
        problem: outcome.reason === 'last-member' ? 'associations.members.lastMember' : 'associations.members.notMember',
      });
      return;
    }
    addFlash(req, 'success', 'associations.members.flashLeft');
    res.redirect(303, '/min-side');
  };

  return { showProfile, saveProfile, showMembers, invite, revoke, leave };
}
