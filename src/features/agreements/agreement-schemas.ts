// The forms of collaboration-agreement drafts: the new-agreement form (what the
// agreement is, its terms, its partners, what may be public) and the edit form (the
// terms, what the agreement says under each section, each party's part, the budget).
// Messages are locale keys (src/i18n/locales/*/agreements.json). The body parser makes
// no nested objects (extended: false), so repeated groups are flat field names,
// `external-2-email`, `section-14-body`; each name is also its input's id.
import { z } from 'zod';
import { AgreementLevel, type AgreementPartyKind } from '../../generated/prisma/enums.js';
import { parseForm, type FieldError } from '../../validation/form.js';
import { asList, optionalText, requiredText, whenMissing } from '../../validation/fields.js';
import { maxLengths } from '../../validation/limits.js';
import { parseId } from '../../validation/ids.js';
import { optionalCalendarDate } from '../../validation/dates.js';

export const LIMITS = {
  title: 150,
  municipalUnit: 150,
  name: 150,
  contactName: 150,
  contactEmail: 254,
  sectionBody: 4000,
  partyText: 2000,
  budgetLabel: 200,
  paidBy: 150,
  /** The public "how to join in" text. */
  howToJoin: 2000,
  /** Associations in one agreement (keeps the edit form inside the body parser's parameter limit, src/app.ts). */
  associations: 20,
  /** External partners one submit of the new form can add. */
  externalPartners: 3,
  /** Budget lines an agreement can have (keeps a full form inside the body parser's limits). */
  budgetLines: 30,
  noticeMonths: { min: 0, max: 36 },
  reviewIntervalMonths: { min: 1, max: 60 },
  amountDkk: { min: 0, max: 100_000_000 },
} as const;

const E = 'agreements.errors';

/** The levels of the collaboration ladder, in the form's order. */
export const LEVELS = Object.values(AgreementLevel);

/** The public-field choices: the form's checkbox values and the columns they set. */
export const PUBLIC_FIELDS = {
  purpose: 'publicPurpose',
  partners: 'publicPartners',
  level: 'publicLevel',
  howToJoin: 'publicHowToJoin',
} as const;
export type PublicField = keyof typeof PUBLIC_FIELDS;
export const PUBLIC_FIELD_NAMES = Object.keys(PUBLIC_FIELDS) as PublicField[];

const optionalDate = optionalCalendarDate(`${E}.dateInvalid`);

/** A whole number in a range, or blank (null). */
const optionalWholeNumber = (range: { min: number; max: number }, key: string) =>
  z
    .string()
    .trim()
    .max(9, { error: key })
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const number = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(number >= range.min && number <= range.max)) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return number;
    });

/** The agreement's period and rhythm: on the new form and the edit form. */
const termsShape = {
  startsOn: optionalDate,
  endsOn: optionalDate,
  noticeMonths: optionalWholeNumber(LIMITS.noticeMonths, `${E}.noticeMonthsRange`),
  reviewIntervalMonths: optionalWholeNumber(LIMITS.reviewIntervalMonths, `${E}.reviewIntervalRange`),
};

const TERMS_FIELDS = Object.keys(termsShape);

/** A field's raw value as a form field: a string, missing, or (anything else) blank. */
const text = (value: unknown): unknown => (typeof value === 'string' || value === undefined ? value : '');

/**
 * The terms' cross-field rule (the end not before the start), checked on the raw input
 * rather than as a refinement of the parsed object: zod skips an object's refinements
 * once one of its fields fails, which showed the errors of one form over several submits.
 */
function endBeforeStartErrors(body: Record<string, unknown>): FieldError[] {
  const start = termsShape.startsOn.safeParse(text(body.startsOn));
  const end = termsShape.endsOn.safeParse(text(body.endsOn));
  if (start.success && end.success && start.data && end.data && end.data < start.data) {
    return [{ field: 'endsOn', key: `${E}.endBeforeStart` }];
  }
  return [];
}

