// The evaluation's two forms: a party's answer (per checklist item of the agreement's
// template version a rating and two texts, then the outcomes) and staff's decision.
// The answer form's fields depend on the checklist, so its schema is built from the
// items' keys. Messages are locale keys (agreement-evaluations.json).
import { z } from 'zod';
import { AgreementDecision } from '../../generated/prisma/enums.js';
import { optionalText } from '../../validation/fields.js';
import type { ChecklistAnswers, ChecklistRating } from '../agreements/evaluation-checklist.js';
import { CHECKLIST_RATINGS } from '../agreements/evaluation-checklist.js';

export const LIMITS = {
  howItWent: 2000,
  toChange: 2000,
  outcomes: 4000,
  decisionNote: 2000,
  /** A count of people: large enough for any municipality, small enough for an int. */
  count: 1_000_000,
} as const;

/** The radio value for "don't know" (stored as a null rating). */
export const DONT_KNOW = 'ved-ikke';

/** The form fields of one checklist item. */
export const itemField = (key: string, field: 'rating' | 'howItWent' | 'toChange') => `item-${key}-${field}`;

const rating = z
  .union([z.enum(CHECKLIST_RATINGS.map(String) as [string, ...string[]]), z.literal(DONT_KNOW), z.literal('')], {
    error: 'agreementEvaluations.errors.ratingInvalid',
  })
  .optional()
  .transform((value): ChecklistRating | null => (value && value !== DONT_KNOW ? (Number(value) as ChecklistRating) : null));

const optionalCount = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!/^\d{1,7}$/.test(value) || Number(value) > LIMITS.count) {
      ctx.addIssue({ code: 'custom', message: 'agreementEvaluations.errors.countInvalid' });
      return z.NEVER;
    }
    return Number(value);
  });

export interface AnswerFormData {
  checklist: ChecklistAnswers;
  volunteersInvolved: number | null;
  citizensReached: number | null;
  outcomes: string;
}

/** The answer form of a checklist with these item keys. */
export function answerFormSchema(keys: readonly string[]) {
  const shape: Record<string, z.ZodType> = {
    volunteersInvolved: optionalCount,
    citizensReached: optionalCount,
    outcomes: optionalText(LIMITS.outcomes),
  };
  for (const key of keys) {
    shape[itemField(key, 'rating')] = rating;
    shape[itemField(key, 'howItWent')] = optionalText(LIMITS.howItWent);
    shape[itemField(key, 'toChange')] = optionalText(LIMITS.toChange);
  }
  return z.object(shape).transform((data): AnswerFormData => {
    const checklist: ChecklistAnswers = {};
    for (const key of keys) {
      checklist[key] = {
        rating: data[itemField(key, 'rating')] as ChecklistRating | null,
        howItWent: data[itemField(key, 'howItWent')] as string,
        toChange: data[itemField(key, 'toChange')] as string,
      };
    }
    return {
      checklist,
      volunteersInvolved: data.volunteersInvolved as number | null,
      citizensReached: data.citizensReached as number | null,
      outcomes: data.outcomes as string,
    };
  });
}

export const DECISIONS = Object.values(AgreementDecision);

export const decisionFormSchema = z.object({
  decision: z.enum(AgreementDecision, { error: 'agreementEvaluations.errors.decisionRequired' }),
  note: optionalText(LIMITS.decisionNote),
});

export type DecisionFormData = z.output<typeof decisionFormSchema>;

/** A stored answer as the form's values (what the inputs show). */
export function answerValues(
  keys: readonly string[],
  answer: { checklist: ChecklistAnswers; volunteersInvolved: number | null; citizensReached: number | null; outcomes: string } | null,
): Record<string, string> {
  if (!answer) return {};
  const values: Record<string, string> = {
    volunteersInvolved: answer.volunteersInvolved === null ? '' : String(answer.volunteersInvolved),
    citizensReached: answer.citizensReached === null ? '' : String(answer.citizensReached),
    outcomes: answer.outcomes,
  };
  for (const key of keys) {
    const item = answer.checklist[key];
    values[itemField(key, 'rating')] = item?.rating ? String(item.rating) : DONT_KNOW;
    values[itemField(key, 'howItWent')] = item?.howItWent ?? '';
    values[itemField(key, 'toChange')] = item?.toChange ?? '';
  }
  return values;
}
