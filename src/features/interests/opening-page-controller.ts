// GET /opgaver/:id (the opening page with the "Jeg vil gerne hjælpe" form),
// POST /opgaver/:id/interesse and the receipt page after it.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { FeatureDeps } from '../feature-deps.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { parseId } from './route-params.js';
import type { OpeningPageResult, OpeningPageService } from './opening-page-service.js';
import type { InterestService } from './interest-service.js';
import { HONEYPOT_FIELD, interestSchema, isSubmissionKey } from './interest-schemas.js';
import { interestRetentionMonths } from './retention-setting.js';
import { sendInterestMails } from './interest-mail.js';
import { hasReceipt, rememberReceipt } from './receipt-session.js';

const VIEW = 'interests/opening';

/** A fresh one-time key for each rendered form (see InterestService.create). */
function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

type FoundOpening = Extract<OpeningPageResult, { found: true }>;

export function createOpeningPageController(deps: FeatureDeps & { pages: OpeningPageService; interests: InterestService }) {
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
        { href: '/', label: req.t('nav.home') },
        { href: '/opgaver', label: req.t('nav.openings') },
        { label: result.opening.title },
      ],
      opening: result.opening,
      preview: result.preview ? { reasons: result.reasons } : null,
      interestForm: {
        action: `/opgaver/${result.opening.id}/interesse`,
        submissionKey: form.submissionKey,
        retentionMonths: await interestRetentionMonths(deps.prisma),
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
    const result = await deps.pages.findForPage(id, deps.clock.now(), req.user);
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
    const opening = await deps.pages.findPublic(id, now);
    if (!opening) throw new HttpError(404);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const receipt = `/opgaver/${id}/interesse/kvittering`;

    // Honeypot: a person never sees or fills this field; a bot filling every input
    // does. Answer exactly as for a real submission (so the bot learns nothing) and
    // store and send nothing.
    const trap = body[HONEYPOT_FIELD];
    if (typeof trap === 'string' && trap.trim() !== '') {
      req.log?.info({ openingId: id }, 'interest honeypot filled: ignored');
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

    const outcome = await deps.interests.create({ ...form.data, openingId: id, submissionKey, lang: req.lang, now });
    if (outcome.created) {
      await deps.audit.record({
        action: 'interest.created',
        targetType: 'interest',
        targetId: outcome.interestId,
        requestId: String(req.id),
        details: { openingId: id, associationId: opening.associationId },
      });
      try {
        await sendInterestMails(deps.prisma, deps.mailer, {
          t: req.t,
          baseUrl: deps.config.baseUrl,
          municipalityName: (await deps.settings.profile()).name,
          retentionMonths: await interestRetentionMonths(deps.prisma),
          opening,
          citizen: form.data,
          token: outcome.token,
        });
      } catch (error) {
        // The interest is stored and the association can see it; a mail server
        // hiccup must not turn that into an error page (and a resubmission). Only
        // the error's kind is logged: SMTP errors can quote addresses.
        req.log?.error({ interestId: outcome.interestId, errorName: (error as Error)?.name }, 'interest e-mail failed');
      }
    }
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
    const opening = await deps.prisma.opening.findUnique({
      where: { id },
      select: { id: true, title: true, contactName: true, contactEmail: true, association: { select: { name: true, slug: true } } },
    });
    if (!opening) throw new HttpError(404);
    res.render('interests/receipt', { title: req.t('interests.receipt.title'), opening });
  };

  /** The 429 page for too many interests from one address: says when to try again and whom to write to instead. */
  const rateLimited = async (req: Request, res: Response) => {
    const id = parseId(req.params.id);
    const opening = id === null ? null : await deps.pages.findPublic(id, deps.clock.now());
    // express-rate-limit keeps its own (real) time; the wait is its reset time.
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const minutes = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 60_000)) : 60;
    res.status(429).render('interests/rate-limited', { title: req.t('interests.rateLimited.title'), opening, minutes });
  };

  return { showOpening, submitInterest, showReceipt, rateLimited };
}
