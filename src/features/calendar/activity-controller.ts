// Members keep their association's activities: list, create, edit, delete. The route
// already checked membership of :associationId; every query here is scoped by it too.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import type { Language } from '../../i18n/i18n.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createActivityService, type AssociationActivity } from './activity-service.js';
import { calendarFormat } from './calendar-format.js';
import { activityFormSchema } from './calendar-schemas.js';
import { createCalendarService } from './calendar-service.js';
import { dateInputValue, isoDateOfDbDate, localDateOf, localTimeOf, timeInputValue } from './copenhagen-time.js';
import { requireId, requireVersion } from './route-params.js';
import { describeSchedule } from './schedule-text.js';

const FORM_VIEW = 'calendar/activity-form';

export function createActivityController(deps: FeatureDeps) {
  const activities = createActivityService(deps.prisma);
  const calendar = createCalendarService(deps.prisma);

  async function loadAssociation(req: Request) {
    const id = requireId(req.params.associationId);
    const association = await deps.prisma.association.findUnique({
      where: { id },
      select: { id: true, name: true, slug: true, status: true },
    });
    if (!association) throw new HttpError(404);
    return association;
  }
  type LoadedAssociation = Awaited<ReturnType<typeof loadAssociation>>;

  const listPath = (associationId: number) => `/min-forening/${associationId}/aktiviteter`;

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    page: {
      association: LoadedAssociation;
      activity: { id: number; title: string; updatedAt: Date } | null;
      values: Record<string, unknown>;
      errors?: FieldError[];
      conflict?: boolean;
    },
  ) {
    const { localAreas, targetGroups } = await calendar.lookups();
    const name = (row: { nameDa: string; nameEn: string }) => (req.lang === 'en' ? row.nameEn : row.nameDa);
    res.status(status).render(FORM_VIEW, {
      title: req.t(page.activity ? 'calendar.activityForm.editTitle' : 'calendar.activityForm.newTitle'),
      association: page.association,
      activity: page.activity,
      version: page.activity ? String(page.activity.updatedAt.getTime()) : null,
      conflict: page.conflict ?? false,
      listPath: listPath(page.association.id),
      localAreaOptions: localAreas.map((row) => ({ value: String(row.id), label: name(row) })),
      targetGroupOptions: targetGroups.map((row) => ({ value: String(row.id), label: name(row) })),
      // The text limits are the same whatever the day and lookups the schema is built with.
      limits: maxLengths(activityFormSchema({ today: localDateOf(deps.clock.now()), localAreaIds: new Set(), targetGroupIds: new Set() })),
      values: page.values,
      errors: page.errors ?? [],
    });
  }

  async function parseActivityForm(req: Request) {
    const { localAreas, targetGroups } = await calendar.lookups();
    const schema = activityFormSchema({
      today: localDateOf(deps.clock.now()),
      localAreaIds: new Set(localAreas.map((row) => row.id)),
      targetGroupIds: new Set(targetGroups.map((row) => row.id)),
    });
    return parseForm(schema, req.body);
  }

  /** The form's fields filled from a stored activity, in Danish time. */
  function valuesOf(activity: AssociationActivity, lang: Language): Record<string, unknown> {
    return {
      title: activity.title,
      description: activity.description,
      place: activity.place,
      localAreaId: activity.localAreaId === null ? '' : String(activity.localAreaId),
      targetGroupIds: activity.targetGroups.map((group) => String(group.id)),
      accessibilityNotes: activity.accessibilityNotes,
      recurrence: activity.recurrence,
      date: dateInputValue(localDateOf(activity.startsAt)),
      startTime: timeInputValue(localTimeOf(activity.startsAt), lang),
      endTime: activity.endsAt ? timeInputValue(localTimeOf(activity.endsAt), lang) : '',
      repeatUntil: activity.repeatUntil ? dateInputValue(isoDateOfDbDate(activity.repeatUntil)) : '',
      published: activity.published ? 'ja' : undefined,
    };
  }

  const audit = (req: Request, action: string, activityId: number, associationId: number) =>
    deps.audit.record({
      action,
      actorUserId: req.user?.id ?? null,
      targetType: 'activity',
      targetId: activityId,
      requestId: String(req.id),
      details: { associationId },
    });

  const list: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const rows = await activities.listForAssociation(association.id);
    const fmt = calendarFormat(req.lang);
    res.render('calendar/activities', {
      title: req.t('calendar.activities.title', { association: association.name }),
      association,
      listPath: listPath(association.id),
      activities: rows.map((row) => ({
        id: row.id,
        title: row.title,
        place: row.place,
        published: row.published,
        schedule: describeSchedule(req.t, fmt, row),
      })),
    });
  };

  const showNew: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    await renderForm(req, res, 200, { association, activity: null, values: { recurrence: 'ONCE', published: 'ja' } });
  };

  const create: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const form = await parseActivityForm(req);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, activity: null, values: keepValues(req.body), errors: form.errors });
      return;
    }
    const outcome = await activities.create(association.id, form.data);
    if (!outcome.ok) throw new HttpError(404);
    await audit(req, 'activity.created', outcome.id, association.id);
    addFlash(req, 'success', 'calendar.flash.activityCreated');
    res.redirect(303, listPath(association.id));
  };

  const showEdit: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const activity = await activities.findForAssociation(association.id, requireId(req.params.activityId));
    if (!activity) throw new HttpError(404);
    await renderForm(req, res, 200, { association, activity, values: valuesOf(activity, req.lang) });
  };

  const update: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const activity = await activities.findForAssociation(association.id, requireId(req.params.activityId));
    if (!activity) throw new HttpError(404);
    const loadedVersion = requireVersion(req.body);
    const values = keepValues(req.body, ['_csrf', 'version']);
    // Re-rendered forms keep the version the member started from, so a failed
    // validation cannot hide someone else's save.
    const shown = { ...activity, updatedAt: loadedVersion };
    const form = await parseActivityForm(req);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, activity: shown, values, errors: form.errors });
      return;
    }
    const outcome = await activities.update(association.id, activity.id, loadedVersion, form.data);
    if (!outcome.ok && outcome.reason === 'conflict') {
      // Someone saved in between. Keep this member's input and say so; the form now
      // carries the latest version, so saving again is a deliberate overwrite.
      const latest = await activities.findForAssociation(association.id, activity.id);
      if (!latest) throw new HttpError(404);
      await renderForm(req, res, 409, { association, activity: latest, values, conflict: true });
      return;
    }
    if (!outcome.ok) throw new HttpError(404);
    await audit(req, 'activity.updated', activity.id, association.id);
    addFlash(req, 'success', 'calendar.flash.activityUpdated');
    res.redirect(303, listPath(association.id));
  };

  const confirmRemove: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const activity = await activities.findForAssociation(association.id, requireId(req.params.activityId));
    if (!activity) throw new HttpError(404);
    res.render('calendar/confirm-delete', {
      title: req.t('calendar.activityDelete.title', { activity: activity.title }),
      heading: req.t('calendar.activityDelete.heading', { activity: activity.title }),
      text: req.t('calendar.activityDelete.text'),
      detail: describeSchedule(req.t, calendarFormat(req.lang), activity),
      button: req.t('calendar.activityDelete.button'),
      cancelHref: listPath(association.id),
    });
  };

  const remove: RequestHandler = async (req, res) => {
    const association = await loadAssociation(req);
    const outcome = await activities.remove(association.id, requireId(req.params.activityId));
    if (!outcome.ok) throw new HttpError(404);
    await audit(req, 'activity.deleted', outcome.id, association.id);
    addFlash(req, 'success', 'calendar.flash.activityDeleted');
    res.redirect(303, listPath(association.id));
  };

  return { list, showNew, create, showEdit, update, confirmRemove, remove };
}
