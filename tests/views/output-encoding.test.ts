// Raw output (<%- %>) is allowed only where it inserts trusted HTML: includes of our
// own partials, the page body in the layout, and the language marks of user content:
// `danish` (a fixed attribute) and `withDanish(…)`, which escapes everything it returns
// (src/views/mixed-language.ts) (ASVS 1.2.1). Nothing else: no text escaped ahead in
// code and written raw, however hot the loop (docs/adr/0034 made that unnecessary).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

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
          expression.startsWith('withDanish(');
        if (!allowed) offenders.push(`${path.relative(projectRoot, file)}: <%- ${expression} %>`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
