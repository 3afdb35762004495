// A party's answer to the partnership checklist at an evaluation, stored as JSON in
// agreement_evaluation_answers.checklist: per checklist item (by its key in the
// agreement's template version) a rating and two free texts.

/** 1: not at all, 2: partly, 3: mostly, 4: fully. */
export const CHECKLIST_RATINGS = [1, 2, 3, 4] as const;
export type ChecklistRating = (typeof CHECKLIST_RATINGS)[number];

export interface ChecklistItemAnswer {
  rating: ChecklistRating | null;
  /** How it went. */
  howItWent: string;
  /** What to change. */
  toChange: string;
}

export type ChecklistAnswers = Record<string, ChecklistItemAnswer>;

/** A stored checklist (written only through ChecklistAnswers, so the cast is its shape). */
export const readChecklist = (value: unknown): ChecklistAnswers => (value ?? {}) as ChecklistAnswers;
