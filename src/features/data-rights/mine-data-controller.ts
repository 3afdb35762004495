// "Mine data" for citizens without an account:
//   GET/POST /mine-data          ask for a link (the same answer for every address)
//   GET  /mine-data/sendt        "if we have interests with that address, a link is on its way"
//   GET  /mine-data/:token       the interests given with the address, withdraw, download
//   POST /mine-data/:token/tilbagetraek/:interestId, /:token/tilbagetraek-alle
//   POST /mine-data/:token/stop-besked/:alertId   stop an alert for new openings
//   GET  /mine-data/:token/data.json
// An unknown, malformed or expired link gets one page (404) with a way to ask again.
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { changeContext, type SecurityEvents } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';
import { isWellFormedSecretToken } from '../../security/secret-token.js';
import { honeypotFilled, HONEYPOT_FIELD } from '../../validation/honeypot.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { parseId } from '../../validation/ids.js';
import { maxLengths } from '../../validation/limits.js';
import { HttpError } from '../../errors.js';
import { DATA_ACCESS_LINK_MINUTES } from './data-access-links.js';
import { accessLinkMail } from './data-rights-mail.js';
import { accessLinkSchema } from './data-rights-schemas.js';
import type { DataRightsService } from './data-rights-service.js';
import type { OpeningAlertService } from '../opening-alerts/opening-alert-service.js';
import { describeSearch } from '../opening-alerts/opening-alert-describe.js';

export interface MineDataDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  security: SecurityEvents;
  dataRights: DataRightsService;
  /** Describes the address's alerts in words. */
  openingAlerts: OpeningAlertService;
}

const SENT = '/mine-data/sendt';

export function createMineDataController(deps: MineDataDeps) {
  const { dataRights } = deps;

  const renderRequest = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    res.status(status).render('data-rights/request', {
      title: req.t('dataRights.request.title'),
      breadcrumbs: [{ label: req.t('dataRights.request.title') }],
      limits: maxLengths(accessLinkSchema),
      errors,
      values: keepValues(req.body, ['_csrf', HONEYPOT_FIELD]),
      minutes: DATA_ACCESS_LINK_MINUTES,
    });
  };

  const showRequest: RequestHandler = (req, res) => renderRequest(req, res, 200);

  const requestLink: RequestHandler = async (req, res) => {
    // A robot's post is answered as any other, and nothing is looked up or sent.
    if (honeypotFilled(req.body)) {
      void deps.security.record({ action: 'dataRights.honeypot', requestId: String(req.id) });
      res.redirect(303, SENT);
      return;
    }
    const form = parseForm(accessLinkSchema, req.body);
    if (!form.ok) return renderRequest(req, res, 422, form.errors);
    const municipality = res.locals.municipality.name;
    await dataRights.requestLink(form.data.email, deps.clock.now(), (token) =>
      accessLinkMail(req.t, form.data.email, { baseUrl: deps.config.baseUrl, municipality, token }),
    );
    res.redirect(303, SENT);
  };

  const rateLimited = async (req: Request, res: Response) => {
    // Awaited (record never throws): the refusal is in the trail when the answer leaves.
    await deps.security.record({ action: 'dataRights.linkRateLimited', requestId: String(req.id) });
    renderRequest(req, res, 429, [{ field: 'email', key: 'dataRights.request.rateLimited' }]);
  };

  const sent: RequestHandler = (req, res) => {
    res.render('data-rights/sent', { title: req.t('dataRights.sent.title'), minutes: DATA_ACCESS_LINK_MINUTES });
  };

  const invalidLink = (req: Request, res: Response) => {
    res.status(404).render('data-rights/link-invalid', { title: req.t('dataRights.invalid.title') });
  };

  /** The token of a link page, if well-formed (else the invalid-link page is sent). */
  const tokenOf = (req: Request, res: Response): string | null => {
    protectSecretLink(res);
    const token = req.params.token;
    if (isWellFormedSecretToken(token)) return token;
    invalidLink(req, res);
    return null;
  };

  const show: RequestHandler = async (req, res) => {
    const token = tokenOf(req, res);
    if (token === null) return;
    const outcome = await dataRights.interestsByLink(token, deps.clock.now());
    if (!outcome.ok) return invalidLink(req, res);
    const searches = await deps.openingAlerts.resolveMany(outcome.alerts.map((alert) => alert.query));
    res.render('data-rights/interests', {
      title: req.t('dataRights.link.title'),
      base: `/mine-data/${token}`,
      interests: outcome.interests,
      alerts: outcome.alerts.map((alert, index) => {
        const search = searches[index]!;
        return {
          id: alert.id,
          createdAt: alert.createdAt,
          confirmed: alert.confirmedAt !== null,
          frequency: req.t(`openingAlerts.frequencies.${alert.frequency}`),
          searchLines: describeSearch(search.state, search.taxonomies, req.t, req.lang),
        };
      }),
    });
  };

  const download: RequestHandler = async (req, res) => {
    const token = tokenOf(req, res);
    if (token === null) return;
    const outcome = await dataRights.exportByLink(token, deps.clock.now());
    if (!outcome.ok) return invalidLink(req, res);
    res.set('Content-Disposition', 'attachment; filename="mine-data.json"');
    res.type('application/json').send(JSON.stringify(outcome.data, null, 2));
  };

  const withdrawOne: RequestHandler = async (req, res) => {
    const token = tokenOf(req, res);
    if (token === null) return;
    const interestId = parseId(req.params.interestId);
    if (interestId === null) throw new HttpError(404);
    const outcome = await dataRights.withdrawByLink(token, interestId, changeContext(req, deps.clock.now()));
    if (!outcome.ok && outcome.reason === 'invalid') return invalidLink(req, res);
    // Gone already (a second click) is not an error for the citizen: the list says what is left.
    addFlash(req, outcome.ok ? 'success' : 'info', outcome.ok ? 'dataRights.link.withdrawn' : 'dataRights.link.alreadyGone');
    res.redirect(303, `/mine-data/${token}`);
  };

  const withdrawAll: RequestHandler = async (req, res) => {
    const token = tokenOf(req, res);
    if (token === null) return;
    const outcome = await dataRights.withdrawAllByLink(token, changeContext(req, deps.clock.now()));
    if (!outcome.ok) return invalidLink(req, res);
    addFlash(req, 'success', 'dataRights.link.allWithdrawn');
    res.redirect(303, `/mine-data/${token}`);
  };

  const stopAlert: RequestHandler = async (req, res) => {
    const token = tokenOf(req, res);
    if (token === null) return;
    const alertId = parseId(req.params.alertId);
    if (alertId === null) throw new HttpError(404);
    const outcome = await dataRights.stopAlertByLink(token, alertId, changeContext(req, deps.clock.now()));
    if (!outcome.ok && outcome.reason === 'invalid') return invalidLink(req, res);
    addFlash(req, outcome.ok ? 'success' : 'info', outcome.ok ? 'openingAlerts.mineData.stopped' : 'openingAlerts.mineData.alreadyGone');
    res.redirect(303, `/mine-data/${token}`);
  };

  return { showRequest, requestLink, rateLimited, sent, show, download, withdrawOne, withdrawAll, stopAlert };
}
