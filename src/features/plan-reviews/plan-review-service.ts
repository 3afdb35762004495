// The yearly status review of an action plan (årlig status): staff start it for a year
// (one entry per action of that year), write each action's status, set a status for
// many at once, record the meeting and the committees' decisions, and move it
// DRAFT → IN_COMMITTEE → FINALISED. A finalised review is locked: a correction is an
// amendment (a ReviewAmendment row, append-only by trigger, with the entry updated).
// Associations responsible for an action give their own status from their area. The
// unfinished actions are carried over to next year as new actions (saveActionRows).
// Every change is audited on the plan (planTarget) in its own transaction.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { ActionStatus, ReviewState } from '../../generated/prisma/enums.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { addMonths } from '../../time/calendar-months.js';
import { planTarget, saveActionRows } from '../action-plans/plan-action-rows.js';
import {
  UNFINISHED,
  type AmendableField,
  type AmendedValue,
  type DecisionFormData,
  type EntryFormData,
  type MeetingField,
  type MeetingFormData,
  type PartnerFormData,
} from './plan-review-schemas.js';

type Tx = Prisma.TransactionClient;

/** The moves between states a review may make. */
const MOVES: Record<ReviewState, readonly ReviewState[]> = {
  DRAFT: ['IN_COMMITTEE'],
  IN_COMMITTEE: ['DRAFT', 'FINALISED'],
  FINALISED: [],
};

/** Where the review stands for a change to its content: the locked state answers `locked`. */
const EDITABLE: readonly ReviewState[] = ['DRAFT', 'IN_COMMITTEE'];

const ENTRY_FIELDS = ['status', 'whatHappened', 'evidence', 'nextStep', 'indicatorActual'] as const;
/** Free text is audited as "(changed)", never what it says. */
const ENTRY_TEXT = ['whatHappened', 'evidence', 'nextStep'] as const;

export type PlainOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'locked' | 'conflict' };

const actionInclude = {
  goals: { select: { number: true, title: true }, orderBy: { number: 'asc' } },
  responsibles: {
    orderBy: { sortOrder: 'asc' },
    select: { kind: true, name: true, associationId: true, association: { select: { id: true, name: true } } },
  },
  carriedFrom: { select: { id: true, year: true } },
  carriedTo: { select: { id: true, year: true } },
} satisfies Prisma.PlanActionInclude;

