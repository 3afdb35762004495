// Readable, stable identifiers made from text (association addresses, the keys of the
// agreement template's sections). Danish letters are spelled out the way Danes do when
// they cannot type them (æ→ae, ø→oe, å→aa); other accents are dropped; everything else
// becomes single hyphens.

const MAX_LENGTH = 80;

/** The slug of a text; "" when nothing of it is usable (callers pick their fallback). */
export function slugOf(text: string): string {
  const spelled = text
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return spelled
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, '');
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
