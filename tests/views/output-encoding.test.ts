// Raw output (<%- %>) is allowed only where it inserts trusted HTML: includes of our
// own partials, the page body in the layout, and the language marks of user content:
// `danish` (a fixed attribute) and `withDanish(…)`, which escapes everything it returns
// (src/views/mixed-language.ts) (ASVS 1.2.1). And, on the search page's hot paths,
// text a view model escaped already (`EscapedHtml`, src/features/openings/
// search-view-model.ts), always named `…Html`; the filter options are each one template
// literal of such values, our own constants and the count, checked name by name here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

/** What a filter option's template literal (views/openings/_facet.ejs) may interpolate. */
const FACET_OPTION_PARTS = new Set(['itemClass', 'inputClass', 'type', 'facet', 'count', "checked ? ' checked' : ''"]);

function allowedTemplateLiteral(file: string, expression: string): boolean {
  if (!file.endsWith(path.join('openings', '_facet.ejs')) || !/^`[^`]*`$/.test(expression)) return false;
  const parts = [...expression.matchAll(/\$\{([^}]*)\}/g)].map((part) => (part[1] ?? '').trim());
  return parts.every((part) => FACET_OPTION_PARTS.has(part) || /^html\.(id|value|label)$/.test(part));
}

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? viewFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ejs') ? [path.join(dir, entry.name)] : [],
  );
}

describe('views', () => {
  it('use unescaped output only for includes and the layout body', () => {
    const offenders: string[] = [];
    for (const file of viewFiles(path.join(projectRoot, 'views'))) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/<%-\s*([^%]*)%>/g)) {
        const expression = (match[1] ?? '').trim();
        const allowed =
          expression.startsWith('include(') ||
          (file.endsWith('layout.ejs') && expression === 'body') ||
          expression === 'danish' ||
          expression.startsWith('withDanish(') ||
          /^[A-Za-z]+Html(\.[A-Za-z]+)?$|^[A-Za-z]+\.[A-Za-z]+Html$/.test(expression) ||
          allowedTemplateLiteral(file, expression);
        if (!allowed) offenders.push(`${path.relative(projectRoot, file)}: <%- ${expression} %>`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
