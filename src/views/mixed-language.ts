// A sentence of ours with something an association or staff member typed inside it
// ("Goal 2: Flere unge i foreningslivet"). On a page not in Danish the typed part is
// Danish, so it is wrapped in <span lang="da"> (WCAG 3.1.2) and the rest stays in the
// page's language. Returns HTML: the views write it with <%- %>.
import type { Language } from '../i18n/i18n.js';
import { escapeHtml } from './escape-html.js';

type Translate = (key: string, options: Record<string, string | number>) => string;


// A marker no translation contains, to find where i18next put each typed value.
const marker = (name: string) => `\u0000${name}\u0000`;

/**
 * `t(key, options)` as escaped HTML, with each option named in `danishFields`
 * wrapped in a span marked lang="da" (unmarked on Danish pages).
 */
export function withDanish(
  t: Translate,
  lang: Language,
): (key: string, options: Record<string, string | number>, danishFields: readonly string[]) => string {
  return (key, options, danishFields) => {
    const placeholders = Object.fromEntries(Object.entries(options).map(([name, value]) => [name, danishFields.includes(name) ? marker(name) : value]));
    const text = escapeHtml(t(key, placeholders));
    return danishFields.reduce((html, name) => {
      const value = escapeHtml(String(options[name] ?? ''));
      return html.split(escapeHtml(marker(name))).join(lang === 'da' ? value : `<span lang="da">${value}</span>`);
    }, text);
  };
}
