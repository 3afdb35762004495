// Each language's translate function is made once and shared by every request; the
// plain texts it looks up in a map must read exactly as i18next's own answers.
import { describe, expect, it } from 'vitest';
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