/** Errors in the order of their fields on the form, so the summary lists them as the reader meets them. */
function inFormOrder(errors: FieldError[], order: readonly string[]): FieldError[] {
  const rank = (field: string) => {
    const index = order.indexOf(field);
    return index === -1 ? order.length : index;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** Checkboxes of associations: absent, one value, or several; each must be a row id. */
const associationIds = z
  .union([z.string(), z.array(z.string()).max(200)])
  .optional()
  .transform((value, ctx) => {
    const values = asList(value);
    const ids = values.map(parseId).filter((id): id is number => id !== null);
    if (ids.length !== values.length) {
      ctx.addIssue({ code: 'custom', message: `${E}.unknownPartner` });
      return z.NEVER;
    }
    const unique = [...new Set(ids)];
    if (unique.length > LIMITS.associations) {
      ctx.addIssue({ code: 'custom', message: `${E}.tooManyAssociations` });
      return z.NEVER;
    }
    return unique;
  });

const publicFields = z
  .union([z.string(), z.array(z.string()).max(10)])
  .optional()
  .transform((value) => new Set(asList(value).filter((v): v is PublicField => PUBLIC_FIELD_NAMES.includes(v as PublicField))));

export const newAgreementSchema = z.object({
  title: requiredText(LIMITS.title, `${E}.titleRequired`),
  municipalUnit: requiredText(LIMITS.municipalUnit, `${E}.municipalUnitRequired`),
  level: z.enum(AgreementLevel, { error: `${E}.levelRequired` }),
  ...termsShape,
  associationIds,
  publicFields,
  howToJoin: optionalText(LIMITS.howToJoin),
});

export const externalPartnerSchema = z.object({
  name: requiredText(LIMITS.name, `${E}.externalNameRequired`),
  contactEmail: z
    .string({ error: whenMissing(`${E}.externalEmailRequired`) })
    .trim()
    .min(1, { error: `${E}.externalEmailRequired` })
    .max(LIMITS.contactEmail)
    .pipe(z.email({ error: `${E}.externalEmailInvalid` })),
  contactName: optionalText(LIMITS.contactName),
});

export type ExternalPartner = z.output<typeof externalPartnerSchema>;

/** The field names of a repeated group: `external-2-email`. */
export const fieldName = (group: string, field: string) => `${group}-${field}`;
export const externalGroup = (n: number) => `external-${n}`;
/** Where the "choose at least one partner" error points: the first association checkbox, or the first external name. */
export const PARTNERS_ANCHOR = 'partners';

export type NewAgreementData = z.output<typeof newAgreementSchema> & { externals: ExternalPartner[] };

/** Parses one group of fields with its schema, giving its errors the group's field names. */
function parseGroup<S extends z.ZodObject>(schema: S, body: Record<string, unknown>, group: string, errors: FieldError[]) {
  const input = Object.fromEntries(Object.keys(schema.shape).map((field) => [field, text(body[fieldName(group, field)])]));
  const result = parseForm(schema, input);
  if (!result.ok) errors.push(...result.errors.map((error) => ({ ...error, field: fieldName(group, error.field) })));
  return result.ok ? result.data : null;
}

const blank = (body: Record<string, unknown>, group: string, fields: readonly string[]) =>
  fields.every((field) => {
    const value = body[fieldName(group, field)];
    return typeof value !== 'string' || value.trim() === '';
  });

/**
 * Parses the new-agreement form in one pass: every field, every external partner row,
 * and the cross-field rules (the end not before the start, at least one partner) on the
 * raw input, so one submit shows every error, whatever else fails.
 */
export function parseNewAgreementForm(
  body: Record<string, unknown>,
): { ok: true; data: NewAgreementData } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const main = parseForm(newAgreementSchema, body);
  if (!main.ok) errors.push(...main.errors);
  errors.push(...endBeforeStartErrors(body));
  const externals: ExternalPartner[] = [];
  const externalFields = Object.keys(externalPartnerSchema.shape);
  const order: string[] = ['title', 'municipalUnit', 'level', ...TERMS_FIELDS, PARTNERS_ANCHOR, 'associationIds'];
  let externalRows = 0;
  for (let n = 1; n <= LIMITS.externalPartners; n++) {
    const group = externalGroup(n);
    order.push(...externalFields.map((field) => fieldName(group, field)));
    // An empty row is a partner not added, not an error; a row begun needs its name and e-mail.
    if (blank(body, group, externalFields)) continue;
    externalRows++;
    const partner = parseGroup(externalPartnerSchema, body, group, errors);
    if (partner) externals.push(partner);
  }
  order.push('howToJoin', 'publicFields');
  // At least one partner: an association ticked (known or not: that is its own error) or an external row begun.
  if (asList(body.associationIds).length === 0 && externalRows === 0) {
    errors.push({ field: PARTNERS_ANCHOR, key: `${E}.partnerRequired` });
  }
  if (!main.ok || errors.length > 0) return { ok: false, errors: inFormOrder(errors, order) };
  return { ok: true, data: { ...main.data, externals } };
}

export function newAgreementLimits(): Record<string, number> {
  const limits: Record<string, number> = { ...maxLengths(newAgreementSchema) };
  for (let n = 1; n <= LIMITS.externalPartners; n++) {
    for (const [field, max] of Object.entries(maxLengths(externalPartnerSchema))) limits[fieldName(externalGroup(n), field)] = max;
  }
  return limits;
}

// The edit form.

export const termsSchema = z.object(termsShape);
/** The public "how to join in" text: on the edit form outside the terms, as it is no term. */
export const howToJoinSchema = z.object({ howToJoin: optionalText(LIMITS.howToJoin) });
export const sectionBodySchema = z.object({ body: optionalText(LIMITS.sectionBody) });
export const partySchema = z.object({
  tasks: optionalText(LIMITS.partyText),
  contributes: optionalText(LIMITS.partyText),
  childCertificates: z.literal('ja').optional(),
  personalData: z.literal('ja').optional(),
});
/** An e-mail address or blank (null). */
const optionalEmail = z
  .string()
  .trim()
  .max(LIMITS.contactEmail)
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!z.email().safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: `${E}.externalEmailInvalid` });
      return z.NEVER;
    }
    return value;
  });
