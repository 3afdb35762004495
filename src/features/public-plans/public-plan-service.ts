// The public side of action plans (/handleplaner): what citizens may read of a plan.
//
// A plan's own content (vision, goals, actions and who is responsible) is public as
// soon as staff write it: the plan is the municipality's promise. What a yearly review
// says is public only once the review is FINALISED: a DRAFT or IN_COMMITTEE review is
// work in progress that the committees have not discussed, so nothing of it — status,
// texts, meeting, decisions, the associations' own answers — is ever read into the
// public model (the queries below filter on the state, not the views).
//
// From a finalised review the public sees the staff's status per action with what
// happened, the evidence (links and numbers are meant to be shown), the next step and
// the counted result; each responsible association's own status and comment (the
// committees approved the review with both side by side, and it credits the
// association); the meeting; the committees' decisions; and the corrections made after
// finalisation with when and why — never who made them (no staff names in public).
//
// An action's agreements and openings are linked only where they have a public page
// of their own, by those pages' rules: an agreement in force (its title from the
// version in force, as /samarbejder shows it) and a public opening.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { ActionStatus, ResponsibleKind } from '../../generated/prisma/enums.js';
import { readVersionContent } from '../agreements/agreement-version.js';
import { PUBLIC_AGREEMENT_WHERE } from '../collaborations/collaboration-service.js';
import { publicOpeningWhere } from '../openings/visibility.js';

/** How long the vision excerpt on the list may be (characters). */
export const VISION_EXCERPT_LENGTH = 240;

/** The statuses in the order the public page counts them. */
export const STATUS_ORDER: readonly ActionStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'POSTPONED', 'DROPPED'];

export interface PublicPlanSummary {
  slug: string;
  title: string;
  firstYear: number;
  lastYear: number;
  visionExcerpt: string;
}

export interface PublicGoal {
  number: number;
  title: string;
  description: string;
  volunteersDo: string;
  municipalityDoes: string;
  sdgs: number[];
}

export interface PublicResponsible {
  kind: ResponsibleKind;
  name: string;
  /** The association's public profile slug (approved associations only), else null. */
  slug: string | null;
}

export interface PublicEntry {
  /** Null: not assessed (finalising requires a status, so only older data has none). */
  status: ActionStatus | null;
  whatHappened: string;
  evidence: string;
  nextStep: string;
  indicatorActual: number | null;
}

export interface PublicPartnerView {
  associationName: string;
  slug: string | null;
  status: ActionStatus;
  comment: string;
}

export interface PublicAction {
  id: number;
  title: string;
  description: string;
  goalNumbers: number[];
  responsibles: PublicResponsible[];
  plannedFrom: Date | null;
  plannedTo: Date | null;
  indicator: string;
  indicatorTarget: number | null;
  /** The year of the action this one continues ("carried over from 2017"). */
  carriedFromYear: number | null;
  /** Its agreements with a public page (/samarbejder/:id), titled as that page is. */
  agreements: { id: number; title: string }[];
  /** Its public openings (/opgaver/:id). */
  openings: { id: number; title: string }[];
  /** The finalised review's entry for this action, if its year's review is finalised. */
  entry: PublicEntry | null;
  partnerViews: PublicPartnerView[];
}

export interface PublicDecision {
  committee: string;
  meetingDate: Date;
  reference: string;
  decision: string;
}

export interface PublicAmendment {
  id: number;
  /** The corrected action's title; null when a field of the review itself was corrected. */
  actionTitle: string | null;
  field: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  reason: string;
  amendedAt: Date;
}

export interface PublicReview {
  year: number;
  finalisedAt: Date | null;
  meetingDate: Date | null;
  meetingPlace: string;
  participants: string;
  summary: string;
  /** How many of the year's actions have each status (in STATUS_ORDER, zero counts left out). */
  statusCounts: { status: ActionStatus; count: number }[];
  decisions: PublicDecision[];
  amendments: PublicAmendment[];
}

export interface PublicYear {
  year: number;
  actions: PublicAction[];
  /** The year's review, only when FINALISED. */
  review: PublicReview | null;
}

export interface PublicPlan {
  slug: string;
  title: string;
  firstYear: number;
  lastYear: number;
  vision: string;
  updatedAt: Date;
  goals: PublicGoal[];
  years: PublicYear[];
}

