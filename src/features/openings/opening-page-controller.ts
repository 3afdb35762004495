// GET /opgaver/:id (the opening page with the "Jeg vil gerne hjælpe" form),
// POST /opgaver/:id/interesse, the receipt page after it, and the page for too many
// interests from one address.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { type ChangeContext, type SecurityEvents, changeContext } from '../../audit/audit-log.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { parseId } from '../../validation/ids.js';
import { maxLengths } from '../../validation/limits.js';
import { HONEYPOT_FIELD, honeypotFilled } from '../../validation/honeypot.js';
import type { InterestService } from '../interests/interest-service.js';
import { interestMails, resentReceiptMail } from '../interests/interest-mail.js';
import type { OpeningPageResult, OpeningPageService } from './opening-page-service.js';
import { interestSchema, isSubmissionKey } from './interest-form-schema.js';
import { hasReceipt, rememberReceipt } from './receipt-session.js';
import { replyPeriod } from '../interests/reply-time.js';

const VIEW = 'openings/opening';

/** A fresh one-time key for each rendered form (see InterestService.create). */
function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

type FoundOpening = Extract<OpeningPageResult, { found: true }>;

export interface OpeningPageDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  security: SecurityEvents;
  openingPages: OpeningPageService;
  interests: InterestService;
}

export function createOpeningPageController(deps: OpeningPageDeps) {
  const render = async (
    req: Request,
    res: Response,
    status: number,
    result: FoundOpening,
    form: { errors: FieldError[]; values: Record<string, unknown>; submissionKey: string },
  ) => {
    res.status(status).render(VIEW, {
      title: result.opening.title,
      breadcrumbs: [
        { href: '/opgaver', label: req.t('nav.openings') },
        { label: result.opening.title, typed: true },
      ],
      opening: result.opening,
      preview: result.preview ? { reasons: result.reasons } : null,
      interestForm: {
        action: `/opgaver/${result.opening.id}/interesse`,
        submissionKey: form.submissionKey,
        retentionMonths: await deps.interests.retentionMonths(),
      },
      limits: maxLengths(interestSchema),
      errors: form.errors,
      values: form.values,
    });
  };

  const showOpening: RequestHandler = async (req, res, next) => {
    const id = parseId(req.params.id);
    if (id === null) {
      next();
      return;
    }
    const result = await deps.openingPages.findForPage(id, deps.clock.now(), req.user);
    if (!result.found) throw new HttpError(404);
    await render(req, res, 200, result, { errors: [], values: {}, submissionKey: newSubmissionKey() });
  };

  const submitInterest: RequestHandler = async (req, res, next) => {
    const id = parseId(req.params.id);
    if (id === null) {
      next();
      return;
    }
    const now = deps.clock.now();
    const opening = await deps.openingPages.findPublic(id, now);
    if (!opening) throw new HttpError(404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const receipt = `/opgaver/${id}/interesse/kvittering`;

    // Honeypot: answer exactly as for a real submission (so the bot learns nothing)
    // and store and send nothing.
    if (honeypotFilled(body)) {
      req.log?.info({ openingId: id }, 'interest honeypot filled: ignored');
      void deps.security.record({ action: 'interest.honeypot', targetType: 'opening', targetId: id, requestId: String(req.id) });
      rememberReceipt(req, id);
      res.redirect(303, receipt);
      return;
    }

    // Our own form always carries a key; a post without one did not come from it.
    if (!isSubmissionKey(body.submissionKey)) throw new HttpError(400);
    const submissionKey = body.submissionKey;

    const form = parseForm(interestSchema, body);
    if (!form.ok) {
      await render(
        req,
        res,
        422,
        { found: true, opening, preview: false },
        {
          errors: form.errors,
          values: keepValues(body, ['_csrf', HONEYPOT_FIELD]),
          submissionKey,
        },
      );
      return;
    }

    const context: ChangeContext = changeContext(req, now);
    const mailBase = { t: req.t, baseUrl: deps.config.baseUrl, municipalityName: res.locals.municipality.name, opening };
    // The same address again in the same opening: the same receipt page as a new
    // interest (so typing someone's address reveals nothing), the receipt e-mail again
    // to that address, no second row and no second notice to the association.
    const outcome = await deps.interests.create(
      { ...form.data, openingId: id, submissionKey, lang: req.lang },
      context,
      (created) =>
        interestMails(
          { ...mailBase, retentionMonths: created.retentionMonths, citizen: form.data, token: created.token },
          created.associationRecipients,
        ),
      (earlier) =>
        resentReceiptMail(
          { ...mailBase, retentionMonths: earlier.retentionMonths, token: earlier.token, formatDate: res.locals.formatDate },
          earlier,
        ),
    );
    if (!outcome.ok) throw new HttpError(404);
    rememberReceipt(req, id);
    res.redirect(303, receipt);
  };

  const showReceipt: RequestHandler = async (req, res, next) => {
    const id = parseId(req.params.id);
    if (id === null) {
      next();
      return;
    }
    if (!hasReceipt(req, id)) {
      res.redirect(303, `/opgaver/${id}`);
      return;
    }
    const opening = await deps.openingPages.findForReceipt(id);
    if (!opening) throw new HttpError(404);
    res.render('openings/receipt', { title: req.t('openings.receipt.title'), opening, period: replyPeriod(req.t) });
  };

  /** The 429 page for too many interests from one address: says when to try again and whom to write to instead. */
  const rateLimited = async (req: Request, res: Response) => {
    const id = parseId(req.params.id);
    void deps.security.record({
      action: 'interest.rateLimited',
      requestId: String(req.id),
      ...(id === null ? {} : { targetType: 'opening', targetId: id }),
    });
    const opening = id === null ? null : await deps.openingPages.findPublic(id, deps.clock.now());
    // express-rate-limit keeps its own (real) time; the wait is its reset time.
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const minutes = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 60_000)) : 60;
    res.status(429).render('openings/rate-limited', { title: req.t('openings.rateLimited.title'), opening, minutes });
  };

  return { showOpening, submitInterest, showReceipt, rateLimited };
}
