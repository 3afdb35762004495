// The audit log's filter, from the query string of its GET form (so it works without
// JavaScript and a filtered view can be bookmarked). A value that is not one the form
// offers gives the page with a message, never an error page.
import { z } from 'zod';
import { addDays, zonedToUtc } from '../calendar/copenhagen-time.js';
import { DATE_TEXT_MAX, parseDateText } from '../../validation/dates.js';
import type { AuditFilter } from './audit-log-service.js';

/** The query parameters, also the filter inputs' names and ids (the error summary links to them). */
export const FILTER_FIELDS = ['person', 'art', 'handling', 'fra', 'til'] as const;

const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

/** Action codes and kinds of record are written by the code: letters, digits, ".", "-", "_". */
const CODE = /^[A-Za-z0-9._-]{1,100}$/;

const code = (errorKey: string) =>
  z
    .string()
    .optional()
    .transform(blankToNull)
    .refine((value) => value === null || CODE.test(value), { error: errorKey });

/** A date the admin typed (dd-mm-åååå, or what a date field sends), as "YYYY-MM-DD". */
const day = (errorKey: string) =>
  z
    .string()
    .max(DATE_TEXT_MAX, { error: errorKey })
    .optional()
    .transform((value, ctx) => {
      const text = blankToNull(value);
      if (text === null) return null;
      const iso = parseDateText(text);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: errorKey });
        return z.NEVER;
      }
      return iso;
    });

export const filterSchema = z
  .object({
    person: z
      .string()
      .optional()
      .transform(blankToNull)
      .refine((value) => value === null || value === 'system' || (/^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647), {
        error: 'auditLog.errors.person',
      }),
    art: code('auditLog.errors.kind'),
    handling: code('auditLog.errors.action'),
    fra: day('auditLog.errors.from'),
    til: day('auditLog.errors.to'),
  })
  .refine((value) => value.fra === null || value.til === null || value.fra <= value.til, { path: ['til'], error: 'auditLog.errors.order' });

export type FilterInput = z.output<typeof filterSchema>;

/** The service's filter: the period's days in Danish time, "til" inclusive. */
export function auditFilterOf(input: FilterInput): AuditFilter {
  return {
    actor: input.person === null ? null : input.person === 'system' ? 'system' : Number(input.person),
    targetType: input.art,
    action: input.handling,
    from: input.fra ? zonedToUtc(input.fra, '00:00') : null,
    until: input.til ? zonedToUtc(addDays(input.til, 1), '00:00') : null,
  };
}

/** The filter's query string (without the page), for the page links and the download link. */
export function filterQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = query[field];
    if (typeof value === 'string' && value.trim() !== '') params.set(field, value.trim());
  }
  return params.toString();
}

/** The page number of `?side=`, 1 when absent or not a plain page number. */
export function pageOf(query: Record<string, unknown>): number {
  const raw = query.side;
  return typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/** A row id from the path (audit ids are bigints), or null. */
export function parseAuditId(raw: string | undefined): bigint | null {
  return raw !== undefined && /^[1-9]\d{0,17}$/.test(raw) ? BigInt(raw) : null;
}
