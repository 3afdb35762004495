// The admin's page texts are cut into paragraphs and e-mail links once per texts object
// and language (the settings service hands out a new object after every save and after
// its cache's minute), not on every view; a new object is drawn anew at once.
import { describe, expect, it } from 'vitest';
import express, { type Request, type RequestHandler } from 'express';
import request from 'supertest';
import { pagesRoutes } from '../../../src/features/pages/pages-routes.js';
import type { PageTexts, SettingsService } from '../../../src/features/municipality/settings-service.js';
import type { Language } from '../../../src/i18n/i18n.js';

const TEXTS: PageTexts = {
  aboutDa: 'Om os.\n\nAndet afsnit.',
  aboutEn: '',
  privacyIntroDa: 'Intro.',
  privacyIntroEn: 'Intro in English.',
  accessibilityStatementDate: null,
  accessibilityIssuesDa: 'Kendt fejl.',
  accessibilityIssuesEn: '',
  accessibilityContact: 'Skriv til a@testrup.example.org.',
};

function appWith(current: () => PageTexts) {
  // Only what the routes ask of the settings service.
  const settings = {
    pageTexts: () => Promise.resolve(current()),
    retention: () => Promise.resolve({ interestMonths: 12, memberInactivityMonths: 24, auditMonths: 60 }),
  } as unknown as SettingsService;
  const rendered: Record<string, unknown>[] = [];
  const app = express();
  const fakeView: RequestHandler = (req, res, next) => {
    req.lang = (req.query.lang === 'en' ? 'en' : 'da') satisfies Language;
    req.t = ((key: string) => key) as unknown as Request['t'];
    res.render = ((_view: string, locals: Record<string, unknown>) => {
      rendered.push(locals);
      res.send('ok');
    }) as typeof res.render;
    next();
  };
  app.use(fakeView, pagesRoutes({ services: { settings } }));
  return { app, rendered };
}

describe('the fixed pages’ drawn texts', () => {
  it('are made once per texts object and language, and anew for a new texts object', async () => {
    let texts = TEXTS;
    const { app, rendered } = appWith(() => texts);
    await request(app).get('/tilgaengelighed').expect(200);
    await request(app).get('/tilgaengelighed').expect(200);
    await request(app).get('/tilgaengelighed?lang=en').expect(200);
    const [first, second, english] = rendered;
    expect(second?.contact).toBe(first?.contact);
    expect(second?.issues).toBe(first?.issues);
    expect(first?.contact).toEqual({
      paragraphs: ['Skriv til a@testrup.example.org.'],
      lang: null,
      parts: [
        [
          { text: 'Skriv til ', email: false },
          { text: 'a@testrup.example.org', email: true },
          { text: '.', email: false },
        ],
      ],
    });
    expect(english?.contact).toMatchObject({ lang: 'da' });
    expect(Object.isFrozen(first?.contact)).toBe(true);

    texts = { ...TEXTS, accessibilityContact: 'Nu b@testrup.example.org' };
    await request(app).get('/tilgaengelighed').expect(200);
    expect(rendered[3]?.contact).toMatchObject({
      parts: [
        [
          { text: 'Nu ', email: false },
          { text: 'b@testrup.example.org', email: true },
        ],
      ],
    });
  });

  it('give every page its own text in the reader’s language', async () => {
    const { app, rendered } = appWith(() => TEXTS);
    await request(app).get('/om').expect(200);
    await request(app).get('/privatliv?lang=en').expect(200);
    expect(rendered[0]?.about).toEqual({ paragraphs: ['Om os.', 'Andet afsnit.'], lang: null });
    expect(rendered[1]?.intro).toEqual({ paragraphs: ['Intro in English.'], lang: null });
  });
});
