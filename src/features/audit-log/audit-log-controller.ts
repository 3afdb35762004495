// The audit log viewer's pages: the filtered list, one row with its before/after side
// by side, and the CSV download of the filtered rows.
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import type { Prisma } from '../../generated/prisma/client.js';
import { HttpError } from '../../errors.js';
import { parseForm } from '../../validation/form.js';
import { paginationFor } from '../../views/pagination.js';
import { csvFile } from '../../text/csv-file.js';
import { localDateOf, wallClockOf } from '../calendar/copenhagen-time.js';
import { actionLabel, targetTypeLabel } from '../../audit/audit-labels.js';
import { AUDIT_CSV_CAP, type AuditLogService, type AuditRow } from './audit-log-service.js';
import { auditFilterOf, filterQuery, filterSchema, pageOf, parseAuditId } from './audit-log-schemas.js';

export const AUDIT_LOG_PATH = '/administration/log';
export const AUDIT_CSV_PATH = '/administration/log.csv';

/** The page of a record, for the kinds that have one. */
const RECORD_PAGES: Record<string, (id: string) => string> = {
  agreement: (id) => `/medarbejder/samarbejdsaftaler/${id}`,
  'action-plan': (id) => `/medarbejder/handleplaner/${id}`,
  association: (id) => `/medarbejder/foreninger/${id}`,
  user: (id) => `/administration/brugere/${id}`,
};

const isId = (value: string | null): value is string => value !== null && /^[1-9]\d{0,9}$/.test(value);

/**
 * The page of a row's record, or null. Users have a page only when they are staff or
 * admins (`staffIds`): a member's id under /administration/brugere is a 404.
 */
export function recordHref(targetType: string | null, targetId: string | null, staffIds: ReadonlySet<number>): string | null {
  if (!targetType || !isId(targetId)) return null;
  if (targetType === 'user' && !staffIds.has(Number(targetId))) return null;
  return RECORD_PAGES[targetType]?.(targetId) ?? null;
}

/** A row's record id as shown, or null where the row names none ('-', '*', empty: e.g. an erased person, a retention run). */
export const shownRecordId = (targetId: string | null): string | null =>
  targetId !== null && /[\p{L}\p{N}]/u.test(targetId) ? targetId : null;

