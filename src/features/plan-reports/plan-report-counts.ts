// The counting behind the overview (goals × years matrix, the progress chart and "what
// changed since last year"). Pure functions over plain rows, so the figures the page,
// the chart and its table show come from one place and are unit-tested on their own.
//
// An action's status is the staff entry for it in its own year's review. An action
// with no entry, or in a year without a review, is NOT_REVIEWED: its own category,
// because "nobody has said yet" is not the same as "not started".
import type { ActionStatus } from '../../generated/prisma/enums.js';

export const NOT_REVIEWED = 'NOT_REVIEWED';
export type StatusCategory = ActionStatus | typeof NOT_REVIEWED;

export const ACTION_STATUSES: readonly ActionStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'POSTPONED', 'DROPPED'];

/** The order categories are counted, drawn and listed in: done first, unknown last. */
export const CATEGORIES: readonly StatusCategory[] = ['DONE', 'IN_PROGRESS', 'NOT_STARTED', 'POSTPONED', 'DROPPED', NOT_REVIEWED];

export type StatusCounts = Record<StatusCategory, number>;

/** One action as the overview counts it. */
export interface CountedAction {
  id: number;
  year: number;
  title: string;
  goalNumbers: number[];
  status: StatusCategory;
  /** The action of an earlier year this one continues, if carried over. */
  carriedFromId: number | null;
}

export interface CountedGoal {
  number: number;
  title: string;
}

/** Actions without any goal are counted on a row of their own, numbered 0. */
export const NO_GOAL = 0;

export function emptyCounts(): StatusCounts {
  return { DONE: 0, IN_PROGRESS: 0, NOT_STARTED: 0, POSTPONED: 0, DROPPED: 0, NOT_REVIEWED: 0 };
}

export function countStatuses(actions: readonly Pick<CountedAction, 'status'>[]): StatusCounts {
  const counts = emptyCounts();
  for (const action of actions) counts[action.status] += 1;
  return counts;
}

export function totalOf(counts: StatusCounts): number {
  return CATEGORIES.reduce((sum, category) => sum + counts[category], 0);
}

/** The categories with a count, in CATEGORIES order (what a cell lists). */
export function nonZero(counts: StatusCounts): { category: StatusCategory; count: number }[] {
  return CATEGORIES.filter((category) => counts[category] > 0).map((category) => ({ category, count: counts[category] }));
}

/** The goal rows an overview shows: the plan's goals, and "no goal" only when an action has none. */
export function goalRows(goals: readonly CountedGoal[], actions: readonly CountedAction[]): number[] {
  const numbers = [...goals].sort((a, b) => a.number - b.number).map((g) => g.number);
  return actions.some((a) => a.goalNumbers.length === 0) ? [...numbers, NO_GOAL] : numbers;
}

const belongsTo = (action: CountedAction, goalNumber: number) =>
  goalNumber === NO_GOAL ? action.goalNumbers.length === 0 : action.goalNumbers.includes(goalNumber);

export interface MatrixRow {
  goalNumber: number;
  cells: { year: number; counts: StatusCounts; total: number }[];
}

/**
 * Rows goals, columns the plan's years: each cell counts the actions of that year
 * under that goal by status. An action with two goals is counted under both.
 */
export function goalYearMatrix(goalNumbers: readonly number[], years: readonly number[], actions: readonly CountedAction[]): MatrixRow[] {
  return goalNumbers.map((goalNumber) => ({
    goalNumber,
    cells: years.map((year) => {
      const counts = countStatuses(actions.filter((a) => a.year === year && belongsTo(a, goalNumber)));
      return { year, counts, total: totalOf(counts) };
    }),
  }));
}

/**
 * The actions that say where the plan stands now: an action carried over to a later
 * year is represented by the later one, so each piece of work is counted once, with
 * its newest status.
 */
export function currentActions(actions: readonly CountedAction[]): CountedAction[] {
  const carriedOn = new Set(actions.flatMap((a) => (a.carriedFromId === null ? [] : [a.carriedFromId])));
  return actions.filter((a) => !carriedOn.has(a.id));
}

