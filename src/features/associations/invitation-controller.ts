// GET/POST /invitation/:token: joining an association from the link in an invitation
// e-mail. Three situations: the invitee is logged in with the invited e-mail (confirm
// and join), has no user yet (make one, then join and be logged in), or has a user
// but is not logged in (log in first, then come back here). Joining is a POST, never
// a GET (ASVS 3.5.3). Unknown, used and expired links get one and the same page.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { areaPath } from '../association-area/association-area.js';
import { invitedAccountSchema, SECRET_FIELDS } from './association-schemas.js';
import type { AssociationControllerDeps } from './association-routes.js';
import { logInAs } from '../auth/session-login.js';

type InvitationState = 'confirm' | 'wrong-user' | 'log-in' | 'create-account';

export function createInvitationController(deps: AssociationControllerDeps) {
  const { memberships } = deps.services;

  const renderInvalid = (req: Request, res: Response) => {
    res.status(404).render('associations/invitation-invalid', { title: req.t('associations.invitation.invalidTitle') });
  };

  const render = (
    req: Request,
    res: Response,
    status: number,
    state: InvitationState,
    invitation: { email: string; association: { name: string } },
    errors: FieldError[] = [],
  ) => {
    if (state === 'log-in') {
      // After logging in, the login form sends the reader back here.
      req.session.returnTo = req.originalUrl;
    }
    res.status(status).render('associations/invitation', {
      title: req.t('associations.invitation.title', { name: invitation.association.name }),
      state,
      associationName: invitation.association.name,
      invitedEmail: invitation.email,
      action: req.originalUrl,
      limits: maxLengths(invitedAccountSchema(invitation.email)),
      errors,
      values: keepValues(req.body, SECRET_FIELDS),
    });
  };

  async function stateFor(req: Request, invitedEmail: string): Promise<InvitationState> {
    if (req.user) return req.user.email === invitedEmail ? 'confirm' : 'wrong-user';
    return (await memberships.userExists(invitedEmail)) ? 'log-in' : 'create-account';
  }

  const show: RequestHandler = async (req, res) => {
    const token = String(req.params.token);
    const lookup = await memberships.lookupInvitation(token, deps.clock.now());
    if (!lookup.ok) return renderInvalid(req, res);
    render(req, res, 200, await stateFor(req, lookup.invitation.email), lookup.invitation);
  };

  const accept: RequestHandler = async (req, res) => {
    const token = String(req.params.token);
    const now = deps.clock.now();
    const lookup = await memberships.lookupInvitation(token, now);
    if (!lookup.ok) return renderInvalid(req, res);
    const { invitation } = lookup;
    const state = await stateFor(req, invitation.email);
    const context = changeContext(req, now);

    if (state === 'wrong-user') return render(req, res, 403, state, invitation);
    if (state === 'log-in') return render(req, res, 409, state, invitation);

    if (state === 'confirm') {
      const outcome = await memberships.acceptAsUser(token, req.user!, context);
      if (!outcome.ok) return renderInvalid(req, res);
    } else {
      const form = parseForm(invitedAccountSchema(invitation.email), req.body);
      if (!form.ok) return render(req, res, 422, state, invitation, form.errors);
      const outcome = await memberships.acceptWithNewAccount(token, { name: form.data.accountName, password: form.data.password }, context);
      if (!outcome.ok) {
        if (outcome.reason === 'email-taken') return render(req, res, 409, 'log-in', invitation);
        return renderInvalid(req, res);
      }
      await logInAs(req, outcome.user, now);
    }
    addFlash(req, 'success', 'associations.invitation.flashJoined');
    res.redirect(303, areaPath(invitation.association.id, '/profil'));
  };

  return { show, accept };
}