/**
 * An association's contact on the edit form. The e-mail may be blank: then the
 * association's e-mail from the register is used (agreement-service.ts update).
 */
export const associationContactSchema = z.object({
  contactEmail: optionalEmail,
  contactName: optionalText(LIMITS.contactName),
});
/** An external partner's name and contact on the edit form: as on the new form, as its answer link goes to the e-mail. */
export const externalContactSchema = externalPartnerSchema;

export const budgetLineSchema = z.object({
  label: requiredText(LIMITS.budgetLabel, `${E}.budgetLabelRequired`),
  amount: z
    .string({ error: `${E}.budgetAmountRequired` })
    .trim()
    .min(1, { error: `${E}.budgetAmountRequired` })
    .max(12, { error: `${E}.budgetAmountInvalid` })
    .transform((value, ctx) => {
      // Danish thousands separators ("12.500") and spaces are allowed; whole kroner only.
      const digits = value.replace(/[.\s]/g, '');
      const number = /^\d+$/.test(digits) ? Number(digits) : NaN;
      if (!(number >= LIMITS.amountDkk.min && number <= LIMITS.amountDkk.max)) {
        ctx.addIssue({ code: 'custom', message: `${E}.budgetAmountInvalid` });
        return z.NEVER;
      }
      return number;
    }),
  paidBy: optionalText(LIMITS.paidBy),
});

export const sectionGroup = (id: number) => `section-${id}`;
export const partyGroup = (id: number) => `party-${id}`;
export const budgetGroup = (index: number) => `budget-${index}`;

/** A partner's contact as the edit form gives it: `name` only for an external partner; a blank e-mail is null. */
export interface PartyContact {
  name: string | null;
  contactName: string;
  contactEmail: string | null;
}

/** The contact fields a party of this kind has on the edit form (the municipality has none). */
export const contactSchemaFor = (kind: AgreementPartyKind | undefined): z.ZodObject | null =>
  kind === 'EXTERNAL' ? externalContactSchema : kind === 'ASSOCIATION' ? associationContactSchema : null;

export interface EditAgreementData {
  terms: z.output<typeof termsSchema>;
  /** Section id → body, for the sections on the form. */
  sections: Map<number, string>;
  /** Party id → its part, for the parties on the form. */
  parties: Map<
    number,
    {
      tasks: string;
      contributes: string;
      checksChildCertificates: boolean;
      handlesPersonalData: boolean;
      /** A partner's contact (and an external partner's name) when its fields were on the form. */
      contact: PartyContact | null;
    }
  >;
  budgetLines: { label: string; amountDkk: number; paidBy: string }[];
  howToJoin: string;
}

/** The ids of the groups of a kind on the form (`section-<id>-body`), in form order. */
function groupIds(body: Record<string, unknown>, kind: string, field: string): number[] {
  const pattern = new RegExp(`^${kind}-(\\d{1,10})-${field}$`);
  return Object.keys(body)
    .map((name) => parseId(pattern.exec(name)?.[1]))
    .filter((id): id is number => id !== null)
    .sort((a, b) => a - b);
}

