// GET/POST /min-side/adgangskode: a logged-in user changes their password, giving the
// current one first. The change ends the user's other sessions (ASVS 7.4.3) and
// keeps this one: the reader is logged in again on a new session id (knowing the
// current password is a fresh authentication), so the absolute timeout counts from now.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { logInAs } from './session-login.js';
import { passwordChangedMail } from './password-mail.js';
import type { PasswordRouteDeps } from './password-reset-routes.js';
import { changePasswordFormSchema, PASSWORD_FORM_SECRETS } from './password-reset-schemas.js';
import { noteWrongPassword } from '../../middleware/rate-limits.js';

const OUTCOME_ERRORS: Record<'wrong-current' | 'same-as-current' | 'conflict', { status: number; error: FieldError }> = {
  'wrong-current': { status: 422, error: { field: 'currentPassword', key: 'auth.changePassword.currentWrong' } },
  'same-as-current': { status: 422, error: { field: 'password', key: 'auth.changePassword.sameAsCurrent' } },
  conflict: { status: 409, error: { field: 'currentPassword', key: 'auth.changePassword.conflict' } },
};

export function createChangePasswordController(deps: Omit<PasswordRouteDeps, 'access'>) {
  const { passwords, security } = deps.services;
  const render = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    res.status(status).render('auth/change-password', {
      title: req.t('auth.changePassword.title'),
      limits: maxLengths(changePasswordFormSchema(req.user?.email ?? '')),
      errors,
      values: keepValues(req.body, PASSWORD_FORM_SECRETS),
    });
  };

  const show: RequestHandler = (req, res) => render(req, res, 200);

  const change: RequestHandler = async (req, res) => {
    const user = req.user!; // requireLogin guarantees it
    const form = parseForm(changePasswordFormSchema(user.email), req.body);
    if (!form.ok) return render(req, res, 422, form.errors);
    const now = deps.clock.now();
    const municipality = res.locals.municipality;
    const outcome = await passwords.changePassword(
      user.id,
      { current: form.data.currentPassword, next: form.data.password },
      req.sessionID,
      changeContext(req, now),
      (changed) => [
        passwordChangedMail(req.t, changed, {
          baseUrl: deps.config.baseUrl,
          municipality: municipality.name,
          contactEmail: municipality.contactEmail,
          at: now,
        }),
      ],
    );
    if (!outcome.ok) {
      if (outcome.reason === 'wrong-current') noteWrongPassword(res);
      const { status, error } = OUTCOME_ERRORS[outcome.reason];
      return render(req, res, status, [error]);
    }
    await logInAs(req, user, outcome.changedAt);
    addFlash(req, 'success', 'auth.changePassword.flashDone');
    res.redirect(303, '/min-side');
  };

  const rateLimited = (req: Request, res: Response) => {
    void security.record({ action: 'auth.password.changeRateLimited', actorUserId: req.user?.id ?? null, requestId: String(req.id) });
    render(req, res, 429, [{ field: 'currentPassword', key: 'auth.changePassword.rateLimited' }]);
  };

  return { show, change, rateLimited };
}
