// The template form: one group of fields per section and per checklist item (its key
// hidden, order number, titles and guidance in Danish and English, a "remove"
// checkbox), one empty group to add a section and one to add an item, a note, and the
// version the form was loaded from (`basedOn`, for optimistic locking). The body
// parser makes no nested objects (extended: false), so the groups are flat field
// names, `section-3-titleDa`; each group is checked with its zod schema and its errors
// are given the group's field names, which are also the inputs' ids.
import { z } from 'zod';
import { HttpError } from '../../errors.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { optionalText, requiredText } from '../../validation/fields.js';
import { maxLengths } from '../../validation/limits.js';
import { firstFreeSlug, slugOf } from '../../text/slug.js';
import type { TemplateChecklistItem, TemplateSection } from './default-template.js';

export const LIMITS = {
  title: 150,
  guidance: 600,
  note: 500,
  /** Together with the per-field limits, this keeps a full form inside the body parser's limits (src/app.ts). */
  sections: 30,
  checklistItems: 20,
} as const;

const E = 'agreementTemplate.errors';

/** Position of the row in the saved order; blank keeps it where it is (a new row goes last). */
const orderField = z
  .string()
  .trim()
  .max(3, { error: `${E}.orderInvalid` })
  .regex(/^\d*$/, { error: `${E}.orderInvalid` })
  .optional()
  .transform((value) => (value ? Number(value) : null));

export const sectionFieldsSchema = z.object({
  order: orderField,
  titleDa: requiredText(LIMITS.title, `${E}.titleDaRequired`),
  titleEn: requiredText(LIMITS.title, `${E}.titleEnRequired`),
  guidanceDa: optionalText(LIMITS.guidance),
  guidanceEn: optionalText(LIMITS.guidance),
});

export const checklistFieldsSchema = z.object({
  order: orderField,
  textDa: requiredText(LIMITS.title, `${E}.textDaRequired`),
  textEn: requiredText(LIMITS.title, `${E}.textEnRequired`),
  guidanceDa: optionalText(LIMITS.guidance),
  guidanceEn: optionalText(LIMITS.guidance),
});

const noteSchema = z.object({ note: optionalText(LIMITS.note) });

/** The field names of a group: `section-3-titleDa`, or `newSection-titleDa` for the empty one. */
export const fieldName = (group: string, field: string) => `${group}-${field}`;
export const SECTION = 'section';
export const ITEM = 'item';
export const NEW_SECTION = 'newSection';
export const NEW_ITEM = 'newItem';
/** The ids the errors about the number of rows link to (the groups' headings). */
export const SECTIONS_ANCHOR = 'sections';
export const CHECKLIST_ANCHOR = 'checklist';

/** A key as the form carries it: one we made (slugOf), so anything else is tampering. */
const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The version the form was loaded from. A form without one was not made by us: 400. */
export function requireBasedOn(body: Record<string, unknown>): number {
  const raw = body.basedOn;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) throw new HttpError(400);
  return Number(raw);
}

export interface TemplateFormData {
  sections: TemplateSection[];
  checklist: TemplateChecklistItem[];
  note: string;
}

type Fields<S extends z.ZodType> = z.output<S>;
interface Row<T> {
  key: string | null;
  position: number;
  data: T;
}

const text = (value: unknown): unknown => (typeof value === 'string' || value === undefined ? value : '');

/** The submitted values of a group's fields, for its schema. */
function groupInput(body: Record<string, unknown>, group: string, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, text(body[fieldName(group, field)])]));
}

