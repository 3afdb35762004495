// Checking an uploaded file's rows before anything is saved: each row becomes a new
// action (no id), a change of an action of this plan (its id), or is unchanged; or it
// gets one error per bad cell (row number, column, what is wrong). Pure: the plan's
// goals, the register and the existing actions come in (ImportContext).
//
// The file's columns are the committee report's (plan-report-rows.ts), found by their
// labels in either language, so a file exported in English imports on a Danish page.
// The review's columns (status, what happened, …) are read past: statuses belong to
// the yearly review, not to the action.
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { ResponsibleKind } from '../../generated/prisma/enums.js';
import type { ActionData, ResponsibleData } from '../action-plans/plan-action-rows.js';
import type { ImportContext, ImportableAction, ImportRow } from './plan-report-service.js';
import { IMPORTED_COLUMNS, KIND_SEPARATOR, RESPONSIBLE_KINDS, columnLabel, isoDate, type ImportedColumn } from './plan-report-rows.js';

export const IMPORT_LIMITS = { title: 200, description: 4000, indicator: 200, rows: 500 } as const;

export interface RowError {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: ImportedColumn | null;
  key: string;
  params?: Record<string, string | number>;
}

export type RowKind = 'new' | 'changed' | 'unchanged';

export interface CheckedRow {
  row: number;
  /** For a changed row: the columns whose values differ from the action's. */
  changedColumns: ImportedColumn[];
  /** For a changed row: the action as it is now. */
  before: ActionData | null;
  kind: RowKind;
  actionId: number | null;
  /** The version of the action the preview compared with (updates only). */
  expectedVersion: number | null;
  data: ActionData;
}

export type CheckOutcome =
  | { ok: true; rows: CheckedRow[]; errors: RowError[] }
  | { ok: false; reason: 'missingColumns'; missing: ImportedColumn[] }
  | { ok: false; reason: 'noRows' }
  | { ok: false; reason: 'tooManyRows'; max: number };

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Header label (either language, any case) → column. */
export function columnsByLabel(translators: readonly TFunction[]): Map<string, ImportedColumn> {
  const map = new Map<string, ImportedColumn>();
  for (const t of translators) for (const column of IMPORTED_COLUMNS) map.set(normalise(columnLabel(t, column)), column);
  return map;
}

/** Responsible kind label (either language) → kind. */
export function kindsByLabel(translators: readonly TFunction[]): Map<string, ResponsibleKind> {
  const map = new Map<string, ResponsibleKind>();
  for (const t of translators) for (const kind of RESPONSIBLE_KINDS) map.set(normalise(t(`actionPlans.responsibleKind.${kind}`)), kind);
  return map;
}

const E = 'planReports.import.errors.';

const wholeNumber = /^\d{1,9}$/;

/**
 * A date as yyyy-mm-dd (what the export writes), or as Danish Excel writes it when it
 * saves a file again: dd-mm-yyyy or dd.mm.yyyy.
 */
