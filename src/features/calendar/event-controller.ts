// Staff keep the municipality's portal-wide events. The routes let staff and admins in
// only (`access.requireStaff`, in calendar-routes.ts).
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
import { calendarFormat } from './calendar-format.js';
import { EVENT_KINDS, eventFormSchema } from './calendar-schemas.js';
import { dateText } from '../../validation/dates.js';
import { localDateOf, localTimeOf, timeInputValue } from './copenhagen-time.js';
import type { EventService, StaffEvent } from './event-service.js';
import { describeSchedule } from './schedule-text.js';
import { SUBJECT_MARK } from './calendar-format.js';
import type { CalendarService } from './calendar-service.js';
import { choiceLabel, type VocabularyValue } from '../vocabularies/vocabulary-options.js';

const LIST_PATH = '/medarbejder/arrangementer';

// The trail (#10): Forside › Medarbejder › Kommunens arrangementer › the page.
const staffCrumb = (req: Request) => ({ href: '/medarbejder', label: req.t('staff.title') });
const listCrumb = (req: Request) => ({ href: LIST_PATH, label: req.t('calendar.events.heading') });

type Kept = { localAreaIds: number[]; targetGroupIds: number[] };

/** The vocabulary values an event already has (offered and accepted even if retired since). */
const keptOf = (event: StaffEvent | null): Kept | undefined =>
  event
    ? { localAreaIds: event.localAreaId === null ? [] : [event.localAreaId], targetGroupIds: event.targetGroups.map((group) => group.id) }
    : undefined;

export interface EventControllerDeps {
  clock: Clock;
  events: EventService;
  /** The local areas and target groups the form offers (the same as the activity form's). */
  calendar: Pick<CalendarService, 'lookups'>;
}