/** What the feed lists: finalised reviews and the corrections made after. */
export interface PublicPlanFeed {
  slug: string;
  title: string;
  updatedAt: Date;
  items: ({ kind: 'review-finalised'; year: number; at: Date } | ({ kind: 'amended'; year: number; at: Date } & PublicAmendment))[];
}

/** The one rule for a review the public may see. */
const FINALISED = { state: 'FINALISED' } as const satisfies Prisma.PlanReviewWhereInput;

/** The start of the vision, cut at a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, max = VISION_EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:–-]+$/, '')}…`;
}

export function createPublicPlanService(prisma: PrismaClient) {
  return {
    /** Every plan of the municipality, newest period first. */
    async list(): Promise<PublicPlanSummary[]> {
      const rows = await prisma.actionPlan.findMany({
        orderBy: [{ firstYear: 'desc' }, { title: 'asc' }],
        select: { slug: true, title: true, firstYear: true, lastYear: true, vision: true },
      });
      return rows.map(({ vision, ...row }) => ({ ...row, visionExcerpt: excerpt(vision) }));
    },

    /** A plan's public page; null for an unknown slug. `now` decides which openings are still public. */
    async find(slug: string, now: Date): Promise<PublicPlan | null> {
      const plan = await prisma.actionPlan.findUnique({
        where: { slug },
        select: {
          id: true,
          slug: true,
          title: true,
          firstYear: true,
          lastYear: true,
          vision: true,
          updatedAt: true,
          goals: {
            orderBy: { number: 'asc' },
            select: { number: true, title: true, description: true, volunteersDo: true, municipalityDoes: true, sdgs: true },
          },
          actions: {
            orderBy: [{ year: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }],
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
              agreements: {
                where: PUBLIC_AGREEMENT_WHERE,
                orderBy: { id: 'asc' },
                select: { id: true, acceptedVersion: true, versions: { select: { number: true, content: true } } },
              },
              openings: { where: publicOpeningWhere(now), orderBy: { id: 'asc' }, select: { id: true, title: true } },
              goals: { orderBy: { number: 'asc' }, select: { number: true } },
              responsibles: {
                orderBy: { sortOrder: 'asc' },
                select: { kind: true, name: true, association: { select: { name: true, slug: true, status: true } } },
              },
            },
          },
          // Only finalised reviews are read at all.
          reviews: {
            where: FINALISED,
            orderBy: { year: 'asc' },
            select: {
              id: true,
              year: true,
              finalisedAt: true,
              meetingDate: true,
              meetingPlace: true,
              participants: true,
              summary: true,
              entries: {
                select: { actionId: true, status: true, whatHappened: true, evidence: true, nextStep: true, indicatorActual: true },
              },
              partnerEntries: {
                orderBy: { id: 'asc' },
                select: {
                  actionId: true,
                  status: true,
                  comment: true,
                  association: { select: { name: true, slug: true, status: true } },
                },
              },
              decisions: {
                orderBy: [{ sortOrder: 'asc' }, { meetingDate: 'asc' }, { id: 'asc' }],
                select: { committee: true, meetingDate: true, reference: true, decision: true },
              },
              amendments: {
                orderBy: [{ amendedAt: 'asc' }, { id: 'asc' }],
                select: { id: true, actionId: true, field: true, before: true, after: true, reason: true, amendedAt: true },
              },
            },
          },
        },
      });
      if (!plan) return null;

      const profileSlug = (a: { slug: string; status: string } | null) => (a && a.status === 'APPROVED' ? a.slug : null);
      const reviewByYear = new Map(plan.reviews.map((r) => [r.year, r]));
      const titleOf = new Map(plan.actions.map((a) => [a.id, a.title]));

      const actionsByYear = new Map<number, PublicAction[]>();
      for (const action of plan.actions) {
        const review = reviewByYear.get(action.year);
        const entry = review?.entries.find((e) => e.actionId === action.id) ?? null;
        const list = actionsByYear.get(action.year) ?? [];
        list.push({
          id: action.id,
          title: action.title,
          description: action.description,
          goalNumbers: action.goals.map((g) => g.number),
          responsibles: action.responsibles.map((r) => ({
            kind: r.kind,
            name: r.kind === 'ASSOCIATION' ? (r.association?.name ?? '') : r.name,
            slug: r.kind === 'ASSOCIATION' ? profileSlug(r.association) : null,
          })),
          plannedFrom: action.plannedFrom,
          plannedTo: action.plannedTo,
          indicator: action.indicator,
          indicatorTarget: action.indicatorTarget,
          carriedFromYear: action.carriedFrom?.year ?? null,
          agreements: action.agreements.flatMap((a) => {
            const version = a.versions.find((v) => v.number === a.acceptedVersion);
            return version ? [{ id: a.id, title: readVersionContent(version.content).title }] : [];
          }),
          openings: action.openings,
          entry: entry
            ? {
                status: entry.status,
                whatHappened: entry.whatHappened,
                evidence: entry.evidence,
                nextStep: entry.nextStep,
                indicatorActual: entry.indicatorActual,
              }
            : null,
          partnerViews: (review?.partnerEntries ?? [])
            .filter((p) => p.actionId === action.id)
            .map((p) => ({ associationName: p.association.name, slug: profileSlug(p.association), status: p.status, comment: p.comment })),
        });
        actionsByYear.set(action.year, list);
      }

      const years = [...new Set([...actionsByYear.keys(), ...reviewByYear.keys()])].sort((a, b) => a - b);
      return {
        slug: plan.slug,
        title: plan.title,
        firstYear: plan.firstYear,
        lastYear: plan.lastYear,
        vision: plan.vision,
        updatedAt: plan.updatedAt,
        goals: plan.goals.map((g) => ({ ...g, sdgs: [...g.sdgs].sort((a, b) => a - b) })),
        years: years.map((year) => {
          const actions = actionsByYear.get(year) ?? [];
          const review = reviewByYear.get(year);
          return {
            year,
            actions,
            review: review
              ? {
                  year,
                  finalisedAt: review.finalisedAt,
                  meetingDate: review.meetingDate,
                  meetingPlace: review.meetingPlace,
                  participants: review.participants,
                  summary: review.summary,
                  statusCounts: STATUS_ORDER.map((status) => ({
                    status,
                    count: actions.filter((a) => a.entry?.status === status).length,
                  })).filter((c) => c.count > 0),
                  decisions: review.decisions,
                  amendments: review.amendments.map((a) => ({
                    id: a.id,
                    actionTitle: a.actionId === null ? null : (titleOf.get(a.actionId) ?? null),
                    field: a.field,
                    before: a.before,
                    after: a.after,
                    reason: a.reason,
                    amendedAt: a.amendedAt,
                  })),
                }
              : null,
          };
        }),
      };
    },

    /** The feed of a plan: one item per finalised review and per later correction, newest first; null for an unknown slug. */
    async feed(slug: string): Promise<PublicPlanFeed | null> {
      const plan = await prisma.actionPlan.findUnique({
        where: { slug },
        select: {
          slug: true,
          title: true,
          updatedAt: true,
          reviews: {
            where: FINALISED,
            select: {
              year: true,
              finalisedAt: true,
              updatedAt: true,
              amendments: { select: { id: true, actionId: true, field: true, before: true, after: true, reason: true, amendedAt: true } },
            },
          },
        },
      });
      if (!plan) return null;
      const actionIds = [...new Set(plan.reviews.flatMap((r) => r.amendments.flatMap((a) => (a.actionId === null ? [] : [a.actionId]))))];
      const actions = await prisma.planAction.findMany({ where: { id: { in: actionIds } }, select: { id: true, title: true } });
      const titleOf = new Map(actions.map((a) => [a.id, a.title]));
      const items: PublicPlanFeed['items'] = plan.reviews.flatMap((review) => [
        // A review finalised before finalisedAt was recorded still has an item, dated by its last change.
        { kind: 'review-finalised' as const, year: review.year, at: review.finalisedAt ?? review.updatedAt },
        ...review.amendments.map((a) => ({
          kind: 'amended' as const,
          id: a.id,
          year: review.year,
          actionTitle: a.actionId === null ? null : (titleOf.get(a.actionId) ?? null),
          field: a.field,
          before: a.before,
          after: a.after,
          reason: a.reason,
          amendedAt: a.amendedAt,
          at: a.amendedAt,
        })),
      ]);
      items.sort((a, b) => b.at.getTime() - a.at.getTime());
      return { slug: plan.slug, title: plan.title, updatedAt: items[0]?.at ?? plan.updatedAt, items };
    },
  };
}

export type PublicPlanService = ReturnType<typeof createPublicPlanService>;
