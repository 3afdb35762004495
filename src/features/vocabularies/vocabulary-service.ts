// The administration of the four vocabularies (local areas, fields of work, target
// groups, skills): add, rename and reorder, retire and reactivate, and merge one value
// into another. The four tables have the same columns, so one service serves them with
// SQL on a table name chosen from constants (VOCABULARY_TABLES), never from input.
// Every change writes its audit row (`vocabulary.*`, target `<kind>:<id>`) in the same
// transaction. Which values forms and filters offer is vocabulary-options.ts.
import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, changedFields, type ChangeContext } from '../../audit/audit-log.js';
import { firstFreeSlug, slugOf } from '../../text/slug.js';
import type { FieldError } from '../../validation/form.js';
import { VOCABULARY_KINDS, VOCABULARY_TABLES, type VocabularyCache, type VocabularyKind } from './vocabulary-options.js';
import type { VocabularyForm } from './vocabulary-schemas.js';

/** The rows that use a value: openings, associations or activities. */
export const USERS = ['openings', 'associations', 'activities'] as const;
export type UserTable = (typeof USERS)[number];

/** How each kind is used: a column on the using table, or an implicit many-to-many link table ("A" the user, "B" the value). */
type Use = { table: UserTable; column: string } | { table: UserTable; link: string };

const USES: Record<VocabularyKind, Use[]> = {
  localArea: [
    { table: 'openings', column: 'local_area_id' },
    { table: 'associations', column: 'local_area_id' },
    { table: 'activities', column: 'local_area_id' },
  ],
  fieldOfWork: [{ table: 'associations', link: '"_AssociationToFieldOfWork"' }],
  targetGroup: [
    { table: 'openings', link: '"_OpeningToTargetGroup"' },
    { table: 'activities', link: '"_ActivityToTargetGroup"' },
  ],
  skillArea: [{ table: 'openings', link: '"_OpeningToSkillArea"' }],
};

/** Which rows a kind can be used by (the list's columns). */
export function usersOf(kind: VocabularyKind): UserTable[] {
  return USES[kind].map((use) => use.table);
}

export type UsageCounts = Partial<Record<UserTable, number>>;

export interface AdminValue {
  id: number;
  slug: string;
  nameDa: string;
  nameEn: string;
  sortOrder: number;
  retiredAt: Date | null;
  usage: UsageCounts;
}

export interface KindSummary {
  kind: VocabularyKind;
  active: number;
  retired: number;
}

export type SaveOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };
export type StatusOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' };
export type MergeOutcome =
  { ok: true; moved: UsageCounts } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'invalid'; errors: FieldError[] };

type Tx = Prisma.TransactionClient;
type Sql = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

const table = (kind: VocabularyKind) => Prisma.raw(VOCABULARY_TABLES[kind]);
const auditTarget = (kind: VocabularyKind, id: number) => `${kind}:${id}`;

type ValueRow = {
  id: number;
  slug: string;
  nameDa: string;
  nameEn: string;
  sortOrder: number;
  retiredAt: Date | null;
};

/**
 * What an edit form was loaded with, in short. The vocabulary tables have no `version`
 * column (src/validation/version.ts), so the edit form carries this instead: a save
 * whose fingerprint no longer matches the row would overwrite another admin's change,
 * and answers 409 like a stale version.
 */
export function fingerprintOf(row: { nameDa: string; nameEn: string; sortOrder: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([row.nameDa, row.nameEn, row.sortOrder]))
    .digest('hex')
    .slice(0, 16);
}

async function findRow(db: Sql, kind: VocabularyKind, id: number): Promise<ValueRow | null> {
  const rows = await db.$queryRaw<ValueRow[]>`
    SELECT id, slug, name_da AS "nameDa", name_en AS "nameEn", sort_order AS "sortOrder", retired_at AS "retiredAt"
      FROM ${table(kind)} WHERE id = ${id}`;
  return rows[0] ?? null;
}

