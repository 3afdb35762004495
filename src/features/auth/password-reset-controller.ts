// A forgotten password: GET/POST /glemt-adgangskode asks for the e-mail and always
// gives the same reply, whether or not the address has a user (no account
// enumeration); GET/POST /nulstil-adgangskode/:token sets a new password from the
// link in the e-mail. Unknown, altered, used and expired links get one and the same
// page, with a way to ask for a new link.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { passwordChangedMail, resetLinkMail } from './password-mail.js';
import type { PasswordRouteDeps } from './password-reset-routes.js';
import { forgotPasswordSchema, newPasswordFormSchema, PASSWORD_FORM_SECRETS } from './password-reset-schemas.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';

function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()));
  });
}

export function createPasswordResetController(deps: Omit<PasswordRouteDeps, 'access'>) {
  const { passwords, security } = deps.services;
  const portal = (res: Response) => ({
    baseUrl: deps.config.baseUrl,
    municipality: res.locals.municipality.name,
    contactEmail: res.locals.municipality.contactEmail,
  });

  const renderForgot = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    res.status(status).render('auth/forgot-password', {
      title: req.t('auth.passwordReset.forgot.title'),
      limits: maxLengths(forgotPasswordSchema),
      errors,
      values: keepValues(req.body, PASSWORD_FORM_SECRETS),
    });
  };

  const showForgot: RequestHandler = (req, res) => renderForgot(req, res, 200);

  const requestLink: RequestHandler = async (req, res) => {
    const form = parseForm(forgotPasswordSchema, req.body);
    if (!form.ok) return renderForgot(req, res, 422, form.errors);
    // The link is queued, not sent here: the reply takes the same time and says the
    // same whether or not the address has a user.
    await passwords.requestReset(form.data.email, { requestId: String(req.id), now: deps.clock.now() }, (user, token) => [
      resetLinkMail(req.t, user, { ...portal(res), token }),
    ]);
    addFlash(req, 'info', 'auth.passwordReset.forgot.sent');
    res.redirect(303, '/glemt-adgangskode');
  };

  const rateLimited = (req: Request, res: Response) => {
    void security.record({ action: 'auth.passwordReset.rateLimited', requestId: String(req.id) });
    renderForgot(req, res, 429, [{ field: 'email', key: 'auth.passwordReset.forgot.rateLimited' }]);
  };

  const renderInvalid = (req: Request, res: Response) => {
    res.status(404).render('auth/reset-invalid', { title: req.t('auth.passwordReset.invalid.title') });
  };

  const renderReset = (req: Request, res: Response, status: number, email: string, errors: FieldError[] = []) => {
    res.status(status).render('auth/reset-password', {
      title: req.t('auth.passwordReset.reset.title'),
      email,
      limits: maxLengths(newPasswordFormSchema(email)),
      errors,
      values: keepValues(req.body, PASSWORD_FORM_SECRETS),
    });
  };

  const showReset: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const lookup = await passwords.lookupResetToken(String(req.params.token), deps.clock.now());
    if (!lookup.ok) return renderInvalid(req, res);
    renderReset(req, res, 200, lookup.user.email);
  };

  const reset: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = String(req.params.token);
    const now = deps.clock.now();
    const lookup = await passwords.lookupResetToken(token, now);
    if (!lookup.ok) return renderInvalid(req, res);
    const form = parseForm(newPasswordFormSchema(lookup.user.email), req.body);
    if (!form.ok) return renderReset(req, res, 422, lookup.user.email, form.errors);
    const context = changeContext(req, now);
    const outcome = await passwords.resetPassword(token, form.data.password, context, (user) => [
      passwordChangedMail(req.t, user, { ...portal(res), at: now }),
    ]);
    // Another request used the link a moment ago.
    if (!outcome.ok) return renderInvalid(req, res);
    // Whoever was logged in in this browser, the session starts afresh: a new id, no
    // user. The user logs in with the new password.
    await regenerateSession(req);
    addFlash(req, 'success', 'auth.passwordReset.reset.flashDone');
    res.redirect(303, '/log-ind');
  };

  return { showForgot, requestLink, rateLimited, showReset, reset };
}
