// The logo upload (multipart/form-data, kept in memory, at most 500 kB). A multipart
// form carries its CSRF token in the body, and the CSRF check runs before the routers,
// so the app mounts this parser in front of the check (src/app.ts), as the plan
// import does — and only for admins: nobody else gets a file read into memory. A file
// that is too large or a broken upload is not an error page: the fields read so far
// (the token comes first in the form) still reach the CSRF check, and the settings
// page answers 422 with the reason (res.locals.logoUploadProblem).
//
// The type is decided by the file's first bytes, never by its name or the browser's
// MIME type: only PNG, JPEG and WebP. SVG is refused, as it can carry scripts.
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { AccessControl } from '../../access/access-control.js';

export const LOGO_MAX_BYTES = 500 * 1024;
export const LOGO_FILE_FIELD = 'logo';
/** The path the parser is mounted on (POSTs only). */
export const LOGO_UPLOAD_PATH = '/administration/indstillinger/logo';

export type LogoUploadProblem = 'tooLarge' | 'unreadable';
export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (data: Uint8Array, bytes: number[], offset = 0) => bytes.every((byte, index) => data[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The image type the bytes are, or null when they are none of PNG, JPEG, WebP. */
export function logoTypeOf(data: Uint8Array): LogoType | null {
  if (data.length >= PNG.length && startsWith(data, PNG)) return 'image/png';
  if (data.length >= 4 && startsWith(data, JPEG)) return 'image/jpeg';
  if (data.length >= 12 && startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

export function logoUpload(access: AccessControl): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 3, parts: 4 },
  }).single(LOGO_FILE_FIELD);
  return (req, res, next) => {
    // app.use matches the path as a prefix: only the upload itself, not …/logo/fjern.
    if (req.method !== 'POST' || req.path !== '/' || !req.is('multipart/form-data')) return next();
    access.requireAdmin(req, res, (denied?: unknown) => {
      if (denied) return next(denied);
      upload(req, res, (error?: unknown) => {
        if (error) {
          res.locals.logoUploadProblem =
            error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'tooLarge' : 'unreadable';
        }
        next();
      });
    });
  };
}
