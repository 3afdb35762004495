// The staff forms of action plans: the plan (title, period, vision), a goal (number,
// texts, UN SDGs), an action (year, texts, goals, responsibles, links, planned period,
// indicator), and the small "make an action of this party's task" form on an
// agreement's page. Messages are locale keys (src/i18n/locales/*/action-plan-pages.json).
// The body parser makes no nested objects, so the responsible rows are flat field
// names, `responsible-2-name`; each name is also its input's id.
import { z } from 'zod';
import { parseForm, type FieldError } from '../../validation/form.js';
import { asList, optionalText, requiredText } from '../../validation/fields.js';
import { maxLengths } from '../../validation/limits.js';
import { parseId } from '../../validation/ids.js';
import type { ActionData, ResponsibleData } from './plan-action-rows.js';
import { optionalCalendarDate } from '../../validation/dates.js';

export const LIMITS = {
  title: 200,
  vision: 4000,
  goalText: 4000,
  actionTitle: 200,
  actionDescription: 4000,
  responsibleName: 150,
  indicator: 300,
  /** Plans run in whole years within this range. */
  year: { min: 2000, max: 2100 },
  goalNumber: { min: 1, max: 99 },
  indicatorTarget: { min: 0, max: 100_000_000 },
  /** Responsible rows by name (units, committees, others) one action can have. */
  responsibleRows: 8,
  /** Empty responsible rows the action form offers beyond the filled ones. */
  newResponsibleRows: 2,
  /** Checkbox lists (goals, associations, agreements, openings) one submit can hold. */
  listItems: 200,
} as const;

/** The UN Sustainable Development Goals, 1–17. */
export const SDG_NUMBERS = Array.from({ length: 17 }, (_, index) => index + 1);

/** The kinds a responsible row by name can have (associations are chosen from the register instead). */
export const NAMED_RESPONSIBLE_KINDS = ['MUNICIPAL_UNIT', 'OTHER'] as const;

const E = 'actionPlanPages.errors';

/** A whole number in a range; `required` says whether blank is allowed (null). */
const wholeNumber = (range: { min: number; max: number }, key: string, requiredKey?: string) =>
  z
    .string()
    .trim()
    .max(10, { error: key })
    .optional()
    .transform((value, ctx) => {
      if (!value) {
        if (requiredKey) {
          ctx.addIssue({ code: 'custom', message: requiredKey });
          return z.NEVER;
        }
        return null;
      }
      const number = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(number >= range.min && number <= range.max)) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return number;
    });

const requiredYear = (requiredKey: string) => wholeNumber(LIMITS.year, `${E}.yearInvalid`, requiredKey).transform((v) => v!);

const optionalDate = optionalCalendarDate(`${E}.dateInvalid`);

/** Checkboxes of row ids: absent, one value, or several. */
const idList = (key: string) =>
  z
    .union([z.string(), z.array(z.string()).max(LIMITS.listItems)])
    .optional()
    .transform((value, ctx) => {
      const values = asList(value);
      const ids = values.map(parseId).filter((id): id is number => id !== null);
      if (ids.length !== values.length) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return [...new Set(ids)];
    });

/** Checkboxes of small numbers (goal numbers, SDGs) within a range. */
const numberList = (range: { min: number; max: number }, key: string) =>
  z
    .union([z.string(), z.array(z.string()).max(LIMITS.listItems)])
    .optional()
    .transform((value, ctx) => {
      const values = asList(value);
      const numbers = values.map((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : NaN));
      if (numbers.some((n) => !(n >= range.min && n <= range.max))) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return [...new Set(numbers)].sort((a, b) => a - b);
    });

// The plan.

export const planFormSchema = z
  .object({
    title: requiredText(LIMITS.title, `${E}.titleRequired`),
    firstYear: requiredYear(`${E}.firstYearRequired`),
    lastYear: requiredYear(`${E}.lastYearRequired`),
    vision: optionalText(LIMITS.vision),
  })
  .superRefine((data, ctx) => {
    if (data.lastYear < data.firstYear) ctx.addIssue({ code: 'custom', path: ['lastYear'], message: `${E}.lastYearBeforeFirst` });
  });

export type PlanFormData = z.output<typeof planFormSchema>;

// A goal.

export const goalFormSchema = z.object({
  number: wholeNumber(LIMITS.goalNumber, `${E}.goalNumberInvalid`, `${E}.goalNumberRequired`).transform((v) => v!),
  title: requiredText(LIMITS.title, `${E}.goalTitleRequired`),
  description: optionalText(LIMITS.goalText),
  volunteersDo: optionalText(LIMITS.goalText),
  municipalityDoes: optionalText(LIMITS.goalText),
  sdgs: numberList({ min: 1, max: 17 }, `${E}.sdgInvalid`),
});

