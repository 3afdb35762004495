// /min-forening/:associationId/opgaver — the association's own openings: the list
// with status buttons, and the form to create and edit. Failed forms re-render with
// 422 (the input kept); a stale version answers 409 with the member's input kept and
// a clear explanation; success is 303 + flash.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import type { FeatureDeps } from '../feature-deps.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { findManagedAssociation, type ManagedAssociation } from '../interests/association-scope.js';
import { parseId } from '../interests/route-params.js';
import { Commitment, VolunteeringForm } from '../../generated/prisma/enums.js';
import { formatCalendarDate, openingFormSchema, submitActionSchema, versionSchema } from './association-opening-schemas.js';
import type { AssociationOpeningService, StatusAction, WriteOutcome } from './association-opening-service.js';

type Lookup = { id: number; nameDa: string; nameEn: string };
type Opening = NonNullable<Awaited<ReturnType<AssociationOpeningService['find']>>>;

const AUDIT_ACTIONS: Record<StatusAction, string> = {
  publish: 'opening.published',
  unpublish: 'opening.unpublished',
  close: 'opening.closed',
};
const FLASH_KEYS: Record<StatusAction, string> = {
  publish: 'openingadmin.flash.published',
  unpublish: 'openingadmin.flash.unpublished',
  close: 'openingadmin.flash.closed',
};

/** The stored opening as form values (what the inputs show). */
function valuesOf(opening: Opening): Record<string, unknown> {
  return {
    title: opening.title,
    summary: opening.summary,
    description: opening.description,
    tasks: opening.tasks,
    volunteeringForm: opening.form,
    commitment: opening.commitment,
    timeCommitment: opening.timeCommitment,
    place: opening.place,
    localAreaId: opening.localAreaId === null ? '' : String(opening.localAreaId),
    targetGroupIds: opening.targetGroups.map((g) => String(g.id)),
    skillAreaIds: opening.skillAreas.map((s) => String(s.id)),
    skills: opening.skills,
    childCertificateRequired: opening.childCertificateRequired ? 'ja' : 'nej',
    startsOn: formatCalendarDate(opening.startsOn),
    endsOn: formatCalendarDate(opening.endsOn),
    deadline: formatCalendarDate(opening.deadline),
    contactName: opening.contactName,
    contactEmail: opening.contactEmail,
    contactPhone: opening.contactPhone ?? '',
  };
}

