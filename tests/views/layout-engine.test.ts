// The layout engine compiles templates and resolves includes once in production
// (cache on): a second render touches no file. In development (cache off) each render
// reads the files again, so edited views show at once. Both render the same HTML, by
// EJS's include rules. Templates are compiled without `with (locals)`: each reads the
// values it uses as variables (docs/adr/0034).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ejs from 'ejs';
import findGlobals from 'acorn-globals';
import { createLayoutEngine, createTemplates, valuesRead, type TemplateFiles } from '../../src/views/layout-engine.js';
import { projectRoot } from '../../src/paths.js';

let viewsDir: string;

beforeAll(() => {
  viewsDir = mkdtempSync(path.join(os.tmpdir(), 'layout-engine-'));
  mkdirSync(path.join(viewsDir, 'pages'));
  mkdirSync(path.join(viewsDir, 'partials'));
  writeFileSync(path.join(viewsDir, 'layout.ejs'), '<main><%- body %></main><%- include("partials/footer") %>');
  writeFileSync(
    path.join(viewsDir, 'pages', 'page.ejs'),
    [
      '<h1><%= title %></h1>',
      // Relative to the views directory, relative to this file, absolute from the views directory.
      '<%- include("partials/item", { label: "a" }) %>',
      '<%- include("../partials/item", { label: "b" }) %>',
      '<%- include("/partials/item", { label: "c" }) %>',
      '<%- include("own") %>',
      '<p><%= typeof label %></p>',
    ].join(''),
  );
  writeFileSync(path.join(viewsDir, 'pages', 'own.ejs'), '<span><%= title %></span>');
  writeFileSync(path.join(viewsDir, 'partials', 'item.ejs'), '<li><%= label %> <%= title %></li><% title = "changed" %>');
  writeFileSync(path.join(viewsDir, 'partials', 'footer.ejs'), '<footer><%= lang %></footer>');
});

afterAll(() => rmSync(viewsDir, { recursive: true, force: true }));

function countingFiles(): TemplateFiles & { calls: number } {
  const files = {
    calls: 0,
    exists(file: string) {
      files.calls++;
      return existsSync(file);
    },
    read(file: string) {
      files.calls++;
      return readFileSync(file, 'utf8');
    },
  };
  return files;
}

const EXPECTED = '<h1>&lt;Hej&gt;</h1><li>a &lt;Hej&gt;</li><li>b &lt;Hej&gt;</li><li>c &lt;Hej&gt;</li><span>&lt;Hej&gt;</span><p>undefined</p>';

describe('templates', () => {
  it('renders includes by EJS rules, each with the page locals and its own data, without leaking either way', () => {
    for (const cache of [true, false]) {
      const templates = createTemplates(viewsDir, cache, countingFiles());
      expect(templates.render(path.join(viewsDir, 'pages', 'page.ejs'), { title: '<Hej>' })).toBe(EXPECTED);
    }
  });

  it('in production reads and resolves nothing on the file system after the first render', () => {
    const files = countingFiles();
    const templates = createTemplates(viewsDir, true, files);
    const page = path.join(viewsDir, 'pages', 'page.ejs');
    templates.render(page, { title: '<Hej>' });
    expect(files.calls).toBeGreaterThan(0);
    files.calls = 0;
    expect(templates.render(page, { title: '<Hej>' })).toBe(EXPECTED);
    expect(files.calls).toBe(0);
  });

  it('in development reads the files again on every render', () => {
    const files = countingFiles();
    const templates = createTemplates(viewsDir, false, files);
    const page = path.join(viewsDir, 'pages', 'page.ejs');
    templates.render(page, { title: 'x' });
    const first = files.calls;
    files.calls = 0;
    templates.render(page, { title: 'x' });
    expect(files.calls).toBe(first);
  });

  it('names an include that does not exist', () => {
    writeFileSync(path.join(viewsDir, 'pages', 'broken.ejs'), '<%- include("partials/nowhere") %>');
    const templates = createTemplates(viewsDir, true);
    expect(() => templates.render(path.join(viewsDir, 'pages', 'broken.ejs'), {})).toThrow(/partials\/nowhere/);
  });
});

describe('templates without `with (locals)`', () => {
  const compile = (text: string) => ejs.compile(text, { client: true, _with: false });

  it('read as variables the names a template uses and does not declare, less JavaScript globals', () => {
    const fn = compile(
      '<% const shown = items.filter((item) => item.on); %><% for (const { label } of shown) { %><%= label %> <%= String(count) %> <%= t("x") %><% } %><%= typeof maybe %>',
    );
    expect(valuesRead(fn).sort()).toEqual(['count', 'items', 'maybe', 't']);
  });

  it('render what was given, undefined for what was not, and keep assignments to the template', () => {
    const files: TemplateFiles = {
      exists: () => true,
      read: () => '<%= a %>|<%= typeof b %>|<% a = "own" %><%= a %>',
    };
    const templates = createTemplates(viewsDir, true, files);
    const locals = { a: 'given' };
    expect(templates.render(path.join(viewsDir, 'x.ejs'), locals)).toBe('given|undefined|own');
    expect(locals.a).toBe('given');
  });

  // A value is read as a variable only when its name is not a global, so a page value
  // named like one (`crypto`, `URL`, `fetch`) would silently read the global instead.
  // Every global the views use must be one of JavaScript's own, named here.
  it('every view uses only these JavaScript globals, so no page value is shadowed by one', () => {
    const allowed = new Set(['undefined', 'String', 'Number', 'Boolean', 'Array', 'Object', 'Date', 'JSON', 'Math', 'encodeURIComponent']);
    const views = readdirSync(path.join(projectRoot, 'views'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ejs'));
    expect(views.length).toBeGreaterThan(100);
    const used = new Set<string>();
    for (const view of views) {
      const fn = compile(readFileSync(path.join(projectRoot, 'views', view), 'utf8'));
      for (const { name } of findGlobals(fn.toString())) if (name in globalThis) used.add(`${name} (${view})`);
    }
    expect([...used].filter((entry) => !allowed.has(entry.split(' ')[0] ?? ''))).toEqual([]);
  });
});

describe('layout engine', () => {
  it('renders the page inside the layout, or alone with layout: false, and passes errors to the callback', async () => {
    const engine = createLayoutEngine(viewsDir, true);
    const render = (file: string, locals: object) =>
      new Promise<string>((resolve, reject) => engine(path.join(viewsDir, file), locals, (error, html) => (error ? reject(error) : resolve(html ?? ''))));
    expect(await render('pages/own.ejs', { title: 'T', lang: 'da' })).toBe('<main><span>T</span></main><footer>da</footer>');
    expect(await render('pages/own.ejs', { title: 'T', layout: false })).toBe('<span>T</span>');
    await expect(render('pages/broken.ejs', {})).rejects.toThrow(/nowhere/);
  });

});
