// /medarbejder/handleplaner — action plans for staff: the list, a plan's form, its page
// (vision, goals, actions by year), its goals' and actions' forms, its history; and
// the small form on an agreement's page that makes an action of a party's task.
// A failed form re-renders with 422 and the input kept; an edit form loaded before
// someone else saved answers 409 with the input kept; bad ids are 404.
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import { paginationFor } from '../../views/pagination.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import {
  LIMITS,
  NAMED_RESPONSIBLE_KINDS,
  SDG_NUMBERS,
  actionFormLimits,
  fieldName,
  goalFormSchema,
  parseActionForm,
  partyActionSchema,
  planFormSchema,
  responsibleGroup,
  responsibleIndices,
} from './action-plan-schemas.js';
import type { ActionOutcome, ActionPlanService, PartyActionOutcome, PlanActionWithRows } from './action-plan-service.js';
import { formatCalendarDate } from '../../validation/dates.js';
import { publicPlanPath } from '../public-plans/public-plan-controller.js';

export const PLANS_PATH = '/medarbejder/handleplaner';
export const planPaths = (planId: number) => {
  const plan = `${PLANS_PATH}/${planId}`;
  return {
    plan,
    edit: `${plan}/rediger`,
    newGoal: `${plan}/maal/ny`,
    editGoal: (goalId: number) => `${plan}/maal/${goalId}/rediger`,
    newAction: (year?: number) => `${plan}/handlinger/ny${year === undefined ? '' : `?aar=${year}`}`,
    editAction: (actionId: number) => `${plan}/handlinger/${actionId}/rediger`,
    history: `${plan}/historik`,
    // The pages of the review and reports features, linked from the plan's page.
    overview: `${plan}/overblik`,
    import: `${plan}/import`,
    review: (year: number) => `${plan}/status/${year}`,
    report: (year: number) => `${plan}/status/${year}/rapport`,
  };
};
/** Where the small form on an agreement's page posts a party's task to become an action. */
export const partyActionPath = (agreementId: number, partyId: number) =>
  `/medarbejder/samarbejdsaftaler/${agreementId}/parter/${partyId}/handling`;

const P = 'actionPlanPages';

type Plan = NonNullable<Awaited<ReturnType<ActionPlanService['find']>>>;
type Goal = NonNullable<Awaited<ReturnType<ActionPlanService['findGoal']>>>;
type View = { values: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean };

const planValues = (plan: Plan) => ({
  title: plan.title,
  firstYear: String(plan.firstYear),
  lastYear: String(plan.lastYear),
  vision: plan.vision,
});

const goalValues = (goal: Goal) => ({
  number: String(goal.number),
  title: goal.title,
  description: goal.description,
  volunteersDo: goal.volunteersDo,
  municipalityDoes: goal.municipalityDoes,
  sdgs: goal.sdgs.map(String),
});

function actionValues(action: PlanActionWithRows): Record<string, unknown> {
  const values: Record<string, unknown> = {
    year: String(action.year),
    title: action.title,
    description: action.description,
    goalNumbers: action.goals.map((g) => String(g.number)),
    associationIds: action.responsibles.flatMap((r) => (r.kind === 'ASSOCIATION' && r.associationId ? [String(r.associationId)] : [])),
    agreementIds: action.agreements.map((a) => String(a.id)),
    openingIds: action.openings.map((o) => String(o.id)),
    plannedFrom: formatCalendarDate(action.plannedFrom),
    plannedTo: formatCalendarDate(action.plannedTo),
    indicator: action.indicator,
    indicatorTarget: action.indicatorTarget === null ? '' : String(action.indicatorTarget),
  };
  action.responsibles
    .filter((r) => r.kind !== 'ASSOCIATION')
    .forEach((r, index) => {
      values[fieldName(responsibleGroup(index), 'kind')] = r.kind;
      values[fieldName(responsibleGroup(index), 'name')] = r.name;
    });
  return values;
}

