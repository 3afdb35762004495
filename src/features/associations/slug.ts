// Readable, stable addresses for association profiles (/foreninger/<slug>), made with
// the shared slug rules (src/text/slug.ts).
import { slugOf } from '../../text/slug.js';

export { firstFreeSlug } from '../../text/slug.js';

/** Slugs that would collide with fixed paths under /foreninger/. */
const RESERVED = new Set(['ny']);

export function slugify(name: string): string {
  const slug = slugOf(name);
  if (slug === '') return 'forening';
  return RESERVED.has(slug) ? `${slug}-forening` : slug;
}
