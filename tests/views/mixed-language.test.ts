// withDanish: our sentence in the page's language, the typed part marked lang="da"
// on pages not in Danish, and everything escaped (it is written with <%- %>).
import { describe, expect, it } from 'vitest';
import { withDanish } from '../../src/views/mixed-language.js';

const texts: Record<string, string> = { goal: 'Goal {{number}}: {{title}}', both: '“{{title}}” at {{association}}' };
const t = (key: string, options: Record<string, string | number>) =>
  (texts[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));

describe('withDanish', () => {
  it('marks the typed parts lang="da" on an English page and leaves ours unmarked', () => {
    expect(withDanish(t, 'en')('goal', { number: 2, title: 'Flere unge' }, ['title'])).toBe('Goal 2: <span lang="da">Flere unge</span>');
    expect(withDanish(t, 'en')('both', { title: 'Lektiehjælp', association: 'Røde Kors' }, ['title', 'association'])).toBe(
      '“<span lang="da">Lektiehjælp</span>” at <span lang="da">Røde Kors</span>',
    );
  });
  it('adds nothing on a Danish page', () => {
    expect(withDanish(t, 'da')('goal', { number: 2, title: 'Flere unge' }, ['title'])).toBe('Goal 2: Flere unge');
  });
  it('escapes the typed parts and the sentence', () => {
    expect(withDanish(t, 'en')('goal', { number: 1, title: '<script>"x" & y</script>' }, ['title'])).toBe(
      'Goal 1: <span lang="da">&lt;script&gt;&#34;x&#34; &amp; y&lt;/script&gt;</span>',
    );
    expect(withDanish(t, 'da')('goal', { number: '<b>', title: 'x' }, ['title'])).toBe('Goal &lt;b&gt;: x');
  });
});