/** The budget rows on the form: its indices in order (existing rows and the empty ones to add). */
export function budgetIndices(body: Record<string, unknown>): number[] {
  return Object.keys(body)
    .map((name) => /^budget-(\d{1,2})-label$/.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export const PARTY_FLAG_FIELDS = ['childCertificates', 'personalData'] as const;

/**
 * Parses the edit form in one pass (every error at once, as the new form). `partyKinds`
 * are the kinds of the agreement's parties, in its order: they decide which contact
 * fields a party has and which of them are required.
 */
export function parseEditAgreementForm(
  body: Record<string, unknown>,
  partyKinds: ReadonlyMap<number, AgreementPartyKind>,
): { ok: true; data: EditAgreementData } | { ok: false; errors: FieldError[] } {
  const terms = parseForm(termsSchema, body);
  const errors: FieldError[] = inFormOrder([...(terms.ok ? [] : terms.errors), ...endBeforeStartErrors(body)], TERMS_FIELDS);
  const sections = new Map<number, string>();
  for (const id of groupIds(body, 'section', 'body')) {
    const parsed = parseGroup(sectionBodySchema, body, sectionGroup(id), errors);
    if (parsed) sections.set(id, parsed.body);
  }
  const about = parseForm(howToJoinSchema, body);
  if (!about.ok) errors.push(...about.errors);
  const parties: EditAgreementData['parties'] = new Map();
  // In the agreement's order of its parties (the form's), so are their errors.
  const partyOrder = [...partyKinds.keys()];
  const rank = (id: number) => (partyOrder.includes(id) ? partyOrder.indexOf(id) : partyOrder.length);
  for (const id of groupIds(body, 'party', 'tasks').sort((a, b) => rank(a) - rank(b))) {
    const group = partyGroup(id);
    const contactSchema = contactSchemaFor(partyKinds.get(id));
    // Contact fields only when they were on the form (a form from before they were is no error).
    const contactOnForm = contactSchema !== null && Object.hasOwn(body, fieldName(group, 'contactEmail'));
    const contact = contactOnForm ? parseGroup(contactSchema, body, group, errors) : null;
    const parsed = parseGroup(partySchema, body, group, errors);
    if (parsed) {
      parties.set(id, {
        tasks: parsed.tasks,
        contributes: parsed.contributes,
        checksChildCertificates: parsed.childCertificates === 'ja',
        handlesPersonalData: parsed.personalData === 'ja',
        contact: contact ? partyContact(contact) : null,
      });
    }
  }
  const budgetLines: EditAgreementData['budgetLines'] = [];
  const budgetFields = Object.keys(budgetLineSchema.shape);
  for (const index of budgetIndices(body)) {
    // A cleared row is a line removed; an empty one is a line not added.
    if (blank(body, budgetGroup(index), budgetFields)) continue;
    const parsed = parseGroup(budgetLineSchema, body, budgetGroup(index), errors);
    if (parsed) budgetLines.push({ label: parsed.label, amountDkk: parsed.amount, paidBy: parsed.paidBy });
  }
  if (budgetLines.length > LIMITS.budgetLines)
    errors.push({ field: 'budget-0-label', key: `${E}.tooManyBudgetLines`, params: { max: LIMITS.budgetLines } });
  if (!terms.ok || !about.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { terms: terms.data, sections, parties, budgetLines, howToJoin: about.data.howToJoin } };
}

/** The parsed contact fields of either kind as one shape. */
function partyContact(parsed: Record<string, unknown>): PartyContact {
  return {
    name: typeof parsed.name === 'string' ? parsed.name : null,
    contactName: typeof parsed.contactName === 'string' ? parsed.contactName : '',
    contactEmail: typeof parsed.contactEmail === 'string' && parsed.contactEmail !== '' ? parsed.contactEmail : null,
  };
}

/** The maxlength of every field of the edit form, by field name, for the groups it shows. */
export function editAgreementLimits(groups: {
  sectionIds: number[];
  parties: { id: number; kind: AgreementPartyKind }[];
  budgetRows: number;
}): Record<string, number> {
  const limits: Record<string, number> = { ...maxLengths(termsSchema), ...maxLengths(howToJoinSchema) };
  const add = (group: string, schema: z.ZodObject) => {
    for (const [field, max] of Object.entries(maxLengths(schema))) limits[fieldName(group, field)] = max;
  };
  for (const id of groups.sectionIds) add(sectionGroup(id), sectionBodySchema);
  for (const party of groups.parties) {
    add(partyGroup(party.id), partySchema);
    const contactSchema = contactSchemaFor(party.kind);
    if (contactSchema) add(partyGroup(party.id), contactSchema);
  }
  for (let index = 0; index < groups.budgetRows; index++) add(budgetGroup(index), budgetLineSchema);
  return limits;
}