export function createAssociationOpeningController(deps: FeatureDeps & { openings: AssociationOpeningService }) {
  const base = (associationId: number) => `/min-forening/${associationId}/opgaver`;

  const renderList = async (req: Request, res: Response, status: number, association: ManagedAssociation, errors: FieldError[] = []) => {
    const openings = await deps.openings.list(association.id);
    res.status(status).render('association-openings/list', {
      title: req.t('openingadmin.list.title', { association: association.name }),
      association,
      openings,
      base: base(association.id),
      errors,
    });
  };

  const renderForm = async (
    req: Request,
    res: Response,
    status: number,
    view: {
      association: ManagedAssociation;
      opening: { id: number; status: string; version: number } | null;
      values: Record<string, unknown>;
      errors?: FieldError[];
      conflict?: boolean;
    },
  ) => {
    const choices = await deps.openings.choices();
    const label = (row: Lookup) => (req.lang === 'da' ? row.nameDa : row.nameEn);
    const toOptions = (rows: Lookup[]) => rows.map((row) => ({ value: String(row.id), label: label(row) }));
    const { association, opening } = view;
    res.status(status).render('association-openings/form', {
      title: opening ? req.t('openingadmin.form.editTitle') : req.t('openingadmin.form.newTitle'),
      association,
      opening,
      action: opening ? `${base(association.id)}/${opening.id}/rediger` : `${base(association.id)}/ny`,
      listUrl: base(association.id),
      limits: maxLengths(openingFormSchema),
      options: {
        volunteeringForm: Object.values(VolunteeringForm).map((value) => ({
          value,
          label: req.t(`openingadmin.volunteeringForm.${value}`),
          hint: req.t(`openingadmin.volunteeringFormHint.${value}`),
        })),
        commitment: Object.values(Commitment).map((value) => ({ value, label: req.t(`openingadmin.commitment.${value}`) })),
        localAreas: toOptions(choices.localAreas),
        targetGroups: toOptions(choices.targetGroups),
        skillAreas: toOptions(choices.skillAreas),
        childCertificate: [
          { value: 'ja', label: req.t('openingadmin.form.childCertificateYes') },
          { value: 'nej', label: req.t('openingadmin.form.childCertificateNo') },
        ],
      },
      canPublish: association.status === 'APPROVED',
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const openingIdOf = (req: Request): number => {
    const id = parseId(req.params.openingId);
    if (id === null) throw new HttpError(404);
    return id;
  };

  const list: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    await renderList(req, res, 200, association);
  };

  const showNew: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    // Sensible starting points the member can change: they are often the contact.
    const values = { contactName: req.user?.name ?? '', contactEmail: association.email ?? req.user?.email ?? '' };
    await renderForm(req, res, 200, { association, opening: null, values });
  };

  const create: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body);
    const publish = submitActionSchema.parse(body.handling) === 'offentliggoer';
    const form = parseForm(openingFormSchema, body);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, opening: null, values, errors: form.errors });
      return;
    }
    const outcome = await deps.openings.create(association, form.data, publish, deps.clock.now());
    if (!outcome.ok) {
      const errors = outcome.reason === 'invalid' ? outcome.errors : [];
      await renderForm(req, res, 422, { association, opening: null, values, errors });
      return;
    }
    await deps.audit.record({
      action: 'opening.created',
      actorUserId: req.user?.id,
      targetType: 'opening',
      targetId: outcome.openingId,
      requestId: String(req.id),
      details: { associationId: association.id, status: outcome.status },
    });
    addFlash(req, 'success', publish ? 'openingadmin.flash.createdPublished' : 'openingadmin.flash.createdDraft');
    res.redirect(303, base(association.id));
  };

  const showEdit: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    const opening = await deps.openings.find(association.id, openingIdOf(req));
    if (!opening) throw new HttpError(404);
    await renderForm(req, res, 200, { association, opening, values: valuesOf(opening) });
  };

  const update: RequestHandler = async (req, res) => {
    const association = await findManagedAssociation(deps.prisma, req.params.associationId);
    const openingId = openingIdOf(req);
    const current = await deps.openings.find(association.id, openingId);
    if (!current) throw new HttpError(404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const version = versionSchema.safeParse(body);
    if (!version.success) throw new HttpError(400);
    const publish = submitActionSchema.parse(body.handling) === 'offentliggoer';

    const shown = { id: current.id, status: current.status, version: version.data.version };
    const form = parseForm(openingFormSchema, body);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, opening: shown, values, errors: form.errors });
      return;
    }
    const outcome: WriteOutcome = await deps.openings.update(
      association,
      openingId,
      version.data.version,
      form.data,
      publish,
      deps.clock.now(),
    );
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'conflict') {
        // Someone saved in between. Keep this member's input and tell them; the form
        // now carries the latest version, so saving again is a deliberate overwrite.
        const latest = await deps.openings.find(association.id, openingId);
        if (!latest) throw new HttpError(404);
        await renderForm(req, res, 409, {
          association,
          opening: { id: latest.id, status: latest.status, version: latest.version },
          values,
          conflict: true,
        });
        return;
      }
      await renderForm(req, res, 422, { association, opening: shown, values, errors: outcome.errors });
      return;
    }
    await deps.audit.record({
      action: 'opening.updated',
      actorUserId: req.user?.id,
      targetType: 'opening',
      targetId: openingId,
      requestId: String(req.id),
      details: { associationId: association.id, status: outcome.status },
    });
    addFlash(req, 'success', publish && current.status !== 'PUBLISHED' ? 'openingadmin.flash.published' : 'openingadmin.flash.updated');
    res.redirect(303, base(association.id));
  };

  const statusAction =
    (action: StatusAction): RequestHandler =>
    async (req, res) => {
      const association = await findManagedAssociation(deps.prisma, req.params.associationId);
      const openingId = openingIdOf(req);
      const version = versionSchema.safeParse(req.body ?? {});
      if (!version.success) throw new HttpError(400);
      const outcome = await deps.openings.changeStatus(association, openingId, version.data.version, action, deps.clock.now());
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        // The list again, with the problem at the opening it concerns.
        const field = `opening-${openingId}`;
        if (outcome.reason === 'conflict') {
          await renderList(req, res, 409, association, [{ field, key: 'openingadmin.errors.conflictAction' }]);
          return;
        }
        await renderList(
          req,
          res,
          422,
          association,
          outcome.errors.map((error) => ({ field, key: error.key })),
        );
        return;
      }
      await deps.audit.record({
        action: AUDIT_ACTIONS[action],
        actorUserId: req.user?.id,
        targetType: 'opening',
        targetId: openingId,
        requestId: String(req.id),
        details: { associationId: association.id, status: outcome.status },
      });
      addFlash(req, 'success', FLASH_KEYS[action]);
      res.redirect(303, base(association.id));
    };

  return {
    list,
    showNew,
    create,
    showEdit,
    update,
    publish: statusAction('publish'),
    unpublish: statusAction('unpublish'),
    close: statusAction('close'),
  };
}
