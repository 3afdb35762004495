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

type ActiveValues = Record<VocabularyKind, VocabularyValue[]>;

/**
 * The active values of every kind, kept in the process: the search, the directory and the
 * calendar read them on every view, and they change only when an admin edits a vocabulary.
 * Every change through the vocabulary service calls `invalidateVocabularies`, so this
 * process shows it at once; another process on the same database sees it within the TTL.
 * Keyed by the client, so each database (each test's, each process's) has its own entry;
 * a transaction's client gets its own short-lived entry.
 */
export const VOCABULARY_CACHE_TTL_MS = 60_000;
const activeCache = new WeakMap<object, { value: Promise<ActiveValues>; until: number }>();

/** Forget the cached active values (the vocabulary service calls this after every change). */
export function invalidateVocabularies(prisma: object): void {
  activeCache.delete(prisma);
}

export function vocabularyOptions(prisma: SqlClient) {
  /**
   * The values a form offers, in their order: the active ones, plus `keep` — the values
   * the row being edited already has, even if retired since.
   */
  async function choices(kind: VocabularyKind, keep: readonly number[] = []): Promise<VocabularyValue[]> {
    // With nothing to keep these are just the active values: from the cache.
    if (keep.length === 0) return (await activeOfEvery())[kind];
    return prisma.$queryRaw<VocabularyValue[]>`
      SELECT id, slug, name_da AS "nameDa", name_en AS "nameEn", retired_at IS NOT NULL AS retired
        FROM ${Prisma.raw(VOCABULARY_TABLES[kind])}
       WHERE retired_at IS NULL OR id = ANY(${ids(keep)})
       ORDER BY sort_order, id`;
  }

  async function readActive(): Promise<ActiveValues> {
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
    const result: ActiveValues = { localArea: [], fieldOfWork: [], targetGroup: [], skillArea: [] };
    for (const { kind, id, slug, nameDa, nameEn } of rows) result[kind].push({ id, slug, nameDa, nameEn, retired: false });
    return result;
  }

  async function activeOfEvery(): Promise<ActiveValues> {
    const now = performance.now();
    let entry = activeCache.get(prisma);
    if (!entry || entry.until <= now) {
      // The promise is kept, so concurrent views share one read; a failed read is not kept.
      const value = readActive();
      const fresh = { value, until: now + VOCABULARY_CACHE_TTL_MS };
      activeCache.set(prisma, fresh);
      value.catch(() => {
        if (activeCache.get(prisma) === fresh) activeCache.delete(prisma);
      });
      entry = fresh;
    }
    const values = await entry.value;
    // Copies of the lists, so a caller that sorts or filters in place cannot change the cache.
    return {
      localArea: [...values.localArea],
      fieldOfWork: [...values.fieldOfWork],
      targetGroup: [...values.targetGroup],
      skillArea: [...values.skillArea],
    };
  }

  return {
    choices,

    /** Only the active values (search filters, the choices of a new row's form); cached, see above. */
    async active(kind: VocabularyKind): Promise<VocabularyValue[]> {
      return (await activeOfEvery())[kind];
    },

    /** Every kind's active values; read in one statement, then cached (see `activeCache`). */
    activeOfEvery,

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
