// All user-visible text lives in the locale files (src/i18n/locales/*.json). Danish is
// the default; English is offered to everyone on every page. One i18next instance is
// initialised at start-up; each language gets one translate function, made once
// (resolvedOnce below) and shared by every request in that language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { projectRoot } from '../paths.js';

export const SUPPORTED_LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'da';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

type Messages = { [key: string]: string | Messages };

/**
 * Each feature keeps its texts in its own file (src/i18n/locales/<lang>/<feature>.json),
 * so features can grow without editing one shared file. The files are merged into one
 * tree; the same key in two files is a mistake and stops the start.
 */
function mergeInto(target: Messages, source: Messages, file: string, prefix = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      target[key] = existing ?? {};
      mergeInto(target[key] as Messages, value, file, `${prefix}${key}.`);
    } else if (existing !== undefined) {
      throw new Error(`Locale key "${prefix}${key}" defined twice (again in ${file})`);
    } else {
      target[key] = value;
    }
  }
}

export function loadMessages(lang: Language): Messages {
  const dir = path.join(projectRoot, 'src', 'i18n', 'locales', lang);
  const messages: Messages = {};
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    mergeInto(messages, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Messages, file);
  }
  return messages;
}

function loadResources(): Record<Language, { translation: Messages }> {
  return { da: { translation: loadMessages('da') }, en: { translation: loadMessages('en') } };
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
  const fixed = new Map<Language, TFunction>(SUPPORTED_LANGUAGES.map((lang) => [lang, resolvedOnce(instance, lang)]));
  return { instance, t: (lang) => fixed.get(lang) as TFunction };
}

type Leaves = Map<string, string>;

/** Every key of the tree by its dotted path, with its text. */
function textLeaves(messages: Messages, prefix = '', into: Leaves = new Map()): Leaves {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'object') textLeaves(value, `${prefix}${key}.`, into);
    else into.set(`${prefix}${key}`, value);
  }
  return into;
}

/** A text with $t(nesting) needs i18next. */
const nested = (text: string): boolean => text.includes('$t(');

/** Options that make i18next do more than fill in {{values}}: those calls go to i18next. */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keyPrefix',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'replace',
  'nsSeparator',
  'keySeparator',
]);
const PLACEHOLDER = /\{\{([A-Za-z_$][\w$]*)\}\}/g;

/**
 * `{{name}}` filled in from plain values, as i18next does with escapeValue off; undefined
 * when the text or the options need i18next (a missing or non-plain value).
 */
function interpolate(text: string, options: Record<string, unknown>, counted = false): string | undefined {
  for (const key in options) if (I18NEXT_OPTIONS.has(key) && !(counted && key === 'count')) return undefined;
  let complete = true;
  const filled = text.replace(PLACEHOLDER, (match, name: string) => {
    const value = options[name];
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    complete = false;
    return match;
  });
  return complete ? filled : undefined;
}

/**
 * The translate function of one language, made once at start (not per request). A page
 * asks for dozens of texts (the layout's menu, footer, labels): i18next resolves each of
 * them anew on every call, options object and all (a CPU profile of a static page showed
 * it at ~14%). So texts are looked up in a map of the language's texts, and `{{values}}`
 * filled in here when the call gives plain values. A number as `count` (a plural:
 * "Side 1 af 3", "12 foreninger") picks the key as i18next does for it: `key_zero` for 0
 * if the language has one, else `key_<category>` by the language's cardinal plural rules
 * (the same Intl.PluralRules i18next asks, made once here), else the key itself. Anything
 * else — context, ordinal, defaultValue and the other i18next options, nesting, a key
 * only the fallback language has — goes to i18next's own function as before.
 * tests/i18n/translator.test.ts checks every key against i18next, plurals with several
 * counts.
 */
function resolvedOnce(instance: i18n, lang: Language): TFunction {
  // i18next's TFunction is an overloaded generic type no plain function satisfies; the
  // wrapper passes every call through unchanged except the lookups below.
  const full = instance.getFixedT(lang) as unknown as (...args: unknown[]) => unknown;
  const bundle = instance.getResourceBundle(lang, 'translation') as Messages | undefined;
  const texts = textLeaves(bundle ?? {});
  const plurals = new Intl.PluralRules(lang, { type: 'cardinal' });
  /** The text i18next would find in this language for `count`, or undefined. */
  const counted = (key: string, count: number): string | undefined => {
    if (count === 0) {
      const zero = texts.get(`${key}_zero`);
      if (zero !== undefined) return zero;
    }
    return texts.get(`${key}_${plurals.select(count)}`) ?? texts.get(key);
  };
  const fast = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key === 'string' && args.length <= 2) {
      if (options === undefined) {
        const text = texts.get(key);
        if (text !== undefined && !text.includes('{{') && !nested(text)) return text;
      } else if (typeof options === 'object' && options !== null) {
        const values = options as Record<string, unknown>;
        const count = values.count;
        const isCount = typeof count === 'number';
        const text = isCount ? counted(key, count) : texts.get(key);
        if (text !== undefined && !nested(text)) {
          const filled = interpolate(text, values, isCount);
          if (filled !== undefined) return filled;
        }
      }
    }
    return full(...args);
  };
  return fast as unknown as TFunction;
}
