// The vocabulary forms: names in Danish and English (both required), the place in the
// order (edit only: a number, the simplest control that works without JS and reads
// well to a screen reader), and the merge's target. The path's kind is one of four
// Danish words; anything else is a 404.
import { z } from 'zod';
import { requiredText } from '../../validation/fields.js';
import { HttpError } from '../../errors.js';
import { parseId } from '../../validation/ids.js';
import type { VocabularyKind } from './vocabulary-options.js';

export const NAME_MAX = 100;
/** Within PostgreSQL's integer; a new value goes after the highest, so there is always room. */
export const SORT_ORDER_MAX = 999_999_999;

/** The kinds as they appear in paths (/administration/ordlister/:kind). */
export const KIND_PATHS: Record<string, VocabularyKind> = {
  omraader: 'localArea',
  fagomraader: 'fieldOfWork',
  maalgrupper: 'targetGroup',
  kompetencer: 'skillArea',
};

export const PATH_OF_KIND: Record<VocabularyKind, string> = {
  localArea: 'omraader',
  fieldOfWork: 'fagomraader',
  targetGroup: 'maalgrupper',
  skillArea: 'kompetencer',
};

export function kindOfPath(path: unknown): VocabularyKind | null {
  return typeof path === 'string' && Object.hasOwn(KIND_PATHS, path) ? KIND_PATHS[path]! : null;
}

export const vocabularySchema = z.object({
  nameDa: requiredText(NAME_MAX, 'vocabularies.errors.nameDaRequired'),
  nameEn: requiredText(NAME_MAX, 'vocabularies.errors.nameEnRequired'),
});
export type VocabularyForm = z.output<typeof vocabularySchema>;

export const vocabularyEditSchema = vocabularySchema.extend({
  sortOrder: z
    .string({ error: 'vocabularies.errors.sortOrderRequired' })
    .trim()
    .min(1, { error: 'vocabularies.errors.sortOrderRequired' })
    .regex(/^\d{1,9}$/, { error: 'vocabularies.errors.sortOrderInvalid' })
    .transform(Number)
    .refine((n) => n <= SORT_ORDER_MAX, { error: 'vocabularies.errors.sortOrderInvalid' }),
});

export const mergeSchema = z.object({
  targetId: z
    .string({ error: 'vocabularies.errors.targetRequired' })
    .min(1, { error: 'vocabularies.errors.targetRequired' })
    .refine((value) => parseId(value) !== null, { error: 'vocabularies.errors.targetInvalid' })
    .transform(Number),
});

/** The fingerprint an edit form was loaded with (vocabulary-service.ts); a form without one was not made by us: 400. */
export function requireLoaded(body: unknown): string {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).loaded : undefined;
  if (typeof raw !== 'string' || !/^[0-9a-f]{16}$/.test(raw)) throw new HttpError(400);
  return raw;
}
