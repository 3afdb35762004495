// The import's file upload (multipart/form-data, kept in memory, at most 1 MB). A
// multipart form carries its CSRF token in the body, and the CSRF check runs before
// the routers, so the app mounts this parser in front of the check (src/app.ts) — and
// only for staff: nobody else gets a file read into memory. A file that is too large
// or a broken upload is not an error page: the body's fields read so far (the token
// comes first in the form) still reach the CSRF check, and the import page answers
// 422 with the reason (res.locals.uploadProblem).
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { AccessControl } from '../../access/access-control.js';

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_FILE_FIELD = 'file';
/** The path the parser is mounted on (POSTs only; the confirm form is urlencoded). */
export const IMPORT_UPLOAD_PATH = '/medarbejder/handleplaner/:planId/import';

export type UploadProblem = 'tooLarge' | 'unreadable';

export function planImportUpload(access: AccessControl): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  }).single(IMPORT_FILE_FIELD);
  return (req, res, next) => {
    // app.use matches the path as a prefix: only the upload itself, not …/import/bekraeft.
    if (req.method !== 'POST' || req.path !== '/' || !req.is('multipart/form-data')) return next();
    access.requireStaff(req, res, (denied?: unknown) => {
      if (denied) return next(denied);
      upload(req, res, (error?: unknown) => {
        if (error) {
          res.locals.uploadProblem = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'tooLarge' : 'unreadable';
        }
        next();
      });
    });
  };
}
