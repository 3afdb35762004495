// Readable, stable addresses for association profiles (/foreninger/<slug>). Danish
// letters are spelled out the way Danes do when they cannot type them (æ→ae, ø→oe,
// å→aa); other accents are dropped; everything else becomes single hyphens.

/** Slugs that would collide with fixed paths under /foreninger/. */
const RESERVED = new Set(['ny']);
const MAX_LENGTH = 80;

export function slugify(name: string): string {
  const spelled = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = spelled
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, '');
  if (slug === '') return 'forening';
  return RESERVED.has(slug) ? `${slug}-forening` : slug;
}

/**
 * The base slug if free, else base-2, base-3, ...: `taken` holds the slugs already
 * used that start with the base.
 */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
