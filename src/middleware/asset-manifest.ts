// The asset manifest: built once at start, it gives every static file the layout and
// partials reference a fingerprinted URL (`asset('/static/css/app.css')` →
// `/static/v-1a2b3c4d5e/css/app.css`), so those URLs can be cached as immutable and a
// new release is fetched anew. It also holds the text assets (CSS, JS, SVG) in memory,
// compressed once here rather than on every request (docs/adr/0031-*).
//
// Our own files (public/) are fingerprinted one by one: changing app.js leaves
// app.css cached. The design system's files get one fingerprint for its whole dist
// directory, as a path prefix, so the relative font URLs in its CSS
// (`../fonts/IBMPlexSans/…`) resolve under the same prefix and are immutable too.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../paths.js';

export const PUBLIC_MOUNT = '/static';
export const DKFDS_MOUNT = '/assets/dkfds';
export const PUBLIC_DIR = path.join(projectRoot, 'public');
export const DKFDS_DIR = path.join(projectRoot, 'node_modules', 'dkfds', 'dist');

/** The design system files the pages use: held in memory (compressed) and part of its fingerprint. */
const DKFDS_FILES = ['/css/dkfds-borgerdk.min.css', '/js/dkfds.min.js', '/img/all-svg-icons.svg'];

const TEXT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** One text asset in memory, in each encoding a client may ask for. */
export interface MemoryAsset {
  type: string;
  /** Content hash; with the encoding it makes the strong ETag of each representation. */
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  /** Brotli at the highest quality is slow (about a second for all): made in the background. */
  br?: Buffer;
}

export interface AssetManifest {
  /** The fingerprinted URL of a file under /static or /assets/dkfds; any other path as given. */
  url(urlPath: string): string;
  /** The fingerprint a URL of this file carries now (undefined: not in the manifest). */
  fingerprintOf(mount: string, filePath: string): string | undefined;
  /** The in-memory copy of a text asset, by its unfingerprinted URL path. */
  memory(urlPath: string): MemoryAsset | undefined;
  /** Resolves once every asset's brotli copy is made (tests, benchmarks). */
  brotliReady: Promise<void>;
}

function hashOf(...parts: (Buffer | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 10);
}

/**
 * DKFDS's CSS lists the Regular face's sources as eot, woff, woff2, ttf; a browser takes
 * the first it can use, so it downloads the WOFF (79 KB) instead of the WOFF2 (57 KB).
 * Every face's sources are put in the order woff2, woff, and the rest as they were.
 */
export function woff2First(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, (face) =>
    face.replace(/src:([^;}]*)/, (_whole, list: string) => {
      const sources = list.split(/,(?=\s*(?:url|local)\()/);
      const rank = (source: string) => (source.includes('.woff2') ? 0 : source.includes('.woff') ? 1 : 2);
      // Array.prototype.sort is stable: sources of the same rank keep their order.
      return `src:${sources.sort((a, b) => rank(a) - rank(b)).join(',')}`;
    }),
  );
}

// IBM's own unicode-range of the split files DKFDS ships (IBM Plex's CSS, "Subset: Latin1"
// and "Latin2"). Latin1 holds Danish and English text and the typographic punctuation.
const LATIN1 =
  'U+0000,U+000D,U+0020-007E,U+00A0-00A3,U+00A4-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2013-2014,U+2018-201A,U+201C-201E,U+2020-2022,U+2026,U+2030,U+2039-203A,U+2044,U+2074,U+20AC,U+2122,U+2212,U+FB01-FB02';
const LATIN2 = 'U+0100-024F,U+0259,U+1E00-1EFF,U+20A0-20AB,U+20AD-20CF,U+2C60-2C7F,U+A720-A7FF,U+FB01-FB02';

/**
 * A face of the complete font (about 60 KB each; a page uses three) gets two subset faces
 * after it: Latin1 (17 KB) and Latin2. Of faces alike but for their unicode-range the
 * browser tries the last defined first, and downloads a face only for characters it
 * needs: a Danish page loads Latin1 only; a character outside both subsets still finds
 * the complete face. `exists` says whether DKFDS ships the subset files of a face.
 */
