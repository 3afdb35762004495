// The staff-account pages: the list with the invite form and the pending invitations,
// one account's page with its actions (role, deactivate, reactivate), and the public
// page where an invited person makes their account. A failed form re-renders with 422
// and the input kept; a stale or refused change answers 409 on the account's page.
import type { Request, RequestHandler, Response } from 'express';
import { actionLabel } from '../../audit/audit-labels.js';
import { changeContext } from '../../audit/audit-log.js';
import type { AuditDetails } from '../../audit/audit-history.js';
import type { Clock } from '../../clock.js';
import { HttpError } from '../../errors.js';
import type { Language } from '../../i18n/i18n.js';
import { danish } from '../../mail/compose.js';
import { addFlash } from '../../middleware/flash.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { maxLengths } from '../../validation/limits.js';
import { requireVersion } from '../../validation/version.js';
import { staffInvitationMail } from './staff-accounts-mail.js';
import {
  acceptInvitationSchema,
  inviteSchema,
  roleChangeSchema,
  SECRET_FIELDS,
  STAFF_ROLES,
  type StaffRole,
} from './staff-accounts-schemas.js';
import type { AccountChangeOutcome, StaffAccountService } from './staff-accounts-service.js';

export const USERS_PATH = '/administration/brugere';
export const userPath = (userId: number) => `${USERS_PATH}/${userId}`;

export interface StaffAccountControllerDeps {
  clock: Clock;
  baseUrl: string;
  services: { staffAccounts: StaffAccountService };
}

