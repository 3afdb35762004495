// The members' own pages for their association (/min-forening/:associationId/...):
// the profile form, and the member list with invitations and "leave". The
// association-area guard has already checked that the reader may manage the
// association and loaded it (managedAssociation); every query below is scoped by its id.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion, submittedVersion } from '../../validation/version.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import { organisationTypeOptions, type AssociationFormOptions } from './association-options.js';
import { invitationSchema, profileSchema, SECRET_FIELDS } from './association-schemas.js';
import { awaitingApprovalNotice, invitationMail } from './association-mail.js';
import { danish } from '../../mail/compose.js';
import type { AssociationControllerDeps } from './association-routes.js';

export function createMemberController(deps: AssociationControllerDeps) {
  const { profiles, memberships, associationOptions } = deps.services;
  // Members are logged in (the area guard saw to it): the actor is always known.
  const context = (req: Request) => ({ ...changeContext(req, deps.clock.now()), actorUserId: req.user!.id });

  // ---- Profile ---------------------------------------------------------------------

  const renderProfile = async (
    req: Request,
    res: Response,
    status: number,
    options: AssociationFormOptions,
    form: { errors?: FieldError[]; values?: Record<string, unknown>; conflict?: boolean } = {},
  ) => {
    const association = await profiles.forEdit(managedAssociation(res).id);
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
      breadcrumbs: [{ href: '/min-side', label: req.t('nav.myPage') }, { label: req.t('associations.profileEdit.heading') }],
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
    await renderProfile(req, res, 200, await associationOptions.formOptions(req.lang, req.t, managedAssociation(res).id));
  };

  const saveProfile: RequestHandler = async (req, res) => {
    const associationId = managedAssociation(res).id;
    const version = requireVersion(req.body);
    const options = await associationOptions.formOptions(req.lang, req.t, associationId);
    const form = parseForm(profileSchema(options), req.body);
    if (!form.ok) {
      await renderProfile(req, res, 422, options, { errors: form.errors, values: keepValues(req.body, SECRET_FIELDS) });
      return;
    }
    // A resubmitted profile goes back to the municipality's review: tell them, in Danish.
    const { contactEmail } = res.locals.municipality;
    const outcome = await profiles.update(associationId, form.data, version, context(req), ({ resubmitted, association }) =>
      resubmitted && contactEmail
        ? [awaitingApprovalNotice(danish(req.t), contactEmail, { association, baseUrl: deps.config.baseUrl, resubmitted: true })]
        : [],
    );
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      await renderProfile(req, res, 409, options, { values: keepValues(req.body, SECRET_FIELDS), conflict: true });
      return;
    }
    addFlash(req, 'success', outcome.resubmitted ? 'associations.profileEdit.flashResubmitted' : 'associations.profileEdit.flashSaved');
    res.redirect(303, areaPath(associationId, '/profil'));
  };

  // ---- Members and invitations -------------------------------------------------------

  const renderMembers = async (
    req: Request,
    res: Response,
    status: number,
    form: { errors?: FieldError[]; values?: Record<string, unknown>; problem?: string } = {},
  ) => {
    const association = await memberships.membersPage(managedAssociation(res).id, deps.clock.now());
    if (!association) throw new HttpError(404);
    res.status(status).render('associations/members', {
      title: req.t('associations.members.title', { name: association.name }),
      breadcrumbs: [{ href: '/min-side', label: req.t('nav.myPage') }, { label: req.t('associations.members.heading') }],
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
    const associationId = managedAssociation(res).id;
    const form = parseForm(invitationSchema, req.body);
    if (!form.ok) {
      await renderMembers(req, res, 422, { errors: form.errors, values: keepValues(req.body) });
      return;
    }
    const inviter = req.user!;
    // The invitee's language is unknown; the inviter writes in theirs.
    const outcome = await memberships.invite(associationId, form.data.email, context(req), (invited) => [
      invitationMail(req.t, form.data.email, {
        association: invited.association,
        inviterName: inviter.name,
        token: invited.token,
        baseUrl: deps.config.baseUrl,
        expiresAt: res.locals.formatDate(invited.expiresAt),
      }),
    ]);
    if (!outcome.ok) {
      await renderMembers(req, res, 422, {
        errors: [{ field: 'email', key: 'associations.members.errors.alreadyMember' }],
        values: keepValues(req.body),
      });
      return;
    }
    addFlash(req, 'success', 'associations.members.flashInvited');
    res.redirect(303, areaPath(associationId, '/medlemmer'));
  };

  const revoke: RequestHandler = async (req, res) => {
    const associationId = managedAssociation(res).id;
    const invitationId = requireId(req.params.invitationId);
    const outcome = await memberships.revoke(associationId, invitationId, context(req));
    // Another association's invitation id is simply not found here.
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'associations.members.flashRevoked');
    res.redirect(303, areaPath(associationId, '/medlemmer'));
  };

  const leave: RequestHandler = async (req, res) => {
    const associationId = managedAssociation(res).id;
    const outcome = await memberships.leave(associationId, req.user!.id, context(req));
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
