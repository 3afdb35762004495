// Language per request: the `lang` cookie if it names a supported language, else
// Danish. GET /sprog/:lang sets the cookie and returns the reader to where they were.
// A cookie (not the session) remembers the choice so anonymous readers need no session.
import express, { type RequestHandler, type Router } from 'express';
import type { TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language, type Translator } from '../i18n/i18n.js';
import { safeLocalPath } from './safe-redirect.js';
import { withDanish } from '../views/mixed-language.js';

export const LANGUAGE_COOKIE = 'lang';

const DATE_LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };
const formatters = new Map<Language, (date: Date) => string>();
const FORMATTED_DATES_KEPT = 2000;

/** Dates as readers of each language write them, in Danish time (one formatter per language). */
export function dateFormatter(lang: Language): (date: Date) => string {
  let format = formatters.get(lang);
  if (!format) {
    const formatter = new Intl.DateTimeFormat(DATE_LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Copenhagen' });
    // Intl's format costs microseconds a call and pages show the same few dates on every
    // view (a deadline, a page's date): each instant's text is kept, up to a bound.
    const known = new Map<number, string>();
    format = (date) => {
      const time = date.getTime();
      let text = known.get(time);
      if (text === undefined) {
        text = formatter.format(date);
        if (known.size >= FORMATTED_DATES_KEPT) known.clear();
        known.set(time, text);
      }
      return text;
    };
    formatters.set(lang, format);
  }
  return format;
}

/** What the middleware hands every request in one language: made once, not per request. */
export interface LanguageLocals {
  t: TFunction;
  formatDate: (date: Date) => string;
  danish: '' | ' lang="da"';
  withDanish: ReturnType<typeof withDanish>;
}

export function languageLocals(translator: Translator): (lang: Language) => LanguageLocals {
  const byLanguage = new Map<Language, LanguageLocals>();
  return (lang) => {
    let locals = byLanguage.get(lang);
    if (!locals) {
      const t = translator.t(lang);
      locals = {
        t,
        formatDate: dateFormatter(lang),
        // What associations and staff type (titles, descriptions, places, names) is Danish;
        // on a page in another language it carries lang="da" so a screen reader pronounces
        // it as Danish (WCAG 3.1.2). Views write `<h2<%- danish %>>…` on such elements.
        danish: lang === 'da' ? '' : ' lang="da"',
        // A sentence of ours around such content: `<%- withDanish(key, options, ['title']) %>`.
        withDanish: withDanish((key, options) => t(key, options), lang),
      };
      byLanguage.set(lang, locals);
    }
    return locals;
  };
}

export function locale(translator: Translator): RequestHandler {
  const localsOf = languageLocals(translator);
  return (req, res, next) => {
    const cookieValue: unknown = req.cookies?.[LANGUAGE_COOKIE];
    req.lang = isLanguage(cookieValue) ? cookieValue : DEFAULT_LANGUAGE;
    const locals = localsOf(req.lang);
    req.t = locals.t;
    res.locals.lang = req.lang;
    res.locals.t = locals.t;
    res.locals.formatDate = locals.formatDate;
    res.locals.danish = locals.danish;
    res.locals.withDanish = locals.withDanish;
    // The language of every answer comes from the cookie: say which it is, and tell
    // caches that the same address answers differently per cookie.
    res.setHeader('Content-Language', req.lang);
    res.vary('Cookie');
    next();
  };
}

/**
 * A link that opens `path` (a local path, query included) in `lang` by way of the
 * switch below: for links in e-mails, whose reader's cookie may name another language.
 */
export function pathInLanguage(lang: Language, path: string): string {
  return `/sprog/${lang}?tilbage=${encodeURIComponent(path)}`;
}

export function languageSwitchRoutes(options: { secureCookie: boolean }): Router {
  const router = express.Router();
  router.get('/sprog/:lang', (req, res) => {
    const { lang } = req.params;
    const back = safeLocalPath(req.query.tilbage, '/');
    if (!isLanguage(lang)) {
      res.redirect(303, back);
      return;
    }
    res.cookie(LANGUAGE_COOKIE, lang, {
      maxAge: 365 * 24 * 60 * 60 * 1000,
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookie,
      path: '/',
    });
    res.redirect(303, back);
  });
  return router;
}
