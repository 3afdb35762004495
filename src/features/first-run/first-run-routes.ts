// /opsaetning: the first-run set-up page (public). It exists only while no active admin
// exists (otherwise 404), and only the set-up code printed in the server's start-up
// output opens it. Wrong codes are recorded and rate-limited per address.
import express, { type Request, type Response, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { changeContext, type SecurityEvents } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { SECRET_FIELDS, setupSchema } from './first-run-schemas.js';
import type { FirstRunService } from './first-run-service.js';
import type { RateLimitStores } from '../../security/rate-limit-store.js';

export const SETUP_PATH = '/opsaetning';
/** Failed set-up attempts per address per hour (the code has ~59 bits; this makes guessing hopeless). */
export const SETUP_ATTEMPTS_PER_HOUR = 10;

export function firstRunRoutes(deps: {
  clock: Clock;
  services: { firstRun: FirstRunService; security: SecurityEvents; rateLimits: RateLimitStores };
}): Router {
  const { firstRun, security } = deps.services;

  const render = (req: Request, res: Response, status: number, form: { errors?: FieldError[]; values?: Record<string, unknown> } = {}) => {
    res.set('Cache-Control', 'no-store');
    res.status(status).render('first-run/setup', {
      title: req.t('firstRun.title'),
      errors: form.errors ?? [],
      values: form.values ?? {},
      limits: maxLengths(setupSchema),
    });
  };

  // Only failed attempts count: a form with errors or a wrong code.
  const attempts = rateLimit({
    store: deps.services.rateLimits.store('first-run'),
    windowMs: 60 * 60 * 1000,
    limit: SETUP_ATTEMPTS_PER_HOUR,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, _res, next) => {
      // record() never throws (best effort); the 429 waits for it so the trail is in order.
      void security.record({ action: 'setup.rateLimited', requestId: String(req.id) }).then(() => next(new HttpError(429)));
    },
  });

  const router = express.Router();

  router.get(SETUP_PATH, async (req, res) => {
    if (!(await firstRun.isOpen())) throw new HttpError(404);
    render(req, res, 200);
  });

  router.post(SETUP_PATH, attempts, async (req, res) => {
    if (!(await firstRun.isOpen())) throw new HttpError(404);
    const values = keepValues(req.body, SECRET_FIELDS);
    const form = parseForm(setupSchema, req.body);
    if (!form.ok) return render(req, res, 422, { errors: form.errors, values });
    const outcome = await firstRun.complete(form.data, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      if (outcome.reason === 'closed') throw new HttpError(404);
      if (outcome.reason === 'email-taken')
        return render(req, res, 422, { errors: [{ field: 'email', key: 'firstRun.errors.emailTaken' }], values });
      await security.record({ action: 'setup.code-refused', requestId: String(req.id) });
      return render(req, res, 422, { errors: [{ field: 'setupCode', key: 'firstRun.errors.wrongCode' }], values });
    }
    addFlash(req, 'success', 'firstRun.flashDone');
    res.redirect(303, '/log-ind');
  });

  return router;
}
