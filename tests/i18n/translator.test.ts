// Each language's translate function is made once and shared by every request; the
// plain texts it looks up in a map must read exactly as i18next's own answers.
import { describe, expect, it, vi } from 'vitest';
import express from 'express';
import cookieParser from 'cookie-parser';
import request from 'supertest';
import { createTranslator, loadMessages, SUPPORTED_LANGUAGES } from '../../src/i18n/i18n.js';
import { locale } from '../../src/middleware/locale.js';

type Messages = { [key: string]: string | Messages };
function keys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translator', () => {
  const translator = createTranslator();

  it('gives the same t for a language every time', () => {
    expect(translator.t('da')).toBe(translator.t('da'));
    expect(translator.t('en')).toBe(translator.t('en'));
    expect(translator.t('da')).not.toBe(translator.t('en'));
  });

  it('answers every key, with and without options, exactly as i18next does', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const fast = translator.t(lang);
      const full = translator.instance.getFixedT(lang);
      for (const key of [...keys(loadMessages('da')), ...keys(loadMessages('en')), 'no.such.key']) {
        expect(fast(key), `${lang} ${key}`).toBe(full(key));
        expect(fast(key, { count: 2, name: 'N' }), `${lang} ${key}`).toBe(full(key, { count: 2, name: 'N' }));
        // Every placeholder of the text filled, with values i18next must not touch again.
        const text = String(full(key));
        const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string);
        const values = Object.fromEntries(names.map((name, i) => [name, i % 2 ? i : `<${name}> {{${name}}} $`]));
        expect(fast(key, values), `${lang} ${key}`).toBe(full(key, values));
        if (names.length > 1) expect(fast(key, { [names[0] as string]: 'only one' })).toBe(full(key, { [names[0] as string]: 'only one' }));
      }
    }
  });

  it('answers every plural key with a count exactly as i18next does, in both languages', () => {
    // The base keys of plural texts (key_one/key_other/key_zero…), and one key that is no
    // plural at all (a count then just fills in {{count}} or is ignored).
    const plural = /_(zero|one|two|few|many|other)$/;
    const all = [...keys(loadMessages('da')), ...keys(loadMessages('en'))];
    const bases = [...new Set(all.filter((key) => plural.test(key)).map((key) => key.replace(plural, '')))];
    expect(bases.length).toBeGreaterThan(20);
    for (const lang of SUPPORTED_LANGUAGES) {
      const fast = translator.t(lang);
      const full = translator.instance.getFixedT(lang);
      for (const key of [...bases, 'nav.myPage', 'no.such.key']) {
        for (const count of [0, 1, 2, 21, 1000, 1.5, -1]) {
          expect(fast(key, { count }), `${lang} ${key} ${count}`).toBe(full(key, { count }));
          const text = String(full(key, { count }));
          const names = [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string).filter((name) => name !== 'count');
          const values = { count, ...Object.fromEntries(names.map((name, i) => [name, i % 2 ? i : `<${name}> {{count}} $`])) };
          expect(fast(key, values), `${lang} ${key} ${count} with values`).toBe(full(key, values));
        }
      }
    }
  });

  it('resolves a plain plural without i18next, and hands it anything more', () => {
    const own = createTranslator();
    const t = own.t('en');
    const slow = vi.spyOn(own.instance, 't');
    expect(t('associations.directory.count', { count: 1 })).toBe(
      own.instance.getFixedT('en')('associations.directory.count', { count: 1 }),
    );
    slow.mockClear();
    for (const count of [0, 1, 2, 21, 1000]) t('associations.directory.count', { count });
    expect(slow).not.toHaveBeenCalled();
    t('associations.directory.count', { count: 2, context: 'x' });
    t('associations.directory.count', { count: '2' });
    t('associations.directory.count', { count: 2, defaultValue: 'x' });
    expect(slow).toHaveBeenCalledTimes(3);
  });

  it('the locale middleware hands every request in a language the same t and view helpers', async () => {
    const app = express();
    const seen: unknown[][] = [];
    app.use(cookieParser(), locale(translator), (req, res) => {
      seen.push([req.t, res.locals.withDanish, res.locals.formatDate]);
      res.send(req.t('nav.myPage'));
    });
    const first = await request(app).get('/').set('Cookie', 'lang=en');
    await request(app).get('/').set('Cookie', 'lang=en');
    await request(app).get('/');
    expect(first.text).toBe(translator.instance.getFixedT('en')('nav.myPage'));
    expect(seen[0]).toEqual(seen[1]);
    seen[0]?.forEach((value, i) => expect(value).toBe(seen[1]?.[i]));
    expect(seen[2]?.[0]).toBe(translator.t('da'));
  });
});
