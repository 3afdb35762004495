// An account holder's own data, on "Min side":
//   GET      /min-side/data.json    the account's data as a JSON download
//   GET/POST /min-side/slet-konto   delete the account, confirmed with the current password
// Deleting is refused while the user is an association's last member (someone must
// be able to answer for the association: hand over first), and always for staff and
// admins (an admin deactivates their account, so the audit trail keeps its link).
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import { changeContext, type SecurityEvents } from '../../audit/audit-log.js';
import { permissionsFor } from '../../access/policies.js';
import { SESSION_COOKIE } from '../../middleware/session.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { DELETE_ACCOUNT_SECRETS, deleteAccountSchema } from './data-rights-schemas.js';
import type { AccountBlocker, DataRightsService } from './data-rights-service.js';
import { noteWrongPassword } from '../../middleware/rate-limits.js';

export interface AccountDataDeps {
  clock: Clock;
  security: SecurityEvents;
  dataRights: DataRightsService;
}

export function createAccountDataController(deps: AccountDataDeps) {
  const { dataRights } = deps;

  const render = (req: Request, res: Response, status: number, blocker: AccountBlocker | null, errors: FieldError[] = []) => {
    res.status(status).render('data-rights/delete-account', {
      title: req.t('dataRights.deleteAccount.title'),
      // Like the other pages under /min-side: the trail starts at Min side.
      breadcrumbs: [{ href: '/min-side', label: req.t('dataRights.account.myPage') }, { label: req.t('dataRights.deleteAccount.title') }],
      blocker,
      limits: maxLengths(deleteAccountSchema),
      errors,
      values: keepValues(req.body, DELETE_ACCOUNT_SECRETS),
    });
  };

  const download: RequestHandler = async (req, res) => {
    const data = await dataRights.accountExport(req.user!.id, deps.clock.now());
    if (!data) throw new Error('logged-in user without a row');
    res.set('Cache-Control', 'no-store');
    res.set('Content-Disposition', 'attachment; filename="min-konto.json"');
    res.type('application/json').send(JSON.stringify(data, null, 2));
  };

  const showDelete: RequestHandler = async (req, res) => {
    render(req, res, 200, await dataRights.accountBlocker(req.user!.id));
  };

  const deleteAccount: RequestHandler = async (req, res, next) => {
    const user = req.user!; // requireLogin guarantees it
    const form = parseForm(deleteAccountSchema, req.body);
    if (!form.ok) return render(req, res, 422, await dataRights.accountBlocker(user.id), form.errors);
    const outcome = await dataRights.deleteAccount(user.id, form.data.currentPassword, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      if (outcome.reason === 'wrong-password') {
        noteWrongPassword(res);
        return render(req, res, 422, await dataRights.accountBlocker(user.id), [
          { field: 'currentPassword', key: 'dataRights.deleteAccount.passwordWrong' },
        ]);
      }
      if (outcome.reason === 'not-found') return next();
      // Refused (last member, staff account): the page says why and what to do first.
      return render(req, res, 409, await dataRights.accountBlocker(user.id));
    }
    // The session rows are gone already; end this request's session object too, so
    // nothing writes it back, and answer as a logged-out reader.
    req.logout((logoutError) => {
      if (logoutError) return next(logoutError);
      req.session.destroy((destroyError: unknown) => {
        if (destroyError) return next(destroyError);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.locals.user = undefined;
        res.locals.can = permissionsFor(undefined);
        res.locals.flash = [];
        res.render('data-rights/account-deleted', { title: req.t('dataRights.deleted.title') });
      });
    });
  };

  const rateLimited = (req: Request, res: Response) => {
    void deps.security.record({
      action: 'dataRights.deleteAccount.rateLimited',
      actorUserId: req.user?.id ?? null,
      requestId: String(req.id),
    });
    void dataRights.accountBlocker(req.user!.id).then(
      (blocker) => render(req, res, 429, blocker, [{ field: 'currentPassword', key: 'dataRights.deleteAccount.rateLimited' }]),
      () => render(req, res, 429, null, [{ field: 'currentPassword', key: 'dataRights.deleteAccount.rateLimited' }]),
    );
  };

  return { download, showDelete, deleteAccount, rateLimited };
}