/** The form indices of the rows of a kind (`section-<i>-key` fields), in form order. */
export function rowIndices(body: Record<string, unknown>, kind: string): number[] {
  const pattern = new RegExp(`^${kind}-(\\d{1,3})-key$`);
  return Object.keys(body)
    .map((name) => pattern.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function parseRows<S extends z.ZodObject>(
  body: Record<string, unknown>,
  kind: string,
  newGroup: string,
  schema: S,
  errors: FieldError[],
): { rows: Row<Fields<S>>[]; kept: number } {
  const fields = Object.keys(schema.shape);
  const rows: Row<Fields<S>>[] = [];
  let kept = 0;
  const parseGroup = (group: string, key: string | null, position: number) => {
    kept++;
    const result = parseForm(schema, groupInput(body, group, fields));
    if (result.ok) rows.push({ key, position, data: result.data });
    else errors.push(...result.errors.map((error) => ({ ...error, field: fieldName(group, error.field) })));
  };
  for (const [position, index] of rowIndices(body, kind).entries()) {
    const group = `${kind}-${index}`;
    const key = body[fieldName(group, 'key')];
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw new HttpError(400);
    if (body[fieldName(group, 'remove')] === 'ja') continue;
    parseGroup(group, key, position);
  }
  // The empty group adds a row only when something was written in it.
  const added = groupInput(body, newGroup, fields);
  if (fields.some((field) => field !== 'order' && typeof added[field] === 'string' && (added[field] as string).trim() !== '')) {
    parseGroup(newGroup, null, Number.MAX_SAFE_INTEGER);
  }
  return { rows, kept };
}

/** Rows in their new order: by order number, rows without one where they were. */
function ordered<T extends { order: number | null }>(rows: Row<T>[]): Row<T>[] {
  const rank = (row: Row<T>) => row.data.order ?? row.position + 1;
  return rows.slice().sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

/** Keys for the rows: their own, and for a new row one made from its Danish title. */
function withKeys<T>(rows: Row<T>[], taken: Set<string>, titleDa: (data: T) => string, fallback: string): { key: string; data: T }[] {
  return rows.map((row) => {
    if (row.key !== null) return { key: row.key, data: row.data };
    const key = firstFreeSlug(slugOf(titleDa(row.data)) || fallback, taken);
    taken.add(key);
    return { key, data: row.data };
  });
}

export function parseTemplateForm(
  body: Record<string, unknown>,
): { ok: true; data: TemplateFormData } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const sectionRows = parseRows(body, SECTION, NEW_SECTION, sectionFieldsSchema, errors);
  const itemRows = parseRows(body, ITEM, NEW_ITEM, checklistFieldsSchema, errors);
  const note = parseForm(noteSchema, { note: text(body.note) });
  if (!note.ok) errors.push(...note.errors);

  // Every submitted key counts as taken, removed ones too: a key names one section for good.
  const submittedKeys = (kind: string) => rowIndices(body, kind).map((index) => String(body[fieldName(`${kind}-${index}`, 'key')]));
  const sectionKeys = submittedKeys(SECTION);
  const itemKeys = submittedKeys(ITEM);
  if (new Set(sectionKeys).size !== sectionKeys.length || new Set(itemKeys).size !== itemKeys.length) throw new HttpError(400);

  if (sectionRows.kept === 0) errors.push({ field: SECTIONS_ANCHOR, key: `${E}.noSections` });
  if (sectionRows.kept > LIMITS.sections)
    errors.push({ field: SECTIONS_ANCHOR, key: `${E}.tooManySections`, params: { max: LIMITS.sections } });
  if (itemRows.kept > LIMITS.checklistItems) {
    errors.push({ field: CHECKLIST_ANCHOR, key: `${E}.tooManyItems`, params: { max: LIMITS.checklistItems } });
  }
  if (!note.ok || errors.length > 0) return { ok: false, errors };

  const sections = withKeys(ordered(sectionRows.rows), new Set(sectionKeys), (d) => d.titleDa, 'afsnit').map(({ key, data }) => ({
    key,
    titleDa: data.titleDa,
    titleEn: data.titleEn,
    guidanceDa: data.guidanceDa,
    guidanceEn: data.guidanceEn,
  }));
  const checklist = withKeys(ordered(itemRows.rows), new Set(itemKeys), (d) => d.textDa, 'punkt').map(({ key, data }) => ({
    key,
    textDa: data.textDa,
    textEn: data.textEn,
    guidanceDa: data.guidanceDa,
    guidanceEn: data.guidanceEn,
  }));
  return { ok: true, data: { sections, checklist, note: note.data.note } };
}

/** The maxlength of every field of the form, by field name (the inputs' ids), for the row groups it shows. */
export function templateFormLimits(rowGroups: readonly string[]): Record<string, number> {
  const limits: Record<string, number> = { ...maxLengths(noteSchema) };
  const add = (group: string, schema: z.ZodObject) => {
    for (const [field, max] of Object.entries(maxLengths(schema))) limits[fieldName(group, field)] = max;
  };
  for (const group of rowGroups) add(group, group.startsWith(`${ITEM}-`) ? checklistFieldsSchema : sectionFieldsSchema);
  add(NEW_SECTION, sectionFieldsSchema);
  add(NEW_ITEM, checklistFieldsSchema);
  return limits;
}