export interface ProgressRow {
  goalNumber: number;
  counts: StatusCounts;
  total: number;
}

/**
 * Progress per goal (the chart and its table): each carried chain once, under its
 * newest action's goals, with the chain's latest ASSESSED status — a newer copy that
 * nobody has assessed yet does not hide what the earlier year's review said.
 */
export function goalProgress(goalNumbers: readonly number[], actions: readonly CountedAction[]): ProgressRow[] {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const latestAssessed = (action: CountedAction): StatusCategory => {
    const seen = new Set<number>();
    for (
      let a: CountedAction | undefined = action;
      a && !seen.has(a.id);
      a = a.carriedFromId === null ? undefined : byId.get(a.carriedFromId)
    ) {
      seen.add(a.id);
      if (a.status !== NOT_REVIEWED) return a.status;
    }
    return NOT_REVIEWED;
  };
  const current = currentActions(actions).map((a) => ({ ...a, status: latestAssessed(a) }));
  return goalNumbers.map((goalNumber) => {
    const counts = countStatuses(current.filter((a) => belongsTo(a, goalNumber)));
    return { goalNumber, counts, total: totalOf(counts) };
  });
}

export interface StatusChange {
  actionId: number;
  title: string;
  goalNumbers: number[];
  from: StatusCategory;
  to: StatusCategory;
}

export type ReviewState = 'DRAFT' | 'IN_COMMITTEE' | 'FINALISED';

export interface YearChanges {
  year: number;
  /** The state of the year's review (null: unknown). */
  yearState: ReviewState | null;
  /** The year of the review before it (null: there is none to compare with). */
  previousYear: number | null;
  previousState: ReviewState | null;
  perGoal: { goalNumber: number; current: StatusCounts; previous: StatusCounts | null }[];
  /**
   * Actions of `year` carried over from `previousYear` whose status differs from the
   * earlier one's. An action not assessed yet in `year` is not a change (it is listed
   * in `notAssessed`): "nobody has said yet" is no step back.
   */
  changed: StatusChange[];
  /** Carried actions of `year` not assessed yet, with the status they had in `previousYear`. */
  notAssessed: StatusChange[];
}

/**
 * "What changed since last year", between the two latest reviews (`reviewYears`, any
 * state): per goal the counts of each year, and the carried-over actions whose
 * status changed. Null when the plan has no review yet.
 */
export function changesSinceLastYear(
  goalNumbers: readonly number[],
  reviewYears: readonly number[],
  actions: readonly CountedAction[],
  states: ReadonlyMap<number, ReviewState> = new Map(),
): YearChanges | null {
  const [year, previousYear = null] = [...new Set(reviewYears)].sort((a, b) => b - a);
  if (year === undefined) return null;
  const of = (y: number, goalNumber: number) => countStatuses(actions.filter((a) => a.year === y && belongsTo(a, goalNumber)));
  const byId = new Map(actions.map((a) => [a.id, a]));
  const changed: StatusChange[] = [];
  const notAssessed: StatusChange[] = [];
  if (previousYear !== null) {
    for (const action of actions) {
      if (action.year !== year || action.carriedFromId === null) continue;
      const earlier = byId.get(action.carriedFromId);
      if (!earlier || earlier.year !== previousYear || earlier.status === action.status) continue;
      const change = { actionId: action.id, title: action.title, goalNumbers: action.goalNumbers, from: earlier.status, to: action.status };
      (action.status === NOT_REVIEWED ? notAssessed : changed).push(change);
    }
  }
  return {
    year,
    yearState: states.get(year) ?? null,
    previousYear,
    previousState: previousYear === null ? null : (states.get(previousYear) ?? null),
    notAssessed,
    perGoal: goalNumbers.map((goalNumber) => ({
      goalNumber,
      current: of(year, goalNumber),
      previous: previousYear === null ? null : of(previousYear, goalNumber),
    })),
    changed,
  };
}
