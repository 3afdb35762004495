// Members keep their association's activities: list, create, edit, delete. The
// association-area guard (app.ts) already checked that the user may manage
// :associationId and loaded it (`managedAssociation`); every activity is looked up
// together with that association's id, so another association's activity is a 404.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import type { Language } from '../../i18n/i18n.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import type { ManagedAssociation } from '../association-area/association-area-service.js';
import type { ActivityService, AssociationActivity } from './activity-service.js';
import { calendarFormat, SUBJECT_MARK } from './calendar-format.js';
import { activityFormSchema } from './calendar-schemas.js';
import type { CalendarService } from './calendar-service.js';
import { dateText } from '../../validation/dates.js';
import { isoDateOfDbDate, localDateOf, localTimeOf, timeInputValue } from './copenhagen-time.js';
import { describeSchedule } from './schedule-text.js';
import { choiceLabel, type VocabularyValue } from '../vocabularies/vocabulary-options.js';

const FORM_VIEW = 'calendar/activity-form';

type Kept = { localAreaIds: number[]; targetGroupIds: number[] };

/** The vocabulary values an activity already has. */
const keptOf = (activity: AssociationActivity): Kept => ({
  localAreaIds: activity.localAreaId === null ? [] : [activity.localAreaId],
  targetGroupIds: activity.targetGroups.map((group) => group.id),
});

export interface ActivityControllerDeps {
  clock: Clock;
  activities: ActivityService;
  calendar: CalendarService;
}

export function createActivityController(deps: ActivityControllerDeps) {
  const { activities, calendar } = deps;

  const listPath = (associationId: number) => areaPath(associationId, '/aktiviteter');
  // The trail (#10), as the association's volunteering opportunities have it: Min side
  // (added by src/views/my-page-trail.ts) › Aktiviteter › the page. No step names the
  // association: the page's <title> does.
  const listCrumb = (req: Request, associationId: number) => ({
    href: listPath(associationId),
    label: req.t('calendar.activities.heading'),
  });

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    page: {
      association: ManagedAssociation;
      /** The activity being edited, with the version the form carries; null for a new one. */
      activity: { id: number; title: string; version: number } | null;
      /** The values the edited activity already has (offered even if retired since). */
      kept?: Kept;
      values: Record<string, unknown>;
      errors?: FieldError[];
      conflict?: boolean;
    },
  ) {
    const { localAreas, targetGroups } = await calendar.lookups(page.kept);
    const name = (row: VocabularyValue) => choiceLabel(row, req.lang, req.t);
    res.status(status).render(FORM_VIEW, {
      title: req.t(page.activity ? 'calendar.activityForm.editTitle' : 'calendar.activityForm.newTitle'),
      breadcrumbs: [
        listCrumb(req, page.association.id),
        { label: req.t(page.activity ? 'calendar.activityForm.editTitle' : 'calendar.activityForm.newTitle') },
      ],
      association: page.association,
      activity: page.activity,
      version: page.activity ? String(page.activity.version) : null,
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

  /** A retired value is accepted only if the activity already has it (`kept`). */
  async function parseActivityForm(req: Request, kept?: Kept) {
    const { localAreas, targetGroups } = await calendar.lookups(kept);
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
      date: dateText(localDateOf(activity.startsAt)),
      startTime: timeInputValue(localTimeOf(activity.startsAt), lang),
      endTime: activity.endsAt ? timeInputValue(localTimeOf(activity.endsAt), lang) : '',
      repeatUntil: activity.repeatUntil ? dateText(isoDateOfDbDate(activity.repeatUntil)) : '',
      published: activity.published ? 'ja' : undefined,
    };
  }

  /** This association's activity named in the path, or 404. */
  async function activityOf(req: Request, association: ManagedAssociation): Promise<AssociationActivity> {
    const activity = await activities.findForAssociation(association.id, requireId(req.params.activityId));
    if (!activity) throw new HttpError(404);
    return activity;
  }

  const list: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const rows = await activities.listForAssociation(association.id);
    const fmt = calendarFormat(req.lang);
    res.render('calendar/activities', {
      title: req.t('calendar.activities.title', { association: association.name }),
      breadcrumbs: [{ label: req.t('calendar.activities.heading') }],
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
    const association = managedAssociation(res);
    await renderForm(req, res, 200, { association, activity: null, values: { recurrence: 'ONCE', published: 'ja' } });
  };

  const create: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const form = await parseActivityForm(req);
    if (!form.ok) {
      await renderForm(req, res, 422, { association, activity: null, values: keepValues(req.body), errors: form.errors });
      return;
    }
    await activities.create(changeContext(req, deps.clock.now()), association.id, form.data);
    addFlash(req, 'success', 'calendar.flash.activityCreated');
    res.redirect(303, listPath(association.id));
  };

  const showEdit: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const activity = await activityOf(req, association);
    await renderForm(req, res, 200, { association, activity, kept: keptOf(activity), values: valuesOf(activity, req.lang) });
  };

  const update: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const activity = await activityOf(req, association);
    const loadedVersion = requireVersion(req.body);
    const values = keepValues(req.body, ['_csrf', 'version']);
    const form = await parseActivityForm(req, keptOf(activity));
    if (!form.ok) {
      // The re-rendered form keeps the version the member started from, so a failed
      // validation cannot hide someone else's save.
      const shown = { ...activity, version: loadedVersion };
      await renderForm(req, res, 422, { association, activity: shown, kept: keptOf(activity), values, errors: form.errors });
      return;
    }
    const outcome = await activities.update(changeContext(req, deps.clock.now()), association.id, activity.id, loadedVersion, form.data);
    if (!outcome.ok && outcome.reason === 'conflict') {
      // Someone saved in between. Keep this member's input and say so; the form now
      // carries the latest version, so saving again is a deliberate overwrite.
      const latest = await activityOf(req, association);
      await renderForm(req, res, 409, { association, activity: latest, kept: keptOf(latest), values, conflict: true });
      return;
    }
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'calendar.flash.activityUpdated');
    res.redirect(303, listPath(association.id));
  };

  const confirmRemove: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const activity = await activityOf(req, association);
    res.render('calendar/confirm-delete', {
      title: req.t('calendar.activityDelete.title', { activity: activity.title }),
      breadcrumbs: [listCrumb(req, association.id), { label: req.t('calendar.activityDelete.crumb') }],
      // The title is the association's Danish text: the view puts it in an element of its own.
      heading: req.t('calendar.activityDelete.heading', { activity: SUBJECT_MARK }),
      subject: activity.title,
      text: req.t('calendar.activityDelete.text'),
      detail: describeSchedule(req.t, calendarFormat(req.lang), activity),
      button: req.t('calendar.activityDelete.button'),
      cancelHref: listPath(association.id),
    });
  };

  const remove: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const outcome = await activities.remove(changeContext(req, deps.clock.now()), association.id, requireId(req.params.activityId));
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'calendar.flash.activityDeleted');
    res.redirect(303, listPath(association.id));
  };

  return { list, showNew, create, showEdit, update, confirmRemove, remove };
}
