// Staff review pages: /medarbejder/foreninger (pending and recent decisions) and
// /medarbejder/foreninger/:id (everything submitted, with approve and reject forms
// while pending; suspend and archive once approved; reinstate while suspended or
// archived). The members are told of every decision by e-mail, in Danish.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import { addFlash } from '../../middleware/flash.js';
import type { MailMessage } from '../../mail/mailer.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import { labelOf } from './association-options.js';
import { archivingSchema, reinstatementSchema, rejectionSchema, suspensionSchema } from './association-schemas.js';
import { approvedNotice, rejectedNotice, statusChangeNotice } from './association-mail.js';
import { danish } from '../../mail/compose.js';
import type { AssociationControllerDeps } from './association-routes.js';
import { canChangeStatus, type Decided, type Decision, type StatusChange } from './review-service.js';
import type { AssociationStatus } from '../../generated/prisma/enums.js';

export function createReviewController(deps: AssociationControllerDeps) {
  const { review: reviews } = deps.services;

  const index: RequestHandler = async (req, res) => {
    const { pending, decided, inactive } = await reviews.overview();
    res.render('associations/review/index', {
      title: req.t('associations.review.title'),
      breadcrumbs: [{ href: '/medarbejder', label: req.t('staff.title') }, { label: req.t('associations.review.heading') }],
      pending,
      decided,
      inactive,
    });
  };

  const renderDetail = async (
    req: Request,
    res: Response,
    id: number,
    status = 200,
    errors: FieldError[] = [],
    conflict = false,
    /** A status change refused because the association is (now) in this status. */
    notAllowed: { change: StatusChange['kind']; status: AssociationStatus } | null = null,
  ) => {
    const association = await reviews.detail(id);
    if (!association) throw new HttpError(404);
    const may = (change: StatusChange['kind']) => canChangeStatus(association.status, change);
    res.status(status).render('associations/review/detail', {
      title: req.t('associations.review.detailTitle', { name: association.name }),
      breadcrumbs: [
        { href: '/medarbejder', label: req.t('staff.title') },
        { href: '/medarbejder/foreninger', label: req.t('associations.review.heading') },
        { label: association.name, typed: true },
      ],
      association,
      localArea: association.localArea ? labelOf(association.localArea, req.lang) : null,
      fieldsOfWork: association.fieldsOfWork.map((f) => labelOf(f, req.lang)),
      errors,
      values: keepValues(req.body),
      limits: {
        ...maxLengths(rejectionSchema),
        ...maxLengths(suspensionSchema),
        ...maxLengths(archivingSchema),
        ...maxLengths(reinstatementSchema),
      },
      conflict,
      notAllowed,
      mayChange: { suspend: may('suspend'), archive: may('archive'), reinstate: may('reinstate') },
    });
  };

  const detail: RequestHandler = async (req, res) => {
    await renderDetail(req, res, requireId(req.params.id));
  };

  /** The decision e-mails to the members, in Danish (the municipality's working language). */
  const mailFor =
    (req: Request, res: Response, decision: Decision) =>
    ({ association, memberEmails }: Decided): MailMessage[] => {
      const da = danish(req.t);
      const municipality = res.locals.municipality;
      const { baseUrl } = deps.config;
      return memberEmails.map((to) =>
        decision.kind === 'approve'
          ? approvedNotice(da, to, { association, baseUrl, municipality: municipality.name })
          : rejectedNotice(da, to, {
              association,
              reason: decision.reason,
              baseUrl,
              municipality: municipality.name,
              contactEmail: municipality.contactEmail,
            }),
      );
    };

  const decide =
    (kind: Decision['kind']): RequestHandler =>
    async (req, res) => {
      const id = requireId(req.params.id);
      const version = requireVersion(req.body);
      let decision: Decision;
      if (kind === 'reject') {
        const form = parseForm(rejectionSchema, req.body);
        if (!form.ok) return renderDetail(req, res, id, 422, form.errors);
        decision = { kind, reason: form.data.reason };
      } else {
        decision = { kind };
      }
      const context = changeContext(req, deps.clock.now());
      const outcome = await reviews.decide(id, version, decision, context, mailFor(req, res, decision));
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        return renderDetail(req, res, id, 409, [], true);
      }
      addFlash(req, 'success', decision.kind === 'approve' ? 'associations.review.flashApproved' : 'associations.review.flashRejected');
      res.redirect(303, '/medarbejder/foreninger');
    };

  const STATUS_CHANGE_MAIL = { suspend: 'suspended', archive: 'archived', reinstate: 'reinstated' } as const;

  const changeStatus =
    (kind: StatusChange['kind']): RequestHandler =>
    async (req, res) => {
      const id = requireId(req.params.id);
      const version = requireVersion(req.body);
      let change: StatusChange;
      if (kind === 'suspend') {
        const form = parseForm(suspensionSchema, req.body);
        if (!form.ok) return renderDetail(req, res, id, 422, form.errors);
        change = { kind, reason: form.data.suspendReason };
      } else if (kind === 'archive') {
        const form = parseForm(archivingSchema, req.body);
        if (!form.ok) return renderDetail(req, res, id, 422, form.errors);
        change = { kind, reason: form.data.archiveReason };
      } else {
        const form = parseForm(reinstatementSchema, req.body);
        if (!form.ok) return renderDetail(req, res, id, 422, form.errors);
        change = { kind, note: form.data.reinstateNote ?? null };
      }
      const da = danish(req.t);
      const municipality = res.locals.municipality;
      const mail = ({ association, memberEmails }: Decided): MailMessage[] =>
        memberEmails.map((to) =>
          statusChangeNotice(da, to, {
            kind: STATUS_CHANGE_MAIL[change.kind],
            association,
            text: change.kind === 'reinstate' ? change.note : change.reason,
            baseUrl: deps.config.baseUrl,
            municipality: municipality.name,
            contactEmail: municipality.contactEmail,
          }),
        );
      const outcome = await reviews.changeStatus(id, version, change, changeContext(req, deps.clock.now()), mail);
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        if (outcome.reason === 'not-allowed') return renderDetail(req, res, id, 409, [], false, { change: kind, status: outcome.status });
        return renderDetail(req, res, id, 409, [], true);
      }
      addFlash(req, 'success', `associations.review.flash_${STATUS_CHANGE_MAIL[kind]}`);
      res.redirect(303, `/medarbejder/foreninger/${id}`);
    };

  return {
    index,
    detail,
    approve: decide('approve'),
    reject: decide('reject'),
    suspend: changeStatus('suspend'),
    archive: changeStatus('archive'),
    reinstate: changeStatus('reinstate'),
  };
}
