// Staff pages of a plan's figures: the overview (goals × years matrix, the progress
// chart with its table, what changed since last year), the committee report of a
// year (page, CSV and XLSX with the same rows), and the import of actions from the
// report's own CSV/XLSX (upload → preview → "Bekræft import").
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { TFunction } from 'i18next';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { confirmImportSchema } from './plan-report-schemas.js';
import { requireId } from '../../validation/ids.js';
import type { ActionData } from '../action-plans/plan-action-rows.js';
import {
  ACTION_STATUSES,
  CATEGORIES,
  NO_GOAL,
  changesSinceLastYear,
  goalProgress,
  goalRows,
  goalYearMatrix,
  nonZero,
  NOT_REVIEWED,
  type CountedAction,
  type StatusCounts,
} from './plan-report-counts.js';
import { PATTERNS, legendCategories, progressChart } from './plan-report-chart.js';
import {
  COLUMNS,
  LIST_SEPARATOR,
  NUMBER_COLUMNS,
  columnLabel,
  headerRow,
  isoDate,
  notFinal,
  reportFileName,
  reportRow,
  responsiblesText,
  statusLabel,
  type ImportedColumn,
} from './plan-report-rows.js';
import { csvFile, readTable, xlsxFile, type ReadFailure } from './plan-report-files.js';
import { checkImport, columnsByLabel, kindsByLabel, rowsToSave, type CheckedRow, type RowError } from './plan-import.js';
import type { ImportRow, PlanHead, PlanReport, PlanReportService } from './plan-report-service.js';
import type { UploadProblem } from './plan-import-upload.js';

export const PLANS_PATH = '/medarbejder/handleplaner';
export const planPath = (planId: number) => `${PLANS_PATH}/${planId}`;
export const overviewPath = (planId: number) => `${planPath(planId)}/overblik`;
export const reportPath = (planId: number, year: number) => `${planPath(planId)}/status/${year}/rapport`;
export const importPath = (planId: number) => `${planPath(planId)}/import`;
export const confirmImportPath = (planId: number) => `${importPath(planId)}/bekraeft`;

/** Columns the report page does not repeat per action: the heading is the title, the page is the year. */
const PAGE_HIDDEN_COLUMNS: ReadonlySet<(typeof COLUMNS)[number]> = new Set(['id', 'year', 'title']);

/** Column widths of the XLSX, in characters (text columns wide, numbers narrow). */
const XLSX_WIDTHS: Record<(typeof COLUMNS)[number], number> = {
  id: 8,
  year: 8,
  title: 36,
  description: 48,
  goals: 10,
  responsibles: 36,
  plannedFrom: 13,
  plannedTo: 13,
  indicator: 28,
  indicatorTarget: 10,
  indicatorActual: 10,
  status: 16,
  whatHappened: 48,
  evidence: 36,
  nextStep: 36,
  partners: 48,
};

/**
 * The rows a preview found, kept in the (server-side) session until "Bekræft import".
 * The client is not trusted with them, and asking for the file again would make the
 * reader choose it twice. The confirm form carries the hash of the rows the preview
 * showed, so a confirm from an older preview tab cannot import a newer file's rows.
 */
interface StoredImport {
  planId: number;
  hash: string;
  rows: (Omit<ImportRow, 'data'> & {
    data: Omit<ActionData, 'plannedFrom' | 'plannedTo'> & { plannedFrom: string | null; plannedTo: string | null };
  })[];
}

declare module 'express-session' {
  interface SessionData {
    planImport?: StoredImport;
  }
}

function storedImport(planId: number, rows: readonly ImportRow[]): StoredImport {
  const stored = rows.map((row) => ({
    ...row,
    data: {
      ...row.data,
      plannedFrom: row.data.plannedFrom ? isoDate(row.data.plannedFrom) : null,
      plannedTo: row.data.plannedTo ? isoDate(row.data.plannedTo) : null,
    },
  }));
  const hash = createHash('sha256')
    .update(JSON.stringify({ planId, rows: stored }))
    .digest('hex');
  return { planId, hash, rows: stored };
}

function restoredRows(stored: StoredImport): ImportRow[] {
  const date = (text: string | null) => (text === null ? null : new Date(`${text}T00:00:00.000Z`));
  return stored.rows.map(
    (row) => ({ ...row, data: { ...row.data, plannedFrom: date(row.data.plannedFrom), plannedTo: date(row.data.plannedTo) } }) as ImportRow,
  );
}

/** A cell's or a bar's figures as text: "3 gennemført, 1 i gang". */
export const figuresText = (t: TFunction, counts: StatusCounts): string => {
  const parts = nonZero(counts).map(({ category, count }) => t(`planReports.count.${category}`, { count }));
  return parts.length ? parts.join(', ') : t('planReports.noActions');
};

