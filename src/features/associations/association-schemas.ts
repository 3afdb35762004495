// The association forms, parsed with zod. Objects are zod's default (strip), so a
// posted `status`, `role` or `associationId` is simply dropped (ASVS 8.2.3). Every
// text has a maximum length. Messages are locale keys (src/validation/form.ts).
// Which fields of work and local areas exist is data, so the profile schema is made
// from the options loaded for this request (a schema factory: the allowed ids are
// read first, then the schema is built from them). The version an edit form carries
// is read by requireVersion (src/validation/version.ts), not by these schemas.
import { z } from 'zod';
import { asList, webAddress } from '../../validation/fields.js';
import { OrganisationType } from '../../generated/prisma/enums.js';
import { checkPasswordFields, newPasswordSchema, passwordRepeatSchema, PASSWORD_FIELDS_ALWAYS } from '../auth/password-rules.js';
import { HONEYPOT_FIELD } from '../../validation/honeypot.js';
import { hasCvrFormat, hasValidCvrCheckDigit, normaliseCvr } from './cvr.js';

const E = 'associations.form.errors';

export const ORGANISATION_TYPES = Object.values(OrganisationType);

/** Empty text fields arrive as ""; an optional field left empty is "not given". */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function requiredText(max: number, requiredKey: string) {
  return z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(max, { error: 'validation.tooLong' });
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(emptyToUndefined, schema.optional());
}

/** The association's website: the one rule for web addresses (src/validation/fields.ts). */
export const websiteSchema = webAddress(500);

export const cvrSchema = z
  .string()
  .transform(normaliseCvr)
  .refine(hasCvrFormat, { error: `${E}.cvrFormat`, abort: true })
  .refine(hasValidCvrCheckDigit, { error: `${E}.cvrCheckDigit` });

const emailSchema = (requiredKey: string) =>
  z
    .string({ error: requiredKey })
    .trim()
    .min(1, { error: requiredKey })
    .max(254, { error: 'validation.tooLong' })
    .pipe(z.email({ error: 'validation.email' }))
    .transform((value) => value.toLowerCase());

export interface ProfileOptions {
  fieldOfWorkIds: ReadonlySet<number>;
  localAreaIds: ReadonlySet<number>;
}

const PROFILE_LIMITS = { name: 150, description: 4000, contactName: 150, phone: 30 } as const;

/** The association's public profile: shared by registration and the member's edit form. */
export function profileShape(options: ProfileOptions) {
  return {
    name: requiredText(PROFILE_LIMITS.name, `${E}.nameRequired`),
    organisationType: z.enum(OrganisationType, { error: `${E}.organisationTypeRequired` }),
    fieldsOfWork: z.preprocess(
      asList,
      z
        .array(z.string().max(12), { error: `${E}.fieldsOfWorkRequired` })
        .max(50)
        .transform((ids) => [...new Set(ids.map(Number))])
        // Required while there is something to choose: a new portal without fields of work
        // (none added by an admin yet) must not make registration impossible.
        .refine((ids) => ids.length > 0 || options.fieldOfWorkIds.size === 0, { error: `${E}.fieldsOfWorkRequired`, abort: true })
        .refine((ids) => ids.every((id) => options.fieldOfWorkIds.has(id)), { error: 'validation.invalid' }),
    ),
    localAreaId: optional(
      z.coerce.number({ error: 'validation.invalid' }).refine((id) => options.localAreaIds.has(id), { error: 'validation.invalid' }),
    ),
    description: requiredText(PROFILE_LIMITS.description, `${E}.descriptionRequired`),
    contactName: requiredText(PROFILE_LIMITS.contactName, `${E}.contactNameRequired`),
    email: optional(emailSchema(`${E}.emailInvalid`)),
    phone: optional(
      z
        .string()
        .trim()
        .max(PROFILE_LIMITS.phone, { error: 'validation.tooLong' })
        .regex(/^\+?[0-9][0-9 ()-]{5,}$/, { error: `${E}.phoneInvalid` }),
    ),
    websiteUrl: optional(websiteSchema),
    cvr: optional(cvrSchema),
  };
}

export function profileSchema(options: ProfileOptions) {
  return z.object(profileShape(options));
}
export type ProfileForm = z.output<ReturnType<typeof profileSchema>>;

const consentSchema = z.literal('ja', { error: `${E}.consentRequired` });

/** Registration by someone already logged in: the association only. */
export function registrationSchema(options: ProfileOptions) {
  return z.object({ ...profileShape(options), consent: consentSchema });
}

/** Registration with the first member's account. */
export function registrationWithAccountSchema(options: ProfileOptions) {
  return z
    .object({
      ...profileShape(options),
      consent: consentSchema,
      accountName: requiredText(150, `${E}.accountNameRequired`),
      accountEmail: emailSchema(`${E}.accountEmailRequired`),
      password: newPasswordSchema,
      passwordRepeat: passwordRepeatSchema,
    })
    .superRefine(
      checkPasswordFields<{ accountEmail: string }>((data) => data.accountEmail),
      PASSWORD_FIELDS_ALWAYS,
    );
}
export type RegistrationForm = z.output<ReturnType<typeof registrationSchema>>;
export type RegistrationWithAccountForm = z.output<ReturnType<typeof registrationWithAccountSchema>>;

/** The fields registration and profile editing must never show again. */
export const SECRET_FIELDS = ['password', 'passwordRepeat', '_csrf', HONEYPOT_FIELD] as const;

export const rejectionSchema = z.object({
  reason: requiredText(2000, 'associations.review.errors.reasonRequired'),
});

/** Staff's reason for suspending or archiving: the members read it (e-mail, notice in their area). */
export const STATUS_REASON_MAX = 1000;
export const suspensionSchema = z.object({
  suspendReason: requiredText(STATUS_REASON_MAX, 'associations.review.errors.suspendReasonRequired'),
});
export const archivingSchema = z.object({
  archiveReason: requiredText(STATUS_REASON_MAX, 'associations.review.errors.archiveReasonRequired'),
});
export const reinstatementSchema = z.object({
  reinstateNote: optional(z.string().trim().max(STATUS_REASON_MAX, { error: 'validation.tooLong' })),
});

export const invitationSchema = z.object({
  email: emailSchema('associations.members.errors.emailRequired'),
});

/** A new account made from an invitation: the e-mail is the invited one. */
export function invitedAccountSchema(invitedEmail: string) {
  return z
    .object({
      accountName: requiredText(150, `${E}.accountNameRequired`),
      password: newPasswordSchema,
      passwordRepeat: passwordRepeatSchema,
    })
    .superRefine(
      checkPasswordFields(() => invitedEmail),
      PASSWORD_FIELDS_ALWAYS,
    );
}
