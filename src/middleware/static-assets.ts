// Static files: our own (public/) and the design system's compiled assets, served from
// node_modules/dkfds/dist so no page depends on a CDN. Before sessions, so asset
// requests never touch the database.
//
// Each file has two URLs (src/middleware/asset-manifest.ts, docs/adr/0031-*):
// - fingerprinted, `/static/v-<hash>/css/app.css`, the one pages link to: in production
//   cached for a year as immutable, so a second page view requests no asset again;
// - plain, `/static/css/app.css`, for links made before fingerprints (bookmarks, mail
//   programs): a short cache, so a new release reaches them within the hour.
// A fingerprint that is not the current one (a page rendered by the previous release,
// during a rolling deploy or from a cache) gets the current file with the short cache,
// not a 404: a slightly newer stylesheet beats an unstyled page, and without immutable
// no cache keeps the pairing.
//
// The CSS, JS and SVG files pages load are sent from memory, compressed once at start;
// the rest (fonts, source maps, unused files) by express.static from disk.
import express, { type Request, type RequestHandler, type Response } from 'express';
import compression from 'compression';
import { DKFDS_DIR, DKFDS_MOUNT, PUBLIC_DIR, PUBLIC_MOUNT, type AssetManifest, type MemoryAsset } from './asset-manifest.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT_PRODUCTION = 'public, max-age=3600';
// In development every view revalidates, so an edited file shows on the next reload.
const SHORT_DEVELOPMENT = 'public, max-age=0';

const FINGERPRINT = /^\/v-([0-9a-f]{1,64})(\/.*)$/;

export function staticAssets(options: { production: boolean; manifest: AssetManifest }): RequestHandler {
  const { manifest, production } = options;
  const short = production ? SHORT_PRODUCTION : SHORT_DEVELOPMENT;
  // Cache-Control is set by setHeaders, only when a file is sent: a 404 falling through
  // to the portal's error page must not be cached as immutable.
  const fromDisk = (dir: string, cacheControl: string) =>
    express.static(dir, {
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', cacheControl),
    });
  const disk = {
    [PUBLIC_MOUNT]: { immutable: fromDisk(PUBLIC_DIR, production ? IMMUTABLE : short), short: fromDisk(PUBLIC_DIR, short) },
    [DKFDS_MOUNT]: { immutable: fromDisk(DKFDS_DIR, production ? IMMUTABLE : short), short: fromDisk(DKFDS_DIR, short) },
  };

  return (req, res, next) => {
    const mount = req.path.startsWith(`${PUBLIC_MOUNT}/`) ? PUBLIC_MOUNT : req.path.startsWith(`${DKFDS_MOUNT}/`) ? DKFDS_MOUNT : undefined;
    if (!mount || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const rest = req.path.slice(mount.length);
    const fingerprinted = FINGERPRINT.exec(rest);
    const filePath = fingerprinted ? fingerprinted[2]! : rest;
    const current = fingerprinted !== null && fingerprinted[1] === manifest.fingerprintOf(mount, filePath);

    const inMemory = manifest.memory(mount + filePath);
    if (inMemory) return sendFromMemory(req, res, inMemory, current && production ? IMMUTABLE : short);

    // express.static serves req.url relative to its directory; the error page after a
    // miss needs the original, so it is restored.
    const originalUrl = req.url;
    const query = originalUrl.indexOf('?');
    req.url = filePath + (query === -1 ? '' : originalUrl.slice(query));
    const serve = current ? disk[mount].immutable : disk[mount].short;
    return serve(req, res, (error?: unknown) => {
      req.url = originalUrl;
      next(error);
    });
  };
}

function sendFromMemory(req: Request, res: Response, asset: MemoryAsset, cacheControl: string): void {
  // Brotli before gzip whatever order the client lists them in (browsers send "gzip,
  // deflate, br, zstd"): smaller, and made once. Brotli only once its copy is made.
  const accepted = req.acceptsEncodings();
  const encoding = asset.br && accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : 'identity';
  const body = encoding === 'br' ? asset.br! : encoding === 'gzip' ? asset.gzip : asset.identity;
  res.vary('Accept-Encoding');
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', cacheControl);
  // Each representation its own strong ETag (RFC 9110 8.8.3).
  res.setHeader('ETag', `"${asset.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  // Set here, the compression middleware leaves the body as it is ("already encoded").
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The compression filter: compressible types (the package's own test), unless `no-store` (src/app.ts). */
export function compressUnlessPrivate(req: Request, res: Response): boolean {
  return !/no-store/.test(String(res.getHeader('Cache-Control') ?? '')) && compression.filter(req, res);
}