export function createPlanReportController(deps: { clock: Clock; planReports: PlanReportService; translators: readonly TFunction[] }) {
  const { planReports } = deps;
  const importLabels = { columns: columnsByLabel(deps.translators), kinds: kindsByLabel(deps.translators) };

  const crumbs = (req: Request, plan: PlanHead, label: string) => [
    { href: '/medarbejder', label: req.t('staff.title') },
    { href: PLANS_PATH, label: req.t('planReports.plansTitle') },
    { href: planPath(plan.id), label: plan.title, typed: true },
    { label },
  ];

  // ------------------------------------------------------------------ overview

  const overview: RequestHandler = async (req, res) => {
    const planId = requireId(req.params.planId);
    const data = await planReports.overview(planId);
    if (!data) throw new HttpError(404);
    const { plan, goals, actions, reviewYears, reviewStates } = data;
    const t = req.t;
    const titles = new Map(goals.map((g) => [g.number, g.title]));
    const goalLabel = (n: number) =>
      n === NO_GOAL ? t('planReports.noGoal') : t('planReports.goalLabel', { number: n, title: titles.get(n) ?? '' });
    const years = Array.from({ length: plan.lastYear - plan.firstYear + 1 }, (_, i) => plan.firstYear + i);
    const rows = goalRows(goals, actions);
    const progress = goalProgress(rows, actions);
    const changes = changesSinceLastYear(rows, reviewYears, actions, reviewStates);
    const title = t('planReports.overview.titleOf', { title: plan.title });
    res.render('plan-reports/overview', {
      title,
      breadcrumbs: crumbs(req, plan, t('planReports.overview.title')),
      plan,
      years,
      categories: CATEGORIES,
      goalLabel,
      figures: (counts: StatusCounts) => figuresText(t, counts),
      statusLabel: (status: string) => statusLabel(t, status),
      matrix: goalYearMatrix(rows, years, actions),
      progress,
      chart: progressChart(progress, goalLabel, (row) => figuresText(t, row.counts)),
      patterns: PATTERNS,
      legend: legendCategories,
      changes,
      /** A year as the "what changed" section names it: "2018: kladde" when its review is not final. */
      yearWithState: (year: number, state: string | null) =>
        state === null || state === 'FINALISED'
          ? String(year)
          : t('planReports.overview.yearWithState', { year, state: t(`planReports.overview.state.${state}`) }),
      reportLinks: years.map((year) => ({ year, href: reportPath(plan.id, year) })),
      importHref: importPath(plan.id),
    });
  };

  // ------------------------------------------------------------------ report

  /** The report of the path's plan and year; a year outside the plan is a 404. */
  const loadReport = async (req: Request): Promise<PlanReport> => {
    const planId = requireId(req.params.planId);
    const year = requireId(req.params.year);
    const report = await planReports.report(planId, year);
    if (!report || year < report.plan.firstYear || year > report.plan.lastYear) throw new HttpError(404);
    return report;
  };

  /** A correction's before/after as the reader reads it: a status by its label, other text as it is. */
  const amendmentValue = (t: TFunction, value: unknown) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return (ACTION_STATUSES as readonly string[]).includes(value) ? statusLabel(t, value) : value;
    return JSON.stringify(value);
  };

  const report: RequestHandler = async (req, res) => {
    const data = await loadReport(req);
    const t = req.t;
    const { plan, year } = data;
    const titles = new Map(data.goals.map((g) => [g.number, g.title]));
    const counted: CountedAction[] = data.actions.map((a) => ({
      id: a.id,
      year: a.year,
      title: a.title,
      goalNumbers: a.goalNumbers,
      status: a.entry?.status ?? NOT_REVIEWED,
      carriedFromId: null,
    }));
    res.render('plan-reports/report', {
      title: t('planReports.report.titleOf', { year, title: plan.title }),
      breadcrumbs: crumbs(req, plan, t('planReports.overview.reportLink', { year })),
      plan,
      year,
      review: data.review,
      notFinal: notFinal(data.review?.state ?? null),
      // The year at a glance: per goal, its actions' statuses (the overview's counting).
      goals: goalYearMatrix(goalRows(data.goals, counted), [year], counted).map((row) => ({
        label:
          row.goalNumber === NO_GOAL
            ? t('planReports.noGoal')
            : t('planReports.goalLabel', { number: row.goalNumber, title: titles.get(row.goalNumber) ?? '' }),
        figures: figuresText(t, row.cells[0]!.counts),
      })),
      // The page lays the file's values out for people: the title is the heading and the
      // year the page's, so ID, year and title are not repeated; dates are written out;
      // empty fields are left out. The CSV and XLSX keep every column for the round trip.
      actions: data.actions.map((action) => {
        const values = reportRow(t, action);
        return {
          id: action.id,
          title: action.title,
          carriedFromYear: action.carriedFromYear,
          fields: COLUMNS.flatMap((column, i) => {
            const value = values[i]!;
            if (PAGE_HIDDEN_COLUMNS.has(column) || value === '') return [];
            const date = column === 'plannedFrom' ? action.plannedFrom : column === 'plannedTo' ? action.plannedTo : null;
            return [
              { column, label: columnLabel(t, column), value, display: date ? res.locals.formatDate(date) : value, isDate: date !== null },
            ];
          }),
        };
      }),
      amendments: (data.review?.amendments ?? []).map((a) => ({
        ...a,
        // The review's fields are named by the yearly review; an unknown one shows as stored.
        field: t(`planReports.report.amendmentField.${a.field}`, { defaultValue: a.field }),
        before: amendmentValue(t, a.before),
        after: amendmentValue(t, a.after),
      })),
      csvHref: `${reportPath(plan.id, year)}.csv`,
      xlsxHref: `${reportPath(plan.id, year)}.xlsx`,
      overviewHref: overviewPath(plan.id),
    });
  };

  // The CSV keeps its header as the first row (the import reads it back), so its state
  // is in the file name only; the XLSX has it in its name, its sheet name and a title row.
  const reportCsv: RequestHandler = async (req, res) => {
    const data = await loadReport(req);
    const state = notFinal(data.review?.state ?? null);
    const file = csvFile(
      headerRow(req.t),
      data.actions.map((a) => reportRow(req.t, a)),
    );
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${reportFileName(data.plan.id, data.year, 'csv', state)}"`)
      .send(file);
  };

  const reportXlsx: RequestHandler = async (req, res) => {
    const data = await loadReport(req);
    const t = req.t;
    const state = notFinal(data.review?.state ?? null);
    const file = await xlsxFile(
      headerRow(req.t),
      data.actions.map((a) => reportRow(req.t, a)),
      {
        sheetName: `${t('planReports.report.sheetName')} ${data.year}${state ? ` ${t(`planReports.report.sheetState.${state}`)}` : ''}`,
        ...(state
          ? {
              title: `${t('planReports.report.titleOf', { year: data.year, title: data.plan.title })} — ${t(`planReports.report.notFinal.${state}`)}`,
            }
          : {}),
        numberColumns: new Set(COLUMNS.flatMap((c, i) => (NUMBER_COLUMNS.has(c) ? [i] : []))),
        widths: COLUMNS.map((c) => XLSX_WIDTHS[c]),
      },
    );
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set('Content-Disposition', `attachment; filename="${reportFileName(data.plan.id, data.year, 'xlsx', state)}"`)
      .send(file);
  };

  // ------------------------------------------------------------------ import

  /** An imported column's value as the preview shows it ("before → after"). */
  const importedValue = (
    req: Request,
    res: Response,
    column: ImportedColumn,
    data: ActionData,
    associationNames: ReadonlyMap<number, string>,
  ): string => {
    const t = req.t;
    const date = (value: Date | null) => (value ? res.locals.formatDate(value) : '');
    switch (column) {
      case 'id':
        return '';
      case 'year':
        return String(data.year);
      case 'title':
      case 'description':
      case 'indicator':
        return data[column];
      case 'goals':
        return data.goalNumbers.join(LIST_SEPARATOR);
      case 'responsibles':
        return responsiblesText(
          t,
          data.responsibles.map((r) => ({
            ...r,
            name: r.kind === 'ASSOCIATION' && r.associationId !== null ? (associationNames.get(r.associationId) ?? '') : r.name,
          })),
        );
      case 'plannedFrom':
      case 'plannedTo':
        return date(data[column]);
      case 'indicatorTarget':
        return data.indicatorTarget === null ? '' : String(data.indicatorTarget);
    }
  };

  interface ImportView {
    /** Names of the register's associations, for the changes a preview shows. */
    associationNames?: ReadonlyMap<number, string>;
    errors?: FieldError[];
    rows?: CheckedRow[];
    rowErrors?: RowError[];
    hash?: string | null;
    conflict?: boolean;
  }

  const renderImport = (req: Request, res: Response, status: number, plan: PlanHead, view: ImportView = {}) => {
    const t = req.t;
    const rows = view.rows ?? null;
    const count = (kind: CheckedRow['kind']) => rows?.filter((r) => r.kind === kind).length ?? 0;
    res.status(status).render('plan-reports/import', {
      title: t('planReports.import.titleOf', { title: plan.title }),
      breadcrumbs: crumbs(req, plan, t('planReports.overview.importLink')),
      plan,
      action: importPath(plan.id),
      confirmAction: confirmImportPath(plan.id),
      overviewHref: overviewPath(plan.id),
      rows:
        rows?.map((r) => ({
          ...r,
          changes: r.before
            ? r.changedColumns.map((column) => ({
                label: columnLabel(t, column),
                before: importedValue(req, res, column, r.before!, view.associationNames ?? new Map()),
                after: importedValue(req, res, column, r.data, view.associationNames ?? new Map()),
              }))
            : [],
        })) ?? null,
      summary: rows ? { new: count('new'), changed: count('changed'), unchanged: count('unchanged') } : null,
      rowErrors: (view.rowErrors ?? []).map((e) => ({ ...e, columnLabel: e.column ? columnLabel(t, e.column) : '' })),
      hash: view.hash ?? null,
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
    });
  };

  const loadPlan = async (req: Request): Promise<PlanHead> => {
    const plan = await planReports.plan(requireId(req.params.planId));
    if (!plan) throw new HttpError(404);
    return plan;
  };

  const showImport: RequestHandler = async (req, res) => {
    renderImport(req, res, 200, await loadPlan(req));
  };

  const FILE_ERRORS: Record<ReadFailure | UploadProblem | 'noFile', string> = {
    empty: 'planReports.import.errors.empty',
    type: 'planReports.import.errors.type',
    unreadable: 'planReports.import.errors.unreadable',
    tooLarge: 'planReports.import.errors.tooLarge',
    noFile: 'planReports.import.errors.noFile',
  };
  const fileError = (key: string, params?: Record<string, string | number>): FieldError[] => [
    { field: 'file', key, ...(params ? { params } : {}) },
  ];

  const preview: RequestHandler = async (req, res) => {
    const planId = requireId(req.params.planId);
    const context = await planReports.importContext(planId);
    if (!context) throw new HttpError(404);
    const plan = context.plan;
    const associationNames = new Map(context.associations.map((a) => [a.id, a.name]));
    const problem = res.locals.uploadProblem as UploadProblem | undefined;
    if (problem) return renderImport(req, res, 422, plan, { errors: fileError(FILE_ERRORS[problem]) });
    const file = req.file;
    if (!file) return renderImport(req, res, 422, plan, { errors: fileError(FILE_ERRORS.noFile) });
    const table = await readTable(file.originalname, file.buffer);
    if (!table.ok) return renderImport(req, res, 422, plan, { errors: fileError(FILE_ERRORS[table.reason]) });
    const checked = checkImport(table.rows, context, importLabels);
    if (!checked.ok) {
      const errors =
        checked.reason === 'missingColumns'
          ? fileError('planReports.import.errors.missingColumns', { columns: checked.missing.map((c) => columnLabel(req.t, c)).join(', ') })
          : checked.reason === 'tooManyRows'
            ? fileError('planReports.import.errors.tooManyRows', { max: checked.max })
            : fileError('planReports.import.errors.noRows');
      return renderImport(req, res, 422, plan, { errors });
    }
    if (checked.errors.length > 0) {
      delete req.session.planImport;
      return renderImport(req, res, 422, plan, {
        rows: checked.rows,
        associationNames,
        rowErrors: checked.errors,
        errors: [{ field: 'row-errors', key: 'planReports.import.errors.rowsHaveErrors', params: { count: checked.errors.length } }],
      });
    }
    const toSave = rowsToSave(checked.rows);
    const stored = toSave.length > 0 ? storedImport(plan.id, toSave) : null;
    if (stored) req.session.planImport = stored;
    else delete req.session.planImport;
    renderImport(req, res, 200, plan, { rows: checked.rows, associationNames, hash: stored?.hash ?? null });
  };

  const confirm: RequestHandler = async (req, res) => {
    const plan = await loadPlan(req);
    const form = parseForm(confirmImportSchema, req.body ?? {});
    const stored = req.session.planImport;
    if (!form.ok || !stored || stored.planId !== plan.id || form.data.hash !== stored.hash) {
      return renderImport(req, res, 422, plan, { errors: fileError('planReports.import.errors.expired') });
    }
    const outcome = await planReports.importActions(plan.id, restoredRows(stored), changeContext(req, deps.clock.now()));
    delete req.session.planImport;
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      return renderImport(req, res, 409, plan, { conflict: true });
    }
    addFlash(req, 'success', 'planReports.flash.imported');
    res.redirect(303, overviewPath(plan.id));
  };

  return { overview, report, reportCsv, reportXlsx, showImport, preview, confirm };
}
