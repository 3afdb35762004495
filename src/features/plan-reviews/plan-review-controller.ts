// The yearly status review pages: staff's guided page per plan and year (start it, the
// meeting, one form per action, bulk status, committee decisions, state moves,
// amendments once finalised, carry-over), and the association's page in its area (its
// own status per action it is responsible for). Many forms share one page, so each
// form's fields have ids prefixed by the form (errors link to them) and a failed form
// re-renders the page with only that form's input kept: 422 for invalid input, 409 for
// a stale version or a locked (finalised) review; success is 303 + flash.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion, submittedVersion } from '../../validation/version.js';
import { managedAssociation, areaPath } from '../association-area/association-area.js';
import type { ManagedAssociation } from '../association-area/association-area-service.js';
import {
  ACTION_STATUSES,
  AMENDABLE_FIELDS,
  LIMITS,
  UNFINISHED,
  MEETING_FIELDS,
  amendFormSchema,
  amendedMeetingValue,
  amendedValue,
  meetingAmendFormSchema,
  bulkFormSchema,
  decisionFormSchema,
  entryFormSchema,
  meetingFormSchema,
  parseYear,
  partnerFormSchema,
  stateFormSchema,
} from './plan-review-schemas.js';
import type { PlanReviewService, ReviewPage } from './plan-review-service.js';
import { formatCalendarDate } from '../../validation/dates.js';

/** The label key of an action in a review that staff have not assessed yet. */
const NOT_ASSESSED = 'NOT_ASSESSED';

export const PLANS_PATH = '/medarbejder/handleplaner';
export const reviewPath = (planId: number, year: number) => `${PLANS_PATH}/${planId}/status/${year}`;

/** Which form on the page a failed submit came from, with its input and errors. */
interface FormState {
  form: string;
  values?: Record<string, unknown>;
  errors?: FieldError[];
  /** The alert to show: someone saved first, or the review is finalised. */
  alert?: 'conflict' | 'locked' | 'notFinalised' | 'unchanged' | 'unassessed';
}

/** A form's errors with its field ids (form prefix + field), so the summary links to them. */
const prefixed = (form: string, errors: FieldError[]): FieldError[] => errors.map((e) => ({ ...e, field: `${form}-${e.field}` }));

const statusOptions = (req: Request) => ACTION_STATUSES.map((value) => ({ value, label: req.t(`actionPlans.status.${value}`) }));

/**
 * After a carry-over (?viderefoert=<count>): how many were carried, if this year's actions
 * were carried to next year at all (a hand-typed address says nothing untrue).
 */
function carriedNotice(req: Request, page: ReviewPage): number | null {
  const raw = req.query.viderefoert;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw)) return null;
  const count = Number(raw);
  const carried = page.actions.filter((a) => a.carriedTo).length;
  return count > 0 && count <= carried ? count : null;
}