/** How an action's save was refused, as the form's errors. */
function actionErrors(outcome: Extract<ActionOutcome, { ok: false }>, plan: Plan): FieldError[] {
  switch (outcome.reason) {
    case 'year-outside-period':
      return [{ field: 'year', key: `${P}.errors.yearOutsidePeriod`, params: { first: plan.firstYear, last: plan.lastYear } }];
    case 'unknown-reference':
      return [
        {
          goalNumbers: { field: 'goalNumbers', key: `${P}.errors.unknownGoal` },
          responsibles: { field: 'associationIds', key: `${P}.errors.unknownAssociation` },
          agreementIds: { field: 'agreementIds', key: `${P}.errors.unknownAgreement` },
          openingIds: { field: 'openingIds', key: `${P}.errors.unknownOpening` },
        }[outcome.field],
      ];
    default:
      return [];
  }
}

/** The small form on an agreement's page for one party (views/action-plans/agreement-party-action.ejs). */
export interface PartyActionForm {
  action: string;
  /** Prefix of the form's input ids, unique per party on the agreement's page. */
  idPrefix: string;
  partyName: string;
  plans: { value: string; label: string }[];
  /** Under the year: the one plan's period, or that the period stands by each plan. */
  yearHint: string;
  values: Record<string, unknown>;
  errors: FieldError[];
}

/** A year inside the plan's period: this year if it is inside, else the nearest end of the period. */
export function defaultYearIn(plan: { firstYear: number; lastYear: number }, thisYear: number): number {
  return Math.min(Math.max(thisYear, plan.firstYear), plan.lastYear);
}

/**
 * The form model for one party of an agreement: the plans (from
 * ActionPlanService.partyActionChoices), the plan of this year chosen (else the
 * newest), and a year inside the chosen plan's period by default.
 */
export function partyActionForm(
  t: TFunction,
  agreementId: number,
  party: { id: number; name: string },
  plans: Awaited<ReturnType<ActionPlanService['partyActionChoices']>>,
  now: Date,
  view: { values?: Record<string, unknown>; errors?: FieldError[] } = {},
): PartyActionForm {
  const idPrefix = `party-${party.id}-action`;
  const thisYear = municipalityTodayDate(now).getUTCFullYear();
  const chosen = plans.find((p) => p.firstYear <= thisYear && thisYear <= p.lastYear) ?? plans[0];
  const yearHint =
    plans.length === 1 && plans[0]
      ? t(`${P}.partyAction.yearHintOne`, { first: plans[0].firstYear, last: plans[0].lastYear })
      : t(`${P}.partyAction.yearHintSeveral`);
  return {
    action: partyActionPath(agreementId, party.id),
    idPrefix,
    partyName: party.name,
    plans: plans.map((p) => ({
      value: String(p.id),
      label: t(`${P}.partyAction.planOption`, { title: p.title, first: p.firstYear, last: p.lastYear }),
    })),
    yearHint,
    values: view.values ?? (chosen ? { planId: String(chosen.id), year: String(defaultYearIn(chosen, thisYear)) } : {}),
    // The error summary links to the inputs, whose ids carry the party's prefix.
    errors: (view.errors ?? []).map((error) => ({ ...error, field: `${idPrefix}-${error.field}` })),
  };
}

/**
 * The small forms of an agreement's page, by party id (parties without tasks have
 * none), from ActionPlanService.partyActionModel.
 */
export function partyActionForms(
  t: TFunction,
  agreementId: number,
  model: Awaited<ReturnType<ActionPlanService['partyActionModel']>>,
  now: Date,
): Record<number, PartyActionForm> {
  return Object.fromEntries(model.parties.map((party) => [party.id, partyActionForm(t, agreementId, party, model.plans, now)]));
}

type HistoryEntry = Awaited<ReturnType<ActionPlanService['history']>>['entries'][number];

/** What a history entry changed, in words: the action's title, a state's from → to, a bulk status. */
export function historyChanges(t: TFunction, entry: HistoryEntry): string[] {
  const status = (code: string | null) => t(`actionPlans.status.${code ?? 'NOT_ASSESSED'}`, { defaultValue: code ?? '' });
  const state = (code: string) => t(`actionPlans.reviewState.${code}`, { defaultValue: code });
  return [
    ...(entry.actionTitle === null ? [] : [t(`${P}.history.actionTitle`, { title: entry.actionTitle })]),
    ...(entry.state ? [t(`${P}.history.fromTo`, { from: state(entry.state.from), to: state(entry.state.to) })] : []),
    ...(entry.statusChange ? [t(`${P}.history.fromTo`, { from: status(entry.statusChange.from), to: status(entry.statusChange.to) })] : []),
    ...(entry.bulk ? [t(`${P}.history.bulk`, { count: entry.bulk.count, status: status(entry.bulk.status) })] : []),
  ];
}