export type GoalFormData = z.output<typeof goalFormSchema>;

// An action.

export const actionFormSchema = z
  .object({
    year: requiredYear(`${E}.yearRequired`),
    title: requiredText(LIMITS.actionTitle, `${E}.actionTitleRequired`),
    description: optionalText(LIMITS.actionDescription),
    goalNumbers: numberList(LIMITS.goalNumber, `${E}.unknownGoal`),
    associationIds: idList(`${E}.unknownAssociation`),
    agreementIds: idList(`${E}.unknownAgreement`),
    openingIds: idList(`${E}.unknownOpening`),
    plannedFrom: optionalDate,
    plannedTo: optionalDate,
    indicator: optionalText(LIMITS.indicator),
    indicatorTarget: wholeNumber(LIMITS.indicatorTarget, `${E}.indicatorTargetInvalid`),
  })
  .superRefine((data, ctx) => {
    if (data.plannedFrom && data.plannedTo && data.plannedTo < data.plannedFrom) {
      ctx.addIssue({ code: 'custom', path: ['plannedTo'], message: `${E}.plannedToBeforeFrom` });
    }
  });

export const responsibleRowSchema = z.object({
  kind: z.enum(NAMED_RESPONSIBLE_KINDS, { error: `${E}.responsibleKindInvalid` }),
  name: requiredText(LIMITS.responsibleName, `${E}.responsibleNameRequired`),
});

/** The field names of a responsible row: `responsible-2-name`. */
export const responsibleGroup = (index: number) => `responsible-${index}`;
export const fieldName = (group: string, field: string) => `${group}-${field}`;

/** The responsible rows on the submitted form, by index in order. */
export function responsibleIndices(body: Record<string, unknown>): number[] {
  return Object.keys(body)
    .map((name) => /^responsible-(\d{1,2})-name$/.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .filter((index) => index < LIMITS.responsibleRows)
    .sort((a, b) => a - b);
}

const text = (value: unknown): unknown => (typeof value === 'string' || value === undefined ? value : '');

export function parseActionForm(body: Record<string, unknown>): { ok: true; data: ActionData } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const main = parseForm(actionFormSchema, body);
  if (!main.ok) errors.push(...main.errors);
  const named: ResponsibleData[] = [];
  for (const index of responsibleIndices(body)) {
    const group = responsibleGroup(index);
    const name = text(body[fieldName(group, 'name')]);
    // A row without a name is a responsible not added (or removed), not an error.
    if (typeof name !== 'string' || name.trim() === '') continue;
    const row = parseForm(responsibleRowSchema, { kind: text(body[fieldName(group, 'kind')]), name });
    if (!row.ok) {
      errors.push(...row.errors.map((error) => ({ ...error, field: fieldName(group, error.field) })));
      continue;
    }
    named.push({ kind: row.data.kind, associationId: null, name: row.data.name });
  }
  if (!main.ok || errors.length > 0) return { ok: false, errors };
  const { associationIds, ...rest } = main.data;
  return {
    ok: true,
    data: {
      year: rest.year,
      title: rest.title,
      description: rest.description,
      plannedFrom: rest.plannedFrom,
      plannedTo: rest.plannedTo,
      indicator: rest.indicator,
      indicatorTarget: rest.indicatorTarget,
      goalNumbers: rest.goalNumbers,
      responsibles: [...named, ...associationIds.map((id) => ({ kind: 'ASSOCIATION' as const, associationId: id, name: '' }))],
      agreementIds: rest.agreementIds,
      openingIds: rest.openingIds,
    },
  };
}

/** The maxlength of every text field of the action form, by field name, for its responsible rows. */
export function actionFormLimits(rows: number): Record<string, number> {
  const limits: Record<string, number> = { ...maxLengths(actionFormSchema) };
  for (let index = 0; index < rows; index++) limits[fieldName(responsibleGroup(index), 'name')] = LIMITS.responsibleName;
  return limits;
}

// The agreement party → action form.

export const partyActionSchema = z.object({
  planId: z
    .string({ error: `${E}.planRequired` })
    .trim()
    .min(1, { error: `${E}.planRequired` })
    .transform((value, ctx) => {
      const id = parseId(value);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message: `${E}.unknownPlan` });
        return z.NEVER;
      }
      return id;
    }),
  year: requiredYear(`${E}.yearRequired`),
});