export function parseDate(text: string): Date | null | 'invalid' {
  if (text === '') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const danish = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})$/.exec(text);
  const parts = iso ? [iso[1]!, iso[2]!, iso[3]!] : danish ? [danish[4]!, danish[3]!.padStart(2, '0'), danish[1]!.padStart(2, '0')] : null;
  if (!parts) return 'invalid';
  const normalised = parts.join('-');
  const date = new Date(`${normalised}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || isoDate(date) !== normalised ? 'invalid' : date;
}

/**
 * C0 and C1 control characters other than tab and line breaks: in a file they are
 * damage (a wrong character set, a broken save), never text anybody meant.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const scalarSchema = z.object({
  title: z
    .string()
    .min(1, { error: `${E}required` })
    .max(IMPORT_LIMITS.title, { error: `${E}tooLong` }),
  description: z.string().max(IMPORT_LIMITS.description, { error: `${E}tooLong` }),
  indicator: z.string().max(IMPORT_LIMITS.indicator, { error: `${E}tooLong` }),
});

/** The imported columns (other than the id) whose values differ between two versions of an action. */
export function changedColumns(a: ActionData, b: ActionData): ImportedColumn[] {
  const sameList = <T>(x: readonly T[], y: readonly T[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const sorted = (x: readonly number[]) => [...x].sort((p, q) => p - q);
  const same: Record<Exclude<ImportedColumn, 'id'>, boolean> = {
    year: a.year === b.year,
    title: a.title.trim() === b.title.trim(),
    description: a.description.trim() === b.description.trim(),
    goals: sameList(sorted(a.goalNumbers), sorted(b.goalNumbers)),
    responsibles:
      a.responsibles.length === b.responsibles.length &&
      a.responsibles.every((r, i) => {
        const other = b.responsibles[i]!;
        return (
          r.kind === other.kind &&
          (r.kind === 'ASSOCIATION' ? r.associationId === other.associationId : r.name.trim() === other.name.trim())
        );
      }),
    plannedFrom: isoDate(a.plannedFrom) === isoDate(b.plannedFrom),
    plannedTo: isoDate(a.plannedTo) === isoDate(b.plannedTo),
    indicator: a.indicator.trim() === b.indicator.trim(),
    indicatorTarget: a.indicatorTarget === b.indicatorTarget,
  };
  return IMPORTED_COLUMNS.filter((c): c is Exclude<ImportedColumn, 'id'> => c !== 'id' && !same[c]);
}

/** Whether a row says what the action already is (then importing it changes nothing). */
export function sameAction(a: ActionData, b: ActionData): boolean {
  return changedColumns(a, b).length === 0;
}

export function checkImport(
  table: readonly (readonly string[])[],
  context: ImportContext,
  labels: { columns: Map<string, ImportedColumn>; kinds: Map<string, ResponsibleKind> },
): CheckOutcome {
  // The header is the first row, or the second under a title row (a draft's XLSX
  // starts with one saying the report is not final).
  const known = (row: readonly string[] | undefined) => (row ?? []).filter((label) => labels.columns.has(normalise(label))).length;
  const headerAt = known(table[0]) === 0 && known(table[1]) > 0 ? 1 : 0;
  const header = table[headerAt] ?? [];
  const body = table.slice(headerAt + 1);
  const index = new Map<ImportedColumn, number>();
  header.forEach((label, i) => {
    const column = labels.columns.get(normalise(label));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = IMPORTED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return { ok: false, reason: 'missingColumns', missing };

  const dataRows = body.map((cells, i) => ({ row: headerAt + i + 2, cells })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) return { ok: false, reason: 'noRows' };
  if (dataRows.length > IMPORT_LIMITS.rows) return { ok: false, reason: 'tooManyRows', max: IMPORT_LIMITS.rows };

  const existing = new Map<number, ImportableAction>(context.actions.map((a) => [a.id, a]));
  const goals = new Set(context.goalNumbers);
  const associationsByName = new Map<string, number[]>();
  for (const a of context.associations) {
    const key = normalise(a.name);
    associationsByName.set(key, [...(associationsByName.get(key) ?? []), a.id]);
  }
  const seenIds = new Set<number>();
  const rows: CheckedRow[] = [];
  const errors: RowError[] = [];

  for (const { row, cells } of dataRows) {
    const cell = (column: ImportedColumn) => (cells[index.get(column)!] ?? '').trim();
    const rowErrors: RowError[] = [];
    const fail = (column: ImportedColumn | null, key: string, params?: Record<string, string | number>) =>
      rowErrors.push({ row, column, key: `${E}${key}`, ...(params ? { params } : {}) });

    for (const column of IMPORTED_COLUMNS) if (CONTROL.test(cell(column))) fail(column, 'controlCharacter');
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }

    let current: ImportableAction | null = null;
    const idText = cell('id');
    if (idText !== '') {
      const id = wholeNumber.test(idText) ? Number(idText) : NaN;
      current = existing.get(id) ?? null;
      if (!current) fail('id', 'unknownAction', { value: idText });
      else if (seenIds.has(id)) fail('id', 'duplicateAction', { value: idText });
      else seenIds.add(id);
    }

    const yearText = cell('year');
    const year = wholeNumber.test(yearText) ? Number(yearText) : NaN;
    if (yearText === '') fail('year', 'required');
    else if (!(year >= context.plan.firstYear && year <= context.plan.lastYear))
      fail('year', 'yearOutside', { first: context.plan.firstYear, last: context.plan.lastYear });

    const scalars = scalarSchema.safeParse({ title: cell('title'), description: cell('description'), indicator: cell('indicator') });
    if (!scalars.success) {
      for (const issue of scalars.error.issues) {
        const column = issue.path[0] as ImportedColumn;
        fail(column, issue.message.slice(E.length), issue.code === 'too_big' ? { max: Number(issue.maximum) } : undefined);
      }
    }

    const goalText = cell('goals');
    const goalParts = goalText === '' ? [] : goalText.split(/[,;]/).map((p) => p.trim().replace(/^(mål|goal)\s*/i, ''));
    const goalNumbers = goalParts.map((p) => (wholeNumber.test(p) ? Number(p) : NaN));
    const unknownGoals = goalParts.filter((_, i) => !goals.has(goalNumbers[i]!));
    if (unknownGoals.length > 0) fail('goals', 'unknownGoals', { value: unknownGoals.join(', '), known: context.goalNumbers.join(', ') });

    const responsibles: ResponsibleData[] = [];
    const responsibleText = cell('responsibles');
    for (const part of responsibleText === ''
      ? []
      : responsibleText
          .split(';')
          .map((p) => p.trim())
          .filter(Boolean)) {
      const at = part.indexOf(KIND_SEPARATOR.trim());
      const kind = at > 0 ? labels.kinds.get(normalise(part.slice(0, at))) : undefined;
      const name = at > 0 ? part.slice(at + 1).trim() : '';
      if (!kind || name === '') {
        fail('responsibles', 'responsibleFormat', { value: part });
        continue;
      }
      if (kind === 'ASSOCIATION') {
        const ids = associationsByName.get(normalise(name)) ?? [];
        if (ids.length !== 1) {
          fail('responsibles', ids.length === 0 ? 'unknownAssociation' : 'ambiguousAssociation', { value: name });
          continue;
        }
        responsibles.push({ kind, associationId: ids[0]!, name: '' });
      } else responsibles.push({ kind, associationId: null, name });
    }

    const plannedFrom = parseDate(cell('plannedFrom'));
    const plannedTo = parseDate(cell('plannedTo'));
    if (plannedFrom === 'invalid') fail('plannedFrom', 'date', { value: cell('plannedFrom') });
    if (plannedTo === 'invalid') fail('plannedTo', 'date', { value: cell('plannedTo') });
    if (plannedFrom instanceof Date && plannedTo instanceof Date && plannedTo < plannedFrom) fail('plannedTo', 'dateOrder');

    const targetText = cell('indicatorTarget');
    if (targetText !== '' && !wholeNumber.test(targetText)) fail('indicatorTarget', 'wholeNumber', { value: targetText });

    if (rowErrors.length > 0 || !scalars.success) {
      errors.push(...rowErrors);
      continue;
    }
    const data: ActionData = {
      year,
      title: scalars.data.title,
      description: scalars.data.description,
      plannedFrom: plannedFrom as Date | null,
      plannedTo: plannedTo as Date | null,
      indicator: scalars.data.indicator,
      indicatorTarget: targetText === '' ? null : Number(targetText),
      goalNumbers: [...new Set(goalNumbers)],
      responsibles,
      // The file does not carry the links to agreements and openings (they are made on
      // the action's page): an update keeps the action's own.
      agreementIds: current?.agreementIds ?? [],
      openingIds: current?.openingIds ?? [],
    };
    const changed = current === null ? [] : changedColumns(current, data);
    rows.push({
      row,
      changedColumns: changed,
      before: current,
      kind: current === null ? 'new' : changed.length === 0 ? 'unchanged' : 'changed',
      actionId: current?.id ?? null,
      expectedVersion: current?.version ?? null,
      data,
    });
  }
  return { ok: true, rows, errors };
}

/** The rows an import saves: the new and the changed, at the versions the preview saw. */
export function rowsToSave(rows: readonly CheckedRow[]): ImportRow[] {
  return rows.flatMap((r): ImportRow[] => {
    if (r.kind === 'unchanged') return [];
    return r.actionId === null
      ? [{ actionId: null, data: r.data }]
      : [{ actionId: r.actionId, expectedVersion: r.expectedVersion!, data: r.data }];
  });
}
