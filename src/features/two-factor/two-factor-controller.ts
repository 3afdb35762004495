// The second step of login (/log-ind/kode, /log-ind/tofaktor, /log-ind/gendannelseskoder),
// one's own two-factor settings (/min-side/tofaktor) and an admin's reset. The pending
// login (password given) lives in the session for ten minutes; too many wrong codes
// drop it, so the password must be given again.
import type { Request, RequestHandler, Response } from 'express';
import { changeContext, type SecurityEvents } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { landingPage } from '../auth/auth-controller.js';
import { logInAs } from '../auth/session-login.js';
import type { AuthService } from '../auth/auth-service.js';
import { accountActionSchema, CODE_MAX_LENGTH, codeSchema } from './two-factor-schemas.js';
import type { TwoFactorNotice, TwoFactorService } from './two-factor-service.js';
import { accountChangedMail } from '../auth/password-mail.js';
import { groupedSecret, qrCode, totpUri } from './totp.js';

export const PENDING_LOGIN_MINUTES = 10;
/** Wrong codes one pending login may have before the password must be given again. */
export const MAX_CODE_FAILURES = 5;

export interface TwoFactorControllerDeps {
  clock: Clock;
  /** For the link in the notice of a change (the password reset page). */
  baseUrl: string;
  services: { auth: AuthService; twoFactor: TwoFactorService; security: SecurityEvents };
}

type Pending = NonNullable<Request['session']['pendingLogin']>;
type AccountAction = 'enrol' | 'disable' | 'renew' | 'replace';

const codeLimits = { code: CODE_MAX_LENGTH };
const accountLimits = {
  enrolCode: CODE_MAX_LENGTH,
  disableCode: CODE_MAX_LENGTH,
  renewCode: CODE_MAX_LENGTH,
  replaceCode: CODE_MAX_LENGTH,
};

