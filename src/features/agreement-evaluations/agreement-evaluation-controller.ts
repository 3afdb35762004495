// The evaluation pages: staff's page of an agreement's evaluation (open it, the
// municipality's own answer, the answers side by side, the decision) and its earlier
// evaluations read-only; the association's answer page in its area; and the external
// partner's answer page behind the e-mailed single-use link. Failed forms re-render
// with 422 and the input kept; a stale answer or decision answers 409 with the input
// kept; success is 303 + flash.
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { parseId, requireId } from '../../validation/ids.js';
import { submittedVersion } from '../../validation/version.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import { areaPath, managedAssociation } from '../association-area/association-area.js';
import { CHECKLIST_RATINGS } from '../agreements/evaluation-checklist.js';
import { DECISIONS, DONT_KNOW, answerFormSchema, answerValues, decisionFormSchema, itemField } from './agreement-evaluation-schemas.js';
import {
  associationEvaluationPath,
  comparison,
  type AgreementEvaluationService,
  type EvaluationDetail,
  type SaveAnswerOutcome,
} from './agreement-evaluation-service.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';

export const AGREEMENTS_PATH = '/medarbejder/samarbejdsaftaler';
export const staffEvaluationPath = (agreementId: number) => `${AGREEMENTS_PATH}/${agreementId}/evaluering`;
export const LINK_PATH = '/samarbejdsaftale/evaluering';
export const LINK_DONE_PATH = `${LINK_PATH}/tak`;

const inLanguage = (lang: string, da: string, en: string) => (lang === 'da' ? da : en);

/** The checklist and the ratings as the answer form shows them. */
function formModel(req: Request, evaluation: EvaluationDetail) {
  const keys = evaluation.checklist.map((item) => item.key);
  return {
    items: evaluation.checklist.map((item) => ({
      key: item.key,
      text: inLanguage(req.lang, item.textDa, item.textEn),
      guidance: inLanguage(req.lang, item.guidanceDa, item.guidanceEn),
      rating: itemField(item.key, 'rating'),
      howItWent: itemField(item.key, 'howItWent'),
      toChange: itemField(item.key, 'toChange'),
    })),
    ratingOptions: [
      ...CHECKLIST_RATINGS.map((value) => ({ value: String(value), label: req.t(`agreementEvaluations.rating.${value}`) })),
      { value: DONT_KNOW, label: req.t('agreementEvaluations.rating.dontKnow') },
    ],
    limits: maxLengths(answerFormSchema(keys)),
  };
}

/** What every evaluation page shows of an evaluation: parties, who answered, comparison, outcomes. */
function evaluationModel(req: Request, evaluation: EvaluationDetail) {
  const answers = new Map(evaluation.answers.map((a) => [a.partyId, a]));
  return {
    ...evaluation,
    parties: evaluation.parties.map((p) => ({ ...p, answer: answers.get(p.partyId) ?? null })),
    answeredCount: evaluation.answers.length,
    comparison: comparison(evaluation).map((row) => ({ ...row, text: inLanguage(req.lang, row.textDa, row.textEn) })),
  };
}

const ratingLabel = (t: TFunction) => (rating: number | null) =>
  rating === null ? t('agreementEvaluations.rating.dontKnow') : t(`agreementEvaluations.rating.${rating}`);

