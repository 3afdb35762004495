// The one place that knows which vocabulary values a form or a search filter may offer.
// A retired value (retired_at set) is hidden from every form and filter, but a row that
// already has it keeps it: its edit form offers it again (marked "(udfaset)") so saving
// does not silently drop it, and only that row may submit it. Services of the features
// that use the vocabularies (associations, openings, calendar, search) call this module
// rather than each repeating the `retired_at IS NULL` rule.
import type { TFunction } from 'i18next';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { Language } from '../../i18n/i18n.js';

export const VOCABULARY_KINDS = ['localArea', 'fieldOfWork', 'targetGroup', 'skillArea'] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

/** Table names; constants of this file, so safe to splice into SQL. */
export const VOCABULARY_TABLES: Record<VocabularyKind, string> = {
  localArea: 'local_areas',
  fieldOfWork: 'fields_of_work',
  targetGroup: 'target_groups',
  skillArea: 'skill_areas',
};

export interface VocabularyValue {
  id: number;
  slug: string;
  nameDa: string;
  nameEn: string;
  retired: boolean;
}

/** Something that can run raw SQL: the client or a transaction. */
type SqlClient = Pick<PrismaClient, '$queryRaw'>;

/** The value's name in the reader's language, with "(udfaset)" when it is retired. */
export function choiceLabel(value: VocabularyValue, lang: Language, t: TFunction): string {
  const name = lang === 'en' ? value.nameEn : value.nameDa;
  return value.retired ? `${name} ${t('vocabularies.retiredMark')}` : name;
}

const ids = (values: readonly number[]) => Prisma.sql`${[...new Set(values)]}::int[]`;

export function vocabularyOptions(prisma: SqlClient) {
  /**
   * The values a form offers, in their order: the active ones, plus `keep` — the values
   * the row being edited already has, even if retired since.
   */
  async function choices(kind: VocabularyKind, keep: readonly number[] = []): Promise<VocabularyValue[]> {
    return prisma.$queryRaw<VocabularyValue[]>`
      SELECT id, slug, name_da AS "nameDa", name_en AS "nameEn", retired_at IS NOT NULL AS retired
        FROM ${Prisma.raw(VOCABULARY_TABLES[kind])}
       WHERE retired_at IS NULL OR id = ANY(${ids(keep)})
       ORDER BY sort_order, id`;
  }

  return {
    choices,

    /** Only the active values (search filters, the choices of a new row's form). */
    active(kind: VocabularyKind): Promise<VocabularyValue[]> {
      return choices(kind);
    },

    /** Every kind's active values in one statement (the openings search reads them per request). */
    async activeOfEvery(): Promise<Record<VocabularyKind, VocabularyValue[]>> {
      const rows = await prisma.$queryRaw<(VocabularyValue & { kind: VocabularyKind })[]>(
        Prisma.sql`${Prisma.join(
          VOCABULARY_KINDS.map(
            (kind) => Prisma.sql`(SELECT ${Prisma.raw(`'${kind}'`)} AS kind, id, slug, name_da AS "nameDa", name_en AS "nameEn",
                                         false AS retired, sort_order
                                    FROM ${Prisma.raw(VOCABULARY_TABLES[kind])} WHERE retired_at IS NULL)`,
          ),
          ' UNION ALL ',
        )} ORDER BY kind, sort_order, id`,
      );
      const result: Record<VocabularyKind, VocabularyValue[]> = { localArea: [], fieldOfWork: [], targetGroup: [], skillArea: [] };
      for (const { kind, id, slug, nameDa, nameEn } of rows) result[kind].push({ id, slug, nameDa, nameEn, retired: false });
      return result;
    },

    /**
     * Whether every chosen id is one the form may take: an active value, or one the row
     * already had (`keep`). An unknown id, or a retired value the row did not have, is refused.
     */
    async acceptable(kind: VocabularyKind, chosen: readonly number[], keep: readonly number[] = []): Promise<boolean> {
      const wanted = [...new Set(chosen)];
      if (wanted.length === 0) return true;
      const rows = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM ${Prisma.raw(VOCABULARY_TABLES[kind])}
         WHERE id = ANY(${ids(wanted)}) AND (retired_at IS NULL OR id = ANY(${ids(keep)}))`;
      return rows[0]?.n === wanted.length;
    },
  };
}

export type VocabularyOptions = ReturnType<typeof vocabularyOptions>;