export function createPlanReviewService(prisma: PrismaClient) {
  const findPlan = (client: Tx | PrismaClient, planId: number) =>
    client.actionPlan.findUnique({ where: { id: planId }, select: { id: true, title: true, firstYear: true, lastYear: true } });

  /** The plan and its review of `year`, if the year is within the plan's period. */
  async function planAndReview(tx: Tx, planId: number, year: number) {
    const plan = await findPlan(tx, planId);
    if (!plan || year < plan.firstYear || year > plan.lastYear) return null;
    const review = await tx.planReview.findUnique({ where: { planId_year: { planId, year } } });
    return { plan, review };
  }

  /**
   * Entries for actions of the year that have none yet (an action added after the review
   * started): every action of the year is in the review, not assessed (no status) until staff say.
   */
  async function ensureEntries(tx: Tx, review: { id: number; planId: number; year: number }) {
    const actions = await tx.planAction.findMany({ where: { planId: review.planId, year: review.year }, select: { id: true } });
    await tx.planReviewEntry.createMany({
      data: actions.map((a) => ({ reviewId: review.id, actionId: a.id })),
      skipDuplicates: true,
    });
  }

  return {
    /** Everything the review page shows, or null (no such plan, or the year is outside its period). */
    async page(planId: number, year: number) {
      const plan = await findPlan(prisma, planId);
      if (!plan || year < plan.firstYear || year > plan.lastYear) return null;
      const [actions, review] = await Promise.all([
        prisma.planAction.findMany({ where: { planId, year }, include: actionInclude, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
        prisma.planReview.findUnique({
          where: { planId_year: { planId, year } },
          include: {
            entries: true,
            partnerEntries: { include: { association: { select: { id: true, name: true } } }, orderBy: { id: 'asc' } },
            decisions: { orderBy: [{ meetingDate: 'asc' }, { id: 'asc' }] },
            amendments: { include: { amendedBy: { select: { name: true } } }, orderBy: { id: 'asc' } },
            finalisedBy: { select: { name: true } },
          },
        }),
      ]);
      return { plan, year, actions, review };
    },

    /** Starts the review of a year: the review and one entry per action of that year. */
    async start(
      planId: number,
      year: number,
      context: ChangeContext,
    ): Promise<{ ok: true; created: boolean } | { ok: false; reason: 'not-found' }> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found) return { ok: false, reason: 'not-found' };
        if (found.review) return { ok: true, created: false };
        const actions = await tx.planAction.findMany({ where: { planId, year }, select: { id: true } });
        const review = await tx.planReview.create({
          data: { planId, year, entries: { create: actions.map((a) => ({ actionId: a.id })) } },
        });
        await writeAudit(tx, context, {
          action: 'plan.review-started',
          ...planTarget(planId),
          details: { reviewId: review.id, year, actionIds: actions.map((a) => a.id) },
        });
        return { ok: true, created: true };
      });
    },

    async saveMeeting(planId: number, year: number, version: number, data: MeetingFormData, context: ChangeContext): Promise<PlainOutcome> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        if (!EDITABLE.includes(review.state)) return { ok: false, reason: 'locked' };
        const { count } = await tx.planReview.updateMany({
          where: { id: review.id, version, state: { in: [...EDITABLE] } },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        await writeAudit(tx, context, {
          action: 'plan.review-meeting-saved',
          ...planTarget(planId),
          details: { reviewId: review.id, year },
          ...changedFields(review, data, ['meetingDate', 'meetingPlace', 'participants', 'summary'], {
            redact: ['meetingPlace', 'participants', 'summary'],
          }),
        });
        return { ok: true };
      });
    },

    /**
     * The staff's entry of one action. `version` is the entry's as the form loaded it
     * (null: the action had no entry yet, so one is created).
     */
    async saveEntry(
      planId: number,
      year: number,
      actionId: number,
      version: number | null,
      data: EntryFormData,
      context: ChangeContext,
    ): Promise<PlainOutcome> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        const action = await tx.planAction.findFirst({ where: { id: actionId, planId, year }, select: { id: true, indicator: true } });
        if (!action) return { ok: false, reason: 'not-found' };
        if (!EDITABLE.includes(review.state)) return { ok: false, reason: 'locked' };
        // An action without an indicator has no count to record.
        const values = { ...data, indicatorActual: action.indicator ? data.indicatorActual : null, updatedById: context.actorUserId };
        const current = await tx.planReviewEntry.findUnique({ where: { reviewId_actionId: { reviewId: review.id, actionId } } });
        if (!current) {
          if (version !== null) return { ok: false, reason: 'conflict' };
          await tx.planReviewEntry.create({ data: { reviewId: review.id, actionId, ...values } });
        } else {
          if (version === null) return { ok: false, reason: 'conflict' };
          // Conditional on the state too: a review finalised in between is not written.
          const { count } = await tx.planReviewEntry.updateMany({
            where: { id: current.id, version, review: { state: { in: [...EDITABLE] } } },
            data: { ...values, version: { increment: 1 } },
          });
          if (count === 0) return { ok: false, reason: 'conflict' };
        }
        const blank = { status: null, whatHappened: '', evidence: '', nextStep: '', indicatorActual: null };
        await writeAudit(tx, context, {
          action: 'plan.review-entry-saved',
          ...planTarget(planId),
          details: { reviewId: review.id, year, actionId },
          ...changedFields<Record<(typeof ENTRY_FIELDS)[number], unknown>>(current ?? blank, values, ENTRY_FIELDS, { redact: ENTRY_TEXT }),
        });
        return { ok: true };
      });
    },

    /** One status for many actions of the review, in one transaction with one audit row. */
    async bulkStatus(
      planId: number,
      year: number,
      actionIds: number[],
      status: ActionStatus,
      context: ChangeContext,
    ): Promise<{ ok: true; count: number } | { ok: false; reason: 'not-found' | 'locked' }> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        if (!EDITABLE.includes(review.state)) return { ok: false, reason: 'locked' };
        const ids = [...new Set(actionIds)];
        // Only the review's own actions; any other id means the form was not ours.
        if ((await tx.planAction.count({ where: { id: { in: ids }, planId, year } })) !== ids.length) {
          return { ok: false, reason: 'not-found' };
        }
        await ensureEntries(tx, review);
        await tx.planReviewEntry.updateMany({
          where: { reviewId: review.id, actionId: { in: ids } },
          data: { status, updatedById: context.actorUserId, version: { increment: 1 } },
        });
        await writeAudit(tx, context, {
          action: 'plan.review-bulk-status',
          ...planTarget(planId),
          details: { reviewId: review.id, year, actionIds: ids.sort((a, b) => a - b), status },
        });
        return { ok: true, count: ids.length };
      });
    },

    async addDecision(planId: number, year: number, data: DecisionFormData, context: ChangeContext): Promise<PlainOutcome> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        if (!EDITABLE.includes(review.state)) return { ok: false, reason: 'locked' };
        const count = await tx.committeeDecision.count({ where: { reviewId: review.id } });
        const decision = await tx.committeeDecision.create({
          data: {
            reviewId: review.id,
            committee: data.committee,
            meetingDate: data.decisionDate,
            reference: data.reference,
            decision: data.decision,
            sortOrder: count + 1,
          },
        });
        await writeAudit(tx, context, {
          action: 'plan.review-decision-added',
          ...planTarget(planId),
          details: {
            reviewId: review.id,
            year,
            decisionId: decision.id,
            meetingDate: data.decisionDate.toISOString().slice(0, 10),
            decision: '(changed)',
          },
        });
        return { ok: true };
      });
    },

    /** DRAFT → IN_COMMITTEE → FINALISED, and IN_COMMITTEE back to DRAFT. */
    async changeState(
      planId: number,
      year: number,
      version: number,
      to: ReviewState,
      context: ChangeContext,
    ): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'conflict' | 'not-allowed' | 'unassessed' }> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        if (review.version !== version) return { ok: false, reason: 'conflict' };
        if (!MOVES[review.state].includes(to)) return { ok: false, reason: 'not-allowed' };
        const finalising = to === 'FINALISED';
        // What the committees approve has a status for every action of the year.
        if (finalising) {
          await ensureEntries(tx, review);
          if ((await tx.planReviewEntry.count({ where: { reviewId: review.id, status: null } })) > 0)
            return { ok: false, reason: 'unassessed' };
        }
        const { count } = await tx.planReview.updateMany({
          where: { id: review.id, version, state: review.state },
          data: {
            state: to,
            version: { increment: 1 },
            ...(finalising ? { finalisedAt: context.now, finalisedById: context.actorUserId } : {}),
          },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        await writeAudit(tx, context, {
          action: finalising ? 'plan.review-finalised' : 'plan.review-state-changed',
          ...planTarget(planId),
          details: { reviewId: review.id, year },
          before: { state: review.state },
          after: { state: to },
        });
        return { ok: true };
      });
    },

    /**
     * A correction of a finalised review's entry: the amendment row (before/after, who,
     * when, why) and the entry updated, in one transaction.
     */
    async amend(
      planId: number,
      year: number,
      actionId: number,
      version: number,
      change: { field: AmendableField; value: AmendedValue; reason: string },
      context: ChangeContext,
    ): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'not-finalised' | 'conflict' | 'unchanged' }> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        const entry = await tx.planReviewEntry.findFirst({
          where: { reviewId: review.id, actionId },
          include: { action: { select: { indicator: true } } },
        });
        if (!entry) return { ok: false, reason: 'not-found' };
        if (review.state !== 'FINALISED') return { ok: false, reason: 'not-finalised' };
        if (change.field === 'indicatorActual' && !entry.action.indicator) return { ok: false, reason: 'not-found' };
        const before = entry[change.field];
        if (before === change.value) return { ok: false, reason: 'unchanged' };
        const { count } = await tx.planReviewEntry.updateMany({
          where: { id: entry.id, version },
          data: { [change.field]: change.value, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        const amendment = await tx.reviewAmendment.create({
          data: {
            reviewId: review.id,
            actionId,
            field: change.field,
            before: before as Prisma.InputJsonValue,
            after: change.value as Prisma.InputJsonValue,
            reason: change.reason,
            amendedById: context.actorUserId,
            amendedAt: context.now,
          },
        });
        const text = (ENTRY_TEXT as readonly string[]).includes(change.field);
        await writeAudit(tx, context, {
          action: 'plan.review-amended',
          ...planTarget(planId),
          details: { reviewId: review.id, year, actionId, amendmentId: amendment.id, field: change.field, reason: '(changed)' },
          before: { [change.field]: text ? '(changed)' : before },
          after: { [change.field]: text ? '(changed)' : change.value },
        });
        return { ok: true };
      });
    },

    /**
     * A correction of a finalised review's meeting (date, place, participants, summary):
     * the amendment row (no action) and the review updated, in one transaction.
     */
    async amendMeeting(
      planId: number,
      year: number,
      version: number,
      change: { field: MeetingField; value: Date | string | null; reason: string },
      context: ChangeContext,
    ): Promise<{ ok: true } | { ok: false; reason: 'not-found' | 'not-finalised' | 'conflict' | 'unchanged' }> {
      return prisma.$transaction(async (tx) => {
        const found = await planAndReview(tx, planId, year);
        if (!found?.review) return { ok: false, reason: 'not-found' };
        const review = found.review;
        if (review.state !== 'FINALISED') return { ok: false, reason: 'not-finalised' };
        // Dates are kept in the record as the calendar day ("2017-09-29").
        const asRecord = (value: Date | string | null) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
        const before = asRecord(review[change.field]);
        const after = asRecord(change.value);
        if (before === after) return { ok: false, reason: 'unchanged' };
        const { count } = await tx.planReview.updateMany({
          where: { id: review.id, version, state: 'FINALISED' },
          data: { [change.field]: change.value, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        const amendment = await tx.reviewAmendment.create({
          data: {
            reviewId: review.id,
            actionId: null,
            field: change.field,
            before: before as Prisma.InputJsonValue,
            after: after as Prisma.InputJsonValue,
            reason: change.reason,
            amendedById: context.actorUserId,
            amendedAt: context.now,
          },
        });
        const text = change.field !== 'meetingDate';
        await writeAudit(tx, context, {
          action: 'plan.review-amended',
          ...planTarget(planId),
          details: { reviewId: review.id, year, amendmentId: amendment.id, field: change.field, reason: '(changed)' },
          before: { [change.field]: text ? '(changed)' : before },
          after: { [change.field]: text ? '(changed)' : after },
        });
        return { ok: true };
      });
    },

    /**
     * Copies the finalised review's unfinished actions (not started, in progress, postponed) that
     * have not been carried yet into the next year, each a new action pointing at the one
     * it came from, with the same goals, responsibles, agreements, openings and indicator.
     */
    async carryOver(
      planId: number,
      year: number,
      context: ChangeContext,
    ): Promise<
      | { ok: true; count: number; toYear: number }
      | { ok: false; reason: 'not-found' | 'not-finalised' | 'beyond-period' | 'nothing' | 'next-finalised' | 'unknown-reference' }
    > {
      try {
        return await prisma.$transaction(async (tx) => {
          const found = await planAndReview(tx, planId, year);
          if (!found?.review) return { ok: false, reason: 'not-found' } as const;
          const { plan, review } = found;
          // Only what the committees approved is carried: a draft's statuses may still change.
          if (review.state !== 'FINALISED') return { ok: false, reason: 'not-finalised' } as const;
          const toYear = year + 1;
          if (toYear > plan.lastYear) return { ok: false, reason: 'beyond-period' } as const;
          const next = await tx.planReview.findUnique({ where: { planId_year: { planId, year: toYear } } });
          if (next?.state === 'FINALISED') return { ok: false, reason: 'next-finalised' } as const;
          const entries = await tx.planReviewEntry.findMany({
            where: { reviewId: review.id, status: { in: [...UNFINISHED] }, action: { carriedTo: null } },
            include: {
              action: {
                include: {
                  goals: { select: { number: true } },
                  responsibles: { orderBy: { sortOrder: 'asc' } },
                  agreements: { select: { id: true } },
                  openings: { select: { id: true } },
                },
              },
            },
            orderBy: [{ action: { sortOrder: 'asc' } }, { actionId: 'asc' }],
          });
          if (entries.length === 0) return { ok: false, reason: 'nothing' } as const;
          const created: number[] = [];
          for (const { action } of entries) {
            const shift = (date: Date | null) => (date ? addMonths(date, 12) : null);
            const saved = await saveActionRows(
              tx,
              planId,
              { actionId: null },
              {
                year: toYear,
                title: action.title,
                description: action.description,
                plannedFrom: shift(action.plannedFrom),
                plannedTo: shift(action.plannedTo),
                indicator: action.indicator,
                indicatorTarget: action.indicatorTarget,
                goalNumbers: action.goals.map((g) => g.number),
                responsibles: action.responsibles.map((r) => ({ kind: r.kind, associationId: r.associationId, name: r.name })),
                agreementIds: action.agreements.map((a) => a.id),
                openingIds: action.openings.map((o) => o.id),
              },
              context,
              { source: 'carry-over', agreementPartyId: action.agreementPartyId },
            );
            // A reference that no longer holds (an association no longer approved) stops
            // the whole carry-over: half a carry-over would be harder to explain.
            if (!saved.ok) throw new CarryOverRefused();
            await tx.planAction.update({ where: { id: saved.id }, data: { carriedFromId: action.id, sortOrder: action.sortOrder } });
            if (next) await tx.planReviewEntry.create({ data: { reviewId: next.id, actionId: saved.id } });
            created.push(saved.id);
          }
          await writeAudit(tx, context, {
            action: 'plan.actions-carried-over',
            ...planTarget(planId),
            details: { year, toYear, actionIds: entries.map((e) => e.actionId), newActionIds: created },
          });
          return { ok: true, count: created.length, toYear } as const;
        });
      } catch (error) {
        if (error instanceof CarryOverRefused) return { ok: false, reason: 'unknown-reference' };
        throw error;
      }
    },

    /**
     * The actions an association is responsible for that are in a review: with the
     * review's state and the association's own entry, newest year first.
     */
    async forAssociation(associationId: number) {
      const actions = await prisma.planAction.findMany({
        where: { responsibles: { some: { kind: 'ASSOCIATION', associationId } } },
        include: {
          plan: { select: { id: true, title: true } },
          goals: { select: { number: true, title: true }, orderBy: { number: 'asc' } },
          carriedTo: { select: { id: true, year: true } },
        },
        orderBy: [{ year: 'desc' }, { planId: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
      });
      if (actions.length === 0) return [];
      const reviews = await prisma.planReview.findMany({
        where: { OR: actions.map((a) => ({ planId: a.planId, year: a.year })) },
        include: {
          partnerEntries: { where: { associationId } },
          entries: { where: { actionId: { in: actions.map((a) => a.id) } }, select: { actionId: true, status: true } },
        },
      });
      const byKey = new Map(reviews.map((r) => [`${r.planId}:${r.year}`, r]));
      return actions.flatMap((action) => {
        const review = byKey.get(`${action.planId}:${action.year}`);
        if (!review) return [];
        return [
          {
            action,
            review: { id: review.id, state: review.state, year: review.year },
            own: review.partnerEntries.find((p) => p.actionId === action.id) ?? null,
            staffStatus: review.entries.find((e) => e.actionId === action.id)?.status ?? null,
            // Carried to next year, where it is listed once the municipality starts that year's status.
            carriedTo: action.carriedTo
              ? { year: action.carriedTo.year, reviewed: byKey.has(`${action.planId}:${action.carriedTo.year}`) }
              : null,
          },
        ];
      });
    },

    /**
     * The association's own status and comment of an action it is responsible for, in
     * the review of the action's year. `version` null: it has not answered yet.
     */
    async savePartnerEntry(
      associationId: number,
      actionId: number,
      version: number | null,
      data: PartnerFormData,
      context: ChangeContext,
    ): Promise<PlainOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          const action = await tx.planAction.findFirst({
            where: { id: actionId, responsibles: { some: { kind: 'ASSOCIATION', associationId } } },
            select: { id: true, planId: true, year: true },
          });
          if (!action) return { ok: false, reason: 'not-found' } as const;
          const review = await tx.planReview.findUnique({ where: { planId_year: { planId: action.planId, year: action.year } } });
          if (!review) return { ok: false, reason: 'not-found' } as const;
          if (!EDITABLE.includes(review.state)) return { ok: false, reason: 'locked' } as const;
          const key = { reviewId_actionId_associationId: { reviewId: review.id, actionId, associationId } };
          const current = await tx.planReviewPartnerEntry.findUnique({ where: key });
          const values = { status: data.status, comment: data.comment, answeredById: context.actorUserId, answeredAt: context.now };
          if (!current) {
            if (version !== null) return { ok: false, reason: 'conflict' } as const;
            await tx.planReviewPartnerEntry.create({ data: { reviewId: review.id, actionId, associationId, ...values } });
          } else {
            if (version === null) return { ok: false, reason: 'conflict' } as const;
            const { count } = await tx.planReviewPartnerEntry.updateMany({
              where: { id: current.id, version, review: { state: { in: [...EDITABLE] } } },
              data: { ...values, version: { increment: 1 } },
            });
            if (count === 0) return { ok: false, reason: 'conflict' } as const;
          }
          await writeAudit(tx, context, {
            action: 'plan.review-partner-entry',
            ...planTarget(action.planId),
            details: { reviewId: review.id, year: action.year, actionId, associationId },
            ...changedFields<{ status: unknown; comment: unknown }>(
              current ?? { status: null, comment: '' },
              values,
              ['status', 'comment'],
              {
                redact: ['comment'],
              },
            ),
          });
          return { ok: true } as const;
        });
      } catch (error) {
        // Two first answers at once: the unique key lets one in; the other is stale.
        if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
        throw error;
      }
    },
  };
}

class CarryOverRefused extends Error {}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';

export type PlanReviewService = ReturnType<typeof createPlanReviewService>;
export type ReviewPage = NonNullable<Awaited<ReturnType<PlanReviewService['page']>>>;
export type AssociationRow = Awaited<ReturnType<PlanReviewService['forAssociation']>>[number];
