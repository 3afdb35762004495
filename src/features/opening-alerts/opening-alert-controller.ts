// The alert pages (no account needed):
//   GET/POST /opgaver/besked                  the form, from a search's link
//   GET  /opgaver/besked/sendt                "check your e-mail" (the same for every address)
//   GET/POST /opgaver/besked/bekraeft/:token  confirm (a POST: mail scanners follow GET links)
//   GET/POST /opgaver/besked/afmeld/:token    stop; the POST also takes a mail program's
//                                             RFC 8058 one-click POST (no CSRF: app.ts)
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { changeContext, type SecurityEvents } from '../../audit/audit-log.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';
import { isWellFormedSecretToken } from '../../security/secret-token.js';
import { honeypotFilled, HONEYPOT_FIELD } from '../../validation/honeypot.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { describeSearch } from './opening-alert-describe.js';
import { ALERT_PATH, confirmationMail } from './opening-alert-mail.js';
import { ALERT_FREQUENCIES, alertFormSchema, queryObject } from './opening-alert-schemas.js';
import { CONFIRM_LINK_DAYS, type ConfirmOutcome, type OpeningAlertService, type ResolvedSearch } from './opening-alert-service.js';

export interface OpeningAlertControllerDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  security: SecurityEvents;
  openingAlerts: OpeningAlertService;
}

const SENT = `${ALERT_PATH}/sendt`;

export function createOpeningAlertController(deps: OpeningAlertControllerDeps) {
  const { openingAlerts } = deps;

  const crumbs = (req: Request, label: string) => [
    { href: '/', label: req.t('nav.home') },
    { href: '/opgaver', label: req.t('nav.openings') },
    { label },
  ];

  const searchView = (req: Request, search: ResolvedSearch) => ({
    lines: describeSearch(search.state, search.taxonomies, req.t, req.lang),
    query: search.query,
    href: search.query ? `/opgaver?${search.query}` : '/opgaver',
  });

  const renderForm = (req: Request, res: Response, status: number, search: ResolvedSearch, errors: FieldError[] = []) => {
    const title = req.t('openingAlerts.form.title');
    res.status(status).render('opening-alerts/form', {
      title,
      breadcrumbs: crumbs(req, title),
      search: searchView(req, search),
      frequencies: ALERT_FREQUENCIES.map((value) => ({ value, label: req.t(`openingAlerts.frequencies.${value}`) })),
      limits: maxLengths(alertFormSchema),
      errors,
      values: keepValues(req.body, ['_csrf', HONEYPOT_FIELD, 'query']),
      days: CONFIRM_LINK_DAYS,
    });
  };

  const bodyQuery = (req: Request): string => {
    const raw = (req.body as { query?: unknown } | undefined)?.query;
    return typeof raw === 'string' ? raw : '';
  };

  const showForm: RequestHandler = async (req, res) => {
    renderForm(req, res, 200, await openingAlerts.resolve(req.query));
  };

  const submit: RequestHandler = async (req, res) => {
    // A robot's post is answered as any other; nothing is stored or sent.
    if (honeypotFilled(req.body)) {
      void deps.security.record({ action: 'openingAlert.honeypot', requestId: String(req.id) });
      res.redirect(303, SENT);
      return;
    }
    const form = parseForm(alertFormSchema, req.body);
    if (!form.ok) return renderForm(req, res, 422, await openingAlerts.resolve(queryObject(bodyQuery(req))), form.errors);
    const search = await openingAlerts.resolve(queryObject(form.data.query));
    const municipality = res.locals.municipality.name;
    await openingAlerts.subscribe(
      { email: form.data.email, frequency: form.data.frequency, query: search.query, language: req.lang },
      changeContext(req, deps.clock.now()),
      (tokens) =>
        confirmationMail(req.t, form.data.email, {
          baseUrl: deps.config.baseUrl,
          municipality,
          tokens,
          search,
          frequency: form.data.frequency,
          lang: req.lang,
        }),
    );
    res.redirect(303, SENT);
  };

  const rateLimited = async (req: Request, res: Response) => {
    await deps.security.record({ action: 'openingAlert.rateLimited', requestId: String(req.id) });
    renderForm(req, res, 429, await openingAlerts.resolve(queryObject(bodyQuery(req))), [
      { field: 'email', key: 'openingAlerts.form.rateLimited' },
    ]);
  };

  const sent: RequestHandler = (req, res) => {
    const title = req.t('openingAlerts.sent.title');
    res.render('opening-alerts/sent', { title, breadcrumbs: crumbs(req, title), days: CONFIRM_LINK_DAYS });
  };

  /** An unknown, used or expired confirmation link: 404, or 410 when it has expired. */
  const invalidLink = (req: Request, res: Response, reason: 'unknown' | 'expired') => {
    const title = req.t(`openingAlerts.invalid.${reason}Title`);
    res.status(reason === 'expired' ? 410 : 404).render('opening-alerts/link-invalid', { title, reason, days: CONFIRM_LINK_DAYS });
  };

  const confirmToken = (req: Request, res: Response): string | null => {
    protectSecretLink(res);
    const token = req.params.token;
    if (isWellFormedSecretToken(token)) return token;
    invalidLink(req, res, 'unknown');
    return null;
  };

  const summary = (req: Request, outcome: Extract<ConfirmOutcome, { ok: true }>) => ({
    search: searchView(req, outcome.search),
    frequency: req.t(`openingAlerts.frequencies.${outcome.frequency}`),
  });

  const showConfirm: RequestHandler = async (req, res) => {
    const token = confirmToken(req, res);
    if (token === null) return;
    const outcome = await openingAlerts.confirmation(token, deps.clock.now());
    if (!outcome.ok) return invalidLink(req, res, outcome.reason);
    const title = req.t('openingAlerts.confirm.title');
    res.render('opening-alerts/confirm', { title, action: req.originalUrl.split('?')[0], ...summary(req, outcome) });
  };

  const confirm: RequestHandler = async (req, res) => {
    const token = confirmToken(req, res);
    if (token === null) return;
    const outcome = await openingAlerts.confirm(token, changeContext(req, deps.clock.now()));
    if (!outcome.ok) return invalidLink(req, res, outcome.reason);
    const title = req.t('openingAlerts.confirmed.title');
    res.render('opening-alerts/confirmed', { title, ...summary(req, outcome) });
  };

  // The unsubscribe pages name the search a link stops (the link is the key to it, as the
  // confirmation link is to its page); for an unknown or used link they say no more than
  // the general words, so they tell a guesser nothing.
  const showUnsubscribe: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = req.params.token;
    const search = isWellFormedSecretToken(token) ? await openingAlerts.stopping(token) : null;
    const title = req.t('openingAlerts.unsubscribe.title');
    res.render('opening-alerts/unsubscribe', {
      title,
      action: req.originalUrl.split('?')[0],
      search: search ? searchView(req, search) : null,
    });
  };

  const unsubscribe: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = req.params.token;
    const body = req.body as Record<string, unknown> | undefined;
    const via = body?.['List-Unsubscribe'] === 'One-Click' ? 'one-click' : 'link';
    const outcome = isWellFormedSecretToken(token)
      ? await openingAlerts.unsubscribe(token, changeContext(req, deps.clock.now()), via)
      : null;
    res.render('opening-alerts/unsubscribed', {
      title: req.t('openingAlerts.unsubscribed.title'),
      search: outcome?.deleted ? searchView(req, outcome.search) : null,
    });
  };

  return { showForm, submit, rateLimited, sent, showConfirm, confirm, showUnsubscribe, unsubscribe };
}
