// Fixed information pages linked from every footer: about the portal, the
// accessibility statement (required for Danish public sites) and the privacy notice.
// Their own texts and the retention periods the privacy notice names come from the
// municipality's settings (the admin edits them: /administration/sider, /opbevaring).
import express, { type Router } from 'express';
import type { PageTexts, SettingsService } from '../municipality/settings-service.js';
import { localisedText, withEmailLinks, type LocalisedText } from '../../views/plain-text.js';
import type { Language } from '../../i18n/i18n.js';
import { CONFIRM_LINK_DAYS } from '../opening-alerts/opening-alert-service.js';

export interface PagesRoutesDeps {
  services: { settings: SettingsService };
}

/** The admin's texts as the pages draw them, in one language. */
interface DrawnTexts {
  about: LocalisedText;
  issues: LocalisedText;
  statementDate: Date | null;
  /** The accessibility contact with its e-mail addresses as links; null when empty. */
  contact: LocalisedText | null;
  privacyIntro: LocalisedText;
}

function drawn(texts: PageTexts, lang: Language): DrawnTexts {
  const contact = texts.accessibilityContact.trim();
  return deepFreeze({
    about: localisedText(lang, texts.aboutDa, texts.aboutEn),
    issues: localisedText(lang, texts.accessibilityIssuesDa, texts.accessibilityIssuesEn),
    statementDate: texts.accessibilityStatementDate,
    // One text for both languages, as the admin wrote it: Danish on an English page;
    // the addresses in it are links (escaped first, see withEmailLinks).
    contact: contact === '' ? null : withEmailLinks({ paragraphs: [contact], lang: lang === 'da' ? null : 'da' }),
    privacyIntro: localisedText(lang, texts.privacyIntroDa, texts.privacyIntroEn),
  });
}

/** Shared by every view of a page, so no view can change what the next one shows. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function pagesRoutes(deps: PagesRoutesDeps): Router {
  const { settings } = deps.services;
  const router = express.Router();
  // The paragraphs and e-mail links of the admin's texts depend only on the texts and the
  // language, but splitting and matching them on every view of a static page cost ~2% of
  // its CPU. The settings service hands out one texts object per cache period (60 s; a
  // new one at once after every save, see its `invalidate`), so they are made once per
  // texts object and language: a changed text shows with its new links at once.
  const made = new WeakMap<PageTexts, Map<Language, DrawnTexts>>();
  const drawnTexts = async (lang: Language): Promise<DrawnTexts> => {
    const texts = await settings.pageTexts();
    let byLang = made.get(texts);
    if (!byLang) made.set(texts, (byLang = new Map()));
    let result = byLang.get(lang);
    if (!result) byLang.set(lang, (result = drawn(texts, lang)));
    return result;
  };
  router.get('/om', async (req, res) => {
    const texts = await drawnTexts(req.lang);
    res.render('pages/about', {
      title: req.t('pages.about.title'),
      breadcrumbs: [{ label: req.t('pages.about.title') }],
      about: texts.about,
    });
  });
  router.get('/tilgaengelighed', async (req, res) => {
    const texts = await drawnTexts(req.lang);
    res.render('pages/accessibility', {
      title: req.t('pages.accessibility.title'),
      breadcrumbs: [{ label: req.t('pages.accessibility.title') }],
      issues: texts.issues,
      statementDate: texts.statementDate,
      contact: texts.contact,
    });
  });
  router.get('/privatliv', async (req, res) => {
    const [texts, retention] = await Promise.all([drawnTexts(req.lang), settings.retention()]);
    res.render('pages/privacy', {
      title: req.t('pages.privacy.title'),
      breadcrumbs: [{ label: req.t('pages.privacy.title') }],
      intro: texts.privacyIntro,
      retention,
      // How long an unconfirmed alert is kept: the job's constant, so the two cannot drift.
      alertConfirmDays: CONFIRM_LINK_DAYS,
    });
  });
  return router;
}
