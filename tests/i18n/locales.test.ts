// Danish and English must say the same things: every key in one language exists in
// the other, and no text is empty.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/i18n/i18n.js';
import glossary from '../../src/i18n/glossary.json' with { type: 'json' };

/** One name for two-factor login: "tofaktor-login" in Danish, "two-factor login" in English. */
const OTHER_DANISH_NAMES = /to-?trins|totrins|to-faktor|2-trins|tofaktor(?!-login)/i;
const OTHER_ENGLISH_NAMES = /two[- ]step|2-step|2fa|two[- ]factor(?![- ]login)/i;

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? viewFiles(join(dir, entry.name)) : entry.name.endsWith('.ejs') ? [join(dir, entry.name)] : [],
  );
}

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
  it('ask for input with one verb in Danish: "Skriv", never "Indtast" (#10)', () => {
    expect([...da].filter(([, v]) => /\bindtast\b/i.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
  });

  it('have the same keys in Danish and English', () => {
    expect([...da.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !da.has(k))).toEqual([]);
  });
  it('have no empty texts', () => {
    expect([...da, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });
  // One word per concept (src/i18n/glossary.json): a text with a forbidden variant fails,
  // whichever feature's file it is in. Placeholders ({{email}}) are names, not words.
  it.each(['da', 'en'] as const)("use the glossary's one word for each concept (%s, #10)", (lang) => {
    const texts = lang === 'da' ? da : en;
    const found = glossary.terms.flatMap((term) =>
      term.forbidden[lang].flatMap((pattern) => {
        const forbidden = new RegExp(pattern, 'iu');
        return [...texts]
          .filter(([, v]) => forbidden.test(v.replace(/\{\{[^}]*\}\}/g, '')))
          .map(([k, v]) => `${k}: "${v}" uses /${pattern}/ – write "${term[lang]}"`);
      }),
    );
    expect(found).toEqual([]);
  });
  it('has a glossary whose forbidden variants are caught and whose own words are not', () => {
    const catches = (lang: 'da' | 'en', text: string) =>
      glossary.terms.some((term) => term.forbidden[lang].some((p) => new RegExp(p, 'iu').test(text)));
    expect(catches('en', 'Volunteer openings')).toBe(true);
    expect(catches('en', 'Email')).toBe(true);
    expect(catches('en', 'Child-protection certificate')).toBe(true);
    expect(catches('da', 'Skriv din mailadresse')).toBe(true);
    // #10 review: one word for target group, one service name (the header's), "spam folder".
    expect(catches('en', 'Who you will help')).toBe(true);
    expect(catches('en', 'You will help')).toBe(true);
    expect(catches('en', 'Kind regards\nVolunteering in ')).toBe(true);
    expect(catches('en', 'Volunteering in  – to the front page')).toBe(true);
    expect(catches('en', 'look in the spam filter')).toBe(true);
    expect(catches('da', 'se efter i spamfilteret')).toBe(true);
    expect(catches('en', 'Target group, Volunteer in , check your spam folder, regular volunteering in an association')).toBe(false);
    expect(catches('en', 'the association will help you through it')).toBe(false);
    expect(catches('da', 'Målgruppe, Frivillig i , kig i din spam-mappe, Det er et filter mod spam.')).toBe(false);
    expect(catches('en', 'Volunteering opportunities, e-mail, child protection certificate, two-factor login')).toBe(false);
    expect(catches('da', 'Frivilligopgaver, e-mail, e-mailadresse, børneattest, tofaktor-login')).toBe(false);
  });
  it('call two-factor login by one name in each language', () => {
    expect([...da].filter(([, v]) => OTHER_DANISH_NAMES.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
    expect([...en].filter(([, v]) => OTHER_ENGLISH_NAMES.test(v)).map(([k, v]) => `${k}: ${v}`)).toEqual([]);
    // The views' own words (outside comments), the README and the start-up text too.
    const texts = viewFiles('views').map((file) => [file, readFileSync(file, 'utf8').replace(/<%#[\s\S]*?%>/g, '')] as const);
    texts.push(['README.md', readFileSync('README.md', 'utf8')], ['src/server.ts', readFileSync('src/server.ts', 'utf8')]);
    expect(texts.filter(([, text]) => /to-?trins|totrins|to-faktor|two[- ]step/i.test(text)).map(([file]) => file)).toEqual([]);
  });
});
