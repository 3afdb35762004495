// The lookup tables (local areas, target groups, fields of work, skill areas), and the
// reference rows the association forms offer.
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { VocabularyCache } from '../../../src/features/vocabularies/vocabulary-options.js';

export type LookupKind = 'localArea' | 'targetGroup' | 'fieldOfWork' | 'skillArea';

// The caches of active vocabulary values of the test apps on each database (registered
// by createTestContext), so that `aLookup`, which takes only the database, can empty them.
const appCaches = new WeakMap<PrismaClient, Set<VocabularyCache>>();

/** Called by createTestContext for its services' cache. */
export function trackVocabularyCache(prisma: PrismaClient, cache: VocabularyCache): void {
  const caches = appCaches.get(prisma) ?? new Set();
  caches.add(cache);
  appCaches.set(prisma, caches);
}

export interface LookupOptions {
  /** Default: the Danish name + " (en)", so a test can tell the languages apart. */
  nameEn?: string;
  sortOrder?: number;
}

/** A lookup row by slug; made unless it exists (safe to call again). */
export async function aLookup(prisma: PrismaClient, kind: LookupKind, slug: string, nameDa: string, options: LookupOptions = {}) {
  const create = { slug, nameDa, nameEn: options.nameEn ?? `${nameDa} (en)`, sortOrder: options.sortOrder ?? 0 };
  const args = { where: { slug }, create, update: {} };
  // Written past the vocabulary service, so the caches of active values of the test apps
  // on this database are emptied here as the service would (vocabulary-options.ts).
  const row = await upsert(prisma, kind, args);
  for (const cache of appCaches.get(prisma) ?? []) cache.invalidate();
  return row;
}

function upsert(
  prisma: PrismaClient,
  kind: LookupKind,
  args: { where: { slug: string }; create: { slug: string; nameDa: string; nameEn: string; sortOrder: number }; update: object },
) {
  switch (kind) {
    case 'localArea':
      return prisma.localArea.upsert(args);
    case 'targetGroup':
      return prisma.targetGroup.upsert(args);
    case 'fieldOfWork':
      return prisma.fieldOfWork.upsert(args);
    case 'skillArea':
      return prisma.skillArea.upsert(args);
  }
}

/**
 * For a test that changes a vocabulary row directly (not through the service): empties
 * the app's cache of active values (e.g. `ctx.services`), as the service does after each change.
 */
export function vocabulariesChanged(services: { vocabularyCache: VocabularyCache }): void {
  services.vocabularyCache.invalidate();
}

export const FIELDS = [
  { slug: 'idraet', nameDa: 'Idræt', nameEn: 'Sport', sortOrder: 10 },
  { slug: 'kultur', nameDa: 'Kultur', nameEn: 'Culture', sortOrder: 20 },
  { slug: 'socialt-arbejde', nameDa: 'Socialt arbejde', nameEn: 'Social work', sortOrder: 30 },
  { slug: 'boern-og-unge', nameDa: 'Børn og unge', nameEn: 'Children and young people', sortOrder: 40 },
] as const;

export const AREAS = [
  { slug: 'virum', nameDa: 'Virum', nameEn: 'Virum', sortOrder: 10 },
  { slug: 'sorgenfri', nameDa: 'Sorgenfri', nameEn: 'Sorgenfri', sortOrder: 20 },
  { slug: 'taarbaek', nameDa: 'Taarbæk', nameEn: 'Taarbæk', sortOrder: 30 },
] as const;

export type FieldSlug = (typeof FIELDS)[number]['slug'];
export type AreaSlug = (typeof AREAS)[number]['slug'];

export interface ReferenceData {
  fieldId: Record<FieldSlug, number>;
  areaId: Record<AreaSlug, number>;
}

/** The fields of work and local areas of the association forms (safe to call again). */
export async function referenceData(prisma: PrismaClient): Promise<ReferenceData> {
  const fieldId = {} as Record<FieldSlug, number>;
  const areaId = {} as Record<AreaSlug, number>;
  for (const { slug, nameDa, ...options } of FIELDS) {
    fieldId[slug] = (await aLookup(prisma, 'fieldOfWork', slug, nameDa, options)).id;
  }
  for (const { slug, nameDa, ...options } of AREAS) {
    areaId[slug] = (await aLookup(prisma, 'localArea', slug, nameDa, options)).id;
  }
  return { fieldId, areaId };
}
