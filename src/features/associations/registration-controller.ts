// GET/POST /foreninger/ny: an association registers itself, with its first member's
// account (or, for someone already logged in, with their own user). The association
// starts pending; the applicant is logged in, gets a receipt, and the municipality is
// told that an association awaits approval.
import type { Request, RequestHandler, Response } from 'express';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { honeypotFilled } from '../../validation/honeypot.js';
import type { FeatureDeps } from '../feature-deps.js';
import { loadFormOptions, organisationTypeOptions, type AssociationFormOptions } from './association-options.js';
import { registrationSchema, registrationWithAccountSchema, SECRET_FIELDS } from './association-schemas.js';
import { awaitingApprovalNotice, danish, registrationReceipt, sendSafely } from './association-mail.js';
import { createRegistrationService } from './registration-service.js';
import { logInAs } from './session-login.js';

const VIEW = 'associations/register';

export function createRegistrationController(deps: FeatureDeps) {
  const registrations = createRegistrationService(deps.prisma);

  const render = (req: Request, res: Response, status: number, options: AssociationFormOptions, errors: FieldError[] = []) => {
    res.status(status).render(VIEW, {
      title: req.t('associations.register.title'),
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
    render(req, res, 200, await loadFormOptions(deps.prisma, req.lang));
  };

  const submit: RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const requestId = String(req.id);
    if (honeypotFilled(body)) {
      // Looks like a bot. Answer as if all went well, so it learns nothing; save nothing.
      req.log?.info({ honeypot: true }, 'association registration dropped');
      void deps.audit.record({ action: 'association.registration.honeypot', requestId });
      addFlash(req, 'success', 'associations.register.received');
      res.redirect(303, '/');
      return;
    }

    const options = await loadFormOptions(deps.prisma, req.lang);
    const now = deps.clock.now();
    const currentUser = req.user;
    let outcome;
    if (currentUser) {
      const form = parseForm(registrationSchema(options), body);
      if (!form.ok) return render(req, res, 422, options, form.errors);
      outcome = await registrations.register(form.data, { existingUser: currentUser }, { requestId, now });
    } else {
      const form = parseForm(registrationWithAccountSchema(options), body);
      if (!form.ok) return render(req, res, 422, options, form.errors);
      const { accountName, accountEmail, password, ...association } = form.data;
      outcome = await registrations.register(
        association,
        { account: { name: accountName, email: accountEmail, password } },
        { requestId, now },
      );
    }
    if (!outcome.ok) {
      // Registration has to say that the e-mail is in use (we cannot make a second
      // user with it). The message only points to logging in; it shows nothing about
      // the existing user, and the per-address rate limit keeps this from being used
      // to test many addresses.
      return render(req, res, 422, options, [{ field: 'accountEmail', key: 'associations.form.errors.accountEmailTaken' }]);
    }

    const { association, user } = outcome;
    if (!currentUser) await logInAs(req, user, now);
    addFlash(req, 'success', 'associations.register.flashPending');

    const municipality = await deps.settings.profile();
    await sendSafely(
      deps.mailer,
      deps.logger,
      registrationReceipt(req.t, user.email, { association, recipientName: user.name, baseUrl: deps.config.baseUrl }),
      'association.receipt',
    );
    if (municipality.contactEmail) {
      await sendSafely(
        deps.mailer,
        deps.logger,
        awaitingApprovalNotice(danish(req.t), municipality.contactEmail, { association, baseUrl: deps.config.baseUrl }),
        'association.awaitingApproval',
      );
    }
    res.redirect(303, '/min-side');
  };

  return { show, submit };
}