export function createEventController(deps: EventControllerDeps) {
  const { events, calendar } = deps;

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    page: { event: StaffEvent | null; values: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean },
  ) {
    const { localAreas, targetGroups } = await calendar.lookups(keptOf(page.event));
    const name = (row: VocabularyValue) => choiceLabel(row, req.lang, req.t);
    res.status(status).render('calendar/event-form', {
      title: req.t(page.event ? 'calendar.eventForm.editTitle' : 'calendar.eventForm.newTitle'),
      breadcrumbs: [
        staffCrumb(req),
        listCrumb(req),
        { label: req.t(page.event ? 'calendar.eventForm.editTitle' : 'calendar.eventForm.newTitle') },
      ],
      event: page.event,
      version: page.event ? String(page.event.version) : null,
      conflict: page.conflict ?? false,
      listPath: LIST_PATH,
      kindOptions: EVENT_KINDS.map((kind) => ({ value: kind, label: req.t(`calendar.eventKind.${kind}`) })),
      localAreaOptions: localAreas.map((row) => ({ value: String(row.id), label: name(row) })),
      targetGroupOptions: targetGroups.map((row) => ({ value: String(row.id), label: name(row) })),
      // The text limits are the same whatever the day and lookups the schema is built with.
      limits: maxLengths(eventFormSchema({ today: localDateOf(deps.clock.now()), localAreaIds: new Set(), targetGroupIds: new Set() })),
      values: page.values,
      errors: page.errors ?? [],
    });
  }

  /** A retired value is accepted only if the event already has it. */
  async function parseEventForm(req: Request, event: StaffEvent | null) {
    const { localAreas, targetGroups } = await calendar.lookups(keptOf(event));
    const schema = eventFormSchema({
      today: localDateOf(deps.clock.now()),
      localAreaIds: new Set(localAreas.map((row) => row.id)),
      targetGroupIds: new Set(targetGroups.map((row) => row.id)),
    });
    return parseForm(schema, req.body);
  }

  const valuesOf = (event: StaffEvent, lang: Language): Record<string, unknown> => ({
    kind: event.kind,
    title: event.title,
    description: event.description,
    place: event.place,
    localAreaId: event.localAreaId === null ? '' : String(event.localAreaId),
    targetGroupIds: event.targetGroups.map((group) => String(group.id)),
    date: dateText(localDateOf(event.startsAt)),
    startTime: timeInputValue(localTimeOf(event.startsAt), lang),
    endTime: event.endsAt ? timeInputValue(localTimeOf(event.endsAt), lang) : '',
    url: event.url ?? '',
  });

  const list: RequestHandler = async (req, res) => {
    const { upcoming, past } = await events.listForStaff(deps.clock.now());
    const fmt = calendarFormat(req.lang);
    const name = (row: { nameDa: string; nameEn: string }) => (req.lang === 'en' ? row.nameEn : row.nameDa);
    const view = (event: StaffEvent) => ({
      id: event.id,
      title: event.title,
      place: event.place,
      kind: event.kind,
      localArea: event.localArea ? name(event.localArea) : null,
      targetGroups: event.targetGroups.map(name),
      schedule: describeSchedule(req.t, fmt, { ...event, recurrence: 'ONCE', repeatUntil: null }),
    });
    res.render('calendar/events', {
      title: req.t('calendar.events.title'),
      breadcrumbs: [staffCrumb(req), { label: req.t('calendar.events.heading') }],
      upcoming: upcoming.map(view),
      past: past.map(view),
      listPath: LIST_PATH,
    });
  };

  const showNew: RequestHandler = async (req, res) => {
    await renderForm(req, res, 200, { event: null, values: {} });
  };

  const create: RequestHandler = async (req, res) => {
    const form = await parseEventForm(req, null);
    if (!form.ok) {
      await renderForm(req, res, 422, { event: null, values: keepValues(req.body), errors: form.errors });
      return;
    }
    await events.create(changeContext(req, deps.clock.now()), form.data);
    addFlash(req, 'success', 'calendar.flash.eventCreated');
    res.redirect(303, LIST_PATH);
  };

  const loadEvent = async (req: Request) => {
    const event = await events.find(requireId(req.params.eventId));
    if (!event) throw new HttpError(404);
    return event;
  };

  const showEdit: RequestHandler = async (req, res) => {
    const event = await loadEvent(req);
    await renderForm(req, res, 200, { event, values: valuesOf(event, req.lang) });
  };

  const update: RequestHandler = async (req, res) => {
    const event = await loadEvent(req);
    const loadedVersion = requireVersion(req.body);
    const values = keepValues(req.body, ['_csrf', 'version']);
    const form = await parseEventForm(req, event);
    if (!form.ok) {
      // The re-rendered form keeps the version the editor started from.
      await renderForm(req, res, 422, { event: { ...event, version: loadedVersion }, values, errors: form.errors });
      return;
    }
    const outcome = await events.update(changeContext(req, deps.clock.now()), event.id, loadedVersion, form.data);
    if (!outcome.ok && outcome.reason === 'conflict') {
      // Someone saved in between: keep this input, show the warning, carry the latest version.
      await renderForm(req, res, 409, { event: await loadEvent(req), values, conflict: true });
      return;
    }
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'calendar.flash.eventUpdated');
    res.redirect(303, LIST_PATH);
  };

  const confirmRemove: RequestHandler = async (req, res) => {
    const event = await loadEvent(req);
    res.render('calendar/confirm-delete', {
      title: req.t('calendar.eventDelete.title', { event: event.title }),
      breadcrumbs: [staffCrumb(req), listCrumb(req), { label: req.t('calendar.eventDelete.crumb') }],
      // The title is the staff member's Danish text: the view puts it in an element of its own.
      heading: req.t('calendar.eventDelete.heading', { event: SUBJECT_MARK }),
      subject: event.title,
      text: req.t('calendar.eventDelete.text'),
      detail: describeSchedule(req.t, calendarFormat(req.lang), { ...event, recurrence: 'ONCE', repeatUntil: null }),
      button: req.t('calendar.eventDelete.button'),
      cancelHref: LIST_PATH,
    });
  };

  const remove: RequestHandler = async (req, res) => {
    const outcome = await events.remove(changeContext(req, deps.clock.now()), requireId(req.params.eventId));
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'calendar.flash.eventDeleted');
    res.redirect(303, LIST_PATH);
  };

  return { list, showNew, create, showEdit, update, confirmRemove, remove };
}
