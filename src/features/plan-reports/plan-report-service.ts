// What the overview, the committee report and the import read and write. The only
// code of plan-reports/ that uses Prisma. The counting is in plan-report-counts.ts,
// the report's rows in plan-report-rows.ts, the import's checks in plan-import.ts.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { ActionStatus, ResponsibleKind } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { planTarget, saveActionRows, type ActionData } from '../action-plans/plan-action-rows.js';
import { NOT_REVIEWED, type CountedAction } from './plan-report-counts.js';

export interface PlanHead {
  id: number;
  title: string;
  firstYear: number;
  lastYear: number;
}

const HEAD = { id: true, title: true, firstYear: true, lastYear: true } as const;

export interface ReportResponsible {
  kind: ResponsibleKind;
  associationId: number | null;
  /** The association's name for ASSOCIATION, else the typed name. */
  name: string;
}

/** An action as the committee report shows it, with its staff entry and the associations' views. */
export interface ReportAction {
  id: number;
  year: number;
  title: string;
  description: string;
  goalNumbers: number[];
  responsibles: ReportResponsible[];
  plannedFrom: Date | null;
  plannedTo: Date | null;
  indicator: string;
  indicatorTarget: number | null;
  carriedFromYear: number | null;
  /** status null: in the review, not assessed yet. */
  entry: { status: ActionStatus | null; whatHappened: string; evidence: string; nextStep: string; indicatorActual: number | null } | null;
  partners: { associationName: string; status: ActionStatus; comment: string }[];
}

export interface PlanReport {
  plan: PlanHead;
  year: number;
  goals: { number: number; title: string }[];
  review: {
    state: 'DRAFT' | 'IN_COMMITTEE' | 'FINALISED';
    meetingDate: Date | null;
    meetingPlace: string;
    participants: string;
    summary: string;
    finalisedAt: Date | null;
    decisions: { committee: string; meetingDate: Date; reference: string; decision: string }[];
    amendments: {
      actionTitle: string | null;
      field: string;
      before: unknown;
      after: unknown;
      reason: string;
      amendedBy: string | null;
      amendedAt: Date;
    }[];
  } | null;
  actions: ReportAction[];
}

/** An existing action as the import compares a file's row with it. */
export interface ImportableAction extends ActionData {
  id: number;
  version: number;
}

export interface ImportContext {
  plan: PlanHead;
  goalNumbers: number[];
  /** Approved associations, the ones an action may name as responsible. */
  associations: { id: number; name: string }[];
  actions: ImportableAction[];
}

/** One row to save: a new action, or an update at the version the preview saw. */
export type ImportRow = { actionId: null; data: ActionData } | { actionId: number; expectedVersion: number; data: ActionData };

