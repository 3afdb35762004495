// A counted text ("1 forening", "12 foreninger") is made once per language, key and
// number, and reads exactly as the translator's own answer.
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { createTranslator, SUPPORTED_LANGUAGES } from '../../src/i18n/i18n.js';
import { countedText } from '../../src/views/counted-texts.js';

describe('countedText', () => {
  const translator = createTranslator();

  it('reads as t(key, { count }) in every language, singular and plural', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const t = translator.t(lang);
      const text = countedText(t, lang, 'associations.directory.count');
      for (const count of [0, 1, 2, 12, 1000, 1001, 25_000]) {
        expect(text(count), `${lang} ${count}`).toBe(t('associations.directory.count', { count }));
        expect(text(count), `${lang} ${count}, again`).toBe(t('associations.directory.count', { count }));
      }
    }
    expect(countedText(translator.t('da'), 'da', 'associations.directory.count')(1)).not.toBe(
      countedText(translator.t('en'), 'en', 'associations.directory.count')(1),
    );
  });

  it('asks the translator once per number, and again only above the remembered range', () => {
    const calls: unknown[] = [];
    const t = ((key: string, options: { count: number }) => {
      calls.push(options.count);
      return `${key}:${options.count}`;
    }) as unknown as TFunction;
    const text = countedText(t, 'test-language', 'some.key');
    for (let i = 0; i < 3; i++) {
      expect(text(7)).toBe('some.key:7');
      expect(text(5000)).toBe('some.key:5000');
    }
    expect(calls).toEqual([7, 5000, 5000, 5000]);
  });
});
