// /medarbejder/samarbejdsaftaler — collaboration-agreement drafts for staff: the list,
// the form for a new draft (written from the current template), the draft's page (and
// the same as a PDF to download), and its edit form. A failed form re-renders with 422
// and the input kept; an edit form loaded before someone else saved answers 409 with the
// input kept.
import type { AgreementEvaluationService } from '../agreement-evaluations/agreement-evaluation-service.js';
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import {
  LEVELS,
  LIMITS,
  PARTNERS_ANCHOR,
  PUBLIC_FIELD_NAMES,
  PUBLIC_FIELDS,
  budgetGroup,
  budgetIndices,
  editAgreementLimits,
  externalGroup,
  fieldName,
  newAgreementLimits,
  parseEditAgreementForm,
  parseNewAgreementForm,
  partyGroup,
  sectionGroup,
} from './agreement-schemas.js';
import { partyName, type AgreementService, type AgreementWithRows } from './agreement-service.js';
import { nextReviewDate } from './agreement-dates.js';
import { agreementPdf } from './agreement-pdf.js';
import type { AgreementWorkflowService } from './agreement-workflow-service.js';
import { isClosed } from './agreement-workflow-service.js';
import { statusPanel, workflowPaths, workingCopyMarker } from './agreement-workflow-controller.js';
import type { ActionPlanService } from '../action-plans/action-plan-service.js';
import { partyActionForms } from '../action-plans/action-plan-controller.js';
import { formatCalendarDate } from '../../validation/dates.js';

export const AGREEMENTS_PATH = '/medarbejder/samarbejdsaftaler';
const NEW_PATH = `${AGREEMENTS_PATH}/ny`;
const agreementPath = (id: number) => `${AGREEMENTS_PATH}/${id}`;
const editPath = (id: number) => `${agreementPath(id)}/rediger`;
const pdfPath = (id: number) => `${agreementPath(id)}/pdf`;

/** Empty budget rows the edit form offers for new lines. */
const NEW_BUDGET_ROWS = 2;

const inLanguage = (lang: string, da: string, en: string) => (lang === 'da' ? da : en);

/** Whole kroner as readers of the language write them. */
export const amountFormatter = (req: Request) => {
  const format = new Intl.NumberFormat(req.lang === 'da' ? 'da-DK' : 'en-GB');
  return (amount: number) => format.format(amount);
};

/** The stored draft as edit-form values (what the inputs show). */
function valuesOf(agreement: AgreementWithRows): Record<string, unknown> {
  const values: Record<string, unknown> = {
    startsOn: formatCalendarDate(agreement.startsOn),
    endsOn: formatCalendarDate(agreement.endsOn),
    noticeMonths: agreement.noticeMonths === null ? '' : String(agreement.noticeMonths),
    reviewIntervalMonths: agreement.reviewIntervalMonths === null ? '' : String(agreement.reviewIntervalMonths),
    howToJoin: agreement.howToJoin,
  };
  for (const section of agreement.sections) values[fieldName(sectionGroup(section.id), 'body')] = section.body;
  for (const party of agreement.parties) {
    const group = partyGroup(party.id);
    values[fieldName(group, 'tasks')] = party.tasks;
    values[fieldName(group, 'contributes')] = party.contributes;
    if (party.checksChildCertificates) values[fieldName(group, 'childCertificates')] = 'ja';
    if (party.handlesPersonalData) values[fieldName(group, 'personalData')] = 'ja';
    if (party.kind === 'EXTERNAL') values[fieldName(group, 'name')] = party.name;
    if (party.kind !== 'MUNICIPALITY') {
      values[fieldName(group, 'contactName')] = party.contactName;
      values[fieldName(group, 'contactEmail')] = party.contactEmail ?? '';
    }
  }
  agreement.budgetLines.forEach((line, index) => {
    const group = budgetGroup(index);
    values[fieldName(group, 'label')] = line.label;
    values[fieldName(group, 'amount')] = String(line.amountDkk);
    values[fieldName(group, 'paidBy')] = line.paidBy;
  });
  return values;
}

/** What the status panel's forms show again after a failed submit. */
export interface PanelForms {
  values?: Record<string, unknown>;
  errors?: FieldError[];
  conflict?: boolean;
}

