// The activity and event forms. Messages are locale keys. Dates and times are typed
// in Danish time and leave here as UTC instants (copenhagen-time.ts). The schemas are
// built per request: they need today's date and the lookup ids that exist.
import { z } from 'zod';
import { ActivityRecurrence, EventKind } from '../../generated/prisma/enums.js';
import { asList, optionalText, requiredString, requiredText, webAddress } from '../../validation/fields.js';
import { parseDateText } from '../../validation/dates.js';
import { addDays, dbDateOf, parseTimeInput, zonedToUtc } from './copenhagen-time.js';

export const TITLE_MAX = 120;
export const PLACE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const ACCESSIBILITY_MAX = 500;
export const URL_MAX = 500;
/** A weekly activity repeats at most a year at a time; the association extends it later. */
export const MAX_REPEAT_DAYS = 366;
/** Dates beyond this are almost always typing mistakes (2062 for 2026). */
const MAX_DAYS_AHEAD = 2 * 366;
const EARLIEST_DATE = '2000-01-01';

const requiredDate = (requiredKey: string) =>
  requiredString(requiredKey).transform((value, ctx) => {
    const date = parseDateText(value);
    if (date === null) {
      ctx.addIssue({ code: 'custom', message: 'calendar.validation.dateInvalid' });
      return z.NEVER;
    }
    return date;
  });

const optionalDate = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return null;
    const date = parseDateText(value);
    if (date === null) {
      ctx.addIssue({ code: 'custom', message: 'calendar.validation.dateInvalid' });
      return z.NEVER;
    }
    return date;
  });

const requiredTime = requiredString('calendar.validation.startTimeRequired').transform((value, ctx) => {
  const time = parseTimeInput(value);
  if (time === null) {
    ctx.addIssue({ code: 'custom', message: 'calendar.validation.timeInvalid' });
    return z.NEVER;
  }
  return time;
});

const optionalTime = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return null;
    const time = parseTimeInput(value);
    if (time === null) {
      ctx.addIssue({ code: 'custom', message: 'calendar.validation.timeInvalid' });
      return z.NEVER;
    }
    return time;
  });

interface When {
  date: string;
  startTime: string;
  endTime: string | null;
}

/** Checks shared by activities and events: a sane date, and the end after the start. */
function checkWhen(when: When, today: string, ctx: z.RefinementCtx): void {
  if (when.date < EARLIEST_DATE || when.date > addDays(today, MAX_DAYS_AHEAD)) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'calendar.validation.dateOutOfRange' });
  }
  if (when.endTime !== null && when.endTime <= when.startTime) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'calendar.validation.endAfterStart' });
  }
}

function instants(when: When): { startsAt: Date; endsAt: Date | null } {
  return {
    startsAt: zonedToUtc(when.date, when.startTime),
    endsAt: when.endTime === null ? null : zonedToUtc(when.date, when.endTime),
  };
}

/** Which local areas and target groups a form may take (vocabulary-options.ts decides). */
export interface AudienceContext {
  localAreaIds: ReadonlySet<number>;
  targetGroupIds: ReadonlySet<number>;
}

/** An optional local area, one of `allowed`; blank is none. Shared by activities and events. */
const localAreaField = (allowed: ReadonlySet<number>) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return null;
      const id = Number(value);
      if (!Number.isInteger(id) || !allowed.has(id)) {
        ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
        return z.NEVER;
      }
      return id;
    });

/** Target groups, each one of `allowed`. One checkbox arrives as a string, several as an array. */
const targetGroupsField = (allowed: ReadonlySet<number>) =>
  z
    .union([z.string(), z.array(z.string()).max(50)])
    .optional()
    .transform((value, ctx) => {
      const raw = asList(value);
      const ids = [...new Set(raw.map(Number))];
      if (ids.some((id) => !Number.isInteger(id) || !allowed.has(id))) {
        ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
        return z.NEVER;
      }
      return ids;
    });

export interface ActivityFormContext extends AudienceContext {
  /** Today's Danish date, YYYY-MM-DD. */
  today: string;
}