export function createTwoFactorController(deps: TwoFactorControllerDeps) {
  const { auth, twoFactor, security } = deps.services;
  const now = () => deps.clock.now();

  /** The owner is told of every change to their second factor, whoever made it. */
  const noticeFor =
    (req: Request, res: Response, at: Date): TwoFactorNotice =>
    (to, change) => {
      const { municipality } = res.locals;
      const data = { baseUrl: deps.baseUrl, municipality: municipality.name, contactEmail: municipality.contactEmail, at };
      return accountChangedMail(req.t, to, data, 'twoFactor.changedMail', {
        change: req.t(`twoFactor.changedMail.changes.${change}`, { lng: 'da' }),
      });
    };

  /** The session's pending login, if it has not run out (then it is dropped). */
  function pendingLogin(req: Request): Pending | null {
    const pending = req.session.pendingLogin;
    if (!pending) return null;
    if (now().getTime() - pending.at > PENDING_LOGIN_MINUTES * 60 * 1000) {
      delete req.session.pendingLogin;
      delete req.session.pendingTotpSecret;
      return null;
    }
    return pending;
  }

  const startAgain = (res: Response) => res.redirect(303, '/log-ind?udloebet=1');

  /** A candidate secret for enrolment, kept (sealed) in the session until confirmed. */
  function candidateSecret(req: Request): string {
    const sealed = req.session.pendingTotpSecret;
    const open = sealed ? twoFactor.openCandidate(sealed) : null;
    if (open) return open;
    const candidate = twoFactor.newCandidate();
    req.session.pendingTotpSecret = candidate.sealed;
    return candidate.secret;
  }

  async function enrolment(req: Request, res: Response, account: string) {
    const secret = candidateSecret(req);
    const issuer = res.locals.municipality.name;
    return {
      qr: await qrCode(totpUri({ issuer, account, secret })),
      secretText: groupedSecret(secret),
    };
  }

  // --- Login, second step -------------------------------------------------------

  const renderCode = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    const recovery = req.query.gendannelseskode === '1' || req.body?.mode === 'recovery';
    res.status(status).render('two-factor/code', {
      title: req.t(recovery ? 'twoFactor.code.recoveryTitle' : 'twoFactor.code.title'),
      recovery,
      errors,
      values: {},
      limits: codeLimits,
    });
  };

  async function renderLoginEnrol(req: Request, res: Response, pending: Pending, status: number, errors: FieldError[] = []) {
    const user = await auth.activeUser(pending.userId);
    if (!user) {
      delete req.session.pendingLogin;
      return startAgain(res);
    }
    res.status(status).render('two-factor/enrol', {
      title: req.t('twoFactor.enrol.title'),
      ...(await enrolment(req, res, user.email)),
      action: '/log-ind/tofaktor',
      accountAction: null,
      fieldId: 'code',
      errors,
      values: {},
      limits: codeLimits,
    });
  }

  /** A wrong code: recorded, counted; after too many the pending login is dropped. */
  async function failed(req: Request, res: Response, pending: Pending, retry: () => unknown) {
    pending.failures += 1;
    await security.record({
      action: 'auth.second-factor.failed',
      actorUserId: pending.userId,
      targetType: 'user',
      targetId: pending.userId,
      requestId: String(req.id),
      details: { failures: pending.failures },
    });
    if (pending.failures >= MAX_CODE_FAILURES) {
      delete req.session.pendingLogin;
      delete req.session.pendingTotpSecret;
      addFlash(req, 'error', 'twoFactor.errors.tooManyFailures');
      res.redirect(303, '/log-ind');
      return;
    }
    await retry();
  }

  async function finishLogin(req: Request, res: Response, pending: Pending, method: string, next?: { codes: string[] }) {
    const user = await auth.activeUser(pending.userId);
    if (!user) {
      delete req.session.pendingLogin;
      return startAgain(res);
    }
    const at = now();
    await logInAs(req, user, at, at.getTime());
    const requestId = String(req.id);
    void security.record({ action: 'auth.second-factor.succeeded', actorUserId: user.id, requestId, details: { method } });
    void security.record({ action: 'auth.login.succeeded', actorUserId: user.id, requestId });
    await auth.recordLogin(user.id, at);
    if (method === 'recovery-code') {
      // A recovery code means the app is out of reach (a lost phone): for a while the new
      // app can be set up, and new recovery codes made, without a code from the old one.
      req.session.totpReplaceAllowedAt = at.getTime();
      req.session.totpRecoveryLoginAt = at.getTime();
      res.redirect(303, '/min-side/tofaktor');
      return;
    }
    if (next) {
      req.session.recoveryCodesToShow = { codes: next.codes, next: pending.returnTo };
      res.redirect(303, '/log-ind/gendannelseskoder');
      return;
    }
    res.redirect(303, pending.returnTo);
  }

  const showCode: RequestHandler = async (req, res) => {
    if (req.user) return res.redirect(303, landingPage(req.user));
    const pending = pendingLogin(req);
    if (!pending) return startAgain(res);
    if ((await twoFactor.secondStep(pending.userId)) === 'enrol') return res.redirect(303, '/log-ind/tofaktor');
    renderCode(req, res, 200);
  };

  const submitCode: RequestHandler = async (req, res) => {
    const pending = pendingLogin(req);
    if (!pending) return startAgain(res);
    const form = parseForm(codeSchema, req.body);
    if (!form.ok) return renderCode(req, res, 422, form.errors);
    const outcome = await twoFactor.verifyLoginCode(pending.userId, form.data.code, {
      ...changeContext(req, now()),
      actorUserId: pending.userId,
    });
    if (!outcome.ok) {
      const recovery = req.body?.mode === 'recovery';
      return failed(req, res, pending, () =>
        renderCode(req, res, 422, [{ field: 'code', key: recovery ? 'twoFactor.errors.recoveryWrong' : 'twoFactor.errors.codeWrong' }]),
      );
    }
    await finishLogin(req, res, pending, outcome.method);
  };

  const showLoginEnrol: RequestHandler = async (req, res) => {
    if (req.user) return res.redirect(303, landingPage(req.user));
    const pending = pendingLogin(req);
    if (!pending) return startAgain(res);
    if ((await twoFactor.secondStep(pending.userId)) !== 'enrol') return res.redirect(303, '/log-ind/kode');
    protectSecretLink(res);
    await renderLoginEnrol(req, res, pending, 200);
  };

  const submitLoginEnrol: RequestHandler = async (req, res) => {
    const pending = pendingLogin(req);
    if (!pending) return startAgain(res);
    if ((await twoFactor.secondStep(pending.userId)) !== 'enrol') return res.redirect(303, '/log-ind/kode');
    protectSecretLink(res);
    const form = parseForm(codeSchema, req.body);
    if (!form.ok) return renderLoginEnrol(req, res, pending, 422, form.errors);
    const secret = req.session.pendingTotpSecret ? twoFactor.openCandidate(req.session.pendingTotpSecret) : null;
    if (!secret) return renderLoginEnrol(req, res, pending, 422, [{ field: 'code', key: 'twoFactor.errors.codeWrong' }]);
    const at = now();
    const outcome = await twoFactor.enrol(
      pending.userId,
      secret,
      form.data.code,
      { ...changeContext(req, at), actorUserId: pending.userId },
      noticeFor(req, res, at),
    );
    if (!outcome.ok) {
      return failed(req, res, pending, () =>
        renderLoginEnrol(req, res, pending, 422, [{ field: 'code', key: 'twoFactor.errors.codeWrong' }]),
      );
    }
    await finishLogin(req, res, pending, 'enrolment', { codes: outcome.recoveryCodes });
  };

  /** The new recovery codes, once: read from the session and forgotten. */
  const showRecoveryCodes: RequestHandler = (req, res) => {
    if (!req.user) return res.redirect(303, '/log-ind');
    const toShow = req.session.recoveryCodesToShow;
    if (!toShow) return res.redirect(303, '/min-side/tofaktor');
    delete req.session.recoveryCodesToShow;
    protectSecretLink(res);
    res.render('two-factor/recovery-codes', { title: req.t('twoFactor.recoveryCodes.title'), codes: toShow.codes, next: toShow.next });
  };

  // --- Min side ------------------------------------------------------------------

  const withinWindow = (at: number | undefined) => at !== undefined && now().getTime() - at <= PENDING_LOGIN_MINUTES * 60 * 1000;
  /** Replacing one's authenticator is allowed for ten minutes after giving a current code or logging in with a recovery code. */
  const replacing = (req: Request) => withinWindow(req.session.totpReplaceAllowedAt);
  /** Ten minutes after a login with a recovery code: no code from the old app is asked for. */
  const afterRecoveryLogin = (req: Request) => withinWindow(req.session.totpRecoveryLoginAt);

  async function renderAccount(req: Request, res: Response, status: number, errors: FieldError[] = []) {
    const user = req.user!;
    const state = await twoFactor.status(user.id);
    if (!state) throw new HttpError(404);
    const enrolling = !state.enabled || state.secretUnreadable || replacing(req);
    if (enrolling) protectSecretLink(res);
    res.status(status).render('two-factor/account', {
      title: req.t('twoFactor.account.title'),
      state,
      enrolling,
      afterRecoveryLogin: state.enabled && afterRecoveryLogin(req),
      ...(enrolling ? await enrolment(req, res, user.email) : {}),
      errors,
      values: {},
      limits: accountLimits,
      breadcrumbs: [{ label: req.t('account.title'), href: '/min-side' }, { label: req.t('twoFactor.account.title') }],
    });
  }

  const showAccount: RequestHandler = (req, res) => renderAccount(req, res, 200);

  const submitAccount: RequestHandler = async (req, res) => {
    const user = req.user!;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' ? body.action : '';
    const field = `${action}Code`;
    const showCodes = (codes: string[]) => {
      req.session.recoveryCodesToShow = { codes, next: '/min-side/tofaktor' };
      res.redirect(303, '/log-ind/gendannelseskoder');
    };
    if (action === 'renew' && afterRecoveryLogin(req)) {
      // Just logged in with a recovery code: the old app's code is not asked for.
      const at = now();
      const outcome = await twoFactor.renewRecoveryCodes(user.id, null, changeContext(req, at), noticeFor(req, res, at));
      if (!outcome.ok) return res.redirect(303, '/min-side/tofaktor');
      addFlash(req, 'success', 'twoFactor.account.flashRenewed');
      return showCodes(outcome.recoveryCodes ?? []);
    }
    const form = parseForm(accountActionSchema, { action, code: body[field] });
    if (!form.ok) {
      const errors = form.errors.map((error) => (error.field === 'code' ? { ...error, field } : error));
      return renderAccount(req, res, 422, errors);
    }
    const at = now();
    const context = changeContext(req, at);
    const notice = noticeFor(req, res, at);
    const wrong = async () => {
      await security.record({ action: 'auth.second-factor.failed', actorUserId: user.id, requestId: String(req.id), details: { action } });
      return renderAccount(req, res, 422, [{ field, key: 'twoFactor.errors.codeWrong' }]);
    };
    switch (form.data.action as AccountAction) {
      case 'enrol': {
        const state = await twoFactor.status(user.id);
        if (state?.enabled && !state.secretUnreadable && !replacing(req)) return res.redirect(303, '/min-side/tofaktor');
        const secret = req.session.pendingTotpSecret ? twoFactor.openCandidate(req.session.pendingTotpSecret) : null;
        if (!secret) return wrong();
        const outcome = await twoFactor.enrol(user.id, secret, form.data.code, context, notice);
        if (!outcome.ok) return wrong();
        delete req.session.pendingTotpSecret;
        delete req.session.totpReplaceAllowedAt;
        delete req.session.totpRecoveryLoginAt;
        // The code just given is a second factor: this session stays logged in.
        req.session.secondFactorAt = at.getTime();
        addFlash(req, 'success', 'twoFactor.account.flashEnrolled');
        return showCodes(outcome.recoveryCodes);
      }
      case 'renew': {
        const outcome = await twoFactor.renewRecoveryCodes(user.id, form.data.code, context, notice);
        if (!outcome.ok) return outcome.reason === 'not-allowed' ? res.redirect(303, '/min-side/tofaktor') : wrong();
        addFlash(req, 'success', 'twoFactor.account.flashRenewed');
        return showCodes(outcome.recoveryCodes ?? []);
      }
      case 'disable': {
        const outcome = await twoFactor.disable(user.id, form.data.code, context, notice);
        if (!outcome.ok) {
          if (outcome.reason === 'not-allowed') throw new HttpError(403);
          return wrong();
        }
        delete req.session.pendingTotpSecret;
        addFlash(req, 'success', 'twoFactor.account.flashDisabled');
        return res.redirect(303, '/min-side/tofaktor');
      }
      case 'replace': {
        if (!(await twoFactor.checkCurrentCode(user.id, form.data.code, at))) return wrong();
        req.session.totpReplaceAllowedAt = at.getTime();
        delete req.session.pendingTotpSecret;
        return res.redirect(303, '/min-side/tofaktor');
      }
    }
  };

  // --- Administration --------------------------------------------------------------

  const reset: RequestHandler = async (req, res) => {
    const userId = requireId(req.params.userId);
    const at = now();
    const outcome = await twoFactor.reset(userId, changeContext(req, at), noticeFor(req, res, at));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      addFlash(req, 'error', 'twoFactor.reset.flashOwnAccount');
    } else {
      addFlash(req, 'success', 'twoFactor.reset.flashDone');
    }
    res.redirect(303, `/administration/brugere/${userId}`);
  };

  return {
    showCode,
    submitCode,
    showLoginEnrol,
    submitLoginEnrol,
    showRecoveryCodes,
    showAccount,
    submitAccount,
    reset,
    renderCode,
    renderAccount,
    renderLoginEnrol: (req: Request, res: Response, status: number, errors: FieldError[]) => {
      const pending = pendingLogin(req);
      return pending ? renderLoginEnrol(req, res, pending, status, errors) : startAgain(res);
    },
  };
}
