// The partners' side of an agreement. In the association's area
// (/min-forening/:associationId/samarbejdsaftaler[/:agreementId[/svar]]) members see
// the agreements sent to their association and answer the latest version; an
// external partner opens /samarbejdsaftale/svar/:token from its e-mail, without an
// account. Both show the same version page and answer form (views/agreement-answers/).
// A failed form re-renders with 422 and the input kept; an answer to a version that
// is no longer the latest re-renders the newest one with 409 and the input kept.
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { changeContext } from '../../audit/audit-log.js';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import { versionDocument } from '../agreements/agreement-version.js';
import { diffVersions } from '../agreements/agreement-diff.js';
import { ANSWERS, answerFormSchema, answerVersionNumber } from './agreement-answer-schemas.js';
import type { AgreementAnswerService, AnswerPage, AnswerRefusal, LinkRefusal } from './agreement-answer-service.js';
import { answeredMail } from './agreement-answer-mail.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';

declare module 'express-session' {
  interface SessionData {
    /** The ANSWER link this session used: its page stays readable (read-only) in this session. */
    answeredAgreementLink?: number;
  }
}

export interface AgreementAnswerControllerDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  answers: AgreementAnswerService;
}

type Page = AnswerPage & { evaluation?: { reviewDate: Date; open: boolean } | null };

/** Why an answer was refused, as the alert shown above the page (409). */
const REFUSAL_KEYS: Partial<Record<AnswerRefusal, string>> = {
  superseded: 'agreementAnswers.refused.superseded',
  'already-answered': 'agreementAnswers.refused.alreadyAnswered',
  closed: 'agreementAnswers.refused.closed',
};

/** Link refusals: unknown is a 404; the others are gone for good (410), each with its own page. */
const LINK_STATUS: Record<LinkRefusal, number> = { unknown: 404, expired: 410, used: 410, superseded: 410 };

export const AGREEMENT_LINK_BASE = '/samarbejdsaftale/svar';

const amountFormatter = (req: Request) => {
  const format = new Intl.NumberFormat(req.lang === 'da' ? 'da-DK' : 'en-GB');
  return (amount: number) => format.format(amount);
};

