// The committee report's action rows: one list of columns and one function that writes
// an action's values as text, used by the page, the CSV and the XLSX alike — so the
// three hold the same rows, in the same order, with the same labels. The import
// (plan-import.ts) reads the same columns back by their labels in either language.
import type { TFunction } from 'i18next';
import type { ResponsibleKind } from '../../generated/prisma/enums.js';
import type { ReportAction } from './plan-report-service.js';
import { NOT_REVIEWED } from './plan-report-counts.js';

export const COLUMNS = [
  'id',
  'year',
  'title',
  'description',
  'goals',
  'responsibles',
  'plannedFrom',
  'plannedTo',
  'indicator',
  'indicatorTarget',
  'indicatorActual',
  'status',
  'whatHappened',
  'evidence',
  'nextStep',
  'partners',
] as const;
export type Column = (typeof COLUMNS)[number];

/** The columns the import reads; the rest (the review's) belong to the yearly review. */
export const IMPORTED_COLUMNS = [
  'id',
  'year',
  'title',
  'description',
  'goals',
  'responsibles',
  'plannedFrom',
  'plannedTo',
  'indicator',
  'indicatorTarget',
] as const satisfies readonly Column[];
export type ImportedColumn = (typeof IMPORTED_COLUMNS)[number];

/** Columns holding whole numbers (written as numbers in the XLSX). */
export const NUMBER_COLUMNS: ReadonlySet<Column> = new Set(['id', 'year', 'indicatorTarget', 'indicatorActual']);

export const RESPONSIBLE_KINDS: readonly ResponsibleKind[] = ['MUNICIPAL_UNIT', 'ASSOCIATION', 'OTHER'];

/** Separators inside a cell: goals "1, 3"; responsibles "Forening: X; Kommunal enhed: Y". */
export const LIST_SEPARATOR = ', ';
export const RESPONSIBLE_SEPARATOR = '; ';
export const KIND_SEPARATOR = ': ';

export const columnLabel = (t: TFunction, column: Column): string => t(`planReports.columns.${column}`);
export const headerRow = (t: TFunction): string[] => COLUMNS.map((c) => columnLabel(t, c));

/** A calendar date as yyyy-mm-dd: unambiguous in both languages, and what the import reads. */
export function isoDate(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

export function responsiblesText(t: TFunction, responsibles: ReportAction['responsibles']): string {
  return responsibles.map((r) => `${t(`actionPlans.responsibleKind.${r.kind}`)}${KIND_SEPARATOR}${r.name}`).join(RESPONSIBLE_SEPARATOR);
}

/** The associations' own status and comment, one per line, flagged where it differs from the staff's. */
export function partnersText(t: TFunction, action: ReportAction): string {
  return action.partners
    .map((p) => {
      const differs = action.entry?.status != null && action.entry.status !== p.status;
      return (
        `${p.associationName}${KIND_SEPARATOR}${t(`actionPlans.status.${p.status}`)}` +
        (differs ? ` (${t('planReports.report.differs')})` : '') +
        (p.comment ? ` – ${p.comment}` : '')
      );
    })
    .join('\n');
}

export function statusLabel(t: TFunction, status: string): string {
  return status === NOT_REVIEWED ? t('planReports.status.NOT_REVIEWED') : t(`actionPlans.status.${status}`);
}

/** An action's row of the report: one text per column, in COLUMNS order. */
export function reportRow(t: TFunction, action: ReportAction): string[] {
  const number = (value: number | null) => (value === null ? '' : String(value));
  const values: Record<Column, string> = {
    id: String(action.id),
    year: String(action.year),
    title: action.title,
    description: action.description,
    goals: action.goalNumbers.join(LIST_SEPARATOR),
    responsibles: responsiblesText(t, action.responsibles),
    plannedFrom: isoDate(action.plannedFrom),
    plannedTo: isoDate(action.plannedTo),
    indicator: action.indicator,
    indicatorTarget: number(action.indicatorTarget),
    indicatorActual: number(action.entry?.indicatorActual ?? null),
    status: statusLabel(t, action.entry?.status ?? NOT_REVIEWED),
    whatHappened: action.entry?.whatHappened ?? '',
    evidence: action.entry?.evidence ?? '',
    nextStep: action.entry?.nextStep ?? '',
    partners: partnersText(t, action),
  };
  return COLUMNS.map((c) => values[c]);
}

export type ReportState = 'DRAFT' | 'IN_COMMITTEE' | 'FINALISED';

/**
 * How far a report is from final: null when its review is FINALISED; NONE when the
 * year has no review yet. The downloads and the page say so, so a draft never reads
 * as the approved report.
 */
export type NotFinal = 'NONE' | 'DRAFT' | 'IN_COMMITTEE';
export const notFinal = (state: ReportState | null): NotFinal | null => (state === 'FINALISED' ? null : (state ?? 'NONE'));

const NOT_FINAL_SUFFIX: Record<NotFinal, string> = { NONE: '-kladde', DRAFT: '-kladde', IN_COMMITTEE: '-til-udvalg' };

/**
 * The file name of a report download (no spaces or letters a browser might mangle),
 * "-kladde" or "-til-udvalg" at the end when the review is not final.
 */
export const reportFileName = (planId: number, year: number, extension: 'csv' | 'xlsx', state: NotFinal | null = null) =>
  `handleplan-${planId}-status-${year}${state ? NOT_FINAL_SUFFIX[state] : ''}.${extension}`;
