// The municipality's settings: admins only (name, contact, logo, the public pages'
// texts, the retention periods); the logo itself is public (/logo). The logo upload's
// multipart body is parsed before the CSRF check (logo-upload.ts, mounted in src/app.ts).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { Clock } from '../../clock.js';
import type { SettingsService } from './settings-service.js';
import { createSettingsController, LOGO_PATH, LOGO_REMOVE_PATH, RETENTION_PATH, SETTINGS_PATH, TEXTS_PATH } from './settings-controller.js';

export interface SettingsRoutesDeps {
  access: AccessControl;
  clock: Clock;
  services: { settings: SettingsService };
}

export function settingsRoutes(deps: SettingsRoutesDeps): Router {
  const { access } = deps;
  const controller = createSettingsController({ clock: deps.clock, settings: deps.services.settings });
  const router = express.Router();
  router.get(SETTINGS_PATH, access.requireAdmin, controller.showSettings);
  router.post(SETTINGS_PATH, access.requireAdmin, controller.saveSettings);
  router.post(LOGO_PATH, access.requireAdmin, controller.uploadLogo);
  router.post(LOGO_REMOVE_PATH, access.requireAdmin, controller.removeLogo);
  router.get(TEXTS_PATH, access.requireAdmin, controller.showTexts);
  router.post(TEXTS_PATH, access.requireAdmin, controller.saveTexts);
  router.get(RETENTION_PATH, access.requireAdmin, controller.showRetention);
  router.post(RETENTION_PATH, access.requireAdmin, controller.saveRetention);
  router.get('/logo', controller.logo);
  return router;
}
