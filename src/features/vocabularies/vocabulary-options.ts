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
export type SqlClient = Pick<PrismaClient, '$queryRaw'>;

/** The value's name in the reader's language, with "(udfaset)" when it is retired. */
export function choiceLabel(value: VocabularyValue, lang: Language, t: TFunction): string {
  const name = lang === 'en' ? value.nameEn : value.nameDa;
  return value.retired ? `${name} ${t('vocabularies.retiredMark')}` : name;
}

const ids = (values: readonly number[]) => Prisma.sql`${[...new Set(values)]}::int[]`;

export type ActiveValues = Record<VocabularyKind, VocabularyValue[]>;

/** Every kind's active values, in one statement. */
async function readActive(client: SqlClient): Promise<ActiveValues> {
  const rows = await client.$queryRaw<(VocabularyValue & { kind: VocabularyKind })[]>(
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

export const VOCABULARY_CACHE_TTL_MS = 60_000;

/**
 * The active values of every kind, kept in the process: the search, the directory and the
 * calendar read them on every view, and they change only when an admin edits a vocabulary.
 * Built once by the composition root (src/services.ts) and handed to every service that
 * reads vocabularies; the vocabulary service calls `invalidate` after every change, so
 * this process shows it at once; another process on the same database sees it within the
 * TTL. Keyed by the client, so each database (each test's, each process's) has its own
 * entry; a transaction's client gets its own short-lived entry (read fresh, inside it).
 */
export interface VocabularyCache {
  /** Every kind's active values as `client` reads them; copies, so a caller may sort or filter them in place. */
  active(client: SqlClient): Promise<ActiveValues>;
  /** Forget every cached entry (the vocabulary service calls this after every change). */
  invalidate(): void;
}

export function createVocabularyCache({ ttlMs = VOCABULARY_CACHE_TTL_MS }: { ttlMs?: number } = {}): VocabularyCache {
  // Replaced, not cleared, by `invalidate`: a WeakMap cannot be emptied.
  let entries = new WeakMap<object, { value: Promise<ActiveValues>; until: number }>();
  return {
    async active(client) {
      const now = performance.now();
      let entry = entries.get(client);
      if (!entry || entry.until <= now) {
        // The promise is kept, so concurrent views share one read; a failed read is not kept.
        const value = readActive(client);
        const fresh = { value, until: now + ttlMs };
        const kept = entries;
        kept.set(client, fresh);
        value.catch(() => {
          if (kept.get(client) === fresh) kept.delete(client);
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
    },
    invalidate() {
      entries = new WeakMap();
    },
  };
}

export function vocabularyOptions(prisma: SqlClient, cache: VocabularyCache) {
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

  const activeOfEvery = (): Promise<ActiveValues> => cache.active(prisma);

  return {
    choices,

    /** Only the active values (search filters, the choices of a new row's form); cached, see above. */
    async active(kind: VocabularyKind): Promise<VocabularyValue[]> {
      return (await activeOfEvery())[kind];
    },

    /** Every kind's active values; read in one statement, then cached (see `VocabularyCache`). */
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
