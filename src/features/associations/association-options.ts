// The choices on the association forms and directory filters: fields of work and
// local areas are rows (data, not code), organisation types an enum with labels in
// the locale files. Labels follow the reader's language.
import type { TFunction } from 'i18next';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Language } from '../../i18n/i18n.js';
import { ORGANISATION_TYPES, type ProfileOptions } from './association-schemas.js';

export interface LookupOption {
  id: number;
  slug: string;
  label: string;
}

export interface AssociationFormOptions extends ProfileOptions {
  fieldsOfWork: LookupOption[];
  localAreas: LookupOption[];
}

type LookupRow = { id: number; slug: string; nameDa: string; nameEn: string };

export function labelOf(row: { nameDa: string; nameEn: string }, lang: Language): string {
  return lang === 'en' ? row.nameEn : row.nameDa;
}

function toOptions(rows: LookupRow[], lang: Language): LookupOption[] {
  return rows.map((row) => ({ id: row.id, slug: row.slug, label: labelOf(row, lang) }));
}

/** The current choices for the registration and profile forms (the schemas are made from them). */
export function createAssociationOptionsService(prisma: PrismaClient) {
  return {
    async formOptions(lang: Language): Promise<AssociationFormOptions> {
      const select = { id: true, slug: true, nameDa: true, nameEn: true } as const;
      const orderBy = [{ sortOrder: 'asc' as const }, { id: 'asc' as const }];
      const [fields, areas] = await Promise.all([
        prisma.fieldOfWork.findMany({ select, orderBy }),
        prisma.localArea.findMany({ select, orderBy }),
      ]);
      return {
        fieldsOfWork: toOptions(fields, lang),
        localAreas: toOptions(areas, lang),
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