export function createActionPlanController(deps: { clock: Clock; plans: ActionPlanService }) {
  const staffCrumb = (req: Request) => ({ href: '/medarbejder', label: req.t('staff.title') });
  const listCrumb = (req: Request) => ({ href: PLANS_PATH, label: req.t(`${P}.list.title`) });
  const planCrumbs = (req: Request, plan: { id: number; title: string }, page?: string) => [
    staffCrumb(req),
    listCrumb(req),
    page ? { href: planPaths(plan.id).plan, label: plan.title, typed: true } : { label: plan.title, typed: true },
    ...(page ? [{ label: page }] : []),
  ];
  const context = (req: Request) => changeContext(req, deps.clock.now());
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  async function loadPlan(req: Request): Promise<Plan> {
    const plan = await deps.plans.find(requireId(req.params.planId));
    if (!plan) throw new HttpError(404);
    return plan;
  }

  // The list and the plan's page.

  const list: RequestHandler = async (req, res) => {
    const plans = await deps.plans.list();
    res.render('action-plans/list', {
      title: req.t(`${P}.list.title`),
      breadcrumbs: [staffCrumb(req), { label: req.t(`${P}.list.title`) }],
      newPath: `${PLANS_PATH}/ny`,
      plans: plans.map((p) => ({ ...p, href: planPaths(p.id).plan })),
    });
  };

  const show: RequestHandler = async (req, res) => {
    const model = await deps.plans.page(requireId(req.params.planId));
    if (!model) throw new HttpError(404);
    const { plan, years } = model;
    const paths = planPaths(plan.id);
    res.render('action-plans/show', {
      title: plan.title,
      breadcrumbs: planCrumbs(req, plan),
      plan,
      paths,
      publicPath: publicPlanPath(plan.slug),
      goals: plan.goals.map((goal) => ({
        ...goal,
        editPath: paths.editGoal(goal.id),
        sdgNames: goal.sdgs.map((n) => req.t(`actionPlans.sdg.${n}`, { defaultValue: String(n) })),
      })),
      years: years.map(({ year, actions }) => ({
        year,
        newPath: paths.newAction(year),
        actions: actions.map((action) => ({
          ...action,
          editPath: paths.editAction(action.id),
          responsibleNames: action.responsibles.map((r) => r.association?.name ?? r.name),
        })),
      })),
    });
  };

  // The plan's form.

  const renderPlanForm = (req: Request, res: Response, status: number, plan: Plan | null, view: View & { version?: number }) => {
    const title = plan ? req.t(`${P}.planForm.editTitle`) : req.t(`${P}.planForm.newTitle`);
    res.status(status).render('action-plans/plan-form', {
      title,
      breadcrumbs: plan ? planCrumbs(req, plan, title) : [staffCrumb(req), listCrumb(req), { label: title }],
      action: plan ? planPaths(plan.id).edit : `${PLANS_PATH}/ny`,
      cancelPath: plan ? planPaths(plan.id).plan : PLANS_PATH,
      // A new plan has no address yet: it is made from the title when the plan is created.
      publicPath: plan ? publicPlanPath(plan.slug) : null,
      version: view.version ?? null,
      limits: maxLengths(planFormSchema),
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const showNew: RequestHandler = (req, res) => {
    const year = municipalityTodayDate(deps.clock.now()).getUTCFullYear();
    renderPlanForm(req, res, 200, null, { values: { firstYear: String(year), lastYear: String(year + 5) } });
  };

  const create: RequestHandler = async (req, res) => {
    const values = keepValues(body(req));
    const form = parseForm(planFormSchema, body(req));
    if (!form.ok) {
      renderPlanForm(req, res, 422, null, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.plans.create(form.data, context(req));
    addFlash(req, 'success', `${P}.flash.planCreated`);
    res.redirect(303, planPaths(outcome.id).plan);
  };

  const edit: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    renderPlanForm(req, res, 200, plan, { values: planValues(plan), version: plan.version });
  };

  const update: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const version = requireVersion(body(req));
    const values = keepValues(body(req), ['_csrf', 'version']);
    const form = parseForm(planFormSchema, body(req));
    if (!form.ok) {
      renderPlanForm(req, res, 422, plan, { values, errors: form.errors, version });
      return;
    }
    const outcome = await deps.plans.update(plan.id, version, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'actions-outside-period') {
        const errors = [{ field: 'firstYear', key: `${P}.errors.actionsOutsidePeriod` }];
        renderPlanForm(req, res, 422, plan, { values, errors, version });
        return;
      }
      // Someone saved in between: keep this reader's input; the form now carries the newest version.
      const latest = await loadPlan(req);
      renderPlanForm(req, res, 409, latest, { values, conflict: true, version: latest.version });
      return;
    }
    addFlash(req, 'success', `${P}.flash.planUpdated`);
    res.redirect(303, planPaths(plan.id).plan);
  };

  // A goal's form.

  const renderGoalForm = (
    req: Request,
    res: Response,
    status: number,
    plan: Plan,
    goal: Goal | null,
    view: View & { version?: number },
  ) => {
    const title = goal ? req.t(`${P}.goalForm.editTitle`, { number: goal.number }) : req.t(`${P}.goalForm.newTitle`);
    const paths = planPaths(plan.id);
    res.status(status).render('action-plans/goal-form', {
      title,
      breadcrumbs: planCrumbs(req, plan, title),
      planTitle: plan.title,
      action: goal ? paths.editGoal(goal.id) : paths.newGoal,
      cancelPath: paths.plan,
      publicPath: publicPlanPath(plan.slug),
      version: view.version ?? null,
      sdgOptions: SDG_NUMBERS.map((n) => ({
        value: String(n),
        label: req.t(`${P}.goalForm.sdgOption`, { number: n, name: req.t(`actionPlans.sdg.${n}`) }),
      })),
      limits: maxLengths(goalFormSchema),
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const numberTaken = [{ field: 'number', key: `${P}.errors.goalNumberTaken` }];

  const showNewGoal: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const page = await deps.plans.page(plan.id);
    const next = Math.max(0, ...(page?.plan.goals.map((g) => g.number) ?? [])) + 1;
    renderGoalForm(req, res, 200, plan, null, { values: { number: String(Math.min(next, LIMITS.goalNumber.max)) } });
  };

  const createGoal: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const values = keepValues(body(req));
    const form = parseForm(goalFormSchema, body(req));
    if (!form.ok) {
      renderGoalForm(req, res, 422, plan, null, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.plans.createGoal(plan.id, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason !== 'number-taken') throw new HttpError(404);
      renderGoalForm(req, res, 422, plan, null, { values, errors: numberTaken });
      return;
    }
    addFlash(req, 'success', `${P}.flash.goalCreated`);
    res.redirect(303, planPaths(plan.id).plan);
  };

  async function loadGoal(req: Request, plan: Plan): Promise<Goal> {
    const goal = await deps.plans.findGoal(plan.id, requireId(req.params.goalId));
    if (!goal) throw new HttpError(404);
    return goal;
  }

  const editGoal: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const goal = await loadGoal(req, plan);
    renderGoalForm(req, res, 200, plan, goal, { values: goalValues(goal), version: goal.version });
  };

  const updateGoal: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const goal = await loadGoal(req, plan);
    const version = requireVersion(body(req));
    const values = keepValues(body(req), ['_csrf', 'version']);
    const form = parseForm(goalFormSchema, body(req));
    if (!form.ok) {
      renderGoalForm(req, res, 422, plan, goal, { values, errors: form.errors, version });
      return;
    }
    const outcome = await deps.plans.updateGoal(plan.id, goal.id, version, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'number-taken') {
        renderGoalForm(req, res, 422, plan, goal, { values, errors: numberTaken, version });
        return;
      }
      const latest = await loadGoal(req, plan);
      renderGoalForm(req, res, 409, plan, latest, { values, conflict: true, version: latest.version });
      return;
    }
    addFlash(req, 'success', `${P}.flash.goalUpdated`);
    res.redirect(303, planPaths(plan.id).plan);
  };

  // An action's form.

  const renderActionForm = async (
    req: Request,
    res: Response,
    status: number,
    plan: Plan,
    action: PlanActionWithRows | null,
    view: View & { version?: number },
  ) => {
    const title = action ? req.t(`${P}.actionForm.editTitle`) : req.t(`${P}.actionForm.newTitle`);
    const paths = planPaths(plan.id);
    // Reached right after the action was made from an agreement party's task: it is
    // saved already, so the page says so and leads back to the agreement, not "cancel".
    const fromAgreement = action ? createdFromAgreement(req, action) : null;
    const choices = await deps.plans.actionChoices(plan.id, action?.id ?? null);
    // The responsible rows: the filled ones, then empty ones to add.
    const filled = responsibleIndices(view.values).filter((index) => {
      const value = view.values[fieldName(responsibleGroup(index), 'name')];
      return typeof value === 'string' && value.trim() !== '';
    });
    const rows = Math.min(
      Math.max(filled.length === 0 ? 0 : Math.max(...filled) + 1, 1) + LIMITS.newResponsibleRows,
      LIMITS.responsibleRows,
    );
    res.status(status).render('action-plans/action-form', {
      title,
      breadcrumbs: planCrumbs(req, plan, title),
      planTitle: plan.title,
      period: { first: plan.firstYear, last: plan.lastYear },
      carriedFrom: action?.carriedFrom ?? null,
      action: action ? `${paths.editAction(action.id)}${fromAgreement ? `?aftale=${fromAgreement.id}` : ''}` : paths.newAction(),
      cancelPath: paths.plan,
      planPath: paths.plan,
      fromAgreement: fromAgreement && { path: `/medarbejder/samarbejdsaftaler/${fromAgreement.id}`, title: fromAgreement.title },
      newGoalPath: paths.newGoal,
      publicPath: publicPlanPath(plan.slug),
      version: view.version ?? null,
      responsibleRows: Array.from({ length: rows }, (_, index) => responsibleGroup(index)),
      options: {
        goals: choices.goals.map((g) => ({
          value: String(g.number),
          label: req.t(`${P}.goal.label`, { number: g.number, title: g.title }),
        })),
        kinds: NAMED_RESPONSIBLE_KINDS.map((kind) => ({ value: kind, label: req.t(`actionPlans.responsibleKind.${kind}`) })),
        associations: choices.associations.map((a) => ({ value: String(a.id), label: a.name })),
        agreements: choices.agreements.map((a) => ({ value: String(a.id), label: a.title })),
        openings: choices.openings.map((o) => ({ value: String(o.id), label: `${o.title} (${o.association.name})` })),
      },
      limits: actionFormLimits(rows),
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  /** The agreement of `?aftale=` when the action links to it (it was just made from one of its parties), else null. */
  function createdFromAgreement(req: Request, action: PlanActionWithRows) {
    const raw = (req.query as Record<string, unknown>).aftale;
    if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return null;
    return action.agreements.find((a) => a.id === Number(raw)) ?? null;
  }

  const showNewAction: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const raw = (req.query as Record<string, unknown>).aar;
    const year = typeof raw === 'string' && /^\d{4}$/.test(raw) && Number(raw) >= plan.firstYear && Number(raw) <= plan.lastYear ? raw : '';
    await renderActionForm(req, res, 200, plan, null, { values: { year } });
  };

  const createAction: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const values = keepValues(body(req));
    const form = parseActionForm(body(req));
    if (!form.ok) {
      await renderActionForm(req, res, 422, plan, null, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.plans.saveAction(plan.id, { actionId: null }, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found' || outcome.reason === 'conflict') throw new HttpError(404);
      await renderActionForm(req, res, 422, plan, null, { values, errors: actionErrors(outcome, plan) });
      return;
    }
    addFlash(req, 'success', `${P}.flash.actionCreated`);
    res.redirect(303, `${planPaths(plan.id).plan}#aar-${form.data.year}`);
  };

  async function loadAction(req: Request, plan: Plan): Promise<PlanActionWithRows> {
    const action = await deps.plans.findAction(plan.id, requireId(req.params.actionId));
    if (!action) throw new HttpError(404);
    return action;
  }

  const editAction: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const action = await loadAction(req, plan);
    await renderActionForm(req, res, 200, plan, action, { values: actionValues(action), version: action.version });
  };

  const updateAction: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const action = await loadAction(req, plan);
    const version = requireVersion(body(req));
    const values = keepValues(body(req), ['_csrf', 'version']);
    const form = parseActionForm(body(req));
    if (!form.ok) {
      await renderActionForm(req, res, 422, plan, action, { values, errors: form.errors, version });
      return;
    }
    const outcome = await deps.plans.saveAction(plan.id, { actionId: action.id, expectedVersion: version }, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'conflict') {
        const latest = await loadAction(req, plan);
        await renderActionForm(req, res, 409, plan, latest, { values, conflict: true, version: latest.version });
        return;
      }
      await renderActionForm(req, res, 422, plan, action, { values, errors: actionErrors(outcome, plan), version });
      return;
    }
    addFlash(req, 'success', `${P}.flash.actionUpdated`);
    res.redirect(303, `${planPaths(plan.id).plan}#aar-${form.data.year}`);
  };

  // The history.

  const history: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const raw = (req.query as Record<string, unknown>).side;
    const page = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
    const list = await deps.plans.history(plan.id, page);
    const paths = planPaths(plan.id);
    // The time of day beside the date: several things happen to a plan in a day.
    const time = new Intl.DateTimeFormat(req.lang === 'da' ? 'da-DK' : 'en-GB', {
      timeZone: 'Europe/Copenhagen',
      hour: '2-digit',
      minute: '2-digit',
    });
    res.render('action-plans/history', {
      title: req.t(`${P}.history.title`),
      breadcrumbs: planCrumbs(req, plan, req.t(`${P}.history.title`)),
      planTitle: plan.title,
      entries: list.entries.map((entry) => ({
        ...entry,
        time: time.format(entry.at),
        // Every action of a plan's life has its text; another one shows its own name.
        label: req.t(`${P}.history.actions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action }),
        changes: historyChanges(req.t, entry),
      })),
      pagination: paginationFor(list.page, list.pageCount, (n) => `${paths.history}?side=${n}`),
    });
  };

  // An agreement party's task → an action.

  const PARTY_ACTION_ERRORS: Record<Exclude<Extract<PartyActionOutcome, { ok: false }>['reason'], 'not-found'>, FieldError> = {
    'unknown-plan': { field: 'planId', key: `${P}.errors.unknownPlan` },
    'year-outside-period': { field: 'year', key: `${P}.errors.yearOutsideChosenPlan` },
    'no-tasks': { field: 'planId', key: `${P}.errors.partyHasNoTasks` },
    'unknown-association': { field: 'planId', key: `${P}.errors.partyAssociationNotApproved` },
  };

  const actionFromParty: RequestHandler = async (req, res) => {
    const agreementId = requireId(req.params.agreementId);
    const party = await deps.plans.findParty(agreementId, requireId(req.params.partyId));
    if (!party) throw new HttpError(404);
    const values = keepValues(body(req));
    const form = parseForm(partyActionSchema, body(req));
    const outcome = form.ok ? await deps.plans.actionFromAgreementParty(agreementId, party.id, form.data, context(req)) : null;
    if (outcome?.ok) {
      // The edit page says the action is created (it sees ?aftale=) and links back to the agreement.
      res.redirect(303, `${planPaths(outcome.planId).editAction(outcome.actionId)}?aftale=${agreementId}`);
      return;
    }
    if (outcome?.reason === 'not-found') throw new HttpError(404);
    const errors = !form.ok ? form.errors : outcome ? [PARTY_ACTION_ERRORS[outcome.reason]] : [];
    // The form lives on the agreement's page; a failed one is shown again on a page of its own.
    const partyName = party.association?.name ?? party.name;
    const plans = await deps.plans.partyActionChoices();
    const partyAction = partyActionForm(req.t, agreementId, { id: party.id, name: partyName }, plans, deps.clock.now(), { values, errors });
    const title = req.t(`${P}.partyAction.pageTitle`);
    res.status(422).render('action-plans/party-action', {
      title,
      breadcrumbs: [
        staffCrumb(req),
        { href: '/medarbejder/samarbejdsaftaler', label: req.t('agreements.list.title') },
        { href: `/medarbejder/samarbejdsaftaler/${agreementId}`, label: party.agreement.title },
        { label: title },
      ],
      agreementPath: `/medarbejder/samarbejdsaftaler/${agreementId}`,
      tasks: party.tasks,
      partyAction,
      errors: partyAction.errors,
    });
  };

  return {
    list,
    show,
    showNew,
    create,
    edit,
    update,
    showNewGoal,
    createGoal,
    editGoal,
    updateGoal,
    showNewAction,
    createAction,
    editAction,
    updateAction,
    history,
    actionFromParty,
  };
}
