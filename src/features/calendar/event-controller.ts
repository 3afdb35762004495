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

const LIST_PATH = '/medarbejder/arrangementer';

export interface EventControllerDeps {
  clock: Clock;
  events: EventService;
}

export function createEventController(deps: EventControllerDeps) {
  const { events } = deps;

  function renderForm(
    req: Request,
    res: Response,
    status: number,
    page: { event: StaffEvent | null; values: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean },
  ) {
    res.status(status).render('calendar/event-form', {
      title: req.t(page.event ? 'calendar.eventForm.editTitle' : 'calendar.eventForm.newTitle'),
      event: page.event,
      version: page.event ? String(page.event.version) : null,
      conflict: page.conflict ?? false,
      listPath: LIST_PATH,
      kindOptions: EVENT_KINDS.map((kind) => ({ value: kind, label: req.t(`calendar.eventKind.${kind}`) })),
      limits: maxLengths(eventFormSchema({ today: localDateOf(deps.clock.now()) })),
      values: page.values,
      errors: page.errors ?? [],
    });
  }

  const parseEventForm = (req: Request) => parseForm(eventFormSchema({ today: localDateOf(deps.clock.now()) }), req.body);

  const valuesOf = (event: StaffEvent, lang: Language): Record<string, unknown> => ({
    kind: event.kind,
    title: event.title,
    description: event.description,
    place: event.place,
    date: dateText(localDateOf(event.startsAt)),
    startTime: timeInputValue(localTimeOf(event.startsAt), lang),
    endTime: event.endsAt ? timeInputValue(localTimeOf(event.endsAt), lang) : '',
    url: event.url ?? '',
  });

  const list: RequestHandler = async (req, res) => {
    const { upcoming, past } = await events.listForStaff(deps.clock.now());
    const fmt = calendarFormat(req.lang);
    const view = (event: StaffEvent) => ({
      id: event.id,
      title: event.title,
      place: event.place,
      kind: event.kind,
      schedule: describeSchedule(req.t, fmt, { ...event, recurrence: 'ONCE', repeatUntil: null }),
    });
    res.render('calendar/events', {
      title: req.t('calendar.events.title'),
      upcoming: upcoming.map(view),
      past: past.map(view),
      listPath: LIST_PATH,
    });
  };

  const showNew: RequestHandler = (req, res) => {
    renderForm(req, res, 200, { event: null, values: {} });
  };

  const create: RequestHandler = async (req, res) => {
    const form = parseEventForm(req);
    if (!form.ok) {
      renderForm(req, res, 422, { event: null, values: keepValues(req.body), errors: form.errors });
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
    renderForm(req, res, 200, { event, values: valuesOf(event, req.lang) });
  };

  const update: RequestHandler = async (req, res) => {
    const event = await loadEvent(req);
    const loadedVersion = requireVersion(req.body);
    const values = keepValues(req.body, ['_csrf', 'version']);
    const form = parseEventForm(req);
    if (!form.ok) {
      // The re-rendered form keeps the version the editor started from.
      renderForm(req, res, 422, { event: { ...event, version: loadedVersion }, values, errors: form.errors });
      return;
    }
    const outcome = await events.update(changeContext(req, deps.clock.now()), event.id, loadedVersion, form.data);
    if (!outcome.ok && outcome.reason === 'conflict') {
      // Someone saved in between: keep this input, show the warning, carry the latest version.
      renderForm(req, res, 409, { event: await loadEvent(req), values, conflict: true });
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
      heading: req.t('calendar.eventDelete.heading', { event: event.title }),
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