export type ImportOutcome =
  | { ok: true; created: number; updated: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict' | 'unknown-reference'; index: number };

/** Thrown inside the import's transaction to roll every row back. */
class ImportRefused extends Error {
  constructor(readonly outcome: Extract<ImportOutcome, { ok: false }>) {
    super('import refused');
  }
}

const ACTION_ROWS = {
  goals: { select: { number: true }, orderBy: { number: 'asc' } },
  responsibles: {
    orderBy: { sortOrder: 'asc' },
    select: { kind: true, associationId: true, name: true, association: { select: { name: true } } },
  },
} as const;

export function createPlanReportService(prisma: PrismaClient) {
  return {
    /** Everything the overview counts: goals, every action with its status, the years reviewed. */
    async overview(planId: number) {
      const plan = await prisma.actionPlan.findUnique({
        where: { id: planId },
        select: { ...HEAD, goals: { select: { number: true, title: true }, orderBy: { number: 'asc' } } },
      });
      if (!plan) return null;
      const [actions, reviews] = await Promise.all([
        prisma.planAction.findMany({
          where: { planId },
          orderBy: [{ year: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
          select: {
            id: true,
            year: true,
            title: true,
            carriedFromId: true,
            goals: { select: { number: true }, orderBy: { number: 'asc' } },
            reviewEntries: { select: { status: true, review: { select: { year: true } } } },
          },
        }),
        prisma.planReview.findMany({ where: { planId }, select: { year: true, state: true }, orderBy: { year: 'asc' } }),
      ]);
      const counted: CountedAction[] = actions.map((a) => ({
        id: a.id,
        year: a.year,
        title: a.title,
        goalNumbers: a.goals.map((g) => g.number),
        carriedFromId: a.carriedFromId,
        // Only the entry of the action's own year's review is its status; an entry
        // without a status (not assessed yet) is NOT_REVIEWED, like no entry at all.
        status: a.reviewEntries.find((e) => e.review.year === a.year)?.status ?? NOT_REVIEWED,
      }));
      const { goals, ...head } = plan;
      return {
        plan: head,
        goals,
        actions: counted,
        reviewYears: reviews.map((r) => r.year),
        reviewStates: new Map(reviews.map((r) => [r.year, r.state])),
      };
    },

    /** The committee report of one year of a plan (null: no such plan). */
    async report(planId: number, year: number): Promise<PlanReport | null> {
      const plan = await prisma.actionPlan.findUnique({
        where: { id: planId },
        select: { ...HEAD, goals: { select: { number: true, title: true }, orderBy: { number: 'asc' } } },
      });
      if (!plan) return null;
      const review = await prisma.planReview.findUnique({
        where: { planId_year: { planId, year } },
        select: {
          id: true,
          state: true,
          meetingDate: true,
          meetingPlace: true,
          participants: true,
          summary: true,
          finalisedAt: true,
          decisions: {
            orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
            select: { committee: true, meetingDate: true, reference: true, decision: true },
          },
          amendments: {
            orderBy: [{ amendedAt: 'asc' }, { id: 'asc' }],
            select: {
              actionId: true,
              field: true,
              before: true,
              after: true,
              reason: true,
              amendedAt: true,
              amendedBy: { select: { name: true } },
            },
          },
        },
      });
      const actions = await prisma.planAction.findMany({
        where: { planId, year },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          year: true,
          title: true,
          description: true,
          plannedFrom: true,
          plannedTo: true,
          indicator: true,
          indicatorTarget: true,
          carriedFrom: { select: { year: true } },
          ...ACTION_ROWS,
          reviewEntries: {
            where: { review: { planId, year } },
            select: { status: true, whatHappened: true, evidence: true, nextStep: true, indicatorActual: true },
          },
          partnerEntries: {
            where: { review: { planId, year } },
            orderBy: { association: { name: 'asc' } },
            select: { status: true, comment: true, association: { select: { name: true } } },
          },
        },
      });
      const titles = new Map(actions.map((a) => [a.id, a.title]));
      const { goals, ...head } = plan;
      return {
        plan: head,
        year,
        goals,
        review: review
          ? {
              state: review.state,
              meetingDate: review.meetingDate,
              meetingPlace: review.meetingPlace,
              participants: review.participants,
              summary: review.summary,
              finalisedAt: review.finalisedAt,
              decisions: review.decisions,
              amendments: review.amendments.map((a) => ({
                actionTitle: a.actionId === null ? null : (titles.get(a.actionId) ?? null),
                field: a.field,
                before: a.before,
                after: a.after,
                reason: a.reason,
                amendedBy: a.amendedBy?.name ?? null,
                amendedAt: a.amendedAt,
              })),
            }
          : null,
        actions: actions.map((a) => ({
          id: a.id,
          year: a.year,
          title: a.title,
          description: a.description,
          goalNumbers: a.goals.map((g) => g.number),
          responsibles: a.responsibles.map((r) => ({
            kind: r.kind,
            associationId: r.associationId,
            name: r.kind === 'ASSOCIATION' ? (r.association?.name ?? '') : r.name,
          })),
          plannedFrom: a.plannedFrom,
          plannedTo: a.plannedTo,
          indicator: a.indicator,
          indicatorTarget: a.indicatorTarget,
          carriedFromYear: a.carriedFrom?.year ?? null,
          entry: a.reviewEntries[0] ?? null,
          partners: a.partnerEntries.map((p) => ({ associationName: p.association.name, status: p.status, comment: p.comment })),
        })),
      };
    },

    /** The plan's head (null: no such plan), for the import form. */
    async plan(planId: number): Promise<PlanHead | null> {
      return prisma.actionPlan.findUnique({ where: { id: planId }, select: HEAD });
    },

    /** What a file's rows are checked against: the plan's goals, the register, its actions. */
    async importContext(planId: number): Promise<ImportContext | null> {
      const plan = await prisma.actionPlan.findUnique({ where: { id: planId }, select: { ...HEAD, goals: { select: { number: true } } } });
      if (!plan) return null;
      const [associations, actions] = await Promise.all([
        prisma.association.findMany({ where: { status: 'APPROVED' }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
        prisma.planAction.findMany({
          where: { planId },
          orderBy: { id: 'asc' },
          select: {
            id: true,
            version: true,
            year: true,
            title: true,
            description: true,
            plannedFrom: true,
            plannedTo: true,
            indicator: true,
            indicatorTarget: true,
            ...ACTION_ROWS,
            agreements: { select: { id: true }, orderBy: { id: 'asc' } },
            openings: { select: { id: true }, orderBy: { id: 'asc' } },
          },
        }),
      ]);
      const { goals, ...head } = plan;
      return {
        plan: head,
        goalNumbers: goals.map((g) => g.number).sort((a, b) => a - b),
        associations,
        actions: actions.map((a) => ({
          id: a.id,
          version: a.version,
          year: a.year,
          title: a.title,
          description: a.description,
          plannedFrom: a.plannedFrom,
          plannedTo: a.plannedTo,
          indicator: a.indicator,
          indicatorTarget: a.indicatorTarget,
          goalNumbers: a.goals.map((g) => g.number),
          responsibles: a.responsibles.map((r) => ({
            kind: r.kind,
            associationId: r.associationId,
            name: r.kind === 'ASSOCIATION' ? '' : r.name,
          })),
          agreementIds: a.agreements.map((x) => x.id),
          openingIds: a.openings.map((x) => x.id),
        })),
      };
    },

    /**
     * Saves every row through saveActionRows (source "import") in ONE transaction, with
     * the summary audit `plan.actions-imported`: all rows or none. A row that fails
     * (changed since the preview, a reference gone) rolls the whole import back and
     * says which row (`index` into `rows`).
     */
    async importActions(planId: number, rows: readonly ImportRow[], context: ChangeContext): Promise<ImportOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          const plan = await tx.actionPlan.findUnique({ where: { id: planId }, select: { id: true } });
          if (!plan) return { ok: false, reason: 'not-found' } as const;
          let created = 0;
          let updated = 0;
          for (const [index, row] of rows.entries()) {
            const target = row.actionId === null ? { actionId: null } : { actionId: row.actionId, expectedVersion: row.expectedVersion };
            const outcome = await saveActionRows(tx, planId, target, row.data, context, { source: 'import' });
            if (!outcome.ok) {
              throw new ImportRefused({
                ok: false,
                reason: outcome.reason === 'unknown-reference' ? 'unknown-reference' : 'conflict',
                index,
              });
            }
            if (row.actionId === null) created += 1;
            else updated += 1;
          }
          await writeAudit(tx, context, { action: 'plan.actions-imported', ...planTarget(planId), details: { created, updated } });
          return { ok: true, created, updated } as const;
        });
      } catch (error) {
        if (error instanceof ImportRefused) return error.outcome;
        throw error;
      }
    },
  };
}

export type PlanReportService = ReturnType<typeof createPlanReportService>;