export function createAgreementEvaluationController(deps: { clock: Clock; evaluations: AgreementEvaluationService; baseUrl: string }) {
  const today = () => municipalityTodayDate(deps.clock.now());
  const context = (req: Request) => changeContext(req, deps.clock.now());

  // ---------------------------------------------------------------- staff

  const staffCrumbs = (req: Request, agreement: { id: number; title: string }, last?: string) => [
    { href: '/medarbejder', label: req.t('staff.title') },
    { href: AGREEMENTS_PATH, label: req.t('agreements.list.title') },
    { href: `${AGREEMENTS_PATH}/${agreement.id}`, label: agreement.title, typed: true },
    ...(last
      ? [{ href: staffEvaluationPath(agreement.id), label: req.t('agreementEvaluations.staff.title') }, { label: last }]
      : [{ label: req.t('agreementEvaluations.staff.title') }]),
  ];

  interface StaffView {
    values?: Record<string, unknown>;
    errors?: FieldError[];
    conflict?: 'answer' | 'decision' | null;
  }

  const renderStaff = async (req: Request, res: Response, status: number, agreementId: number, view: StaffView = {}) => {
    const overview = await deps.evaluations.overview(agreementId, today());
    if (!overview) throw new HttpError(404);
    const current = overview.current;
    const municipality = current?.parties.find((p) => p.kind === 'MUNICIPALITY') ?? null;
    const ownAnswer = current && municipality ? (current.answers.find((a) => a.partyId === municipality.partyId) ?? null) : null;
    const stored = current
      ? answerValues(
          current.checklist.map((i) => i.key),
          ownAnswer,
        )
      : {};
    const base = staffEvaluationPath(agreementId);
    res.status(status).render('agreement-evaluations/staff', {
      title: req.t('agreementEvaluations.staff.titleOf', { title: overview.agreement.title }),
      breadcrumbs: staffCrumbs(req, overview.agreement),
      agreement: overview.agreement,
      due: overview.due,
      openAction: `${base}/aabn`,
      answerAction: `${base}/svar`,
      decisionAction: `${base}/beslutning`,
      evaluation: current ? evaluationModel(req, current) : null,
      form: current ? formModel(req, current) : null,
      answerVersion: ownAnswer?.version ?? null,
      readOnly: false,
      decisionOptions: DECISIONS.map((value) => ({
        value,
        label: req.t(`agreementEvaluations.decision.${value}`),
        hint: req.t(`agreementEvaluations.decisionHint.${value}`),
      })),
      decisionLimits: maxLengths(decisionFormSchema),
      earlier: overview.earlier.map((e) => ({ ...e, href: `${base}/${e.id}` })),
      agreementsPath: AGREEMENTS_PATH,
      ratingLabel: ratingLabel(req.t),
      conflict: view.conflict ?? null,
      errors: view.errors ?? [],
      values: { ...stored, ...(view.values ?? {}) },
    });
  };

  const showStaff: RequestHandler = async (req, res) => {
    await renderStaff(req, res, 200, requireId(req.params.agreementId));
  };

  const showEarlier: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const evaluation = await deps.evaluations.find(agreementId, requireId(req.params.evaluationId));
    if (!evaluation) throw new HttpError(404);
    const agreement = { id: agreementId, title: evaluation.agreementTitle };
    const heading = req.t('agreementEvaluations.staff.earlierTitle', { date: res.locals.formatDate(evaluation.reviewDate) });
    res.render('agreement-evaluations/staff', {
      title: heading,
      breadcrumbs: staffCrumbs(req, agreement, heading),
      agreement: { ...agreement, status: evaluation.agreementStatus },
      due: null,
      evaluation: evaluationModel(req, evaluation),
      form: null,
      readOnly: true,
      earlier: [],
      agreementsPath: AGREEMENTS_PATH,
      ratingLabel: ratingLabel(req.t),
      conflict: null,
    });
  };

  const open: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const outcome = await deps.evaluations.open(agreementId, context(req), deps.baseUrl, req.t);
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      await renderStaff(req, res, 422, agreementId, { errors: [{ field: 'open', key: 'agreementEvaluations.errors.notDue' }] });
      return;
    }
    addFlash(req, 'success', outcome.created ? 'agreementEvaluations.flash.opened' : 'agreementEvaluations.flash.alreadyOpen');
    res.redirect(303, staffEvaluationPath(agreementId));
  };

  /** The evaluation a staff form was for (a hidden field), which must be this agreement's. */
  const postedEvaluation = async (agreementId: number, body: Record<string, unknown>) => {
    const evaluation = await deps.evaluations.find(agreementId, requireId(body.evaluationId));
    if (!evaluation) throw new HttpError(404);
    return evaluation;
  };

  const staffAnswer: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const evaluation = await postedEvaluation(agreementId, body);
    const municipality = evaluation.parties.find((p) => p.kind === 'MUNICIPALITY');
    if (!municipality) throw new HttpError(404);
    const values = keepValues(body, ['_csrf', 'version', 'evaluationId']);
    const form = parseForm(answerFormSchema(evaluation.checklist.map((i) => i.key)), body);
    if (!form.ok) {
      await renderStaff(req, res, 422, agreementId, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.evaluations.saveAnswer(
      evaluation.id,
      municipality.partyId,
      submittedVersion(body) ?? null,
      form.data,
      context(req),
    );
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      await renderStaff(req, res, 409, agreementId, { values, conflict: outcome.reason === 'decided' ? 'decision' : 'answer' });
      return;
    }
    addFlash(req, 'success', 'agreementEvaluations.flash.answered');
    res.redirect(303, staffEvaluationPath(agreementId));
  };

  const DECIDE_ERRORS: Record<string, string> = {
    'municipality-answer-missing': 'agreementEvaluations.errors.municipalityAnswerMissing',
    'continue-not-active': 'agreementEvaluations.errors.continueNotActive',
    'not-decidable': 'agreementEvaluations.errors.notDecidable',
  };

  const decide: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const evaluation = await postedEvaluation(agreementId, body);
    const expected = parseId(body.evaluationVersion);
    if (expected === null) throw new HttpError(400);
    const values = { decision: body.decision, note: body.note };
    const form = parseForm(decisionFormSchema, body);
    if (!form.ok) {
      await renderStaff(req, res, 422, agreementId, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.evaluations.decide(evaluation.id, expected, form.data.decision, form.data.note, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'conflict' || outcome.reason === 'decided') {
        await renderStaff(req, res, 409, agreementId, { values, conflict: 'decision' });
        return;
      }
      await renderStaff(req, res, 422, agreementId, { values, errors: [{ field: 'decision', key: DECIDE_ERRORS[outcome.reason]! }] });
      return;
    }
    addFlash(req, 'success', `agreementEvaluations.flash.decided${form.data.decision}`);
    res.redirect(303, staffEvaluationPath(agreementId));
  };

  // ---------------------------------------------------------------- partners

  interface PartnerView {
    evaluation: EvaluationDetail;
    partyId: number;
    action: string;
    /** The association's page shows the comparison after the decision; the link page never. */
    showComparison: boolean;
    values?: Record<string, unknown>;
    errors?: FieldError[];
    conflict?: 'answer' | 'decision' | null;
    /** The association's page sits in its area: breadcrumbs and a link back to the agreement. */
    area?: { associationId: number };
  }

  /** Min side › Samarbejdsaftaler › the agreement › Evaluering, as on the area's agreement pages. */
  const areaCrumbs = (req: Request, associationId: number, evaluation: EvaluationDetail) => [
    { href: '/min-side', label: req.t('nav.myPage') },
    { href: areaPath(associationId, '/samarbejdsaftaler'), label: req.t('agreementAnswers.list.title') },
    { href: areaPath(associationId, `/samarbejdsaftaler/${evaluation.agreementId}`), label: evaluation.agreementTitle },
    { label: req.t('agreementEvaluations.staff.title') },
  ];

  const renderPartner = (req: Request, res: Response, status: number, view: PartnerView) => {
    const { evaluation, partyId } = view;
    const ownAnswer = evaluation.answers.find((a) => a.partyId === partyId) ?? null;
    const party = evaluation.parties.find((p) => p.partyId === partyId);
    if (!party) throw new HttpError(404);
    const stored = answerValues(
      evaluation.checklist.map((i) => i.key),
      ownAnswer,
    );
    res.status(status).render('agreement-evaluations/partner', {
      title: req.t('agreementEvaluations.partner.title', { title: evaluation.agreementTitle }),
      evaluation: evaluationModel(req, evaluation),
      party,
      ownAnswer,
      form: formModel(req, evaluation),
      action: view.action,
      answerVersion: ownAnswer?.version ?? null,
      showComparison: view.showComparison && evaluation.decision !== null,
      ratingLabel: ratingLabel(req.t),
      conflict: view.conflict ?? null,
      errors: view.errors ?? [],
      values: { ...stored, ...(view.values ?? {}) },
      ...(view.area
        ? {
            breadcrumbs: areaCrumbs(req, view.area.associationId, evaluation),
            backHref: areaPath(view.area.associationId, `/samarbejdsaftaler/${evaluation.agreementId}`),
          }
        : { backHref: null }),
    });
  };

  const partnerConflict = (outcome: Exclude<SaveAnswerOutcome, { ok: true }>) =>
    outcome.reason === 'decided' ? ('decision' as const) : ('answer' as const);

  const associationFind = async (res: Response, agreementId: number) => {
    const association = managedAssociation(res);
    const found = await deps.evaluations.forAssociation(agreementId, association.id);
    if (!found) throw new HttpError(404);
    return { association, ...found };
  };

  const showAssociation: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const { association, evaluation, partyId } = await associationFind(res, agreementId);
    renderPartner(req, res, 200, {
      evaluation,
      partyId,
      action: associationEvaluationPath(association.id, agreementId),
      showComparison: true,
      area: { associationId: association.id },
    });
  };

  const saveAssociation: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const { association, evaluation, partyId } = await associationFind(res, agreementId);
    const action = associationEvaluationPath(association.id, agreementId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const form = parseForm(answerFormSchema(evaluation.checklist.map((i) => i.key)), body);
    if (!form.ok) {
      renderPartner(req, res, 422, {
        evaluation,
        partyId,
        action,
        showComparison: true,
        values,
        errors: form.errors,
        area: { associationId: association.id },
      });
      return;
    }
    const outcome = await deps.evaluations.saveAnswer(evaluation.id, partyId, submittedVersion(body) ?? null, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      const latest = await deps.evaluations.find(agreementId, evaluation.id);
      if (!latest) throw new HttpError(404);
      renderPartner(req, res, 409, {
        evaluation: latest,
        partyId,
        action,
        showComparison: true,
        values,
        conflict: partnerConflict(outcome),
        area: { associationId: association.id },
      });
      return;
    }
    addFlash(req, 'success', 'agreementEvaluations.flash.answered');
    res.redirect(303, action);
  };

  const refuseLink = (req: Request, res: Response, reason: 'unknown' | 'expired' | 'used') => {
    res.status(reason === 'unknown' ? 404 : 410).render('agreements/link-refused', {
      prefix: 'agreementEvaluations.link',
      title: req.t(`agreementEvaluations.link.${reason}.title`),
      reason,
    });
  };

  const linkEvaluation = async (req: Request, res: Response) => {
    protectSecretLink(res);
    const found = await deps.evaluations.findLink(req.params.token, deps.clock.now());
    if (!found.ok) {
      refuseLink(req, res, found.reason);
      return null;
    }
    const evaluation = found.link.evaluationId === null ? null : await deps.evaluations.forLink(found.link.evaluationId);
    if (!evaluation) {
      refuseLink(req, res, 'unknown');
      return null;
    }
    return { link: found.link, evaluation, action: `${LINK_PATH}/${String(req.params.token)}` };
  };

  const showLink: RequestHandler = async (req, res) => {
    const found = await linkEvaluation(req, res);
    if (!found) return;
    if (found.evaluation.decision !== null) {
      refuseLink(req, res, 'expired');
      return;
    }
    renderPartner(req, res, 200, {
      evaluation: found.evaluation,
      partyId: found.link.partyId,
      action: found.action,
      showComparison: false,
    });
  };

  const saveLink: RequestHandler = async (req, res) => {
    const found = await linkEvaluation(req, res);
    if (!found) return;
    const { evaluation, link, action } = found;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const form = parseForm(answerFormSchema(evaluation.checklist.map((i) => i.key)), body);
    if (!form.ok) {
      // The link stays unused: it is spent only by a saved answer.
      renderPartner(req, res, 422, { evaluation, partyId: link.partyId, action, showComparison: false, values, errors: form.errors });
      return;
    }
    const outcome = await deps.evaluations.saveAnswer(
      evaluation.id,
      link.partyId,
      submittedVersion(body) ?? null,
      form.data,
      context(req),
      {
        linkId: link.id,
      },
    );
    if (!outcome.ok) {
      if (outcome.reason === 'link-used') {
        refuseLink(req, res, 'used');
        return;
      }
      if (outcome.reason === 'not-found') throw new HttpError(404);
      const latest = await deps.evaluations.forLink(evaluation.id);
      if (!latest) throw new HttpError(404);
      renderPartner(req, res, 409, {
        evaluation: latest,
        partyId: link.partyId,
        action,
        showComparison: false,
        values,
        conflict: partnerConflict(outcome),
      });
      return;
    }
    res.redirect(303, LINK_DONE_PATH);
  };

  /** After the POST (post/redirect/get): holds no data. */
  const linkDone: RequestHandler = (req, res) => {
    res.render('agreement-evaluations/link-done', { title: req.t('agreementEvaluations.link.done.title') });
  };

  return { showStaff, showEarlier, open, staffAnswer, decide, showAssociation, saveAssociation, showLink, saveLink, linkDone };
}