/** How many rows of each using table have the value. */
async function usageOf(db: Sql, kind: VocabularyKind, id: number): Promise<UsageCounts> {
  const usage: UsageCounts = {};
  for (const use of USES[kind]) {
    const rows =
      'column' in use
        ? await db.$queryRaw<
            { n: number }[]
          >`SELECT count(*)::int AS n FROM ${Prisma.raw(use.table)} WHERE ${Prisma.raw(use.column)} = ${id}`
        : await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ${Prisma.raw(use.link)} WHERE "B" = ${id}`;
    usage[use.table] = rows[0]?.n ?? 0;
  }
  return usage;
}

/**
 * A name in either language that another value of the same kind already has (ignoring
 * case and surrounding space), as field errors. Retired values count: reactivating one
 * must not make two values of the same name.
 */
async function duplicateNameErrors(db: Sql, kind: VocabularyKind, form: VocabularyForm, exceptId: number | null): Promise<FieldError[]> {
  const rows = await db.$queryRaw<{ da: boolean; en: boolean }[]>`
    SELECT bool_or(lower(btrim(name_da)) = lower(${form.nameDa})) AS da, bool_or(lower(btrim(name_en)) = lower(${form.nameEn})) AS en
      FROM ${table(kind)} WHERE id <> ${exceptId ?? 0}`;
  const errors: FieldError[] = [];
  // One message per clashing field, saying which language's name is taken.
  if (rows[0]?.da) errors.push({ field: 'nameDa', key: 'vocabularies.errors.nameDaTaken', params: { name: form.nameDa } });
  if (rows[0]?.en) errors.push({ field: 'nameEn', key: 'vocabularies.errors.nameEnTaken', params: { name: form.nameEn } });
  return errors;
}

/**
 * One change of a kind at a time: the duplicate-name check and the write must not
 * interleave with another admin's (there is no unique index on the names).
 */
async function lockKind(tx: Tx, kind: VocabularyKind): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vocabulary:${kind}`}))`;
}

export function createVocabularyService(prisma: PrismaClient, deps: { vocabularyCache: VocabularyCache }) {
  // Forms, filters and labels read the active values from a cache (vocabulary-options.ts):
  // every change here empties it, whether the transaction committed or not.
  const afterChange = <T>(work: Promise<T>): Promise<T> => work.finally(() => deps.vocabularyCache.invalidate());
  return {
    /** Each kind's number of active and retired values. */
    async summary(): Promise<KindSummary[]> {
      const rows = await prisma.$queryRaw<{ kind: VocabularyKind; active: number; retired: number }[]>(
        Prisma.join(
          VOCABULARY_KINDS.map(
            (kind) => Prisma.sql`SELECT ${Prisma.raw(`'${kind}'`)} AS kind, count(*) FILTER (WHERE retired_at IS NULL)::int AS active,
                                        count(*) FILTER (WHERE retired_at IS NOT NULL)::int AS retired FROM ${table(kind)}`,
          ),
          ' UNION ALL ',
        ),
      );
      return VOCABULARY_KINDS.map((kind) => rows.find((row) => row.kind === kind) ?? { kind, active: 0, retired: 0 });
    },

    /**
     * The names another value of the kind already has, as field errors: for a form that
     * failed its other checks, so the summary shows every problem at once.
     */
    takenNames(kind: VocabularyKind, names: VocabularyForm, exceptId: number | null): Promise<FieldError[]> {
      return duplicateNameErrors(prisma, kind, names, exceptId);
    },

    /** A kind's values in their order, with how many rows use each. */
    async list(kind: VocabularyKind): Promise<AdminValue[]> {
      const rows = await prisma.$queryRaw<ValueRow[]>`
        SELECT id, slug, name_da AS "nameDa", name_en AS "nameEn", sort_order AS "sortOrder", retired_at AS "retiredAt"
          FROM ${table(kind)} ORDER BY sort_order, id`;
      const counts = await Promise.all(
        USES[kind].map(async (use) => {
          const grouped =
            'column' in use
              ? await prisma.$queryRaw<{ id: number; n: number }[]>`
                  SELECT ${Prisma.raw(use.column)} AS id, count(*)::int AS n FROM ${Prisma.raw(use.table)}
                   WHERE ${Prisma.raw(use.column)} IS NOT NULL GROUP BY 1`
              : await prisma.$queryRaw<{ id: number; n: number }[]>`
                  SELECT "B" AS id, count(*)::int AS n FROM ${Prisma.raw(use.link)} GROUP BY 1`;
          return { table: use.table, byId: new Map(grouped.map((g) => [g.id, g.n])) };
        }),
      );
      return rows.map((row) => ({
        ...row,
        usage: Object.fromEntries(counts.map(({ table: user, byId }) => [user, byId.get(row.id) ?? 0])),
      }));
    },

    async find(kind: VocabularyKind, id: number): Promise<(ValueRow & { usage: UsageCounts; fingerprint: string }) | null> {
      const row = await findRow(prisma, kind, id);
      return row ? { ...row, usage: await usageOf(prisma, kind, id), fingerprint: fingerprintOf(row) } : null;
    },

    /** The active values of the kind a value can be merged into (all but itself). */
    async mergeTargets(kind: VocabularyKind, sourceId: number): Promise<ValueRow[]> {
      return prisma.$queryRaw<ValueRow[]>`
        SELECT id, slug, name_da AS "nameDa", name_en AS "nameEn", sort_order AS "sortOrder", retired_at AS "retiredAt"
          FROM ${table(kind)} WHERE retired_at IS NULL AND id <> ${sourceId} ORDER BY sort_order, id`;
    },

    /**
     * A new value, placed last. Its slug (used in search links) is made from the Danish
     * name and stays when the value is renamed, so links keep working.
     */
    async create(kind: VocabularyKind, form: VocabularyForm, context: ChangeContext): Promise<SaveOutcome> {
      return afterChange(
        prisma.$transaction(async (tx): Promise<SaveOutcome> => {
          await lockKind(tx, kind);
          const errors = await duplicateNameErrors(tx, kind, form, null);
          if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
          const base = slugOf(form.nameDa) || kind.toLowerCase();
          const taken = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM ${table(kind)} WHERE slug LIKE ${`${base}%`}`;
          const slug = firstFreeSlug(base, new Set(taken.map((t) => t.slug)));
          const created = await tx.$queryRaw<{ id: number; sortOrder: number }[]>`
          INSERT INTO ${table(kind)} (slug, name_da, name_en, sort_order)
          SELECT ${slug}, ${form.nameDa}, ${form.nameEn}, COALESCE(max(sort_order), 0) + 1 FROM ${table(kind)}
          RETURNING id, sort_order AS "sortOrder"`;
          const row = created[0]!;
          await writeAudit(tx, context, {
            action: 'vocabulary.created',
            targetType: 'vocabulary',
            targetId: auditTarget(kind, row.id),
            details: { kind, slug },
            after: { nameDa: form.nameDa, nameEn: form.nameEn, sortOrder: row.sortOrder },
          });
          return { ok: true, id: row.id };
        }),
      );
    },

    /** New names and place in the order, if the row is still as the form was loaded (`loaded`, its fingerprint). */
    async update(
      kind: VocabularyKind,
      id: number,
      loaded: string,
      form: VocabularyForm & { sortOrder: number },
      context: ChangeContext,
    ): Promise<SaveOutcome> {
      return afterChange(
        prisma.$transaction(async (tx): Promise<SaveOutcome> => {
          await lockKind(tx, kind);
          const current = await findRow(tx, kind, id);
          if (!current) return { ok: false, reason: 'not-found' };
          if (fingerprintOf(current) !== loaded) return { ok: false, reason: 'conflict' };
          const errors = await duplicateNameErrors(tx, kind, form, id);
          if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
          await tx.$executeRaw`
          UPDATE ${table(kind)} SET name_da = ${form.nameDa}, name_en = ${form.nameEn}, sort_order = ${form.sortOrder} WHERE id = ${id}`;
          const changes = changedFields(current, form, ['nameDa', 'nameEn', 'sortOrder']);
          if (Object.keys(changes.after ?? {}).length > 0) {
            await writeAudit(tx, context, {
              action: 'vocabulary.changed',
              targetType: 'vocabulary',
              targetId: auditTarget(kind, id),
              details: { kind, slug: current.slug },
              ...changes,
            });
          }
          return { ok: true, id };
        }),
      );
    },

    /** Retire (hide from forms and filters) or reactivate; rows that have the value keep it either way. */
    async setRetired(kind: VocabularyKind, id: number, retire: boolean, context: ChangeContext): Promise<StatusOutcome> {
      return afterChange(
        prisma.$transaction(async (tx): Promise<StatusOutcome> => {
          const current = await findRow(tx, kind, id);
          if (!current) return { ok: false, reason: 'not-found' };
          // Already so (a repeated click, another admin first): nothing to change or audit.
          if ((current.retiredAt !== null) === retire) return { ok: true, changed: false };
          await tx.$executeRaw`UPDATE ${table(kind)} SET retired_at = ${retire ? context.now : null} WHERE id = ${id}`;
          await writeAudit(tx, context, {
            action: retire ? 'vocabulary.retired' : 'vocabulary.reactivated',
            targetType: 'vocabulary',
            targetId: auditTarget(kind, id),
            details: { kind, slug: current.slug, usage: await usageOf(tx, kind, id) },
          });
          return { ok: true, changed: true };
        }),
      );
    },

    /**
     * Moves every opening, association and activity from `sourceId` to `targetId` (an
     * active value of the same kind), then deletes the source — it is the same thing as
     * the target under another name, so keeping it would only leave an empty duplicate.
     * A row that already has the target is not linked twice. Each moved row's version is
     * bumped, so a form opened before the merge answers "someone saved meanwhile"
     * instead of writing the deleted value back. One transaction, audited with counts.
     */
    async merge(kind: VocabularyKind, sourceId: number, targetId: number, context: ChangeContext): Promise<MergeOutcome> {
      return afterChange(
        prisma.$transaction(async (tx): Promise<MergeOutcome> => {
          await lockKind(tx, kind);
          const source = await findRow(tx, kind, sourceId);
          if (!source) return { ok: false, reason: 'not-found' };
          const target = targetId === sourceId ? null : await findRow(tx, kind, targetId);
          if (!target || target.retiredAt !== null) {
            return { ok: false, reason: 'invalid', errors: [{ field: 'targetId', key: 'vocabularies.errors.targetInvalid' }] };
          }
          const moved: UsageCounts = {};
          for (const use of USES[kind]) {
            const user = Prisma.raw(use.table);
            if ('column' in use) {
              const column = Prisma.raw(use.column);
              moved[use.table] = await tx.$executeRaw`
              UPDATE ${user} SET ${column} = ${targetId}, version = version + 1 WHERE ${column} = ${sourceId}`;
            } else {
              const link = Prisma.raw(use.link);
              await tx.$executeRaw`
              UPDATE ${user} SET version = version + 1 WHERE id IN (SELECT "A" FROM ${link} WHERE "B" = ${sourceId})`;
              await tx.$executeRaw`
              INSERT INTO ${link} ("A", "B") SELECT "A", ${targetId} FROM ${link} WHERE "B" = ${sourceId} ON CONFLICT DO NOTHING`;
              moved[use.table] = await tx.$executeRaw`DELETE FROM ${link} WHERE "B" = ${sourceId}`;
            }
          }
          await tx.$executeRaw`DELETE FROM ${table(kind)} WHERE id = ${sourceId}`;
          await writeAudit(tx, context, {
            action: 'vocabulary.merged',
            targetType: 'vocabulary',
            targetId: auditTarget(kind, sourceId),
            details: {
              kind,
              slug: source.slug,
              nameDa: source.nameDa,
              nameEn: source.nameEn,
              into: auditTarget(kind, targetId),
              intoSlug: target.slug,
              moved,
            },
          });
          return { ok: true, moved };
        }),
      );
    },
  };
}

export type VocabularyService = ReturnType<typeof createVocabularyService>;
