// The admin's settings pages: the municipality's name and contact with its logo
// (/administration/indstillinger), the public pages' texts (/administration/sider)
// and the retention periods (/administration/opbevaring); and the public /logo. A
// failed form re-renders with 422 and the input kept; a form loaded before someone
// else saved answers 409 with the input kept; success is 303 + flash.
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import { HttpError } from '../../errors.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { requireVersion } from '../../validation/version.js';
import { dateText } from '../../validation/dates.js';
import { LOGO_FILE_FIELD, LOGO_MAX_BYTES, logoTypeOf, type LogoUploadProblem } from './logo-upload.js';
import {
  contactSchema,
  pageTextsSchema,
  RETENTION_BOUNDS,
  RETENTION_FIELDS,
  retentionSchema,
  withRangeParams,
} from './settings-schemas.js';
import type { EditableSettings, PageTexts, SaveOutcome, SettingsService } from './settings-service.js';

export const ADMIN_PATH = '/administration';
export const SETTINGS_PATH = `${ADMIN_PATH}/indstillinger`;
export const LOGO_PATH = `${SETTINGS_PATH}/logo`;
export const LOGO_REMOVE_PATH = `${LOGO_PATH}/fjern`;
export const TEXTS_PATH = `${ADMIN_PATH}/sider`;
export const RETENTION_PATH = `${ADMIN_PATH}/opbevaring`;

/** A day: the logo's address changes with its bytes (?v=hash), so caches may keep it long. */
const LOGO_MAX_AGE_SECONDS = 24 * 60 * 60;

const LOGO_ERRORS: Record<LogoUploadProblem | 'noFile' | 'wrongType', string> = {
  tooLarge: 'municipality.errors.logoTooLarge',
  unreadable: 'municipality.errors.logoUnreadable',
  noFile: 'municipality.errors.logoMissing',
  wrongType: 'municipality.errors.logoWrongType',
};

interface FormView {
  version: number;
  values: Record<string, unknown>;
  errors?: FieldError[];
  conflict?: boolean;
}

function textValues(texts: PageTexts): Record<string, unknown> {
  const date = texts.accessibilityStatementDate;
  return { ...texts, accessibilityStatementDate: date ? dateText(date.toISOString().slice(0, 10)) : '' };
}

const retentionValues = (settings: EditableSettings) =>
  Object.fromEntries(RETENTION_FIELDS.map((field) => [field, String(settings.retention[field])]));

