// All user-visible text lives in the locale files (src/i18n/locales/*.json). Danish is
// the default; English is offered to everyone on every page. One i18next instance is
// initialised at start-up; each request gets a translate function fixed to its
// language (getFixedT is cheap and shares the loaded resources).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { projectRoot } from '../paths.js';

export const SUPPORTED_LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'da';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function loadResources(): Record<Language, { translation: Record<string, unknown> }> {
  const dir = path.join(projectRoot, 'src', 'i18n', 'locales');
  const load = (lang: Language) =>
    JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Record<string, unknown>;
  return { da: { translation: load('da') }, en: { translation: load('en') } };
}

export interface Translator {
  instance: i18n;
  t(lang: Language): TFunction;
}

export function createTranslator(): Translator {
  const instance = i18next.createInstance();
  // Synchronous: resources are given inline and initAsync is off.
  void instance.init({
    resources: loadResources(),
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // EJS escapes on output (<%= %>); escaping here too would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return { instance, t: (lang) => instance.getFixedT(lang) };
}
