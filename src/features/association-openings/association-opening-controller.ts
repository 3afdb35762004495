// /min-forening/:associationId/opgaver — the association's own openings: the list
// with status buttons, and the form to create and edit. Failed forms re-render with
// 422 (the input kept); a stale version answers 409 with the member's input kept and
// a clear explanation; success is 303 + flash.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import type { ManagedAssociation } from '../association-area/association-area-service.js';
import { COMMITMENTS, VOLUNTEERING_FORMS, openingFormSchema, submitActionSchema } from './association-opening-schemas.js';
import type { AssociationOpeningService, StatusAction, WriteOutcome } from './association-opening-service.js';
import { formatCalendarDate } from '../../validation/dates.js';
import { choiceLabel, type VocabularyValue } from '../vocabularies/vocabulary-options.js';

type Opening = NonNullable<Awaited<ReturnType<AssociationOpeningService['find']>>>;
const FLASH_KEYS: Record<StatusAction, string> = {
  publish: 'associationOpenings.flash.published',
  unpublish: 'associationOpenings.flash.unpublished',
  close: 'associationOpenings.flash.closed',
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
    agreementId: opening.agreementId === null ? '' : String(opening.agreementId),
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

export function createAssociationOpeningController(deps: { clock: Clock; openings: AssociationOpeningService }) {
  const base = (associationId: number) => areaPath(associationId, '/opgaver');
  const renderList = async (req: Request, res: Response, status: number, association: ManagedAssociation, errors: FieldError[] = []) => {
    const openings = await deps.openings.list(association.id);
    res.status(status).render('association-openings/list', {
      title: req.t('associationOpenings.list.title', { association: association.name }),
      breadcrumbs: [{ href: '/min-side', label: req.t('nav.myPage') }, { label: req.t('associationOpenings.list.heading') }],
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
      opening: { id: number; status: string; version: number; agreementId?: number | null } | null;
      values: Record<string, unknown>;
      errors?: FieldError[];
      conflict?: boolean;
    },
  ) => {
    const { association, opening } = view;
    const [choices, agreements] = await Promise.all([
      deps.openings.choices(association.id, opening?.id ?? null),
      deps.openings.agreementChoices(association.id, opening?.agreementId ?? null),
    ]);
    const toOptions = (rows: VocabularyValue[]) => rows.map((row) => ({ value: String(row.id), label: choiceLabel(row, req.lang, req.t) }));
    res.status(status).render('association-openings/form', {
      title: opening ? req.t('associationOpenings.form.editTitle') : req.t('associationOpenings.form.newTitle'),
      breadcrumbs: [
        { href: '/min-side', label: req.t('nav.myPage') },
        { href: base(association.id), label: req.t('associationOpenings.list.heading') },
        { label: opening ? req.t('associationOpenings.form.editTitle') : req.t('associationOpenings.form.newTitle') },
      ],
      association,
      opening,
      action: opening ? `${base(association.id)}/${opening.id}/rediger` : `${base(association.id)}/ny`,
      listUrl: base(association.id),
      limits: maxLengths(openingFormSchema),
      options: {
        volunteeringForm: VOLUNTEERING_FORMS.map((value) => ({
          value,
          label: req.t(`associationOpenings.volunteeringForm.${value}`),
          hint: req.t(`associationOpenings.volunteeringFormHint.${value}`),
        })),
        commitment: COMMITMENTS.map((value) => ({ value, label: req.t(`associationOpenings.commitment.${value}`) })),
        localAreas: toOptions(choices.localAreas),
        agreements: agreements.map((a) => ({ value: String(a.id), label: a.title })),
        targetGroups: toOptions(choices.targetGroups),
        skillAreas: toOptions(choices.skillAreas),
        childCertificate: [
          { value: 'ja', label: req.t('associationOpenings.form.childCertificateYes') },
          { value: 'nej', label: req.t('associationOpenings.form.childCertificateNo') },
        ],
      },
      canPublish: association.status === 'APPROVED',
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const list: RequestHandler = async (req, res) => {
    await renderList(req, res, 200, managedAssociation(res));
  };

  const showNew: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    // Sensible starting points the member can change: they are often the contact.
    const values = { contactName: req.user?.name ?? '', contactEmail: association.email ?? req.user?.email ?? '' };
    await renderForm(req, res, 200, { association, opening: null, values });
  };

  const create: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body);
    const publish = submitActionSchema.parse(body.handling) === 'offentliggoer';
    const form = parseForm(openingFormSchema, body);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, opening: null, values, errors: form.errors });
      return;
    }
    const outcome = await deps.openings.create(association, form.data, publish, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      const errors = outcome.reason === 'invalid' ? outcome.errors : [];
      await renderForm(req, res, 422, { association, opening: null, values, errors });
      return;
    }
    addFlash(req, 'success', publish ? 'associationOpenings.flash.createdPublished' : 'associationOpenings.flash.createdDraft');
    res.redirect(303, base(association.id));
  };

  const showEdit: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const opening = await deps.openings.find(association.id, requireId(req.params.openingId));
    if (!opening) throw new HttpError(404);
    await renderForm(req, res, 200, { association, opening, values: valuesOf(opening) });
  };

  const update: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const openingId = requireId(req.params.openingId);
    const current = await deps.openings.find(association.id, openingId);
    if (!current) throw new HttpError(404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const version = requireVersion(body);
    const publish = submitActionSchema.parse(body.handling) === 'offentliggoer';

    const shown = { id: current.id, status: current.status, version, agreementId: current.agreementId };
    const form = parseForm(openingFormSchema, body);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, opening: shown, values, errors: form.errors });
      return;
    }
    const outcome: WriteOutcome = await deps.openings.update(
      association,
      openingId,
      version,
      form.data,
      publish,
      changeContext(req, deps.clock.now()),
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
          opening: { id: latest.id, status: latest.status, version: latest.version, agreementId: latest.agreementId },
          values,
          conflict: true,
        });
        return;
      }
      await renderForm(req, res, 422, { association, opening: shown, values, errors: outcome.errors });
      return;
    }
    addFlash(
      req,
      'success',
      publish && current.status !== 'PUBLISHED' ? 'associationOpenings.flash.published' : 'associationOpenings.flash.updated',
    );
    res.redirect(303, base(association.id));
  };

  const statusAction =
    (action: StatusAction): RequestHandler =>
    async (req, res) => {
      const association = managedAssociation(res);
      const openingId = requireId(req.params.openingId);
      const version = requireVersion(req.body);
      const outcome = await deps.openings.changeStatus(association, openingId, version, action, changeContext(req, deps.clock.now()));
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        // The list again, with the problem at the opening it concerns.
        const field = `opening-${openingId}`;
        if (outcome.reason === 'conflict') {
          await renderList(req, res, 409, association, [{ field, key: 'associationOpenings.errors.conflictAction' }]);
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