export function createPlanReviewController(deps: { clock: Clock; reviews: PlanReviewService }) {
  const context = (req: Request) => changeContext(req, deps.clock.now());

  const params = (req: Request) => {
    const planId = requireId(req.params.planId);
    const year = parseYear(req.params.year);
    if (year === null) throw new HttpError(404);
    return { planId, year };
  };

  // ---------------------------------------------------------------- staff

  function pageModel(req: Request, res: Response, page: ReviewPage, state: FormState | null) {
    const { review } = page;
    const entries = new Map((review?.entries ?? []).map((e) => [e.actionId, e]));
    const titles = new Map(page.actions.map((a) => [a.id, a.title]));
    const label = (status: string) => req.t(`actionPlans.status.${status}`);
    const rows = page.actions.map((action) => {
      const entry = entries.get(action.id) ?? null;
      // NOT_ASSESSED: in the review, but staff have not set a status yet (no radio is checked).
      const staffStatus = entry?.status ?? NOT_ASSESSED;
      const partners = (review?.partnerEntries ?? [])
        .filter((p) => p.actionId === action.id)
        .map((p) => ({
          name: p.association.name,
          status: p.status,
          comment: p.comment,
          answeredAt: p.answeredAt,
          differs: staffStatus !== NOT_ASSESSED && p.status !== staffStatus,
        }));
      const form = `a${action.id}`;
      const stored = {
        status: staffStatus,
        whatHappened: entry?.whatHappened ?? '',
        evidence: entry?.evidence ?? '',
        nextStep: entry?.nextStep ?? '',
        indicatorActual: entry?.indicatorActual === null || entry?.indicatorActual === undefined ? '' : String(entry.indicatorActual),
      };
      return {
        action,
        form,
        entry,
        version: entry ? String(entry.version) : '',
        staffStatus,
        partners,
        differs: partners.some((p) => p.differs),
        associations: action.responsibles.filter((r) => r.kind === 'ASSOCIATION').map((r) => r.association?.name ?? ''),
        values: state?.form === form ? { ...stored, ...state.values } : stored,
        // One small form per amendable field, prefilled with the current value (or the input kept).
        amendForms: AMENDABLE_FIELDS.filter((field) => field !== 'indicatorActual' || action.indicator).map((field) => {
          const key = `r${action.id}-${field}`;
          const current = field === 'status' ? { newStatus: entry?.status ?? '' } : { value: stored[field] };
          return {
            field,
            key,
            label: req.t(`planReviews.fields.${field}`),
            values: state?.form === key ? { ...current, ...state.values } : current,
          };
        }),
        amendOpen: state?.form.startsWith(`r${action.id}-`) ?? false,
        unfinished: staffStatus !== NOT_ASSESSED && UNFINISHED.includes(staffStatus),
      };
    });
    const errors = state?.errors ?? [];
    const meetingStored = review
      ? {
          meetingDate: formatCalendarDate(review.meetingDate),
          meetingPlace: review.meetingPlace,
          participants: review.participants,
          summary: review.summary,
        }
      : {};
    const base = reviewPath(page.plan.id, page.year);
    return {
      title: req.t('planReviews.review.title', { year: page.year, plan: page.plan.title }),
      breadcrumbs: [
        { href: '/medarbejder', label: req.t('staff.title') },
        { href: PLANS_PATH, label: req.t('planReviews.plansTitle') },
        { href: `${PLANS_PATH}/${page.plan.id}`, label: page.plan.title },
        { label: req.t('planReviews.review.crumb', { year: page.year }) },
      ],
      plan: page.plan,
      year: page.year,
      review,
      rows,
      base,
      editable: review !== null && review.state !== 'FINALISED',
      finalised: review?.state === 'FINALISED',
      nextYear: page.year + 1 <= page.plan.lastYear ? page.year + 1 : null,
      carriable: rows.filter((r) => r.unfinished && !r.action.carriedTo).length,
      carried: carriedNotice(req, page),
      nextYearHref: `${PLANS_PATH}/${page.plan.id}#aar-${page.year + 1}`,
      amendments: (review?.amendments ?? []).map((a) => ({
        ...a,
        actionTitle: a.actionId ? (titles.get(a.actionId) ?? '') : req.t('planReviews.amendments.meeting'),
        fieldLabel: req.t(`planReviews.fields.${a.field}`),
        show: (value: unknown) =>
          a.field === 'status' && typeof value === 'string'
            ? label(value)
            : value === null || value === ''
              ? '–'
              : a.field === 'meetingDate' && typeof value === 'string'
                ? res.locals.formatDate(new Date(value))
                : String(value),
      })),
      statusOptions: statusOptions(req),
      meetingAmendForms: MEETING_FIELDS.map((field) => {
        const key = `rm-${field}`;
        const current = { value: (meetingStored as Record<string, string | undefined>)[field] ?? '' };
        return {
          field,
          key,
          label: req.t(`planReviews.fields.${field}`),
          values: state?.form === key ? { ...current, ...state.values } : current,
        };
      }),
      meetingAmendOpen: state?.form.startsWith('rm-') ?? false,
      limits: LIMITS,
      meetingValues: state?.form === 'meeting' ? { ...meetingStored, ...state.values } : meetingStored,
      bulkValues: state?.form === 'bulk' ? (state.values ?? {}) : {},
      decisionValues: state?.form === 'decision' ? (state.values ?? {}) : {},
      alert: state?.alert ? { form: state.form, kind: state.alert } : null,
      errors,
    };
  }

  const render = async (req: Request, res: Response, status: number, state: FormState | null = null) => {
    const { planId, year } = params(req);
    const page = await deps.reviews.page(planId, year);
    if (!page) throw new HttpError(404);
    res.status(status).render('plan-reviews/review', pageModel(req, res, page, state));
  };

  const done = (req: Request, res: Response, flash: string, anchor = '') => {
    const { planId, year } = params(req);
    addFlash(req, 'success', flash);
    res.redirect(303, `${reviewPath(planId, year)}${anchor}`);
  };

  /** The refusals every review form shares. */
  const refused = async (req: Request, res: Response, form: string, reason: string, values: Record<string, unknown>) => {
    if (reason === 'not-found') throw new HttpError(404);
    if (reason === 'locked') {
      await render(req, res, 409, {
        form,
        values,
        alert: 'locked',
        errors: [{ field: `${form}-locked`, key: 'planReviews.errors.locked' }],
      });
      return;
    }
    await render(req, res, 409, {
      form,
      values,
      alert: 'conflict',
      errors: [{ field: `${form}-conflict`, key: 'planReviews.errors.conflict' }],
    });
  };

  /** A correction the service refused: the same value (422 at the field), a review not finalised, or a stale page (409). */
  const amendRefused = async (
    req: Request,
    res: Response,
    formKey: string,
    valueField: string,
    reason: string,
    values: Record<string, unknown>,
  ) => {
    if (reason === 'unchanged') {
      await render(req, res, 422, { form: formKey, values, errors: [{ field: valueField, key: 'planReviews.errors.unchanged' }] });
      return;
    }
    if (reason === 'not-finalised') {
      await render(req, res, 409, {
        form: formKey,
        values,
        alert: 'notFinalised',
        errors: [{ field: `${formKey}-conflict`, key: 'planReviews.errors.notFinalised' }],
      });
      return;
    }
    await refused(req, res, formKey, reason, values);
  };

  const show: RequestHandler = async (req, res) => {
    await render(req, res, 200);
  };

  const start: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const outcome = await deps.reviews.start(planId, year, context(req));
    if (!outcome.ok) throw new HttpError(404);
    done(req, res, outcome.created ? 'planReviews.flash.started' : 'planReviews.flash.alreadyStarted');
  };

  const saveMeeting: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const version = requireVersion(body);
    const form = parseForm(meetingFormSchema, body);
    if (!form.ok) {
      await render(req, res, 422, { form: 'meeting', values, errors: prefixed('meeting', form.errors) });
      return;
    }
    const outcome = await deps.reviews.saveMeeting(planId, year, version, form.data, context(req));
    if (!outcome.ok) {
      await refused(req, res, 'meeting', outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.meetingSaved', '#moede');
  };

  const saveEntry: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const actionId = requireId(req.params.actionId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const formKey = `a${actionId}`;
    const form = parseForm(entryFormSchema, body);
    if (!form.ok) {
      await render(req, res, 422, { form: formKey, values, errors: prefixed(formKey, form.errors) });
      return;
    }
    const outcome = await deps.reviews.saveEntry(planId, year, actionId, submittedVersion(body) ?? null, form.data, context(req));
    if (!outcome.ok) {
      await refused(req, res, formKey, outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.entrySaved', `#handling-${actionId}`);
  };

  const bulk: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body);
    const form = parseForm(bulkFormSchema, body);
    if (!form.ok) {
      await render(req, res, 422, { form: 'bulk', values, errors: prefixed('bulk', form.errors) });
      return;
    }
    const outcome = await deps.reviews.bulkStatus(planId, year, form.data.actionIds, form.data.bulkStatus, context(req));
    if (!outcome.ok) {
      await refused(req, res, 'bulk', outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.bulkSaved');
  };

  const addDecision: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body);
    const form = parseForm(decisionFormSchema, body);
    if (!form.ok) {
      await render(req, res, 422, { form: 'decision', values, errors: prefixed('decision', form.errors) });
      return;
    }
    const outcome = await deps.reviews.addDecision(planId, year, form.data, context(req));
    if (!outcome.ok) {
      await refused(req, res, 'decision', outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.decisionAdded', '#udvalg');
  };

  const changeState: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const version = requireVersion(body);
    const form = stateFormSchema.safeParse(body);
    if (!form.success) throw new HttpError(400);
    const outcome = await deps.reviews.changeState(planId, year, version, form.data.to, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'unassessed') {
        // Nothing changed: the page says which actions still need a status.
        await render(req, res, 422, {
          form: 'state',
          alert: 'unassessed',
          errors: [{ field: 'state-conflict', key: 'planReviews.errors.unassessed' }],
        });
        return;
      }
      // A move the state does not allow can only come from a stale page: it changed since.
      await render(req, res, 409, {
        form: 'state',
        alert: 'conflict',
        errors: [{ field: 'state-conflict', key: 'planReviews.errors.stateConflict' }],
      });
      return;
    }
    done(req, res, `planReviews.flash.state.${form.data.to}`);
  };

  const amend: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const actionId = requireId(req.params.actionId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const version = requireVersion(body);
    // Each field has its own form, which names the field; any other value is not our form.
    const field = AMENDABLE_FIELDS.find((f) => f === body.field);
    if (!field) throw new HttpError(400);
    const formKey = `r${actionId}-${field}`;
    const form = parseForm(amendFormSchema, body);
    const value = form.ok ? amendedValue(form.data) : null;
    if (!form.ok || !value?.ok) {
      const errors = form.ok ? [] : form.errors;
      if (value && !value.ok) errors.push({ field: value.field, key: value.key, ...(value.params ? { params: value.params } : {}) });
      await render(req, res, 422, { form: formKey, values, errors: prefixed(formKey, errors) });
      return;
    }
    const outcome = await deps.reviews.amend(
      planId,
      year,
      actionId,
      version,
      { field: form.data.field, value: value.value, reason: form.data.reason },
      context(req),
    );
    if (!outcome.ok) {
      await amendRefused(req, res, formKey, `${formKey}-${field === 'status' ? 'newStatus' : 'value'}`, outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.amended', '#rettelser');
  };

  const amendMeeting: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const version = requireVersion(body);
    const field = MEETING_FIELDS.find((f) => f === body.field);
    if (!field) throw new HttpError(400);
    const formKey = `rm-${field}`;
    const form = parseForm(meetingAmendFormSchema, body);
    const value = form.ok ? amendedMeetingValue(form.data) : null;
    if (!form.ok || !value?.ok) {
      const errors = form.ok ? [] : form.errors;
      if (value && !value.ok) errors.push({ field: 'value', key: value.key, ...(value.params ? { params: value.params } : {}) });
      await render(req, res, 422, { form: formKey, values, errors: prefixed(formKey, errors) });
      return;
    }
    const outcome = await deps.reviews.amendMeeting(
      planId,
      year,
      version,
      { field: form.data.field, value: value.value, reason: form.data.reason },
      context(req),
    );
    if (!outcome.ok) {
      await amendRefused(req, res, formKey, `${formKey}-value`, outcome.reason, values);
      return;
    }
    done(req, res, 'planReviews.flash.amended', '#rettelser');
  };

  const carryOver: RequestHandler = async (req, res) => {
    const { planId, year } = params(req);
    const outcome = await deps.reviews.carryOver(planId, year, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      await render(req, res, 422, { form: 'carry', errors: [{ field: 'carry', key: `planReviews.errors.carry.${outcome.reason}` }] });
      return;
    }
    // The success message names the count and links to next year on the plan page; a
    // flash carries only a key, so the count travels in the address (shown once it is true).
    res.redirect(303, `${reviewPath(planId, year)}?viderefoert=${outcome.count}`);
  };

  // ---------------------------------------------------------------- association area

  const areaBase = (associationId: number) => areaPath(associationId, '/handleplaner');

  const renderArea = async (
    req: Request,
    res: Response,
    status: number,
    association: ManagedAssociation,
    state: FormState | null = null,
  ) => {
    const rows = await deps.reviews.forAssociation(association.id);
    res.status(status).render('plan-reviews/association', {
      title: req.t('planReviews.area.title'),
      breadcrumbs: [{ href: '/min-side', label: req.t('account.title') }, { label: req.t('planReviews.area.title') }],
      association,
      rows: rows.map((row) => {
        const form = `p${row.action.id}`;
        const stored = { status: row.own?.status ?? '', comment: row.own?.comment ?? '' };
        return {
          ...row,
          form,
          formAction: `${areaBase(association.id)}/${row.action.id}`,
          editable: row.review.state !== 'FINALISED',
          version: row.own ? String(row.own.version) : '',
          values: state?.form === form ? { ...stored, ...state.values } : stored,
        };
      }),
      statusOptions: statusOptions(req),
      limits: LIMITS,
      alert: state?.alert ? { form: state.form, kind: state.alert } : null,
      errors: state?.errors ?? [],
    });
  };

  const showArea: RequestHandler = async (req, res) => {
    await renderArea(req, res, 200, managedAssociation(res));
  };

  const savePartner: RequestHandler = async (req, res) => {
    const association = managedAssociation(res);
    const actionId = requireId(req.params.actionId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body, ['_csrf', 'version']);
    const formKey = `p${actionId}`;
    const form = parseForm(partnerFormSchema, body);
    if (!form.ok) {
      await renderArea(req, res, 422, association, { form: formKey, values, errors: prefixed(formKey, form.errors) });
      return;
    }
    const outcome = await deps.reviews.savePartnerEntry(association.id, actionId, submittedVersion(body) ?? null, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      const key = outcome.reason === 'locked' ? 'planReviews.errors.partnerLocked' : 'planReviews.errors.conflict';
      await renderArea(req, res, 409, association, {
        form: formKey,
        values,
        alert: outcome.reason === 'locked' ? 'locked' : 'conflict',
        errors: [{ field: `${formKey}-${outcome.reason}`, key }],
      });
      return;
    }
    addFlash(req, 'success', 'planReviews.flash.partnerSaved');
    res.redirect(303, `${areaBase(association.id)}#handling-${actionId}`);
  };

  return { show, start, saveMeeting, saveEntry, bulk, addDecision, changeState, amend, amendMeeting, carryOver, showArea, savePartner };
}
