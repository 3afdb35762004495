// Activities, events, the public calendar and its iCalendar feeds.
//   /kalender, /kalender.ics, /foreninger/:slug/kalender.ics       public
//   /min-forening/:associationId/aktiviteter[...]                  members of that association (and admins)
//   /medarbejder/arrangementer[...]                                staff and admins
// Deleting asks first (GET shows a confirmation page, only POST deletes).
import express, { type RequestHandler, type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';
import { createActivityController } from './activity-controller.js';
import { createCalendarController } from './calendar-controller.js';
import { createEventController } from './event-controller.js';

export function calendarRoutes(deps: FeatureDeps): Router {
  const router = express.Router();
  const publicCalendar = createCalendarController(deps);
  const activities = createActivityController(deps);
  const events = createEventController(deps);

  router.get('/kalender', publicCalendar.show);
  router.get('/kalender.ics', publicCalendar.portalFeed);
  router.get('/foreninger/:slug/kalender.ics', publicCalendar.associationFeed);

  // INTERIM: the association-area guard (app.ts) already checked id, policy and existence.
  const member: RequestHandler = (_req, _res, next) => next();
  const activityBase = '/min-forening/:associationId/aktiviteter';
  router.get(activityBase, member, activities.list);
  router.get(`${activityBase}/ny`, member, activities.showNew);
  router.post(`${activityBase}/ny`, member, activities.create);
  router.get(`${activityBase}/:activityId/rediger`, member, activities.showEdit);
  router.post(`${activityBase}/:activityId/rediger`, member, activities.update);
  router.get(`${activityBase}/:activityId/slet`, member, activities.confirmRemove);
  router.post(`${activityBase}/:activityId/slet`, member, activities.remove);

  const staff = deps.access.requireStaff;
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