export function withLatinSubsets(css: string, exists: (fontName: string) => boolean): string {
  return css.replace(/@font-face\s*\{([^}]*)\}/g, (face, body: string) => {
    const name = /complete\/woff2\/([\w-]+)\.woff2/.exec(body)?.[1];
    if (!name || !exists(name)) return face;
    const descriptors = body
      .split(';')
      .filter((descriptor) => descriptor && !descriptor.trim().startsWith('src:'))
      .join(';');
    const subset = (part: string, range: string) =>
      `@font-face{${descriptors};src:url(../fonts/IBMPlexSans/split/woff2/${name}-${part}.woff2) format("woff2"),` +
      `url(../fonts/IBMPlexSans/split/woff/${name}-${part}.woff) format("woff");unicode-range:${range}}`;
    return face + subset('Latin2', LATIN2) + subset('Latin1', LATIN1);
  });
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), relative) : [relative];
  });
}

function memoryAsset(content: Buffer, type: string): MemoryAsset {
  return { type, hash: hashOf(content), identity: content, gzip: zlib.gzipSync(content, { level: 9 }) };
}

function brotli(asset: MemoryAsset): Promise<void> {
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: asset.identity.length };
  return new Promise((resolve) => {
    // On the thread pool, not the event loop; an asset without a brotli copy is sent gzipped.
    zlib.brotliCompress(asset.identity, { params }, (error, result) => {
      if (!error) asset.br = result;
      resolve();
    });
  });
}

/**
 * Reads public/ and the design system's used files once (a few milliseconds: the
 * directory walk, hashes and gzip). `brotli: false` skips the brotli copies, which cost
 * about a second of CPU: worth it once in production, not in every test process.
 */
export function buildAssetManifest(options: { brotli: boolean }): AssetManifest {
  const memory = new Map<string, MemoryAsset>();
  const publicHashes = new Map<string, string>();
  for (const file of filesUnder(PUBLIC_DIR)) {
    const content = readFileSync(path.join(PUBLIC_DIR, file));
    publicHashes.set(file, hashOf(content));
    const type = TEXT_TYPES[path.extname(file)];
    if (type) memory.set(PUBLIC_MOUNT + file, memoryAsset(content, type));
  }
  const dkfdsVersion = (JSON.parse(readFileSync(path.join(DKFDS_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const dkfdsContents = DKFDS_FILES.map((file) => {
    const content = readFileSync(path.join(DKFDS_DIR, file));
    if (!file.endsWith('.css')) return content;
    const split = (name: string) =>
      ['Latin1', 'Latin2'].every((part) =>
        ['woff2', 'woff'].every((format) =>
          existsSync(path.join(DKFDS_DIR, 'fonts', 'IBMPlexSans', 'split', format, `${name}-${part}.${format}`)),
        ),
      );
    return Buffer.from(withLatinSubsets(woff2First(content.toString('utf8')), split));
  });
  // The version covers the fonts and everything else in dist; the files' contents cover a
  // patched package (and the CSS rewrites above).
  const dkfdsHash = hashOf(dkfdsVersion, ...dkfdsContents);
  DKFDS_FILES.forEach((file, index) => {
    memory.set(DKFDS_MOUNT + file, memoryAsset(dkfdsContents[index]!, TEXT_TYPES[path.extname(file)]!));
  });

  const fingerprintOf = (mount: string, filePath: string): string | undefined =>
    mount === DKFDS_MOUNT ? dkfdsHash : mount === PUBLIC_MOUNT ? publicHashes.get(filePath) : undefined;
  const urls = new Map<string, string>();
  for (const file of publicHashes.keys()) urls.set(PUBLIC_MOUNT + file, `${PUBLIC_MOUNT}/v-${publicHashes.get(file)}${file}`);

  return {
    url(urlPath) {
      const known = urls.get(urlPath);
      if (known) return known;
      if (urlPath.startsWith(`${DKFDS_MOUNT}/`)) return `${DKFDS_MOUNT}/v-${dkfdsHash}${urlPath.slice(DKFDS_MOUNT.length)}`;
      return urlPath;
    },
    fingerprintOf,
    memory: (urlPath) => memory.get(urlPath),
    brotliReady: options.brotli ? Promise.all([...memory.values()].map(brotli)).then(() => undefined) : Promise.resolve(),
  };
}

const built = new Map<boolean, AssetManifest>();

/** One manifest per process: the files do not change while it runs (`npm run dev` restarts on an edit in public/). */
export function assetManifest(options: { brotli: boolean }): AssetManifest {
  let manifest = built.get(options.brotli);
  if (!manifest) built.set(options.brotli, (manifest = buildAssetManifest(options)));
  return manifest;
}
