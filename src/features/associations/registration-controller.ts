// GET/POST /foreninger/ny: an association registers itself, with its first member's
// account (or, for someone already logged in, with their own user). The association
// starts pending; the applicant is logged in, gets a receipt, and the municipality is
// told that an association awaits approval.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { honeypotFilled } from '../../validation/honeypot.js';
import type { MailMessage } from '../../mail/mailer.js';
import { organisationTypeOptions, type AssociationFormOptions } from './association-options.js';
import { registrationSchema, registrationWithAccountSchema, SECRET_FIELDS } from './association-schemas.js';
import { awaitingApprovalNotice, registrationReceipt } from './association-mail.js';
import { danish } from '../../mail/compose.js';
import type { Registered } from './registration-service.js';
import type { AssociationControllerDeps } from './association-routes.js';
import { logInAs } from '../auth/session-login.js';

const VIEW = 'associations/register';

export function createRegistrationController(deps: AssociationControllerDeps) {
  const { registrations, associationOptions, security } = deps.services;

  const render = (req: Request, res: Response, status: number, options: AssociationFormOptions, errors: FieldError[] = []) => {
    res.status(status).render(VIEW, {
      title: req.t('associations.register.title'),
      breadcrumbs: [{ href: '/foreninger', label: req.t('nav.associations') }, { label: req.t('associations.register.heading') }],
      errors,
      values: keepValues(req.body, SECRET_FIELDS),
      limits: maxLengths(req.user ? registrationSchema(options) : registrationWithAccountSchema(options)),
      fieldsOfWork: options.fieldsOfWork,
      localAreas: options.localAreas,
      organisationTypes: organisationTypeOptions(req.t),
      withAccount: !req.user,
    });
  };

  const show: RequestHandler = async (req, res) => {
    render(req, res, 200, await associationOptions.formOptions(req.lang, req.t));
  };

  /** The receipt in the applicant's language; the notice to the municipality in Danish. */
  const mailFor =
    (req: Request, res: Response) =>
    ({ association, user }: Registered): MailMessage[] => {
      const { baseUrl } = deps.config;
      const { contactEmail } = res.locals.municipality;
      return [
        registrationReceipt(req.t, user.email, { association, recipientName: user.name, baseUrl }),
        ...(contactEmail ? [awaitingApprovalNotice(danish(req.t), contactEmail, { association, baseUrl })] : []),
      ];
    };

  const submit: RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (honeypotFilled(body)) {
      // Looks like a bot. Answer as if all went well, so it learns nothing; save nothing.
      req.log?.info({ honeypot: true }, 'association registration dropped');
      void security.record({ action: 'association.registration.honeypot', requestId: String(req.id) });
      addFlash(req, 'success', 'associations.register.received');
      res.redirect(303, '/');
      return;
    }

    const options = await associationOptions.formOptions(req.lang, req.t);
    const context = changeContext(req, deps.clock.now());
    const currentUser = req.user;
    let outcome;
    if (currentUser) {
      const form = parseForm(registrationSchema(options), body);
      if (!form.ok) return render(req, res, 422, options, form.errors);
      outcome = await registrations.register(form.data, { existingUser: currentUser }, context, mailFor(req, res));
    } else {
      const form = parseForm(registrationWithAccountSchema(options), body);
      if (!form.ok) return render(req, res, 422, options, form.errors);
      const { accountName, accountEmail, password, ...association } = form.data;
      outcome = await registrations.register(
        association,
        { account: { name: accountName, email: accountEmail, password } },
        context,
        mailFor(req, res),
      );
    }
    if (!outcome.ok) {
      // Registration has to say that the e-mail is in use (we cannot make a second
      // user with it). The message only points to logging in; it shows nothing about
      // the existing user, and the per-address rate limit keeps this from being used
      // to test many addresses.
      return render(req, res, 422, options, [{ field: 'accountEmail', key: 'associations.form.errors.accountEmailTaken' }]);
    }

    if (!currentUser) await logInAs(req, outcome.user, context.now);
    addFlash(req, 'success', 'associations.register.flashPending');
    res.redirect(303, '/min-side');
  };

  return { show, submit };
}
