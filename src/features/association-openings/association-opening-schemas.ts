// The association's opening form (new and edit) and the status actions. Messages are
// locale keys (src/i18n/locales/*/association-openings.json). Default (strip)
// objects: status, associationId, publishedAt and the like are not fields of this
// form and are dropped if someone adds them (mass assignment, ASVS 8.2.3).
import { z } from 'zod';
import { Commitment, VolunteeringForm } from '../../generated/prisma/enums.js';
import { parseId } from '../../validation/ids.js';
import { asList, optionalText, PHONE_PATTERN, requiredText, whenMissing } from '../../validation/fields.js';
import { optionalCalendarDate } from '../../validation/dates.js';

export const LIMITS = {
  title: 150,
  summary: 300,
  description: 10_000,
  tasks: 4000,
  timeCommitment: 200,
  place: 200,
  skills: 2000,
  contactName: 150,
  contactEmail: 254,
  contactPhone: 40,
} as const;

const optionalDate = optionalCalendarDate('associationOpenings.errors.dateInvalid');

/** Checkbox groups: absent, one value, or several; each must be a row id. */
const idList = z
  .union([z.string(), z.array(z.string()).max(100)])
  .optional()
  .transform((value, ctx) => {
    const values = asList(value);
    const ids = values.map(parseId).filter((id): id is number => id !== null);
    if (ids.length !== values.length) {
      ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
      return z.NEVER;
    }
    return [...new Set(ids)];
  });

const optionalId = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const id = parseId(value);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: 'validation.invalid' });
      return z.NEVER;
    }
    return id;
  });

export const openingFormSchema = z
  .object({
    title: requiredText(LIMITS.title, 'associationOpenings.errors.titleRequired'),
    summary: requiredText(LIMITS.summary, 'associationOpenings.errors.summaryRequired'),
    description: requiredText(LIMITS.description, 'associationOpenings.errors.descriptionRequired'),
    tasks: optionalText(LIMITS.tasks),
    volunteeringForm: z.enum(VolunteeringForm, { error: 'associationOpenings.errors.volunteeringFormRequired' }),
    commitment: z.enum(Commitment, { error: 'associationOpenings.errors.commitmentRequired' }),
    timeCommitment: requiredText(LIMITS.timeCommitment, 'associationOpenings.errors.timeCommitmentRequired'),
    place: requiredText(LIMITS.place, 'associationOpenings.errors.placeRequired'),
    localAreaId: optionalId,
    /** The collaboration agreement the opening is part of (checked against the association's agreements in the service). */
    agreementId: optionalId,
    targetGroupIds: idList,
    skillAreaIds: idList,
    skills: optionalText(LIMITS.skills),
    childCertificateRequired: z
      .enum(['ja', 'nej'], { error: 'associationOpenings.errors.childCertificateRequired' })
      .transform((value) => value === 'ja'),
    startsOn: optionalDate,
    endsOn: optionalDate,
    deadline: optionalDate,
    contactName: requiredText(LIMITS.contactName, 'associationOpenings.errors.contactNameRequired'),
    contactEmail: z
      .string({ error: whenMissing('associationOpenings.errors.contactEmailRequired') })
      .trim()
      .min(1, { error: 'associationOpenings.errors.contactEmailRequired' })
      .max(LIMITS.contactEmail)
      .pipe(z.email({ error: 'associationOpenings.errors.contactEmailInvalid' })),
    contactPhone: z
      .string()
      .trim()
      .max(LIMITS.contactPhone)
      .refine((value) => value === '' || PHONE_PATTERN.test(value), { error: 'associationOpenings.errors.contactPhoneInvalid' })
      .optional()
      .transform((value) => (value ? value : null)),
  })
  .superRefine((data, ctx) => {
    if (data.startsOn && data.endsOn && data.endsOn < data.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'associationOpenings.errors.endBeforeStart' });
    }
  });

export type OpeningFormData = z.output<typeof openingFormSchema>;

/** The choices of the form's radio groups, in the form's order. */
export const VOLUNTEERING_FORMS = Object.values(VolunteeringForm);
export const COMMITMENTS = Object.values(Commitment);

/** Which button sent the form: save as it is, save as draft, or save and publish. */
export const submitActionSchema = z.enum(['gem', 'kladde', 'offentliggoer']).catch('gem');
