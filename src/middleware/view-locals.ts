// What every page's layout needs: the user, the current path (for the language
// switch and active menu item), what the reader may do (`can`), the municipality
// profile, and the empty defaults of the shared view parts (views/partials/*):
// no form errors or values, no field limits, no breadcrumbs, and the honeypot's
// field name.
import type { RequestHandler } from 'express';
import type { SettingsService } from '../features/municipality/settings-service.js';
import { permissionsFor } from '../access/policies.js';
import { HONEYPOT_FIELD } from '../validation/honeypot.js';

export function viewLocals(settings: SettingsService): RequestHandler {
  // Most requests are anonymous: their permissions (all no) are the same object every time.
  const anonymous = permissionsFor(undefined);
  return async (req, res, next) => {
    res.locals.user = req.user;
    res.locals.can = req.user ? permissionsFor(req.user) : anonymous;
    res.locals.currentPath = req.originalUrl;
    res.locals.requestId = String(req.id);
    res.locals.errors = [];
    res.locals.values = {};
    res.locals.limits = {};
    res.locals.breadcrumbs = [];
    res.locals.honeypotField = HONEYPOT_FIELD;
    res.locals.municipality = await settings.profile();
    // Pages for logged-in users may show personal data: never store them in caches
    // (ASVS 14.3.2).
    if (req.user) res.set('Cache-Control', 'no-store');
    next();
  };
}
