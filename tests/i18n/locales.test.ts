// Danish and English must say the same things: every key in one language exists in
// the other, and no text is empty.
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/i18n.js';

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

describe('locale files', () => {
  const da = flatten(loadMessages('da'));
  const en = flatten(loadMessages('en'));
  // i18next plural forms differ by language (_one/_other exist in both here).
  it('have the same keys in Danish and English', () => {
    expect([...da.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !da.has(k))).toEqual([]);
  });
  it('have no empty texts', () => {
    expect([...da, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
});