/** The user ids a page of rows may link to: actors and records of kind user. */
const userIdsOf = (rows: readonly AuditRow[]): number[] =>
  rows.flatMap((row) => [
    ...(row.actorUserId !== null ? [row.actorUserId] : []),
    ...(row.targetType === 'user' && isId(row.targetId) ? [Number(row.targetId)] : []),
  ]);

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant in Danish time to the second, "2026-11-22 11:00:05": rows can come seconds apart. */
export function danishTime(at: Date): string {
  const w = wallClockOf(at);
  return `${localDateOf(at)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const actorText = (t: TFunction, row: AuditRow) =>
  row.actorName !== null ? `${row.actorName} (${row.actorEmail ?? ''})` : t('auditLog.filter.system');

/** One of a row's other details as the page shows it: text, or a list of key/value lines for an object. */
export type DetailValue = { text: string } | { entries: { key: string; value: DetailValue }[] };

export function detailValue(t: TFunction, value: Prisma.JsonValue | undefined): DetailValue {
  if (value === undefined || value === null || value === '') return { text: t('auditLog.entry.empty') };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: t(value ? 'auditLog.entry.yes' : 'auditLog.entry.no') };
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return { text: value.map((item) => String(item)).join(', ') };
    return { entries: value.map((item, index) => ({ key: String(index + 1), value: detailValue(t, item) })) };
  }
  return { entries: Object.entries(value).map(([key, inner]) => ({ key, value: detailValue(t, inner) })) };
}

/** A before/after value as the page shows it. */
function shownValue(t: TFunction, value: Prisma.JsonValue | undefined): string {
  if (value === undefined || value === null || value === '') return t('auditLog.entry.empty');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const asObject = (value: Prisma.JsonValue | undefined): Record<string, Prisma.JsonValue> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Prisma.JsonValue>) : {};

/** The `changes` of a row (changedFields' `before`/`after`), one line per field. */
export function changesOf(t: TFunction, details: Record<string, Prisma.JsonValue>) {
  const before = asObject(details.before);
  const after = asObject(details.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({ field, before: shownValue(t, before[field]), after: shownValue(t, after[field]) }));
}

export function createAuditLogController(deps: { auditLog: AuditLogService }) {
  const breadcrumbs = (req: Request, last?: string) => [
    { href: '/administration', label: req.t('auditLog.administration') },
    ...(last
      ? [{ href: AUDIT_LOG_PATH, label: req.t('auditLog.breadcrumb') }, { label: last }]
      : [{ label: req.t('auditLog.breadcrumb') }]),
  ];

  const choicesFor = async (req: Request) => {
    const choices = await deps.auditLog.filterChoices();
    return {
      actors: choices.actors.map((a) => ({ value: String(a.id), label: `${a.name} (${a.email})` })),
      targetTypes: choices.targetTypes.map((type) => ({ value: type, label: targetTypeLabel(req.t, type) })),
      actions: choices.actions
        .map((action) => ({ value: action, label: actionLabel(req.t, action) }))
        .sort((a, b) => a.label.localeCompare(b.label, req.lang)),
    };
  };

  /** The list page; `status` 422 and no rows when the filter could not be read. */
  const renderList = async (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    const values = Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string'));
    const parsed = parseForm(filterSchema, query);
    const choices = await choicesFor(req);
    const common = { title: req.t('auditLog.title'), breadcrumbs: breadcrumbs(req), values, choices, action: AUDIT_LOG_PATH };
    if (!parsed.ok) {
      res.status(422).render('audit-log/index', { ...common, errors: parsed.errors, list: null, pagination: null, csvHref: null });
      return;
    }
    const list = await deps.auditLog.page(auditFilterOf(parsed.data), pageOf(query));
    const staffIds = await deps.auditLog.staffAccountIds(userIdsOf(list.rows));
    const qs = filterQuery(query);
    const withQuery = (path: string, extra?: string) => {
      const all = [qs, extra].filter(Boolean).join('&');
      return all ? `${path}?${all}` : path;
    };
    res.render('audit-log/index', {
      ...common,
      filtered: qs !== '',
      list: {
        total: list.total,
        rows: list.rows.map((row) => ({
          id: row.id,
          time: danishTime(row.at),
          actor: row.actorName ?? req.t('auditLog.filter.system'),
          action: actionLabel(req.t, row.action),
          actionCode: row.action,
          recordType: row.targetType ? targetTypeLabel(req.t, row.targetType) : null,
          recordId: shownRecordId(row.targetId),
          recordHref: recordHref(row.targetType, row.targetId, staffIds),
        })),
      },
      pagination: paginationFor(list.page, list.pageCount, (n) => withQuery(AUDIT_LOG_PATH, `side=${n}`)),
      csvHref: withQuery(AUDIT_CSV_PATH),
      csvCapped: list.total > AUDIT_CSV_CAP,
      csvCap: AUDIT_CSV_CAP,
    });
  };

  const index: RequestHandler = async (req, res) => {
    await renderList(req, res);
  };

  const csv: RequestHandler = async (req, res) => {
    const parsed = parseForm(filterSchema, req.query);
    if (!parsed.ok) {
      await renderList(req, res);
      return;
    }
    const { rows, capped } = await deps.auditLog.forDownload(auditFilterOf(parsed.data));
    const t = req.t;
    const header = ['time', 'actor', 'action', 'targetType', 'targetId', 'details'].map((key) => t(`auditLog.csvHeader.${key}`));
    const lines = rows.map((row) => [
      danishTime(row.at),
      actorText(t, row),
      row.action,
      row.targetType ?? '',
      row.targetId ?? '',
      Object.keys(row.details).length > 0 ? JSON.stringify(row.details) : '',
    ]);
    if (capped) lines.push([t('auditLog.csvHeader.capped', { cap: AUDIT_CSV_CAP }), '', '', '', '', '']);
    const day = localDateOf(new Date());
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="log-${day}.csv"`)
      .send(csvFile(header, lines));
  };

  const entry: RequestHandler = async (req, res) => {
    const id = parseAuditId(req.params.id as string | undefined);
    const row = id === null ? null : await deps.auditLog.entry(id);
    if (!row) throw new HttpError(404);
    const { before: _before, after: _after, ...rest } = row.details;
    const staffIds = await deps.auditLog.staffAccountIds(userIdsOf([row]));
    res.render('audit-log/entry', {
      title: req.t('auditLog.entry.title', { id: row.id }),
      breadcrumbs: breadcrumbs(req, req.t('auditLog.entry.title', { id: row.id })),
      backHref: AUDIT_LOG_PATH,
      row: {
        id: row.id,
        time: danishTime(row.at),
        actor: row.actorName !== null ? actorText(req.t, row) : req.t('auditLog.filter.system'),
        actorHref: row.actorUserId !== null && staffIds.has(row.actorUserId) ? `/administration/brugere/${row.actorUserId}` : null,
        action: actionLabel(req.t, row.action),
        actionCode: row.action,
        recordType: row.targetType ? targetTypeLabel(req.t, row.targetType) : null,
        recordId: shownRecordId(row.targetId),
        recordHref: recordHref(row.targetType, row.targetId, staffIds),
        requestId: row.requestId,
      },
      changes: changesOf(req.t, row.details),
      otherDetails: Object.entries(rest).map(([key, value]) => ({ key, value: detailValue(req.t, value) })),
    });
  };

  return { index, csv, entry };
}
