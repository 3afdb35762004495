// The forms of the yearly status review: the staff's entry per action, the meeting, the
// bulk status, a committee decision, a state move, an amendment of a finalised review,
// and an association's own status. Limits are exported so the views read the same
// numbers (maxLengths).
import { z } from 'zod';
import { ActionStatus, ReviewState } from '../../generated/prisma/enums.js';
import { optionalText, requiredString, requiredText, asList } from '../../validation/fields.js';
import { idString } from '../../validation/ids.js';
import { DATE_TEXT_MAX, optionalCalendarDate, parseCalendarDate } from '../../validation/dates.js';

const E = 'planReviews.errors';

export const LIMITS = {
  whatHappened: 4000,
  evidence: 2000,
  nextStep: 2000,
  meetingPlace: 200,
  participants: 2000,
  summary: 4000,
  committee: 200,
  reference: 200,
  decision: 4000,
  reason: 1000,
  amendValue: 4000,
  comment: 2000,
} as const;

export const ACTION_STATUSES = Object.values(ActionStatus);
export const REVIEW_STATES = Object.values(ReviewState);
/** The statuses that carry an action over to next year: it is not finished. */
export const UNFINISHED: readonly ActionStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'POSTPONED'];

const status = z.enum(ActionStatus, { error: `${E}.statusRequired` });

/** A whole number ≥ 0, or blank (null). */
const optionalCount = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!/^\d{1,9}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${E}.countInvalid` });
      return z.NEVER;
    }
    return Number(value);
  });

const optionalDate = optionalCalendarDate(`${E}.dateInvalid`);

export const entryFormSchema = z.object({
  status,
  whatHappened: optionalText(LIMITS.whatHappened),
  evidence: optionalText(LIMITS.evidence),
  nextStep: optionalText(LIMITS.nextStep),
  indicatorActual: optionalCount,
});
export type EntryFormData = z.output<typeof entryFormSchema>;

export const meetingFormSchema = z.object({
  meetingDate: optionalDate,
  meetingPlace: optionalText(LIMITS.meetingPlace),
  participants: optionalText(LIMITS.participants),
  summary: optionalText(LIMITS.summary),
});
export type MeetingFormData = z.output<typeof meetingFormSchema>;

export const bulkFormSchema = z.object({
  actionIds: z.preprocess(asList, z.array(idString).min(1, { error: `${E}.bulkNoneSelected` })),
  bulkStatus: z.enum(ActionStatus, { error: `${E}.statusRequired` }),
});

export const decisionFormSchema = z.object({
  committee: requiredText(LIMITS.committee, `${E}.committeeRequired`),
  decisionDate: requiredString(`${E}.decisionDateRequired`)
    .max(DATE_TEXT_MAX, { error: `${E}.dateInvalid` })
    .transform((value, ctx) => {
      const date = parseCalendarDate(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: `${E}.dateInvalid` });
        return z.NEVER;
      }
      return date;
    }),
  reference: optionalText(LIMITS.reference),
  decision: requiredText(LIMITS.decision, `${E}.decisionRequired`),
});
export type DecisionFormData = z.output<typeof decisionFormSchema>;

export const stateFormSchema = z.object({ to: z.enum(ReviewState) });

/** The fields of a staff entry an amendment may correct. */
export const AMENDABLE_FIELDS = ['status', 'whatHappened', 'evidence', 'nextStep', 'indicatorActual'] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

export const amendFormSchema = z.object({
  field: z.enum(AMENDABLE_FIELDS, { error: `${E}.amendFieldRequired` }),
  /** The new status, when the status is corrected. */
  newStatus: z.enum(ActionStatus).optional().catch(undefined),
  /** The new text or count, for the other fields. */
  value: optionalText(LIMITS.amendValue),
  reason: requiredText(LIMITS.reason, `${E}.reasonRequired`),
});

export type AmendedValue = string | number | null;

/**
 * The new value of an amendment as the field stores it: the chosen status for the
 * status, a whole number for the count (blank clears it), texts as typed; or the form
 * field to point the error at.
 */
export function amendedValue(form: {
  field: AmendableField;
  newStatus?: ActionStatus | undefined;
  value: string;
}): { ok: true; value: AmendedValue } | { ok: false; field: 'newStatus' | 'value'; key: string; params?: Record<string, number> } {
  const { field, value } = form;
  if (field === 'status') {
    return form.newStatus ? { ok: true, value: form.newStatus } : { ok: false, field: 'newStatus', key: `${E}.amendStatusRequired` };
  }
  if (field === 'indicatorActual') {
    const parsed = optionalCount.safeParse(value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, field: 'value', key: `${E}.countInvalid` };
  }
  const max = LIMITS[field];
  return value.length <= max ? { ok: true, value } : { ok: false, field: 'value', key: 'validation.tooLong', params: { max } };
}

/** The fields of the review's meeting an amendment may correct. */
export const MEETING_FIELDS = ['meetingDate', 'meetingPlace', 'participants', 'summary'] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

export const meetingAmendFormSchema = z.object({
  field: z.enum(MEETING_FIELDS, { error: `${E}.amendFieldRequired` }),
  value: optionalText(LIMITS.amendValue),
  reason: requiredText(LIMITS.reason, `${E}.reasonRequired`),
});

/** The new value of a meeting field: a date (blank clears it) or a text within its limit. */
export function amendedMeetingValue(form: {
  field: MeetingField;
  value: string;
}): { ok: true; value: Date | string | null } | { ok: false; key: string; params?: Record<string, number> } {
  if (form.field === 'meetingDate') {
    const parsed = optionalDate.safeParse(form.value);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, key: `${E}.dateInvalid` };
  }
  const max = LIMITS[form.field];
  return form.value.length <= max ? { ok: true, value: form.value } : { ok: false, key: 'validation.tooLong', params: { max } };
}

export const partnerFormSchema = z.object({
  status,
  comment: optionalText(LIMITS.comment),
});
export type PartnerFormData = z.output<typeof partnerFormSchema>;

/** A year in a path: four digits, else 404. */
export function parseYear(value: unknown): number | null {
  return typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : null;
}
