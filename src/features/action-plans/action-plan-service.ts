// Action plans for staff: the plan (title, period, vision), its numbered goals, its
// actions per year (saved through saveActionRows, the one way an action is written),
// the plan's page, its history (every audit row of the plan), and an action made from
// a party's task in a collaboration agreement. Every change is one transaction with
// its audit row on the plan (planTarget), so the history page reads them all.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { isUniqueViolation } from '../../db/errors.js';
import { firstFreeSlug, slugOf } from '../../text/slug.js';
import { planTarget, saveActionRows, type ActionData, type ResponsibleData } from './plan-action-rows.js';
import { LIMITS, type GoalFormData, type PlanFormData } from './action-plan-schemas.js';
import { auditHistoryPage } from '../../audit/audit-history.js';

export type PlanOutcome = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' | 'actions-outside-period' };
export type GoalOutcome = { ok: true; id: number } | { ok: false; reason: 'not-found' | 'conflict' | 'number-taken' };
export type ActionOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not-found' | 'conflict' | 'year-outside-period' }
  | { ok: false; reason: 'unknown-reference'; field: 'goalNumbers' | 'responsibles' | 'agreementIds' | 'openingIds' };
export type PartyActionOutcome =
  | { ok: true; planId: number; actionId: number }
  | { ok: false; reason: 'not-found' | 'unknown-plan' | 'year-outside-period' | 'no-tasks' | 'unknown-association' };

const ACTION_INCLUDE = {
  goals: { orderBy: { number: 'asc' }, select: { id: true, number: true, title: true } },
  responsibles: {
    orderBy: { sortOrder: 'asc' },
    select: { kind: true, name: true, associationId: true, association: { select: { name: true, slug: true } } },
  },
  agreements: { orderBy: { title: 'asc' }, select: { id: true, title: true } },
  openings: { orderBy: { title: 'asc' }, select: { id: true, title: true, status: true } },
  carriedFrom: { select: { id: true, year: true } },
} as const satisfies Prisma.PlanActionInclude;

export type PlanActionWithRows = Prisma.PlanActionGetPayload<{ include: typeof ACTION_INCLUDE }>;

const PLAN_SCALARS = ['title', 'firstYear', 'lastYear', 'vision'] as const;
const GOAL_SCALARS = ['number', 'title', 'description', 'volunteersDo', 'municipalityDoes', 'sdgs'] as const;
/** Free text is recorded as "(changed)" only. */
const GOAL_FREE_TEXT = ['title', 'description', 'volunteersDo', 'municipalityDoes'] as const;

/** "<party name>: <first line of its tasks>", within the title's limit. */
export function partyActionTitle(partyName: string, tasks: string): string {
  const firstLine = tasks.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const title = `${partyName}: ${firstLine.trim()}`;
  return title.length <= LIMITS.actionTitle ? title : `${title.slice(0, LIMITS.actionTitle - 1).trimEnd()}…`;
}

