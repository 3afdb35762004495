// EJS with one shared layout. Express calls this engine for `res.render(view)`; we
// render the page, then views/layout.ejs around it with the page's HTML as `body`.
// A page may set `layout: false` (e.g. for fragments). Keeping the layout outside the
// pages means no page can forget the skip link, language switch or footer.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ejs, { type ClientFunction } from 'ejs';
import findGlobals from 'acorn-globals';
import { orderErrorsByPage, type FieldError } from '../validation/form.js';
import type { Breadcrumb } from '../types/express.js';
import { withMyPageTrail } from './my-page-trail.js';

type Locals = Record<string, unknown> & { layout?: string | false; settings?: { views?: string } };
type Callback = (error: Error | null, html?: string) => void;
type Template = (data: object) => string;

/**
 * Templates compiled once and includes resolved once (with `cache`, i.e. in production):
 * EJS's own renderFile looks every include up on the file system again on each render
 * (two existsSync per include, a few dozen includes a page) and copies all locals into
 * each include. Here a template is compiled in EJS's client mode, which takes the
 * `include` function from the caller: includes resolve by the same rules as EJS's
 * (relative to the including file, else the views directory; "/x" from the views
 * directory; ".ejs" added), once per including file and name, and an include sees the
 * page's locals through its prototype (plus what it was given) instead of a copy.
 * Without `cache` (development, tests) every render reads the files again, so edited
 * views show at once; a file whose text is unchanged keeps its compiled function.
 *
 * Compiled without EJS's `with (locals)` block (docs/adr/0034): inside `with` every name
 * a template uses, EJS's own output function included, is looked up on the locals
 * object first, by a slow dynamic lookup. Instead each template starts with one
 * variable per value it reads (`var title = locals.title, …`): the names it uses and
 * does not declare, found by parsing the compiled function (acorn-globals), less
 * JavaScript's globals (String, encodeURIComponent, …). A value the page was not given
 * reads as undefined, as `typeof x` did before; assigning to one changes only the
 * template's own variable.
 */
export interface TemplateFiles {
  exists(file: string): boolean;
  read(file: string): string;
}

const fileSystem: TemplateFiles = { exists: existsSync, read: (file) => readFileSync(file, 'utf8') };

export function createTemplates(viewsDir: string, cache: boolean, files: TemplateFiles = fileSystem) {
  const compiled = new Map<string, Template>();
  function resolveInclude(name: string, from: string): string {
    let file: string | undefined;
    if (/^[A-Za-z]+:\\|^\//.test(name)) {
      file = ejs.resolveInclude(name.replace(/^\/*/, ''), viewsDir, true);
    } else {
      const beside = ejs.resolveInclude(name, from);
      file = files.exists(beside) ? beside : ejs.resolveInclude(name, viewsDir, true);
      if (!files.exists(file)) throw new Error(`Could not find the include file "${ejs.escapeXML(name)}"`);
    }
    return file;
  }

  const lastCompiled = new Map<string, { text: string; fn: ClientFunction }>();

  function compile(file: string): ClientFunction {
    const text = files.read(file);
    const known = lastCompiled.get(file);
    if (known?.text === text) return known.fn;
    // Line numbers in errors cost a statement per template line: only while developing.
    const options = { _with: false, compileDebug: !cache, filename: file, root: viewsDir, views: [viewsDir] };
    const destructuredLocals = valuesRead(ejs.compile(text, { ...options, client: true }));
    const fn = ejs.compile(text, { ...options, client: true, destructuredLocals });
    lastCompiled.set(file, { text, fn });
    return fn;
  }

  function template(file: string): Template {
    const known = cache ? compiled.get(file) : undefined;
    if (known) return known;
    const fn = compile(file);
    // This template's includes by the name it gives them (with `cache`): no key to build
    // and no second lookup per include; a page renders a few dozen.
    const included = new Map<string, Template>();
    const include = (name: string): Template => {
      const known = included.get(name);
      if (known) return known;
      const found = template(resolveInclude(name, file));
      if (cache) included.set(name, found);
      return found;
    };
    const render: Template = (data) =>
      fn(data, ejs.escapeXML, (name, extra) => {
        const scope: object = Object.create(data) as object;
        if (extra) Object.assign(scope, extra);
        return include(name)(scope);
      });
    if (cache) compiled.set(file, render);
    return render;
  }

  return { render: (file: string, data: object): string => template(file)(data) };
}

/** The parameters of EJS's compiled function and its own names: never page values. */
const EJS_NAMES = new Set(['locals', 'escapeFn', 'include', 'rethrow', 'this']);

/** The names a compiled template reads from outside itself that are not JavaScript globals. */
export function valuesRead(fn: ClientFunction): string[] {
  return findGlobals(fn.toString())
    .map((reference) => reference.name)
    .filter((name) => !EJS_NAMES.has(name) && !(name in globalThis));
}

export function createLayoutEngine(viewsDir: string, cache: boolean) {
  const layoutPath = path.join(viewsDir, 'layout.ejs');
  const templates = createTemplates(viewsDir, cache);
  return (filePath: string, options: object, callback: Callback): void => {
    let html: string;
    try {
      const locals = options as Locals;
      const body = templates.render(filePath, locals);
      const layout = typeof locals.layout === 'string' ? path.join(viewsDir, locals.layout) : layoutPath;
      // The summary above the page lists errors in the order of the fields in it.
      const errors = Array.isArray(locals.errors) ? orderErrorsByPage(locals.errors as FieldError[], body) : locals.errors;
      const breadcrumbs = trailOf(locals, filePath);
      html = locals.layout === false ? body : templates.render(layout, { ...locals, errors, breadcrumbs, body });
    } catch (error) {
      return callback(error instanceof Error ? error : new Error(String(error)));
    }
    callback(null, html);
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
