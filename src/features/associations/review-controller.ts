// Staff review pages: /medarbejder/foreninger (pending and recent decisions) and
// /medarbejder/foreninger/:id (everything submitted, with approve and reject forms).
// The members are told of the decision by e-mail, in Danish.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import type { FeatureDeps } from '../feature-deps.js';
import { labelOf } from './association-options.js';
import { approvalSchema, idParam, rejectionSchema } from './association-schemas.js';
import { approvedNotice, danish, rejectedNotice, sendSafely } from './association-mail.js';
import { createReviewService, type Decision } from './review-service.js';

export function createReviewController(deps: FeatureDeps) {
  const reviews = createReviewService(deps.prisma);

  const index: RequestHandler = async (req, res) => {
    const { pending, decided } = await reviews.overview();
    res.render('staff-associations/index', { title: req.t('associations.review.title'), pending, decided });
  };

  const renderDetail = async (req: Request, res: Response, id: number, status = 200, errors: FieldError[] = [], conflict = false) => {
    const association = await reviews.detail(id);
    if (!association) throw new HttpError(404);
    res.status(status).render('staff-associations/detail', {
      title: req.t('associations.review.detailTitle', { name: association.name }),
      association,
      localArea: association.localArea ? labelOf(association.localArea, req.lang) : null,
      fieldsOfWork: association.fieldsOfWork.map((f) => labelOf(f, req.lang)),
      errors,
      values: keepValues(req.body),
      limits: maxLengths(rejectionSchema),
      conflict,
    });
  };

  const detail: RequestHandler = async (req, res) => {
    const id = idParam.safeParse(req.params.id);
    if (!id.success) throw new HttpError(404);
    await renderDetail(req, res, id.data);
  };

  const decide =
    (kind: Decision['kind']): RequestHandler =>
    async (req, res) => {
      const id = idParam.safeParse(req.params.id);
      if (!id.success) throw new HttpError(404);
      let decision: Decision;
      let version: number;
      if (kind === 'reject') {
        const form = parseForm(rejectionSchema, req.body);
        if (!form.ok) return renderDetail(req, res, id.data, 422, form.errors);
        decision = { kind, reason: form.data.reason };
        version = form.data.version;
      } else {
        const form = parseForm(approvalSchema, req.body);
        if (!form.ok) throw new HttpError(400);
        decision = { kind };
        version = form.data.version;
      }
      const now = deps.clock.now();
      const outcome = await reviews.decide(id.data, version, decision, { actorUserId: req.user!.id, requestId: String(req.id), now });
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        return renderDetail(req, res, id.data, 409, [], true);
      }

      const municipality = await deps.settings.profile();
      const da = danish(req.t);
      for (const to of outcome.memberEmails) {
        const message =
          decision.kind === 'approve'
            ? approvedNotice(da, to, { association: outcome.association, baseUrl: deps.config.baseUrl, municipality: municipality.name })
            : rejectedNotice(da, to, {
                association: outcome.association,
                reason: decision.reason,
                baseUrl: deps.config.baseUrl,
                municipality: municipality.name,
                contactEmail: municipality.contactEmail,
              });
        await sendSafely(deps.mailer, deps.logger, message, `association.${decision.kind}`);
      }
      addFlash(req, 'success', decision.kind === 'approve' ? 'associations.review.flashApproved' : 'associations.review.flashRejected');
      res.redirect(303, '/medarbejder/foreninger');
    };

  return { index, detail, approve: decide('approve'), reject: decide('reject') };
}