export function createSettingsController(deps: { clock: Clock; settings: SettingsService }) {
  const { settings } = deps;
  const crumbs = (req: Request, label: string) => [{ href: ADMIN_PATH, label: req.t('municipality.admin') }, { label }];

  /** One of the three versioned forms: its page, title and form fields, plus what each adds. */
  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    form: { view: string; titleKey: string; action: string; schema: Parameters<typeof maxLengths>[0] },
    view: FormView,
    extra: Record<string, unknown> = {},
  ) => {
    const title = req.t(form.titleKey);
    res.status(status).render(form.view, {
      title,
      breadcrumbs: crumbs(req, title),
      action: form.action,
      limits: maxLengths(form.schema),
      version: view.version,
      values: view.values,
      errors: view.errors ?? [],
      conflict: view.conflict ?? false,
      ...extra,
    });
  };

  const renderSettings = async (req: Request, res: Response, status: number, view: FormView) => {
    const stored = await settings.editable();
    renderForm(
      req,
      res,
      status,
      { view: 'municipality/settings', titleKey: 'municipality.settings.title', action: SETTINGS_PATH, schema: contactSchema },
      view,
      {
        logoAction: LOGO_PATH,
        logoRemoveAction: LOGO_REMOVE_PATH,
        logo: stored.logo,
        logoUrl: (await settings.profile()).logoUrl,
        logoMaxKb: LOGO_MAX_BYTES / 1024,
        logoField: LOGO_FILE_FIELD,
      },
    );
  };

  const renderTexts = (req: Request, res: Response, status: number, view: FormView) =>
    renderForm(
      req,
      res,
      status,
      { view: 'municipality/texts', titleKey: 'municipality.texts.title', action: TEXTS_PATH, schema: pageTextsSchema },
      view,
    );

  const renderRetention = (req: Request, res: Response, status: number, view: FormView) =>
    renderForm(
      req,
      res,
      status,
      { view: 'municipality/retention', titleKey: 'municipality.retention.title', action: RETENTION_PATH, schema: retentionSchema },
      view,
      { fields: RETENTION_FIELDS.map((field) => ({ field, ...RETENTION_BOUNDS[field] })) },
    );

  /** The shared save flow of the three versioned forms. */
  const saving =
    <T>(options: {
      parse: (body: unknown) => { ok: true; data: T } | { ok: false; errors: FieldError[] };
      save: (version: number, data: T, req: Request) => Promise<SaveOutcome>;
      render: (req: Request, res: Response, status: number, view: FormView) => Promise<void> | void;
      flash: string;
      path: string;
    }): RequestHandler =>
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const version = requireVersion(body);
      const values = keepValues(body, ['_csrf', 'version']);
      const form = options.parse(body);
      if (!form.ok) {
        await options.render(req, res, 422, { version, values, errors: form.errors });
        return;
      }
      const outcome = await options.save(version, form.data, req);
      if (!outcome.ok) {
        // Someone saved in between: keep this admin's input; the form now carries the
        // newest version, so saving again is a deliberate overwrite.
        const latest = await settings.editable();
        await options.render(req, res, 409, { version: latest.version, values, conflict: true });
        return;
      }
      addFlash(req, 'success', options.flash);
      res.redirect(303, options.path);
    };

  const context = (req: Request) => changeContext(req, deps.clock.now());

  const showSettings: RequestHandler = async (req, res) => {
    const stored = await settings.editable();
    await renderSettings(req, res, 200, { version: stored.version, values: { ...stored.contact } });
  };

  const saveSettings = saving({
    parse: (body) => parseForm(contactSchema, body),
    save: (version, data, req) => settings.saveContact(version, data, context(req)),
    render: renderSettings,
    flash: 'municipality.settings.saved',
    path: SETTINGS_PATH,
  });

  const uploadLogo: RequestHandler = async (req, res) => {
    const problem = res.locals.logoUploadProblem as LogoUploadProblem | undefined;
    const file = req.file;
    const type = file ? logoTypeOf(file.buffer) : null;
    const reason = problem ?? (!file || file.size === 0 ? 'noFile' : type === null ? 'wrongType' : null);
    if (reason !== null || !file || !type) {
      const stored = await settings.editable();
      const key = LOGO_ERRORS[reason ?? 'noFile'];
      await renderSettings(req, res, 422, {
        version: stored.version,
        values: { ...stored.contact },
        errors: [{ field: LOGO_FILE_FIELD, key, params: { max: LOGO_MAX_BYTES / 1024 } }],
      });
      return;
    }
    await settings.saveLogo(file.buffer, type, context(req));
    addFlash(req, 'success', 'municipality.settings.logoSaved');
    res.redirect(303, SETTINGS_PATH);
  };

  const removeLogo: RequestHandler = async (req, res) => {
    await settings.removeLogo(context(req));
    addFlash(req, 'success', 'municipality.settings.logoRemoved');
    res.redirect(303, SETTINGS_PATH);
  };

  const showTexts: RequestHandler = async (req, res) => {
    const stored = await settings.editable();
    renderTexts(req, res, 200, { version: stored.version, values: textValues(stored.texts) });
  };

  const saveTexts = saving({
    parse: (body) => parseForm(pageTextsSchema, body),
    save: (version, data, req) => settings.savePageTexts(version, data, context(req)),
    render: renderTexts,
    flash: 'municipality.texts.saved',
    path: TEXTS_PATH,
  });

  const showRetention: RequestHandler = async (req, res) => {
    const stored = await settings.editable();
    renderRetention(req, res, 200, { version: stored.version, values: retentionValues(stored) });
  };

  const saveRetention = saving({
    parse: (body) => {
      const form = parseForm(retentionSchema, body);
      return form.ok ? form : { ok: false as const, errors: withRangeParams(form.errors) };
    },
    save: (version, data, req) => settings.saveRetention(version, data, context(req)),
    render: renderRetention,
    flash: 'municipality.retention.saved',
    path: RETENTION_PATH,
  });

  /** The uploaded logo, public: its stored type, never sniffed; 404 when there is none. */
  const logo: RequestHandler = async (req, res) => {
    const stored = await settings.logo();
    if (!stored) throw new HttpError(404);
    const etag = `"${stored.hash}"`;
    // The same bytes for every reader and language: a shared cache may keep one copy.
    res.removeHeader('Vary');
    res.removeHeader('Content-Language');
    res.set({
      'Content-Type': stored.type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': `public, max-age=${LOGO_MAX_AGE_SECONDS}`,
      ETag: etag,
    });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.send(Buffer.from(stored.data));
  };

  return { showSettings, saveSettings, uploadLogo, removeLogo, showTexts, saveTexts, showRetention, saveRetention, logo };
}