export function activityFormSchema(context: ActivityFormContext) {
  return z
    .object({
      title: requiredText(TITLE_MAX, 'calendar.validation.titleRequired'),
      description: optionalText(DESCRIPTION_MAX),
      place: requiredText(PLACE_MAX, 'calendar.validation.placeRequired'),
      localAreaId: localAreaField(context.localAreaIds),
      targetGroupIds: targetGroupsField(context.targetGroupIds),
      accessibilityNotes: optionalText(ACCESSIBILITY_MAX),
      recurrence: z.enum([ActivityRecurrence.ONCE, ActivityRecurrence.WEEKLY], {
        error: 'calendar.validation.recurrenceRequired',
      }),
      date: requiredDate('calendar.validation.dateRequired'),
      startTime: requiredTime,
      endTime: optionalTime,
      repeatUntil: optionalDate,
      published: z
        .string()
        .optional()
        .transform((value) => value === 'ja'),
    })
    .superRefine((form, ctx) => {
      checkWhen(form, context.today, ctx);
      if (form.recurrence !== 'WEEKLY') return;
      if (form.repeatUntil === null) {
        ctx.addIssue({ code: 'custom', path: ['repeatUntil'], message: 'calendar.validation.repeatUntilRequired' });
      } else if (form.repeatUntil < form.date) {
        ctx.addIssue({ code: 'custom', path: ['repeatUntil'], message: 'calendar.validation.repeatUntilBeforeStart' });
      } else if (form.repeatUntil > addDays(form.date > context.today ? form.date : context.today, MAX_REPEAT_DAYS)) {
        ctx.addIssue({ code: 'custom', path: ['repeatUntil'], message: 'calendar.validation.repeatUntilTooLate' });
      }
    })
    .transform((form) => ({
      title: form.title,
      description: form.description,
      place: form.place,
      localAreaId: form.localAreaId,
      targetGroupIds: form.targetGroupIds,
      accessibilityNotes: form.accessibilityNotes,
      recurrence: form.recurrence,
      ...instants(form),
      repeatUntil: form.recurrence === 'WEEKLY' && form.repeatUntil !== null ? dbDateOf(form.repeatUntil) : null,
      published: form.published,
    }));
}

export type ActivityInput = z.output<ReturnType<typeof activityFormSchema>>;

export const EVENT_KINDS = [EventKind.FRIVILLIG_FREDAG, EventKind.NETWORK_MEETING, EventKind.COURSE, EventKind.OTHER] as const;

/** An event's link: the one rule for web addresses (src/validation/fields.ts); blank is none. */
const optionalWebUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => value ?? '')
  .pipe(z.union([z.literal(''), webAddress(URL_MAX)]))
  .transform((value) => (value === '' ? null : new URL(value).toString()));

export type EventFormContext = ActivityFormContext;

export function eventFormSchema(context: EventFormContext) {
  return z
    .object({
      kind: z.enum(EVENT_KINDS, { error: 'calendar.validation.kindRequired' }),
      title: requiredText(TITLE_MAX, 'calendar.validation.titleRequired'),
      description: optionalText(DESCRIPTION_MAX),
      place: requiredText(PLACE_MAX, 'calendar.validation.placeRequired'),
      localAreaId: localAreaField(context.localAreaIds),
      targetGroupIds: targetGroupsField(context.targetGroupIds),
      date: requiredDate('calendar.validation.dateRequired'),
      startTime: requiredTime,
      endTime: optionalTime,
      url: optionalWebUrl,
    })
    .superRefine((form, ctx) => checkWhen(form, context.today, ctx))
    .transform((form) => ({
      kind: form.kind,
      title: form.title,
      description: form.description,
      place: form.place,
      localAreaId: form.localAreaId,
      targetGroupIds: form.targetGroupIds,
      url: form.url,
      ...instants(form),
    }));
}

export type EventInput = z.output<ReturnType<typeof eventFormSchema>>;
