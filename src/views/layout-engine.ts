// EJS with one shared layout. Express calls this engine for `res.render(view)`; we
// render the page, then views/layout.ejs around it with the page's HTML as `body`.
// A page may set `layout: false` (e.g. for fragments). Keeping the layout outside the
// pages means no page can forget the skip link, language switch or footer.
import path from 'node:path';
import ejs from 'ejs';
import { orderErrorsByPage, type FieldError } from '../validation/form.js';
import type { Breadcrumb } from '../types/express.js';
import { withMyPageTrail } from './my-page-trail.js';

type Locals = Record<string, unknown> & { layout?: string | false; settings?: { views?: string } };
type Callback = (error: Error | null, html?: string) => void;

export function createLayoutEngine(viewsDir: string, cache: boolean) {
  const layoutPath = path.join(viewsDir, 'layout.ejs');
  return (filePath: string, options: object, callback: Callback): void => {
    const locals = options as Locals;
    const ejsOptions = { cache, root: viewsDir, views: [viewsDir] };
    ejs.renderFile(filePath, locals, ejsOptions).then(
      (body) => {
        if (locals.layout === false) return callback(null, body);
        const layout = typeof locals.layout === 'string' ? path.join(viewsDir, locals.layout) : layoutPath;
        // The summary above the page lists errors in the order of the fields in it.
        const errors = Array.isArray(locals.errors) ? orderErrorsByPage(locals.errors as FieldError[], body) : locals.errors;
        const breadcrumbs = trailOf(locals, filePath);
        return ejs.renderFile(layout, { ...locals, errors, breadcrumbs, body }, ejsOptions).then(
          (html) => callback(null, html),
          (error: Error) => callback(error),
        );
      },
      (error: Error) => callback(error),
    );
  };
}

/**
 * The page's breadcrumb trail, with Min side first on the pages under it (my-page-trail.ts).
 * Error pages keep theirs: they are about the error, not about where the reader is.
 */
function trailOf(locals: Locals, filePath: string): unknown {
  const trail = locals.breadcrumbs;
  const { currentPath, title, t } = locals;
  if (!Array.isArray(trail) || typeof currentPath !== 'string' || typeof t !== 'function') return trail;
  if (filePath.includes(`${path.sep}errors${path.sep}`)) return trail;
  const translate = t as (key: string) => string;
  const association = locals.managedAssociation as { id: number; name: string } | undefined;
  const administered = locals.areaAsAdministrator === true && association ? { id: association.id, name: association.name } : undefined;
  return withMyPageTrail(trail as Breadcrumb[], currentPath, typeof title === 'string' ? title : '', translate('nav.myPage'), administered);
}