export function createAgreementAnswerController(deps: AgreementAnswerControllerDeps) {
  const listPath = (associationId: number) => areaPath(associationId, '/samarbejdsaftaler');
  const pagePath = (associationId: number, agreementId: number) => `${listPath(associationId)}/${agreementId}`;
  const mail = (req: Request) => answeredMail(req.t, deps.config.baseUrl);

  /** The version page's locals, shared by the area and the link. */
  const pageLocals = (
    req: Request,
    page: Page,
    form: { action: string; values?: Record<string, unknown>; errors?: FieldError[]; refusal?: string | undefined },
  ) => ({
    title: page.version.content.title,
    page,
    doc: versionDocument(page.version.content, req.lang),
    inForceDoc: page.inForce ? versionDocument(page.inForce.content, req.lang) : null,
    // What changed since the version before, drawn as on the staff's diff page.
    changes: page.previous ? { from: page.previous.number, diff: diffVersions(page.previous.content, page.version.content) } : null,
    formatAmount: amountFormatter(req),
    action: form.action,
    // Worded as what the partner says ("Vi accepterer version 2"), not as the status it gives.
    answerOptions: ANSWERS.map((value) => ({ value, label: req.t(`agreementAnswers.choice.${value}`, { number: page.version.number }) })),
    limits: maxLengths(answerFormSchema),
    errors: form.errors ?? [],
    values: form.values ?? {},
    refusal: form.refusal,
  });

  // ---- The association's area ----------------------------------------------------

  const list: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const agreements = await deps.answers.forAssociation(association.id);
    res.render('agreement-answers/list', {
      title: req.t('agreementAnswers.list.title'),
      breadcrumbs: [{ href: '/min-side', label: req.t('nav.myPage') }, { label: req.t('agreementAnswers.list.title') }],
      association,
      agreements: agreements.map((a) => ({ ...a, href: pagePath(association.id, a.id) })),
    });
  };

  const renderArea = (
    req: Request,
    res: Response,
    status: number,
    page: Page,
    form: { values?: Record<string, unknown>; errors?: FieldError[]; refusal?: string } = {},
  ) => {
    const association = managedAssociation(res);
    res.status(status).render('agreement-answers/show', {
      ...pageLocals(req, page, { ...form, action: `${pagePath(association.id, page.agreement.id)}/svar` }),
      breadcrumbs: [
        { href: '/min-side', label: req.t('nav.myPage') },
        { href: listPath(association.id), label: req.t('agreementAnswers.list.title') },
        { label: page.version.content.title },
      ],
      partyName: association.name,
      backHref: listPath(association.id),
      evaluationLink: page.evaluation ? { ...page.evaluation, href: `${pagePath(association.id, page.agreement.id)}/evaluering` } : null,
    });
  };

  const show: RequestHandler = async (req, res) => {
    const page = await deps.answers.findForAssociation(managedAssociation(res).id, requireId(req.params.agreementId));
    if (!page) throw new HttpError(404);
    renderArea(req, res, 200, page);
  };

  const answer: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const agreementId = requireId(req.params.agreementId);
    const page = await deps.answers.findForAssociation(association.id, agreementId);
    if (!page) throw new HttpError(404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const versionNumber = answerVersionNumber(body);
    const values = keepValues(body, ['_csrf', 'versionNumber']);
    const form = parseForm(answerFormSchema, body);
    if (!form.ok) {
      renderArea(req, res, 422, page, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.answers.answer(
      { ...form.data, agreementId, partyId: page.partyId, versionNumber },
      changeContext(req, deps.clock.now()),
      mail(req),
    );
    if (!outcome.ok) {
      const refusal = REFUSAL_KEYS[outcome.reason];
      if (!refusal) throw new HttpError(404);
      // The page as it is now (the newest version, or the answer already given), with
      // what this member wrote kept in the form.
      const latest = await deps.answers.findForAssociation(association.id, agreementId);
      if (!latest) throw new HttpError(404);
      renderArea(req, res, 409, latest, { values, refusal });
      return;
    }
    addFlash(req, 'success', outcome.accepted ? 'agreementAnswers.flash.answeredAllAccepted' : 'agreementAnswers.flash.answered');
    res.redirect(303, pagePath(association.id, agreementId));
  };

  // ---- The external partner's link -----------------------------------------------

  const renderRefused = (req: Request, res: Response, reason: LinkRefusal, municipalUnit?: string) => {
    res.status(LINK_STATUS[reason]).render('agreements/link-refused', {
      prefix: 'agreementAnswers.link',
      title: req.t(`agreementAnswers.link.${reason}.title`),
      reason,
      municipalUnit: municipalUnit ?? '',
    });
  };

  const renderLink = (
    req: Request,
    res: Response,
    status: number,
    page: Page,
    token: string,
    form: { values?: Record<string, unknown>; errors?: FieldError[]; refusal?: string } = {},
  ) => {
    res.status(status).render('agreement-answers/show', {
      ...pageLocals(req, page, { ...form, action: `${AGREEMENT_LINK_BASE}/${token}` }),
      partyName: page.partyName,
      backHref: null,
      evaluationLink: null,
    });
  };

  const showLink: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = String(req.params.token);
    const opened = await deps.answers.openLink(token, deps.clock.now(), req.session.answeredAgreementLink);
    if (!opened.ok) {
      renderRefused(req, res, opened.reason, 'municipalUnit' in opened ? opened.municipalUnit : undefined);
      return;
    }
    renderLink(req, res, 200, opened.page, token);
  };

  const answerLink: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = String(req.params.token);
    const now = deps.clock.now();
    const opened = await deps.answers.openLink(token, now);
    if (!opened.ok) {
      renderRefused(req, res, opened.reason, 'municipalUnit' in opened ? opened.municipalUnit : undefined);
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'versionNumber']);
    const form = parseForm(answerFormSchema, body);
    if (!form.ok) {
      renderLink(req, res, 422, opened.page, token, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.answers.answerThroughLink(token, form.data, changeContext(req, now), mail(req));
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'unknown':
        case 'expired':
        case 'used':
        case 'superseded':
          renderRefused(req, res, outcome.reason, opened.page.agreement.municipalUnit);
          return;
        case 'already-answered':
        case 'closed':
          renderLink(req, res, 409, { ...opened.page, canAnswer: false }, token, { values, refusal: REFUSAL_KEYS[outcome.reason] });
          return;
        default:
          throw new HttpError(404);
      }
    }
    req.session.answeredAgreementLink = outcome.linkId;
    addFlash(req, 'success', 'agreementAnswers.flash.answered');
    res.redirect(303, `${AGREEMENT_LINK_BASE}/${token}`);
  };

  return { list, show, answer, showLink, answerLink };
}
