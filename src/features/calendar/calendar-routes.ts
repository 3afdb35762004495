// Activities, events, the public calendar and its iCalendar feeds.
//   /kalender, /kalender.ics, /kalender/arrangementer/:eventId,
//   /foreninger/:slug/kalender.ics                                 public
//   /min-forening/:associationId/aktiviteter[...]                  members of that association (and admins);
//                                                                  the association-area guard in app.ts checks it
//   /medarbejder/arrangementer[...]                                staff and admins
// Deleting asks first (GET shows a confirmation page, only POST deletes).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { ActivityService } from './activity-service.js';
import { createActivityController } from './activity-controller.js';
import { createCalendarController } from './calendar-controller.js';
import type { CalendarService } from './calendar-service.js';
import { createEventController } from './event-controller.js';
import type { EventService } from './event-service.js';

export interface CalendarRouteDeps {
  access: AccessControl;
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  services: { activities: ActivityService; events: EventService; calendar: CalendarService };
}

export function calendarRoutes(deps: CalendarRouteDeps): Router {
  const { access, clock, services } = deps;
  const router = express.Router();
  const publicCalendar = createCalendarController({ clock, baseUrl: deps.config.baseUrl, calendar: services.calendar });
  const activities = createActivityController({ clock, activities: services.activities, calendar: services.calendar });
  const events = createEventController({ clock, events: services.events, calendar: services.calendar });

  router.get('/kalender', publicCalendar.show);
  router.get('/kalender.ics', publicCalendar.portalFeed);
  router.get('/kalender/arrangementer/:eventId', publicCalendar.event);
  router.get('/foreninger/:slug/kalender.ics', publicCalendar.associationFeed);

  const activityBase = '/min-forening/:associationId/aktiviteter';
  router.get(activityBase, activities.list);
  router.get(`${activityBase}/ny`, activities.showNew);
  router.post(`${activityBase}/ny`, activities.create);
  router.get(`${activityBase}/:activityId/rediger`, activities.showEdit);
  router.post(`${activityBase}/:activityId/rediger`, activities.update);
  router.get(`${activityBase}/:activityId/slet`, activities.confirmRemove);
  router.post(`${activityBase}/:activityId/slet`, activities.remove);

  const staff = access.requireStaff;
  const eventBase = '/medarbejder/arrangementer';
  router.get(eventBase, staff, events.list);
  router.get(`${eventBase}/ny`, staff, events.showNew);
  router.post(`${eventBase}/ny`, staff, events.create);
  router.get(`${eventBase}/:eventId/rediger`, staff, events.showEdit);
  router.post(`${eventBase}/:eventId/rediger`, staff, events.update);
  router.get(`${eventBase}/:eventId/slet`, staff, events.confirmRemove);
  router.post(`${eventBase}/:eventId/slet`, staff, events.remove);

  return router;
}