export function createAgreementController(deps: {
  clock: Clock;
  agreements: AgreementService;
  workflow: AgreementWorkflowService;
  evaluations: Pick<AgreementEvaluationService, 'panel'>;
  actionPlans: Pick<ActionPlanService, 'partyActionModel'>;
}) {
  const staffCrumb = (req: Request) => ({ href: '/medarbejder', label: req.t('staff.title') });
  const listCrumb = (req: Request) => ({ href: AGREEMENTS_PATH, label: req.t('agreements.list.title') });
  const today = () => municipalityTodayDate(deps.clock.now());

  const list: RequestHandler = async (req, res) => {
    const rows = await deps.agreements.list();
    const now = today();
    res.render('agreements/list', {
      title: req.t('agreements.list.title'),
      breadcrumbs: [staffCrumb(req), { label: req.t('agreements.list.title') }],
      newPath: NEW_PATH,
      agreements: rows.map((row) => ({
        ...row,
        href: agreementPath(row.id),
        partners: row.parties.map(partyName),
        // An ended agreement has no review ahead of it: the column stays empty.
        closed: isClosed(row.status),
        nextReview: isClosed(row.status) ? null : nextReviewDate(row.startsOn, row.reviewIntervalMonths, now),
      })),
    });
  };

  const renderNew = async (
    req: Request,
    res: Response,
    status: number,
    view: { values: Record<string, unknown>; errors?: FieldError[] },
  ) => {
    const associations = await deps.agreements.partnerChoices();
    res.status(status).render('agreements/new', {
      title: req.t('agreements.new.title'),
      breadcrumbs: [staffCrumb(req), listCrumb(req), { label: req.t('agreements.new.title') }],
      action: NEW_PATH,
      listPath: AGREEMENTS_PATH,
      limits: newAgreementLimits(),
      partnersAnchor: PARTNERS_ANCHOR,
      externalGroups: Array.from({ length: LIMITS.externalPartners }, (_, i) => externalGroup(i + 1)),
      options: {
        level: LEVELS.map((value) => ({ value, label: req.t(`agreements.level.${value}`), hint: req.t(`agreements.levelHint.${value}`) })),
        associations: associations.map((a) => ({ value: String(a.id), label: a.name })),
        publicFields: PUBLIC_FIELD_NAMES.map((value) => ({ value, label: req.t(`agreements.publicField.${value}`) })),
      },
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const showNew: RequestHandler = async (req, res) => {
    // Public by default: the choices say what may be shown, and staff opt out.
    await renderNew(req, res, 200, { values: { publicFields: [...PUBLIC_FIELD_NAMES] } });
  };

  const create: RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = keepValues(body);
    const form = parseNewAgreementForm(body);
    if (!form.ok) {
      await renderNew(req, res, 422, { values, errors: form.errors });
      return;
    }
    const outcome = await deps.agreements.create(form.data, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      await renderNew(req, res, 422, { values, errors: outcome.errors });
      return;
    }
    addFlash(req, 'success', 'agreements.flash.created');
    res.redirect(303, agreementPath(outcome.id));
  };

  /** The draft as its page and its edit form show it, in the reader's language. */
  const viewOf = (req: Request, agreement: AgreementWithRows) => ({
    ...agreement,
    sections: agreement.sections.map((s) => ({
      ...s,
      title: inLanguage(req.lang, s.titleDa, s.titleEn),
      guidance: inLanguage(req.lang, s.guidanceDa, s.guidanceEn),
      group: sectionGroup(s.id),
    })),
    parties: agreement.parties.map((p) => ({ ...p, displayName: partyName(p), group: partyGroup(p.id) })),
    budgetTotal: agreement.budgetLines.reduce((sum, line) => sum + line.amountDkk, 0),
    nextReview: nextReviewDate(agreement.startsOn, agreement.reviewIntervalMonths, today()),
    publicFields: PUBLIC_FIELD_NAMES.filter((field) => agreement[PUBLIC_FIELDS[field]]),
  });

  /**
   * The agreement's page: the status panel (agreement-workflow-controller.ts) above
   * the working copy. The panel's forms re-render it with 422/409 and their input.
   */
  const renderShow = async (req: Request, res: Response, status: number, agreement: AgreementWithRows, forms: PanelForms = {}) => {
    const panel = await statusPanel(req, deps.workflow, agreement, today());
    const linkedOpenings = await deps.agreements.openingsFor(agreement.id);
    const evaluationPanel = await deps.evaluations.panel(agreement.id, today(), `${agreementPath(agreement.id)}/evaluering`);
    res.status(status).render('agreements/show', {
      title: agreement.title,
      breadcrumbs: [staffCrumb(req), listCrumb(req), { label: agreement.title, typed: true }],
      agreement: viewOf(req, agreement),
      panel,
      editPath: isClosed(agreement.status) ? null : editPath(agreement.id),
      pdfPath: pdfPath(agreement.id),
      // The version in force first, as its own PDF; the working copy's PDF second.
      inForcePdfPath: agreement.acceptedVersion === null ? null : workflowPaths(agreement.id).versionPdf(agreement.acceptedVersion),
      marker: workingCopyMarker(agreement),
      formatAmount: amountFormatter(req),
      conflict: forms.conflict ?? false,
      errors: forms.errors ?? [],
      values: forms.values ?? {},
      linkedOpenings,
      evaluationPanel,
      partyActions: partyActionForms(req.t, agreement.id, await deps.actionPlans.partyActionModel(agreement.id), deps.clock.now()),
      // The public page exists only while the agreement is ACTIVE (collaborations/).
      publicPath: agreement.status === 'ACTIVE' ? `/samarbejder/${agreement.id}` : null,
    });
  };

  const show: RequestHandler = async (req, res) => {
    const agreement = await deps.agreements.find(requireId(req.params.agreementId));
    if (!agreement) throw new HttpError(404);
    await renderShow(req, res, 200, agreement);
  };

  /** An ended or evaluated agreement is history: its working copy is not edited any more. */
  const redirectClosed = (req: Request, res: Response, id: number) => {
    addFlash(req, 'error', 'agreementWorkflow.flash.closedForEditing');
    res.redirect(303, agreementPath(id));
  };
  const refuseClosed = (req: Request, res: Response, agreement: AgreementWithRows): boolean => {
    if (!isClosed(agreement.status)) return false;
    redirectClosed(req, res, agreement.id);
    return true;
  };

  /** The draft as a PDF file to download, with the page's content (agreement-pdf.ts). */
  const pdf: RequestHandler = async (req, res) => {
    const agreement = await deps.agreements.find(requireId(req.params.agreementId));
    if (!agreement) throw new HttpError(404);
    const marker = workingCopyMarker(agreement);
    const shown = viewOf(req, agreement);
    const file = await agreementPdf(
      {
        ...shown,
        // Said under the title: a draft, or a working copy that is not the agreement in force.
        subtitle: req.t(marker.key, marker.values),
        // An ended agreement has no review ahead of it.
        nextReview: isClosed(agreement.status) ? undefined : shown.nextReview,
      },
      {
        t: req.t,
        formatDate: res.locals.formatDate,
        formatAmount: amountFormatter(req),
      },
    );
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="samarbejdsaftale-${agreement.id}.pdf"`).send(file);
  };

  const renderEdit = (
    req: Request,
    res: Response,
    status: number,
    view: { agreement: AgreementWithRows; version: number; values: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean },
  ) => {
    const shown = viewOf(req, view.agreement);
    // The budget rows: the ones on the submitted form (or stored), then empty ones to add.
    const filled = budgetIndices(view.values).filter((index) =>
      ['label', 'amount', 'paidBy'].some((field) => {
        const value = view.values[fieldName(budgetGroup(index), field)];
        return typeof value === 'string' && value.trim() !== '';
      }),
    );
    const rows = filled.length === 0 ? 0 : Math.max(...filled) + 1;
    const budgetRows = Array.from({ length: Math.min(rows + NEW_BUDGET_ROWS, LIMITS.budgetLines) }, (_, index) => budgetGroup(index));
    res.status(status).render('agreements/edit', {
      title: req.t('agreements.edit.title'),
      breadcrumbs: [
        staffCrumb(req),
        listCrumb(req),
        { href: agreementPath(view.agreement.id), label: view.agreement.title },
        { label: req.t('agreements.edit.title') },
      ],
      agreement: shown,
      action: editPath(view.agreement.id),
      agreementPath: agreementPath(view.agreement.id),
      version: view.version,
      budgetRows,
      limits: editAgreementLimits({
        sectionIds: view.agreement.sections.map((s) => s.id),
        parties: view.agreement.parties.map((p) => ({ id: p.id, kind: p.kind })),
        budgetRows: budgetRows.length,
      }),
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const edit: RequestHandler = async (req, res) => {
    const agreement = await deps.agreements.find(requireId(req.params.agreementId));
    if (!agreement) throw new HttpError(404);
    if (refuseClosed(req, res, agreement)) return;
    renderEdit(req, res, 200, { agreement, version: agreement.version, values: valuesOf(agreement) });
  };

  const update: RequestHandler = async (req, res) => {
    const id = requireId(req.params.agreementId);
    const current = await deps.agreements.find(id);
    if (!current) throw new HttpError(404);
    if (refuseClosed(req, res, current)) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const version = requireVersion(body);
    const values = keepValues(body, ['_csrf', 'version']);
    const form = parseEditAgreementForm(body, new Map(current.parties.map((p) => [p.id, p.kind])));
    if (!form.ok) {
      renderEdit(req, res, 422, { agreement: current, version, values, errors: form.errors });
      return;
    }
    const outcome = await deps.agreements.update(id, version, form.data, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      // It ended between loading and saving (the daily job).
      if (outcome.reason === 'closed') {
        redirectClosed(req, res, id);
        return;
      }
      // Someone saved in between. Keep this reader's input; the form now carries the
      // newest version, so saving again is a deliberate overwrite.
      const latest = await deps.agreements.find(id);
      if (!latest) throw new HttpError(404);
      renderEdit(req, res, 409, { agreement: latest, version: latest.version, values, conflict: true });
      return;
    }
    addFlash(req, 'success', 'agreements.flash.updated');
    res.redirect(303, agreementPath(id));
  };

  return { list, showNew, create, show, renderShow, pdf, edit, update, amountFormatter };
}
