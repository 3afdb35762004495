// EJS with one shared layout. Express calls this engine for `res.render(view)`; we
// render the page, then views/layout.ejs around it with the page's HTML as `body`.
// A page may set `layout: false` (e.g. for fragments). Keeping the layout outside the
// pages means no page can forget the skip link, language switch or footer.
import path from 'node:path';
import ejs from 'ejs';
import { orderErrorsByPage, type FieldError } from '../validation/form.js';

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
        return ejs.renderFile(layout, { ...locals, errors, body }, ejsOptions).then(
          (html) => callback(null, html),
          (error: Error) => callback(error),
        );
      },
      (error: Error) => callback(error),
    );
  };
}
