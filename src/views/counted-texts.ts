// Texts with a number in them ("3 foreninger", "1 forening") asked for many times per
// page: a directory shows one per filter value. A call with `count` is a plural, which
// the per-language translator (src/i18n/i18n.ts) hands to i18next, the slow path; the
// answer depends only on language, key and number, and the locale files do not change
// while the portal runs, so each is made once.
import type { TFunction } from 'i18next';

/** Numbers above this are rare on a page and not kept (bounds the memory). */
const MAX_REMEMBERED = 1000;
const remembered = new Map<string, Map<number, string>>();

/** `t(key, { count })` for one language and key, remembered per number. */
export function countedText(t: TFunction, lang: string, key: string): (count: number) => string {
  const cacheKey = `${lang}\u0000${key}`;
  let texts = remembered.get(cacheKey);
  if (!texts) remembered.set(cacheKey, (texts = new Map()));
  const known = texts;
  return (count) => {
    let text = known.get(count);
    if (text === undefined) {
      text = t(key, { count });
      if (Number.isInteger(count) && count >= 0 && count <= MAX_REMEMBERED) known.set(count, text);
    }
    return text;
  };
}