export function createActionPlanService(prisma: PrismaClient) {
  /** The slug of a title, free among the plans (base, base-2, …). */
  async function freeSlug(tx: Prisma.TransactionClient, title: string): Promise<string> {
    const base = slugOf(title) || 'handleplan';
    const taken = await tx.actionPlan.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
    return firstFreeSlug(base, new Set(taken.map((p) => p.slug)));
  }

  /** The plans an agreement party's task can become an action of (the small form on the agreement's page). */
  const partyActionChoices = () =>
    prisma.actionPlan.findMany({
      orderBy: [{ firstYear: 'desc' }, { title: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true, firstYear: true, lastYear: true },
    });

  const yearInPlan = (plan: { firstYear: number; lastYear: number }, year: number) => year >= plan.firstYear && year <= plan.lastYear;

  return {
    /** Every plan, newest period first, with how many goals and actions it has. */
    async list() {
      return prisma.actionPlan.findMany({
        orderBy: [{ firstYear: 'desc' }, { title: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          title: true,
          slug: true,
          firstYear: true,
          lastYear: true,
          _count: { select: { goals: true, actions: true } },
        },
      });
    },

    async find(planId: number) {
      return prisma.actionPlan.findUnique({ where: { id: planId } });
    },

    async create(data: PlanFormData, context: ChangeContext): Promise<{ ok: true; id: number; slug: string }> {
      // Two plans of the same title at once would both pick the same slug; the second
      // then gets the unique violation, and one retry finds the next free one.
      for (let attempt = 0; ; attempt++) {
        try {
          return await prisma.$transaction(async (tx) => {
            const slug = await freeSlug(tx, data.title);
            const plan = await tx.actionPlan.create({
              data: { ...data, slug, createdById: context.actorUserId, createdAt: context.now },
              select: { id: true },
            });
            await writeAudit(tx, context, {
              action: 'plan.created',
              ...planTarget(plan.id),
              details: { title: '(changed)', slug, firstYear: data.firstYear, lastYear: data.lastYear },
            });
            return { ok: true, id: plan.id, slug } as const;
          });
        } catch (error) {
          if (attempt > 0 || !isUniqueViolation(error)) throw error;
        }
      }
    },

    /**
     * Saves the plan's form at `version`. The slug stays as it was made, so the public
     * page's address does not change with the title. The period must still hold every
     * action's year.
     */
    async update(planId: number, version: number, data: PlanFormData, context: ChangeContext): Promise<PlanOutcome> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.actionPlan.findUnique({ where: { id: planId } });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        const outside = await tx.planAction.count({
          where: { planId, OR: [{ year: { lt: data.firstYear } }, { year: { gt: data.lastYear } }] },
        });
        if (outside > 0) return { ok: false, reason: 'actions-outside-period' } as const;
        const { count } = await tx.actionPlan.updateMany({
          where: { id: planId, version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;
        const changes = changedFields(current, data, PLAN_SCALARS, { redact: ['title', 'vision'] });
        await writeAudit(tx, context, {
          action: 'plan.updated',
          ...planTarget(planId),
          details: { version: version + 1 },
          before: changes.before,
          after: changes.after,
        });
        return { ok: true, id: planId } as const;
      });
    },

    /** The plan's page: vision, goals, and every action with what it links to, by year. */
    async page(planId: number) {
      const plan = await prisma.actionPlan.findUnique({
        where: { id: planId },
        include: { goals: { orderBy: { number: 'asc' } } },
      });
      if (!plan) return null;
      const actions = await prisma.planAction.findMany({
        where: { planId },
        orderBy: [{ year: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
        include: ACTION_INCLUDE,
      });
      const years = Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, index) => plan.firstYear + index).map((year) => ({
        year,
        actions: actions.filter((a) => a.year === year),
      }));
      return { plan, years };
    },

    async findGoal(planId: number, goalId: number) {
      return prisma.planGoal.findFirst({ where: { id: goalId, planId } });
    },

    async createGoal(planId: number, data: GoalFormData, context: ChangeContext): Promise<GoalOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          if (!(await tx.actionPlan.findUnique({ where: { id: planId }, select: { id: true } }))) {
            return { ok: false, reason: 'not-found' } as const;
          }
          if (await tx.planGoal.findFirst({ where: { planId, number: data.number }, select: { id: true } })) {
            return { ok: false, reason: 'number-taken' } as const;
          }
          const goal = await tx.planGoal.create({ data: { planId, ...data }, select: { id: true } });
          await writeAudit(tx, context, {
            action: 'plan.goal-created',
            ...planTarget(planId),
            details: { goalId: goal.id, number: data.number, title: '(changed)', sdgs: data.sdgs },
          });
          return { ok: true, id: goal.id } as const;
        });
      } catch (error) {
        // Another goal took the number between the check and the insert.
        if (isUniqueViolation(error)) return { ok: false, reason: 'number-taken' };
        throw error;
      }
    },

    async updateGoal(planId: number, goalId: number, version: number, data: GoalFormData, context: ChangeContext): Promise<GoalOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          const current = await tx.planGoal.findFirst({ where: { id: goalId, planId } });
          if (!current) return { ok: false, reason: 'not-found' } as const;
          if (await tx.planGoal.findFirst({ where: { planId, number: data.number, id: { not: goalId } }, select: { id: true } })) {
            return { ok: false, reason: 'number-taken' } as const;
          }
          const { count } = await tx.planGoal.updateMany({
            where: { id: goalId, planId, version },
            data: { ...data, version: { increment: 1 } },
          });
          if (count === 0) return { ok: false, reason: 'conflict' } as const;
          const changes = changedFields(current, data, GOAL_SCALARS, { redact: GOAL_FREE_TEXT });
          await writeAudit(tx, context, {
            action: 'plan.goal-updated',
            ...planTarget(planId),
            details: { goalId, version: version + 1 },
            before: changes.before,
            after: changes.after,
          });
          return { ok: true, id: goalId } as const;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'number-taken' };
        throw error;
      }
    },

    /**
     * What the action form offers: the plan's goals, the approved associations, every
     * agreement, and the published openings (plus any the action already links to,
     * so saving it again does not drop them).
     */
    async actionChoices(planId: number, actionId: number | null) {
      const [goals, associations, agreements, openings] = await Promise.all([
        prisma.planGoal.findMany({ where: { planId }, orderBy: { number: 'asc' }, select: { number: true, title: true } }),
        prisma.association.findMany({ where: { status: 'APPROVED' }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
        prisma.agreement.findMany({ orderBy: [{ title: 'asc' }, { id: 'asc' }], select: { id: true, title: true } }),
        prisma.opening.findMany({
          where: {
            OR: [{ status: 'PUBLISHED' }, ...(actionId === null ? [] : [{ planActions: { some: { id: actionId } } }])],
          },
          orderBy: [{ title: 'asc' }, { id: 'asc' }],
          select: { id: true, title: true, association: { select: { name: true } } },
        }),
      ]);
      return { goals, associations, agreements, openings };
    },

    async findAction(planId: number, actionId: number): Promise<PlanActionWithRows | null> {
      return prisma.planAction.findFirst({ where: { id: actionId, planId }, include: ACTION_INCLUDE });
    },

    /**
     * Creates (`actionId` null) or updates an action through saveActionRows. The year
     * must be within the plan's period; an opening must be published, unless the
     * action already links to it.
     */
    async saveAction(
      planId: number,
      target: { actionId: null } | { actionId: number; expectedVersion: number },
      data: ActionData,
      context: ChangeContext,
    ): Promise<ActionOutcome> {
      return prisma.$transaction(async (tx) => {
        const plan = await tx.actionPlan.findUnique({ where: { id: planId }, select: { firstYear: true, lastYear: true } });
        if (!plan) return { ok: false, reason: 'not-found' } as const;
        if (!yearInPlan(plan, data.year)) return { ok: false, reason: 'year-outside-period' } as const;
        const usable = await tx.opening.count({
          where: {
            id: { in: data.openingIds },
            OR: [{ status: 'PUBLISHED' }, ...(target.actionId === null ? [] : [{ planActions: { some: { id: target.actionId } } }])],
          },
        });
        if (usable !== new Set(data.openingIds).size) return { ok: false, reason: 'unknown-reference', field: 'openingIds' } as const;
        return saveActionRows(tx, planId, target, data, context, { source: 'form' });
      });
    },

    /**
     * One page of the plan's history from the audit trail, newest first, with the
     * actor's name and what changed: the action's current title (the audit row keeps
     * its id, never free text), a state's before and after, a bulk status's status and
     * how many actions it set.
     */
    async history(planId: number, page: number) {
      const history = await auditHistoryPage(prisma, planTarget(planId), page);
      const actionIds = [
        ...new Set(history.rows.flatMap((row) => (typeof row.details.actionId === 'number' ? [row.details.actionId] : []))),
      ];
      const titles = new Map(
        actionIds.length === 0
          ? []
          : (await prisma.planAction.findMany({ where: { planId, id: { in: actionIds } }, select: { id: true, title: true } })).map((a) => [
              a.id,
              a.title,
            ]),
      );
      const code = (value: unknown) => (typeof value === 'string' ? value : null);
      const field = (side: unknown, name: string) =>
        side && typeof side === 'object' && !Array.isArray(side) ? code((side as Record<string, unknown>)[name]) : null;
      return {
        page: history.page,
        pageCount: history.pageCount,
        total: history.total,
        entries: history.rows.map((row) => {
          const d = row.details;
          const changedField = code(d.field);
          return {
            id: row.id,
            at: row.at,
            action: row.action,
            actorName: row.actorName,
            year: typeof d.year === 'number' ? d.year : null,
            /** The action's title now; null when the row names no action or it is gone. */
            actionTitle: typeof d.actionId === 'number' ? (titles.get(d.actionId) ?? null) : null,
            /** A review's state before and after (state changes, finalising). */
            state:
              field(d.before, 'state') && field(d.after, 'state')
                ? { from: field(d.before, 'state')!, to: field(d.after, 'state')! }
                : null,
            /** A corrected status, before and after (free-text corrections keep no values). */
            statusChange:
              changedField === 'status' && d.before !== undefined && d.after !== undefined
                ? { from: field(d.before, 'status'), to: field(d.after, 'status') }
                : null,
            /** A status set for several actions at once. */
            bulk:
              row.action === 'plan.review-bulk-status' && Array.isArray(d.actionIds)
                ? { count: d.actionIds.length, status: code(d.status) }
                : null,
          };
        }),
      };
    },

    partyActionChoices,

    /**
     * The model of the small forms on an agreement's page: the plans to choose from and
     * the agreement's parties that have tasks to turn into actions (in the agreement's order).
     */
    async partyActionModel(agreementId: number) {
      const [plans, parties] = await Promise.all([
        partyActionChoices(),
        prisma.agreementParty.findMany({
          where: { agreementId, tasks: { not: '' } },
          orderBy: { sortOrder: 'asc' },
          select: { id: true, name: true, association: { select: { name: true } } },
        }),
      ]);
      return { plans, parties: parties.map((p) => ({ id: p.id, name: p.association?.name ?? p.name })) };
    },

    /** The party of an agreement, with what the form page about it shows. */
    async findParty(agreementId: number, partyId: number) {
      return prisma.agreementParty.findFirst({
        where: { id: partyId, agreementId },
        select: {
          id: true,
          kind: true,
          name: true,
          tasks: true,
          associationId: true,
          association: { select: { name: true } },
          agreement: { select: { id: true, title: true } },
        },
      });
    },

    /**
     * An action of `planId` for `year` made from a party's task in an agreement: its
     * title from the party's name and the tasks' first line, the tasks as description,
     * the party as responsible, the agreement linked, and the party remembered
     * (agreementPartyId); audited by saveActionRows with source "agreement".
     */
    async actionFromAgreementParty(
      agreementId: number,
      partyId: number,
      target: { planId: number; year: number },
      context: ChangeContext,
    ): Promise<PartyActionOutcome> {
      return prisma.$transaction(async (tx) => {
        const party = await tx.agreementParty.findFirst({
          where: { id: partyId, agreementId },
          select: { id: true, kind: true, name: true, tasks: true, associationId: true, association: { select: { name: true } } },
        });
        if (!party) return { ok: false, reason: 'not-found' } as const;
        if (party.tasks.trim() === '') return { ok: false, reason: 'no-tasks' } as const;
        const plan = await tx.actionPlan.findUnique({ where: { id: target.planId }, select: { firstYear: true, lastYear: true } });
        if (!plan) return { ok: false, reason: 'unknown-plan' } as const;
        if (!yearInPlan(plan, target.year)) return { ok: false, reason: 'year-outside-period' } as const;
        const name = party.association?.name ?? party.name;
        const responsible: ResponsibleData =
          party.kind === 'ASSOCIATION'
            ? { kind: 'ASSOCIATION', associationId: party.associationId, name: '' }
            : { kind: party.kind === 'MUNICIPALITY' ? 'MUNICIPAL_UNIT' : 'OTHER', associationId: null, name };
        const saved = await saveActionRows(
          tx,
          target.planId,
          { actionId: null },
          {
            year: target.year,
            title: partyActionTitle(name, party.tasks),
            description: party.tasks.slice(0, LIMITS.actionDescription),
            plannedFrom: null,
            plannedTo: null,
            indicator: '',
            indicatorTarget: null,
            goalNumbers: [],
            responsibles: [responsible],
            agreementIds: [agreementId],
            openingIds: [],
          },
          context,
          { source: 'agreement', agreementPartyId: party.id },
        );
        // The only reference that can be refused here is the association (not approved any more).
        if (!saved.ok) return { ok: false, reason: 'unknown-association' } as const;
        return { ok: true, planId: target.planId, actionId: saved.id } as const;
      });
    },
  };
}

export type ActionPlanService = ReturnType<typeof createActionPlanService>;
