// /medarbejder/aftaleskabelon — the municipality's collaboration-agreement template:
// the current version and the history (staff read it, since they write agreements
// from it), an old version read-only, and the form that saves an edit as a new version
// (admins). A failed form re-renders with 422 and the input kept; a form loaded from a
// version that is no longer the newest answers 409 with the input kept.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, type FieldError } from '../../validation/form.js';
import { parseId } from '../../validation/ids.js';
import {
  CHECKLIST_ANCHOR,
  ITEM,
  NEW_ITEM,
  NEW_SECTION,
  SECTION,
  SECTIONS_ANCHOR,
  fieldName,
  parseTemplateForm,
  requireBasedOn,
  rowIndices,
  templateFormLimits,
} from './agreement-template-schemas.js';
import type { AgreementTemplateService, TemplateVersion } from './agreement-template-service.js';

export const TEMPLATE_PATH = '/medarbejder/aftaleskabelon';
const EDIT_PATH = `${TEMPLATE_PATH}/rediger`;

/** The form's rows as the view draws them: each group's field-name prefix and its title for the legend. */
interface FormRow {
  group: string;
  legend: string;
}

/** The stored template as form values, rows in their order. */
function valuesOf(version: TemplateVersion): Record<string, unknown> {
  const values: Record<string, unknown> = { note: '' };
  version.sections.forEach((section, index) => {
    const group = `${SECTION}-${index}`;
    Object.assign(values, {
      [fieldName(group, 'key')]: section.key,
      [fieldName(group, 'order')]: String(index + 1),
      [fieldName(group, 'titleDa')]: section.titleDa,
      [fieldName(group, 'titleEn')]: section.titleEn,
      [fieldName(group, 'guidanceDa')]: section.guidanceDa,
      [fieldName(group, 'guidanceEn')]: section.guidanceEn,
    });
  });
  version.checklist.forEach((item, index) => {
    const group = `${ITEM}-${index}`;
    Object.assign(values, {
      [fieldName(group, 'key')]: item.key,
      [fieldName(group, 'order')]: String(index + 1),
      [fieldName(group, 'textDa')]: item.textDa,
      [fieldName(group, 'textEn')]: item.textEn,
      [fieldName(group, 'guidanceDa')]: item.guidanceDa,
      [fieldName(group, 'guidanceEn')]: item.guidanceEn,
    });
  });
  return values;
}

/** The rows a form shows, read from its values (stored or submitted), so a re-rendered form has exactly the rows that were sent. */
function rowsOf(values: Record<string, unknown>, kind: string, titleField: string): FormRow[] {
  return rowIndices(values, kind).map((index) => {
    const group = `${kind}-${index}`;
    const title = values[fieldName(group, titleField)];
    return { group, legend: typeof title === 'string' && title.trim() !== '' ? title : String(values[fieldName(group, 'key')]) };
  });
}

/** Text of a row in the reader's language. */
const inLanguage = (lang: string, da: string, en: string) => (lang === 'da' ? da : en);

export function createAgreementTemplateController(deps: { clock: Clock; templates: AgreementTemplateService }) {
  const renderVersion = (req: Request, res: Response, view: string, version: TemplateVersion, extra: Record<string, unknown>) => {
    const lang = req.lang;
    res.render(view, {
      version,
      sections: version.sections.map((s) => ({
        key: s.key,
        title: inLanguage(lang, s.titleDa, s.titleEn),
        guidance: inLanguage(lang, s.guidanceDa, s.guidanceEn),
      })),
      checklist: version.checklist.map((i) => ({
        key: i.key,
        text: inLanguage(lang, i.textDa, i.textEn),
        guidance: inLanguage(lang, i.guidanceDa, i.guidanceEn),
      })),
      templatePath: TEMPLATE_PATH,
      ...extra,
    });
  };

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    view: { basedOn: number; values: Record<string, unknown>; errors?: FieldError[]; conflict?: boolean },
  ) => {
    const sectionRows = rowsOf(view.values, SECTION, 'titleDa');
    const itemRows = rowsOf(view.values, ITEM, 'textDa');
    res.status(status).render('agreement-template/form', {
      title: req.t('agreementTemplate.form.title'),
      breadcrumbs: [
        { href: '/medarbejder', label: req.t('staff.title') },
        { href: TEMPLATE_PATH, label: req.t('agreementTemplate.page.title') },
        { label: req.t('agreementTemplate.form.title') },
      ],
      action: EDIT_PATH,
      templatePath: TEMPLATE_PATH,
      basedOn: view.basedOn,
      sectionRows,
      itemRows,
      groups: { newSection: NEW_SECTION, newItem: NEW_ITEM, sectionsAnchor: SECTIONS_ANCHOR, checklistAnchor: CHECKLIST_ANCHOR },
      limits: templateFormLimits([...sectionRows, ...itemRows].map((row) => row.group)),
      conflict: view.conflict ?? false,
      errors: view.errors ?? [],
      values: view.values,
    });
  };

  const show: RequestHandler = async (req, res) => {
    const [version, history] = await Promise.all([deps.templates.current(), deps.templates.history()]);
    renderVersion(req, res, 'agreement-template/show', version, {
      title: req.t('agreementTemplate.page.title'),
      breadcrumbs: [{ href: '/medarbejder', label: req.t('staff.title') }, { label: req.t('agreementTemplate.page.title') }],
      history,
      canEdit: res.locals.can.manageTemplates,
      editPath: EDIT_PATH,
    });
  };

  const showVersion: RequestHandler = async (req, res) => {
    const raw = req.params.number;
    // Version 0 (the standard) is a version too, so not parseId's positive ids alone.
    const number = raw === '0' ? 0 : parseId(raw);
    if (number === null) throw new HttpError(404);
    const [version, current] = await Promise.all([deps.templates.version(number), deps.templates.current()]);
    if (!version) throw new HttpError(404);
    renderVersion(req, res, 'agreement-template/version', version, {
      isCurrent: version.number === current.number,
      title: req.t('agreementTemplate.version.title', { number }),
      breadcrumbs: [
        { href: '/medarbejder', label: req.t('staff.title') },
        { href: TEMPLATE_PATH, label: req.t('agreementTemplate.page.title') },
        { label: req.t('agreementTemplate.version.title', { number }) },
      ],
    });
  };

  const edit: RequestHandler = async (req, res) => {
    const current = await deps.templates.current();
    renderForm(req, res, 200, { basedOn: current.number, values: valuesOf(current) });
  };

  const update: RequestHandler = async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const basedOn = requireBasedOn(body);
    const values = keepValues(body, ['_csrf', 'basedOn']);
    const form = parseTemplateForm(body);
    if (!form.ok) {
      renderForm(req, res, 422, { basedOn, values, errors: form.errors });
      return;
    }
    const outcome = await deps.templates.saveVersion(basedOn, form.data, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      // Another admin saved a version since this form was loaded. Keep this admin's
      // input; the form now builds on the newest version, so saving again is deliberate.
      const latest = await deps.templates.current();
      renderForm(req, res, 409, { basedOn: latest.number, values, conflict: true });
      return;
    }
    addFlash(req, 'success', 'agreementTemplate.flash.saved');
    res.redirect(303, TEMPLATE_PATH);
  };

  return { show, showVersion, edit, update };
}
