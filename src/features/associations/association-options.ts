// The choices on the association forms and directory filters: fields of work and
// local areas are rows (data, not code), organisation types an enum with labels in
// the locale files. Labels follow the reader's language.
import type { TFunction } from 'i18next';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Language } from '../../i18n/i18n.js';
import { ORGANISATION_TYPES, type ProfileOptions } from './association-schemas.js';
import { choiceLabel, vocabularyOptions, type VocabularyCache, type VocabularyValue } from '../vocabularies/vocabulary-options.js';

export interface LookupOption {
  id: number;
  slug: string;
  label: string;
}

export interface AssociationFormOptions extends ProfileOptions {
  fieldsOfWork: LookupOption[];
  localAreas: LookupOption[];
}

export function labelOf(row: { nameDa: string; nameEn: string }, lang: Language): string {
  return lang === 'en' ? row.nameEn : row.nameDa;
}

function toOptions(rows: VocabularyValue[], lang: Language, t: TFunction): LookupOption[] {
  return rows.map((row) => ({ id: row.id, slug: row.slug, label: choiceLabel(row, lang, t) }));
}

/** The current choices for the registration and profile forms (the schemas are made from them). */
export function createAssociationOptionsService(prisma: PrismaClient, deps: { vocabularyCache: VocabularyCache }) {
  const vocabularies = vocabularyOptions(prisma, deps.vocabularyCache);
  return {
    /**
     * The active fields of work and local areas; for an existing association's profile
     * (`associationId`) also the retired ones it already has, so saving keeps them.
     */
    async formOptions(lang: Language, t: TFunction, associationId?: number): Promise<AssociationFormOptions> {
      const current =
        associationId === undefined
          ? null
          : await prisma.association.findUnique({
              where: { id: associationId },
              select: { localAreaId: true, fieldsOfWork: { select: { id: true } } },
            });
      const [fields, areas] = await Promise.all([
        vocabularies.choices('fieldOfWork', current?.fieldsOfWork.map((f) => f.id) ?? []),
        vocabularies.choices('localArea', current?.localAreaId != null ? [current.localAreaId] : []),
      ]);
      return {
        fieldsOfWork: toOptions(fields, lang, t),
        localAreas: toOptions(areas, lang, t),
        fieldOfWorkIds: new Set(fields.map((f) => f.id)),
        localAreaIds: new Set(areas.map((a) => a.id)),
      };
    },
  };
}

export type AssociationOptionsService = ReturnType<typeof createAssociationOptionsService>;

/** Organisation types as form options, in the enum's order, labelled in the reader's language. */
export function organisationTypeOptions(t: TFunction): { value: string; label: string }[] {
  return ORGANISATION_TYPES.map((type) => ({ value: type, label: t(`associations.organisationTypes.${type}`) }));
}
