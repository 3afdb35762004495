// Action plans at any point: a plan with numbered goals (aPlan), actions for a year
// with their goals and responsible associations (anAction), and a yearly review with
// the staff's entry per action of that year (aReview). Written straight to the
// database, so a test can start from any state.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { ActionStatus, ReviewState } from '../../../src/generated/prisma/enums.js';

export interface PlanOptions {
  title?: string;
  slug?: string;
  firstYear?: number;
  lastYear?: number;
  vision?: string;
  /** How many goals (Mål 1 … n); default 3. */
  goals?: number;
  createdById?: number | null;
}

let planCount = 0;

export async function aPlan(prisma: PrismaClient, options: PlanOptions = {}) {
  planCount += 1;
  const title = options.title ?? `Handleplan for frivillighed ${planCount}`;
  return prisma.actionPlan.create({
    data: {
      title,
      slug: options.slug ?? `handleplan-${planCount}-${Date.now().toString(36)}`,
      firstYear: options.firstYear ?? 2017,
      lastYear: options.lastYear ?? 2022,
      vision: options.vision ?? 'Flere borgere er frivillige.',
      createdById: options.createdById ?? null,
      goals: {
        create: Array.from({ length: options.goals ?? 3 }, (_, index) => ({
          number: index + 1,
          title: `Mål ${index + 1}`,
          description: `Beskrivelse af mål ${index + 1}.`,
        })),
      },
    },
    include: { goals: { orderBy: { number: 'asc' } } },
  });
}

export interface ActionOptions {
  year?: number;
  title?: string;
  description?: string;
  goalNumbers?: number[];
  /** Responsible associations from the register. */
  associationIds?: number[];
  /** Responsible municipal units by name. */
  units?: string[];
  indicator?: string;
  indicatorTarget?: number | null;
  carriedFromId?: number | null;
}

export async function anAction(prisma: PrismaClient, planId: number, options: ActionOptions = {}) {
  const goals = await prisma.planGoal.findMany({ where: { planId, number: { in: options.goalNumbers ?? [1] } }, select: { id: true } });
  const responsibles = [
    ...(options.units ?? []).map((name) => ({ kind: 'MUNICIPAL_UNIT' as const, name })),
    ...(options.associationIds ?? []).map((associationId) => ({ kind: 'ASSOCIATION' as const, associationId })),
  ].map((r, index) => ({ ...r, sortOrder: index + 1 }));
  return prisma.planAction.create({
    data: {
      planId,
      year: options.year ?? 2017,
      title: options.title ?? 'Handling til test',
      description: options.description ?? '',
      indicator: options.indicator ?? '',
      indicatorTarget: options.indicatorTarget ?? null,
      carriedFromId: options.carriedFromId ?? null,
      goals: { connect: goals },
      responsibles: { create: responsibles },
    },
  });
}

export interface ReviewOptions {
  state?: ReviewState;
  /** The staff's status per action id; every action of the year gets an entry (default NOT_STARTED). */
  statuses?: Record<number, ActionStatus>;
  finalisedById?: number | null;
}

export async function aReview(prisma: PrismaClient, planId: number, year: number, options: ReviewOptions = {}) {
  const actions = await prisma.planAction.findMany({ where: { planId, year }, select: { id: true } });
  const state = options.state ?? 'DRAFT';
  return prisma.planReview.create({
    data: {
      planId,
      year,
      state,
      finalisedAt: state === 'FINALISED' ? new Date('2026-10-01T10:00:00.000Z') : null,
      finalisedById: state === 'FINALISED' ? (options.finalisedById ?? null) : null,
      entries: {
        create: actions.map((a) => ({ actionId: a.id, status: options.statuses?.[a.id] ?? 'NOT_STARTED' })),
      },
    },
    include: { entries: true },
  });
}
