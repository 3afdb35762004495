// The iCalendar feeds: a valid VCALENDAR with one VEVENT per activity or event,
// weekly activities as RRULE in Danish time, stable UIDs, absolute URLs, escaped
// text — and nothing from associations that are not approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { anAssociation, anActivity, anEvent } from '../../helpers/factories/index.js';
import { buildFeed } from '../../../src/features/calendar/ical-feed.js';
import type { FeedActivity } from '../../../src/features/calendar/calendar-service.js';

let ctx: TestContext;
let choir: Awaited<ReturnType<typeof anAssociation>>;
let pending: Awaited<ReturnType<typeof anAssociation>>;
let rehearsalId: number;
let eventId: number;

beforeAll(async () => {
  ctx = await createTestContext(); // clock: 22 November 2026
  const prisma = ctx.db.prisma;
  choir = await anAssociation(prisma, { name: 'Bragekoret' });
  const rehearsal = await anActivity(prisma, choir.id, {
    title: 'Korprøve, sang; og glæde',
    description: 'Første linje\nAnden linje',
    startsAt: new Date('2026-10-13T17:00:00Z'), // Tuesday 19:00 summer time
    endsAt: new Date('2026-10-13T19:00:00Z'),
    weeklyUntil: new Date('2027-03-30T00:00:00Z'),
    accessibilityNotes: 'Trinfri adgang',
  });
  rehearsalId = rehearsal.id;
  await anActivity(prisma, choir.id, { title: 'Julekoncert', startsAt: new Date('2026-12-13T15:00:00Z') });
  await anActivity(prisma, choir.id, { title: 'Skjult', startsAt: new Date('2026-12-14T15:00:00Z'), published: false });
  await anActivity(prisma, choir.id, { title: 'Længe siden', startsAt: new Date('2025-01-14T15:00:00Z') });
  const other = await anAssociation(prisma, { name: 'IF Limone' });
  await anActivity(prisma, other.id, { title: 'Fodbold', startsAt: new Date('2026-11-25T15:30:00Z') });
  pending = await anAssociation(prisma, { name: 'Afventende', status: 'PENDING' });
  await anActivity(prisma, pending.id, { title: 'Ikke godkendt endnu', startsAt: new Date('2026-11-25T15:30:00Z') });
  const event = await anEvent(prisma, { title: 'Frivillig Fredag', kind: 'FRIVILLIG_FREDAG', startsAt: new Date('2027-09-24T13:00:00Z') });
  eventId = event.id;
});
afterAll(() => ctx.close());

/** RFC 5545 folds long lines (CRLF + space); unfold before reading. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const vevents = (ics: string) =>
  unfold(ics)
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((block) => block.split('END:VEVENT')[0] ?? '');
const veventWith = (ics: string, uid: string) => vevents(ics).find((block) => block.includes(`UID:${uid}\r\n`)) ?? '';

describe('GET /kalender.ics', () => {
  it('is a text/calendar VCALENDAR with every public activity and event', async () => {
    const response = await supertest(ctx.app).get('/kalender.ics').expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = response.text;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(unfold(ics)).toContain('X-WR-CALNAME:Frivillig i Kommunen');
    expect(unfold(ics)).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen');
    // Korprøve, Julekoncert, Fodbold, Frivillig Fredag — not the hidden, the long past or the pending one.
    const summaries = vevents(ics).map((block) => /\r\nSUMMARY:([^\r]*)/.exec(block)?.[1]);
    expect(summaries.sort()).toEqual(['Fodbold', 'Frivillig Fredag', 'Julekoncert', 'Korprøve\\, sang\\; og glæde'].sort());
    expect(ics).not.toContain('Ikke godkendt endnu');
    expect(ics).not.toContain('Skjult');
  });

  it('gives a weekly activity one VEVENT with a Danish-time start and a weekly RRULE', async () => {
    const ics = (await supertest(ctx.app).get('/kalender.ics').expect(200)).text;
    const block = veventWith(ics, `activity-${rehearsalId}@localhost`);
    expect(block).toContain('DTSTART;TZID=Europe/Copenhagen:20261013T190000\r\n');
    expect(block).toContain('DTEND;TZID=Europe/Copenhagen:20261013T210000\r\n');
    // Until the end of 30 March 2027 in Danish (summer) time, in UTC as RFC 5545 asks.
    expect(block).toContain('RRULE:FREQ=WEEKLY;UNTIL=20270330T215959Z\r\n');
    expect(block).toContain('SUMMARY:Korprøve\\, sang\\; og glæde\r\n');
    expect(block).toContain('DESCRIPTION:Første linje\\nAnden linje\\n\\nTrinfri adgang');
    expect(block).toContain(`URL;VALUE=URI:http://localhost:3000/foreninger/${choir.slug}\r\n`);
  });

  it('uses stable UIDs and absolute URLs for events', async () => {
    const first = (await supertest(ctx.app).get('/kalender.ics')).text;
    const second = (await supertest(ctx.app).get('/kalender.ics')).text;
    expect(first).toBe(second);
    const block = veventWith(first, `event-${eventId}@localhost`);
    expect(block).toContain('DTSTART;TZID=Europe/Copenhagen:20270924T150000\r\n');
    expect(block).toContain(`URL;VALUE=URI:http://localhost:3000/kalender/arrangementer/${eventId}\r\n`);
    expect(block).not.toContain('RRULE');
  });
});

describe('GET /foreninger/:slug/kalender.ics', () => {
  it("holds only that association's public activities, named after it", async () => {
    const response = await supertest(ctx.app).get(`/foreninger/${choir.slug}/kalender.ics`).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = unfold(response.text);
    expect(ics).toContain('X-WR-CALNAME:Bragekoret\r\n');
    expect(vevents(response.text)).toHaveLength(2);
    expect(ics).not.toContain('Fodbold');
    expect(ics).not.toContain('Frivillig Fredag');
  });

  it('is 404 for pending and unknown associations', async () => {
    await supertest(ctx.app).get(`/foreninger/${pending.slug}/kalender.ics`).expect(404);
    await supertest(ctx.app).get('/foreninger/findes-ikke/kalender.ics').expect(404);
  });
});

describe('feed output does not depend on the server time zone', () => {
  it('writes the same times with TZ=America/New_York as with UTC', () => {
    const activity = {
      id: 1,
      title: 'Prøve',
      description: '',
      place: 'Et sted',
      accessibilityNotes: '',
      recurrence: 'WEEKLY',
      startsAt: new Date('2026-10-13T17:00:00Z'),
      endsAt: null,
      repeatUntil: new Date('2027-03-30T00:00:00Z'),
      updatedAt: new Date('2026-10-01T00:00:00Z'),
      createdAt: new Date('2026-10-01T00:00:00Z'),
      association: { name: 'Kor; med, tegn\nog linjeskift', slug: 'kor' },
      localArea: null,
      targetGroups: [],
    } satisfies FeedActivity;
    const options = {
      name: 'Kor; med, tegn\nog linjeskift',
      description: 'x',
      pageUrl: 'https://example.org/',
      baseUrl: 'https://example.org',
      language: 'da',
    };
    const original = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const inUtc = buildFeed(options, [activity], []).toString();
      process.env.TZ = 'America/New_York';
      const inNewYork = buildFeed(options, [activity], []).toString();
      expect(inNewYork).toBe(inUtc);
      expect(inUtc).toContain('DTSTART;TZID=Europe/Copenhagen:20261013T190000');
      // A name with ; , and a newline cannot break the calendar's header lines.
      expect(unfold(inUtc)).toContain('X-WR-CALNAME:Kor\\; med\\, tegn og linjeskift\r\n');
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
