// The calendar's demo data: idempotent, relative to "now", and shown by the calendar
// the way the visibility rules say (the pending association's activity stays hidden).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import { DEMO_ACTIVITIES, DEMO_EVENTS, seedDemoCalendar } from '../../../src/db/seed/demo-calendar.js';
import { localDateOf } from '../../../src/features/calendar/copenhagen-time.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
});
afterAll(() => ctx.close());

describe('seedDemoCalendar', () => {
  it('can run twice without duplicating rows, and moves dates along with "now"', async () => {
    const prisma = ctx.db.prisma;
    await seedDemoCalendar(prisma, ctx.clock.now());
    await seedDemoCalendar(prisma, ctx.clock.now());
    expect(await prisma.activity.count()).toBe(DEMO_ACTIVITIES.length);
    expect(await prisma.event.count()).toBe(DEMO_EVENTS.length);

    const later = new Date(ctx.clock.now().getTime() + 30 * 24 * 60 * 60 * 1000);
    await seedDemoCalendar(prisma, later);
    expect(await prisma.event.count()).toBe(DEMO_EVENTS.length);
    const meeting = await prisma.event.findFirstOrThrow({ where: { kind: 'NETWORK_MEETING' } });
    expect(meeting.startsAt > later).toBe(true);
    const fredag = await prisma.event.findFirstOrThrow({ where: { kind: 'FRIVILLIG_FREDAG' } });
    expect(localDateOf(fredag.startsAt)).toBe('2027-09-24');
    await seedDemoCalendar(prisma, ctx.clock.now());
  });

  it('fills the calendar with the demo activities, and hides the one of the pending association', async () => {
    // The weeks of the next three weeks from today (each address moves to its week's
    // Monday): the weekly activities, the one-offs and the events ahead.
    const weeks = await Promise.all(
      [0, 7, 14, 21].map(async (days) => {
        const fra = localDateOf(new Date(ctx.clock.now().getTime() + days * 24 * 60 * 60 * 1000));
        return (await supertest(ctx.app).get(`/kalender?fra=${fra}`).redirects(1).expect(200)).text;
      }),
    );
    const html = weeks.join('\n');
    for (const title of [
      'Korprøve i Bragekoret',
      'Fodboldtræning for børn og unge',
      'Suppekøkken – varmt måltid for alle',
      'Spejdermøde for piger',
      'Netværkscafé for frivillige',
      'Netværksmøde for foreninger: samarbejde på tværs',
      'Kursus: Rekruttér og fasthold frivillige',
      'Infomøde: Bliv frivillig i Taarbæk',
    ]) {
      expect(html, title).toContain(title);
    }
    expect(html).not.toContain('Åbent cykelværksted');
    expect(html).not.toContain('(kladde)');
    expect(html).toMatch(/<span>Frivilligcentret, Eksempelvej 10, 2800 Kongens Lyngby<\/span>\s*· <span>Netværksmøde<\/span>/);
    // Some demo events have a local area and target groups: the Taarbæk one shows under its area, not under another.
    // The week of that event (in 4 days, src/db/seed/demo-calendar.ts).
    const itsWeek = localDateOf(new Date(ctx.clock.now().getTime() + 4 * 24 * 60 * 60 * 1000));
    const taarbaek = await supertest(ctx.app).get(`/kalender?fra=${itsWeek}&omraade=taarbaek&kun=arrangementer`).redirects(1);
    expect(taarbaek.text).toContain('Infomøde: Bliv frivillig i Taarbæk');
    const virum = await supertest(ctx.app).get(`/kalender?fra=${itsWeek}&omraade=virum&kun=arrangementer`).redirects(1);
    expect(virum.text).not.toContain('Infomøde: Bliv frivillig i Taarbæk');
    const info = await ctx.db.prisma.event.findFirstOrThrow({
      where: { title: 'Infomøde: Bliv frivillig i Taarbæk' },
      select: { localArea: { select: { slug: true } }, targetGroups: { select: { slug: true } } },
    });
    expect(info).toEqual({ localArea: { slug: 'taarbaek' }, targetGroups: [{ slug: 'aeldre' }] });
    const ics = (await supertest(ctx.app).get('/kalender.ics').expect(200)).text;
    expect(ics).toContain('SUMMARY:Frivillig Fredag – fejring af de frivillige');
    expect(ics).toContain('X-WR-CALNAME:Frivillig i Lyngby-Taarbæk Kommune');
  });
});
