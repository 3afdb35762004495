// /administration/ordlister — admins keep the four vocabularies: the overview, a kind's
// values with their use, add, edit (names and order), retire/reactivate and merge.
// A failed form re-renders with 422 and the input kept; an unknown kind or id is 404.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireId } from '../../validation/ids.js';
import type { VocabularyKind } from './vocabulary-options.js';
import { PATH_OF_KIND, kindOfPath, mergeSchema, requireLoaded, vocabularyEditSchema, vocabularySchema } from './vocabulary-schemas.js';
import { usersOf, type UsageCounts, type VocabularyService } from './vocabulary-service.js';

export const VOCABULARIES_PATH = '/administration/ordlister';

/** The form's fields in the order the error summary lists them. */
const FIELD_ORDER = ['nameDa', 'nameEn', 'sortOrder'];

const kindPath = (kind: VocabularyKind) => `${VOCABULARIES_PATH}/${PATH_OF_KIND[kind]}`;

/** The kind named in the path, or 404. */
function kindOf(req: Request): VocabularyKind {
  const kind = kindOfPath(req.params.kind);
  if (!kind) throw new HttpError(404);
  return kind;
}

export function createVocabularyController(deps: { clock: Clock; vocabularies: VocabularyService }) {
  const { vocabularies } = deps;
  const context = (req: Request) => changeContext(req, deps.clock.now());

  /** Administration › Ordlister [› the kind [› this page]]. */
  const crumbs = (req: Request, kind?: VocabularyKind, last?: string) => {
    const administration = { href: '/administration', label: req.t('nav.administration') };
    const title = req.t('vocabularies.index.title');
    if (!kind) return [administration, { label: title }];
    const kindName = req.t(`vocabularies.kinds.${kind}.plural`);
    const trail = [administration, { href: VOCABULARIES_PATH, label: title }];
    return last ? [...trail, { href: kindPath(kind), label: kindName }, { label: last }] : [...trail, { label: kindName }];
  };

  /** "3 openings, 1 association" — the rows that use a value. */
  const usageText = (req: Request, kind: VocabularyKind, usage: UsageCounts) =>
    usersOf(kind)
      .map((user) => req.t(`vocabularies.usage.${user}`, { count: usage[user] ?? 0 }))
      .join(', ');

  /**
   * A failed form's errors plus, for the names that were filled in, "name taken", in
   * the form's field order: every problem shows at once.
   */
  async function allErrors(kind: VocabularyKind, body: unknown, errors: FieldError[], exceptId: number | null): Promise<FieldError[]> {
    const text = (field: string) => {
      const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
      return typeof value === 'string' ? value.trim() : '';
    };
    const failed = new Set(errors.map((error) => error.field));
    const taken = (await vocabularies.takenNames(kind, { nameDa: text('nameDa'), nameEn: text('nameEn') }, exceptId)).filter(
      (error) => !failed.has(error.field),
    );
    return [...errors, ...taken].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  }

  async function requireValue(kind: VocabularyKind, id: number) {
    const value = await vocabularies.find(kind, id);
    if (!value) throw new HttpError(404);
    return value;
  }

  const index: RequestHandler = async (req, res) => {
    const summary = await vocabularies.summary();
    res.render('vocabularies/index', {
      title: req.t('vocabularies.index.title'),
      breadcrumbs: crumbs(req),
      kinds: summary.map((row) => ({ ...row, href: kindPath(row.kind), name: req.t(`vocabularies.kinds.${row.kind}.plural`) })),
    });
  };

  const list: RequestHandler = async (req, res) => {
    const kind = kindOf(req);
    const values = await vocabularies.list(kind);
    const base = kindPath(kind);
    res.render('vocabularies/list', {
      title: req.t(`vocabularies.kinds.${kind}.plural`),
      breadcrumbs: crumbs(req, kind),
      kind,
      base,
      newHref: `${base}/ny`,
      values: values.map((value) => ({ ...value, usageText: usageText(req, kind, value.usage) })),
    });
  };

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    page: {
      kind: VocabularyKind;
      valueId: number | null;
      /** The edited row's fingerprint the form carries (the one it was loaded with, or after a conflict the newest). */
      loaded?: string;
      values: Record<string, unknown>;
      errors?: FieldError[];
      conflict?: boolean;
    },
  ) => {
    const { kind, valueId } = page;
    const heading = req.t(valueId === null ? 'vocabularies.form.newTitle' : 'vocabularies.form.editTitle', {
      kind: req.t(`vocabularies.kinds.${kind}.singular`),
    });
    res.status(status).render('vocabularies/form', {
      title: heading,
      heading,
      breadcrumbs: crumbs(req, kind, heading),
      action: valueId === null ? `${kindPath(kind)}/ny` : `${kindPath(kind)}/${valueId}/rediger`,
      cancelHref: kindPath(kind),
      editing: valueId !== null,
      loaded: page.loaded ?? null,
      conflict: page.conflict ?? false,
      limits: maxLengths(vocabularySchema),
      values: page.values,
      errors: page.errors ?? [],
    });
  };

  const showNew: RequestHandler = (req, res) => {
    renderForm(req, res, 200, { kind: kindOf(req), valueId: null, values: {} });
  };

  const create: RequestHandler = async (req, res) => {
    const kind = kindOf(req);
    const values = keepValues(req.body);
    const form = parseForm(vocabularySchema, req.body);
    if (!form.ok) {
      return renderForm(req, res, 422, { kind, valueId: null, values, errors: await allErrors(kind, req.body, form.errors, null) });
    }
    const outcome = await vocabularies.create(kind, form.data, context(req));
    if (!outcome.ok) {
      const errors = outcome.reason === 'invalid' ? outcome.errors : [];
      return renderForm(req, res, 422, { kind, valueId: null, values, errors });
    }
    addFlash(req, 'success', 'vocabularies.flash.created');
    res.redirect(303, kindPath(kind));
  };

  const edit: RequestHandler = async (req, res) => {
    const kind = kindOf(req);
    const value = await requireValue(kind, requireId(req.params.id));
    renderForm(req, res, 200, {
      kind,
      valueId: value.id,
      loaded: value.fingerprint,
      values: { nameDa: value.nameDa, nameEn: value.nameEn, sortOrder: String(value.sortOrder) },
    });
  };

  const update: RequestHandler = async (req, res) => {
    const kind = kindOf(req);
    const id = requireId(req.params.id);
    const loaded = requireLoaded(req.body);
    const values = keepValues(req.body, ['_csrf', 'loaded']);
    const form = parseForm(vocabularyEditSchema, req.body);
    if (!form.ok) {
      await requireValue(kind, id);
      const errors = await allErrors(kind, req.body, form.errors, id);
      return renderForm(req, res, 422, { kind, valueId: id, loaded, values, errors });
    }
    const outcome = await vocabularies.update(kind, id, loaded, form.data, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      if (outcome.reason === 'conflict') {
        // Another admin saved first. Keep this admin's input; the form now carries the
        // newest fingerprint, so saving again is a deliberate overwrite.
        const latest = await requireValue(kind, id);
        return renderForm(req, res, 409, { kind, valueId: id, loaded: latest.fingerprint, values, conflict: true });
      }
      return renderForm(req, res, 422, { kind, valueId: id, loaded, values, errors: outcome.errors });
    }
    addFlash(req, 'success', 'vocabularies.flash.saved');
    res.redirect(303, kindPath(kind));
  };

  const setRetired =
    (retire: boolean): RequestHandler =>
    async (req, res) => {
      const kind = kindOf(req);
      const outcome = await vocabularies.setRetired(kind, requireId(req.params.id), retire, context(req));
      if (!outcome.ok) throw new HttpError(404);
      addFlash(req, 'success', retire ? 'vocabularies.flash.retired' : 'vocabularies.flash.reactivated');
      res.redirect(303, kindPath(kind));
    };

  const renderMerge = async (req: Request, res: Response, status: number, kind: VocabularyKind, id: number, errors: FieldError[] = []) => {
    const source = await requireValue(kind, id);
    const targets = await vocabularies.mergeTargets(kind, source.id);
    const name = (row: { nameDa: string; nameEn: string }) => (req.lang === 'en' ? row.nameEn : row.nameDa);
    const heading = req.t('vocabularies.merge.title', { name: name(source) });
    res.status(status).render('vocabularies/merge', {
      title: heading,
      heading,
      breadcrumbs: crumbs(req, kind, heading),
      action: `${kindPath(kind)}/${source.id}/flet`,
      cancelHref: kindPath(kind),
      usageText: usageText(req, kind, source.usage),
      moving: Object.values(source.usage).reduce((sum, n) => sum + n, 0),
      targets: targets.map((row) => ({ value: String(row.id), label: name(row) })),
      values: keepValues(req.body),
      errors,
    });
  };

  const showMerge: RequestHandler = async (req, res) => {
    await renderMerge(req, res, 200, kindOf(req), requireId(req.params.id));
  };

  const merge: RequestHandler = async (req, res) => {
    const kind = kindOf(req);
    const sourceId = requireId(req.params.id);
    const form = parseForm(mergeSchema, req.body);
    if (!form.ok) return renderMerge(req, res, 422, kind, sourceId, form.errors);
    const outcome = await vocabularies.merge(kind, sourceId, form.data.targetId, context(req));
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HttpError(404);
      return renderMerge(req, res, 422, kind, sourceId, outcome.errors);
    }
    addFlash(req, 'success', 'vocabularies.flash.merged');
    res.redirect(303, kindPath(kind));
  };

  return { index, list, showNew, create, edit, update, retire: setRetired(true), reactivate: setRetired(false), showMerge, merge };
}