const DATE_TIME_LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** A moment as people read it in Denmark: date and time of day. */
function formatDateTime(lang: Language, date: Date): string {
  return new Intl.DateTimeFormat(DATE_TIME_LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(
    date,
  );
}

/** The account history's actions people read; other actions show their code. */
/** A role change's before → after, in words. */
function roleChange(req: Request, details: AuditDetails): string | null {
  const before = details.before as { role?: unknown } | undefined;
  const after = details.after as { role?: unknown } | undefined;
  const name = (role: unknown) => (role === 'ADMIN' || role === 'STAFF' ? req.t(`staffAccounts.roles.${role}`) : String(role));
  return before?.role !== undefined && after?.role !== undefined ? `${name(before.role)} → ${name(after.role)}` : null;
}

const REFUSALS: Record<Exclude<AccountChangeOutcome, { ok: true }>['reason'], string | null> = {
  'not-found': null,
  stale: null,
  'last-admin': 'staffAccounts.user.lastAdmin',
  self: 'staffAccounts.user.self',
};

export function createStaffAccountController(deps: StaffAccountControllerDeps) {
  const { staffAccounts } = deps.services;
  // Admin pages: the actor is always logged in.
  const context = (req: Request) => ({ ...changeContext(req, deps.clock.now()), actorUserId: req.user!.id });
  const roleOptions = (req: Request) => STAFF_ROLES.map((role) => ({ value: role, label: req.t(`staffAccounts.roles.${role}`) }));
  const administrationCrumb = (req: Request) => ({ href: '/administration', label: req.t('administration.title') });

  // ---- The list and invitations ---------------------------------------------------

  const renderList = async (
    req: Request,
    res: Response,
    status: number,
    form: { errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    const { users, invitations, memberCount } = await staffAccounts.overview(deps.clock.now());
    res.status(status).render('staff-accounts/index', {
      title: req.t('staffAccounts.list.title'),
      breadcrumbs: [administrationCrumb(req), { label: req.t('staffAccounts.list.title') }],
      users: users.map((user) => ({ ...user, lastLogin: user.lastLoginAt ? formatDateTime(req.lang, user.lastLoginAt) : null })),
      invitations,
      memberCount,
      roleOptions: roleOptions(req),
      errors: form.errors ?? [],
      values: form.values ?? { role: 'STAFF' },
      limits: maxLengths(inviteSchema),
    });
  };

  const index: RequestHandler = async (req, res) => {
    await renderList(req, res, 200);
  };

  const invite: RequestHandler = async (req, res) => {
    const form = parseForm(inviteSchema, req.body);
    if (!form.ok) {
      await renderList(req, res, 422, { errors: form.errors, values: keepValues(req.body) });
      return;
    }
    const inviter = req.user!;
    const mailT = danish(req.t);
    const outcome = await staffAccounts.invite(form.data, context(req), (invited) => [
      staffInvitationMail(mailT, form.data.email, {
        roleName: mailT(`staffAccounts.rolesInSentence.${form.data.role}`),
        inviterName: inviter.name,
        municipality: res.locals.municipality.name,
        token: invited.token,
        baseUrl: deps.baseUrl,
        expiresAt: formatDateTime('da', invited.expiresAt),
      }),
    ]);
    if (!outcome.ok) {
      await renderList(req, res, 422, {
        errors: [{ field: 'email', key: 'staffAccounts.errors.hasAccount' }],
        values: keepValues(req.body),
      });
      return;
    }
    addFlash(req, 'success', outcome.replaced ? 'staffAccounts.list.flashInvitedAgain' : 'staffAccounts.list.flashInvited');
    res.redirect(303, USERS_PATH);
  };

  const revokeInvitation: RequestHandler = async (req, res) => {
    const invitationId = requireId(req.params.invitationId);
    const outcome = await staffAccounts.revokeInvitation(invitationId, context(req));
    if (!outcome.ok) throw new HttpError(404);
    addFlash(req, 'success', 'staffAccounts.list.flashRevoked');
    res.redirect(303, USERS_PATH);
  };

  // ---- One account ----------------------------------------------------------------

  const renderAccount = async (
    req: Request,
    res: Response,
    status: number,
    userId: number,
    form: { errors?: FieldError[]; values?: Record<string, unknown>; problem?: string | null; conflict?: boolean } = {},
  ) => {
    const account = await staffAccounts.account(userId);
    if (!account) throw new HttpError(404);
    const { user, history } = account;
    res.status(status).render('staff-accounts/user', {
      title: user.name,
      breadcrumbs: [
        administrationCrumb(req),
        { href: USERS_PATH, label: req.t('staffAccounts.list.title') },
        { label: user.name, typed: true },
      ],
      account: {
        ...user,
        lastLogin: user.lastLoginAt ? formatDateTime(req.lang, user.lastLoginAt) : null,
        totpEnabled: user.totpEnabledAt ? formatDateTime(req.lang, user.totpEnabledAt) : null,
      },
      isSelf: user.id === req.user!.id,
      history: history.rows.map((row) => ({
        at: formatDateTime(req.lang, row.at),
        label: actionLabel(req.t, row.action),
        change: roleChange(req, row.details),
        actorName: row.actorName,
      })),
      historyTotal: history.total,
      roleOptions: roleOptions(req),
      problem: form.problem ?? null,
      conflict: form.conflict ?? false,
      errors: form.errors ?? [],
      values: form.values ?? { role: user.role },
    });
  };

  const show: RequestHandler = async (req, res) => {
    await renderAccount(req, res, 200, requireId(req.params.userId));
  };

  /** After a change: back to the page with a flash, or the page again with why not. */
  const answer = async (req: Request, res: Response, userId: number, outcome: AccountChangeOutcome, flashKey: string) => {
    if (outcome.ok) {
      addFlash(req, 'success', flashKey);
      res.redirect(303, userPath(userId));
      return;
    }
    if (outcome.reason === 'not-found') throw new HttpError(404);
    await renderAccount(req, res, 409, userId, { problem: REFUSALS[outcome.reason], conflict: outcome.reason === 'stale' });
  };

  const changeRole: RequestHandler = async (req, res) => {
    const userId = requireId(req.params.userId);
    const version = requireVersion(req.body);
    const form = parseForm(roleChangeSchema, req.body);
    if (!form.ok) {
      await renderAccount(req, res, 422, userId, { errors: form.errors, values: keepValues(req.body) });
      return;
    }
    const role: StaffRole = form.data.role;
    const outcome = await staffAccounts.changeRole(userId, role, version, context(req));
    if (outcome.ok && userId === req.user!.id && role === 'STAFF') {
      // An admin who made themselves staff may no longer see the account pages.
      addFlash(req, 'success', 'staffAccounts.user.flashRoleChanged');
      res.redirect(303, '/medarbejder');
      return;
    }
    await answer(req, res, userId, outcome, 'staffAccounts.user.flashRoleChanged');
  };

  const deactivate: RequestHandler = async (req, res) => {
    const userId = requireId(req.params.userId);
    const version = requireVersion(req.body);
    await answer(req, res, userId, await staffAccounts.deactivate(userId, version, context(req)), 'staffAccounts.user.flashDeactivated');
  };

  const reactivate: RequestHandler = async (req, res) => {
    const userId = requireId(req.params.userId);
    const version = requireVersion(req.body);
    await answer(req, res, userId, await staffAccounts.reactivate(userId, version, context(req)), 'staffAccounts.user.flashReactivated');
  };

  // ---- Accepting an invitation (public, by the e-mailed link) ----------------------

  const renderInvalid = (req: Request, res: Response, status = 404) => {
    res.status(status).render('staff-accounts/invitation-invalid', { title: req.t('staffAccounts.invitation.invalidTitle') });
  };

  const renderInvitation = (
    req: Request,
    res: Response,
    status: number,
    invitation: { email: string; role: StaffRole },
    form: { errors?: FieldError[]; values?: Record<string, unknown> } = {},
  ) => {
    res.status(status).render('staff-accounts/invitation', {
      title: req.t('staffAccounts.invitation.title'),
      invitedEmail: invitation.email,
      roleName: req.t(`staffAccounts.rolesInSentence.${invitation.role}`),
      action: req.originalUrl,
      limits: maxLengths(acceptInvitationSchema(invitation.email)),
      errors: form.errors ?? [],
      values: form.values ?? {},
    });
  };

  const showInvitation: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const lookup = await staffAccounts.lookupInvitation(String(req.params.token), deps.clock.now());
    if (!lookup.ok) return renderInvalid(req, res);
    renderInvitation(req, res, 200, lookup.invitation);
  };

  const acceptInvitation: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = String(req.params.token);
    const now = deps.clock.now();
    const lookup = await staffAccounts.lookupInvitation(token, now);
    if (!lookup.ok) return renderInvalid(req, res);
    const form = parseForm(acceptInvitationSchema(lookup.invitation.email), req.body);
    if (!form.ok)
      return renderInvitation(req, res, 422, lookup.invitation, { errors: form.errors, values: keepValues(req.body, SECRET_FIELDS) });
    const outcome = await staffAccounts.acceptInvitation(
      token,
      { name: form.data.name, password: form.data.password },
      changeContext(req, now),
    );
    if (!outcome.ok) return renderInvalid(req, res, outcome.reason === 'email-taken' ? 409 : 404);
    // Not logged in here: the login that follows leads a new staff account through
    // two-factor enrolment.
    addFlash(req, 'success', 'staffAccounts.invitation.flashReady');
    res.redirect(303, '/log-ind');
  };

  return { index, invite, revokeInvitation, show, changeRole, deactivate, reactivate, showInvitation, acceptInvitation };
}
