// Activities, events, calendar and iCalendar feeds.
import express, { type Router } from 'express';
import type { FeatureDeps } from '../feature-deps.js';

export function calendarRoutes(_deps: FeatureDeps): Router {
  const router = express.Router();
  return router;
}
