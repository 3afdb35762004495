// Fixed information pages linked from every footer: about the portal, the
// accessibility statement (required for Danish public sites) and the privacy notice.
// Their own texts and the retention periods the privacy notice names come from the
// municipality's settings (the admin edits them: /administration/sider, /opbevaring).
import express, { type Router } from 'express';
import type { SettingsService } from '../municipality/settings-service.js';
import { localisedText, withEmailLinks } from '../../views/plain-text.js';
import { CONFIRM_LINK_DAYS } from '../opening-alerts/opening-alert-service.js';

export interface PagesRoutesDeps {
  services: { settings: SettingsService };
}

export function pagesRoutes(deps: PagesRoutesDeps): Router {
  const { settings } = deps.services;
  const router = express.Router();
  router.get('/om', async (req, res) => {
    const texts = await settings.pageTexts();
    res.render('pages/about', {
      title: req.t('pages.about.title'),
      breadcrumbs: [{ label: req.t('pages.about.title') }],
      about: localisedText(req.lang, texts.aboutDa, texts.aboutEn),
    });
  });
  router.get('/tilgaengelighed', async (req, res) => {
    const texts = await settings.pageTexts();
    const contact = texts.accessibilityContact.trim();
    res.render('pages/accessibility', {
      title: req.t('pages.accessibility.title'),
      breadcrumbs: [{ label: req.t('pages.accessibility.title') }],
      issues: localisedText(req.lang, texts.accessibilityIssuesDa, texts.accessibilityIssuesEn),
      statementDate: texts.accessibilityStatementDate,
      // One text for both languages, as the admin wrote it: Danish on an English page;
      // the addresses in it are links (escaped first, see withEmailLinks).
      contact: contact === '' ? null : withEmailLinks({ paragraphs: [contact], lang: req.lang === 'da' ? null : ('da' as const) }),
    });
  });
  router.get('/privatliv', async (req, res) => {
    const [texts, retention] = await Promise.all([settings.pageTexts(), settings.retention()]);
    res.render('pages/privacy', {
      title: req.t('pages.privacy.title'),
      breadcrumbs: [{ label: req.t('pages.privacy.title') }],
      intro: localisedText(req.lang, texts.privacyIntroDa, texts.privacyIntroEn),
      retention,
      // How long an unconfirmed alert is kept: the job's constant, so the two cannot drift.
      alertConfirmDays: CONFIRM_LINK_DAYS,
    });
  });
  return router;
}
