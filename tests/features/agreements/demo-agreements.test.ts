// The demo agreements: one in every state a page needs (ACTIVE with its public page and
// linked openings, SENT and partly answered, EVALUATED with a renewal draft), with the
// content shape the portal writes; idempotent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn } from '../../helpers/http.js';
import { aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import {
  DEMO_AGREEMENT_TITLE,
  DEMO_EVALUATED_AGREEMENT_TITLE,
  DEMO_LINKED_OPENING_TITLES,
  DEMO_RENEWED_AGREEMENT_TITLE,
  DEMO_SENT_AGREEMENT_TITLE,
  seedDemoAgreements,
} from '../../../src/db/seed/demo-agreements.js';
import { DEFAULT_CHECKLIST, DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';
import { readVersionContent } from '../../../src/features/agreements/agreement-version.js';
import { readChecklist } from '../../../src/features/agreements/evaluation-checklist.js';
import { nextReviewDate } from '../../../src/features/agreements/agreement-dates.js';
import { municipalityTodayDate } from '../../../src/features/openings/visibility.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
  await seedDemoAgreements(ctx.db.prisma, ctx.clock.now());
  await seedDemoAgreements(ctx.db.prisma, ctx.clock.now());
});
afterAll(() => ctx.close());

const WITH_ALL = {
  parties: { orderBy: { sortOrder: 'asc' }, include: { association: true } },
  sections: true,
  versions: { orderBy: { number: 'asc' }, include: { responses: { include: { party: true } } } },
  evaluations: { include: { answers: { include: { party: true } } } },
  openings: true,
} as const;

async function only(title: string) {
  const rows = await ctx.db.prisma.agreement.findMany({ where: { title }, include: WITH_ALL });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('seedDemoAgreements', () => {
  it('creates "Grow Your Life" ACTIVE, version 2 accepted by all after changes were asked to version 1, with a review within 60 days', async () => {
    const agreement = await only(DEMO_AGREEMENT_TITLE);
    expect(agreement).toMatchObject({ status: 'ACTIVE', sentVersion: 2, acceptedVersion: 2, templateVersion: 0 });
    expect(agreement.sections).toHaveLength(DEFAULT_SECTIONS.length);
    expect(agreement.parties.map((p) => p.kind)).toEqual(['MUNICIPALITY', 'ASSOCIATION', 'EXTERNAL', 'EXTERNAL']);
    expect(agreement.parties[1]?.association?.name).toBe('Frivilligcenter og Selvhjælp Lyngby-Taarbæk');
    expect(agreement.parties.slice(2).map((p) => p.name)).toEqual(['FOF Demo', 'AOF Demo']);
    for (const party of agreement.parties.slice(2)) expect(party.contactEmail).toMatch(/@[a-z-]+\.example\.org$/);

    const [v1, v2] = agreement.versions;
    expect(v1!.responses.map((r) => r.answer).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'CHANGES_REQUESTED']);
    expect(v1!.responses.find((r) => r.answer === 'CHANGES_REQUESTED')?.comment).not.toBe('');
    expect(v1!.acceptedAt).toBeNull();
    expect(v2!.responses.map((r) => r.answer)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect(v2!.responses.find((r) => r.party.kind === 'EXTERNAL')?.viaLink).toBe(true);
    expect(v2!.acceptedAt).not.toBeNull();
    // The versions have the content shape versionContentOf writes, and they differ.
    const content = readVersionContent(v2!.content);
    expect(content.title).toBe(DEMO_AGREEMENT_TITLE);
    expect(content.parties.map((p) => p.name)).toEqual([
      'Center for Sundhed og Trivsel',
      'Frivilligcenter og Selvhjælp Lyngby-Taarbæk',
      'FOF Demo',
      'AOF Demo',
    ]);
    expect(content.howToJoin).not.toBe('');
    expect(content.budgetLines.length).toBeGreaterThan(0);
    expect(JSON.stringify(readVersionContent(v1!.content).sections)).not.toBe(JSON.stringify(content.sections));

    const today = municipalityTodayDate(ctx.clock.now());
    const review = nextReviewDate(agreement.startsOn, agreement.reviewIntervalMonths, today)!;
    const daysToReview = (review.getTime() - today.getTime()) / 86_400_000;
    expect(daysToReview).toBeGreaterThanOrEqual(0);
    expect(daysToReview).toBeLessThanOrEqual(60);
    expect(agreement.startsOn!.getTime()).toBeLessThanOrEqual(today.getTime());

    expect(agreement.openings.map((o) => o.title).sort()).toEqual([...DEMO_LINKED_OPENING_TITLES].sort());
    expect(agreement.openings.every((o) => o.status === 'PUBLISHED')).toBe(true);
  });

  it('creates "Frivillig kulturformidling" SENT, accepted by one partner and not answered by the other', async () => {
    const agreement = await only(DEMO_SENT_AGREEMENT_TITLE);
    expect(agreement).toMatchObject({ status: 'SENT', sentVersion: 1, acceptedVersion: null });
    const [v1] = agreement.versions;
    const partners = agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY');
    expect(partners).toHaveLength(2);
    expect(v1!.responses.map((r) => [r.party.kind, r.answer])).toEqual([['ASSOCIATION', 'ACCEPTED']]);
  });

  it('creates "Bedste i Børnehuset" ended last year and EVALUATED by both parties, who differ, and renewed as a new draft', async () => {
    const agreement = await only(DEMO_EVALUATED_AGREEMENT_TITLE);
    expect(agreement).toMatchObject({ status: 'EVALUATED', acceptedVersion: 1 });
    const thisYear = ctx.clock.now().getUTCFullYear();
    expect(agreement.endsOn!.getUTCFullYear()).toBe(thisYear - 1);
    expect(agreement.parties[1]?.association?.name).toBe('Bedste i Børnehuset');
    expect(agreement.evaluations).toHaveLength(1);
    const evaluation = agreement.evaluations[0]!;
    expect(evaluation.decision).toBe('RENEW');
    expect(evaluation.answers.map((a) => a.party.kind).sort()).toEqual(['ASSOCIATION', 'MUNICIPALITY']);
    const [first, second] = evaluation.answers.map((a) => readChecklist(a.checklist));
    const keys = DEFAULT_CHECKLIST.map((i) => i.key);
    expect(Object.keys(first!).sort()).toEqual([...keys].sort());
    expect(Object.keys(second!).sort()).toEqual([...keys].sort());
    expect(keys.some((key) => first![key]!.rating !== second![key]!.rating)).toBe(true);

    const renewal = await only(DEMO_RENEWED_AGREEMENT_TITLE);
    expect(renewal).toMatchObject({ status: 'DRAFT', renewedFromId: agreement.id });
    expect(evaluation.renewalId).toBe(renewal.id);
  });

  it('writes the audit rows the real flow writes, once, so each history tells its story', async () => {
    const prisma = ctx.db.prisma;
    const staffUser = await prisma.user.findUniqueOrThrow({ where: { email: 'medarbejder@example.org' } });
    const rowsOf = async (title: string) => {
      const agreement = await only(title);
      const rows = await prisma.auditLog.findMany({
        where: { targetType: 'agreement', targetId: String(agreement.id) },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      return { agreement, rows, details: (i: number) => rows[i]!.details as Record<string, unknown> };
    };

    // Grow Your Life: seeded twice (beforeAll), audited once.
    const grow = await rowsOf(DEMO_AGREEMENT_TITLE);
    expect(grow.rows.map((r) => r.action)).toEqual([
      'agreement.created',
      'agreement.sent',
      'agreement.answered',
      'agreement.answered',
      'agreement.answered',
      'agreement.updated',
      'agreement.sent',
      'agreement.answered',
      'agreement.answered',
      'agreement.answered',
      'agreement.accepted',
      'agreement.started',
    ]);
    const [v1, v2] = grow.agreement.versions;
    expect(grow.rows[1]).toMatchObject({ actorUserId: staffUser.id, at: v1!.sentAt });
    expect(grow.details(1)).toMatchObject({ version: 1, partners: grow.agreement.parties.slice(1).map((p) => p.id), mailed: 3 });
    expect(grow.details(6)).toMatchObject({ version: 2, note: '(changed)' });
    expect(grow.rows[6]!.at).toEqual(v2!.sentAt);
    // The change request came from AOF through its link: no actor, the party named.
    const aof = grow.agreement.parties[3]!;
    const request = grow.rows.find((r, i) => r.action === 'agreement.answered' && grow.details(i).answer === 'CHANGES_REQUESTED')!;
    expect(request.actorUserId).toBeNull();
    expect(request.details).toMatchObject({ version: 1, partyId: aof.id, viaLink: true });
    expect(request.at).toEqual(v1!.responses.find((r) => r.partyId === aof.id)!.answeredAt);
    // The volunteer centre answered through its demo member.
    const centreAnswer = v1!.responses.find((r) => r.party.kind === 'ASSOCIATION')!;
    expect(centreAnswer.answeredById).not.toBeNull();
    expect(grow.rows[2]).toMatchObject({ actorUserId: centreAnswer.answeredById, at: centreAnswer.answeredAt });
    expect(grow.details(11)).toMatchObject({ from: 'ACCEPTED', to: 'ACTIVE' });
    expect(grow.rows[11]!.actorUserId).toBeNull();

    const culture = await rowsOf(DEMO_SENT_AGREEMENT_TITLE);
    expect(culture.rows.map((r) => r.action)).toEqual(['agreement.created', 'agreement.sent', 'agreement.answered']);

    const bedste = await rowsOf(DEMO_EVALUATED_AGREEMENT_TITLE);
    expect(bedste.rows.map((r) => r.action)).toEqual([
      'agreement.created',
      'agreement.sent',
      'agreement.answered',
      'agreement.accepted',
      'agreement.started',
      // Opened and answered 30 days before the review date, the day after the end.
      'agreement.evaluation-opened',
      'agreement.evaluation-answered',
      'agreement.evaluation-answered',
      'agreement.ended',
      'agreement.renewed',
      'agreement.decided',
    ]);
    const evaluation = bedste.agreement.evaluations[0]!;
    expect(bedste.rows[5]!.at).toEqual(evaluation.openedAt);
    expect(bedste.rows[10]).toMatchObject({ actorUserId: staffUser.id, at: evaluation.decidedAt });
    const renewal = await rowsOf(DEMO_RENEWED_AGREEMENT_TITLE);
    expect(renewal.rows.map((r) => [r.action, r.details])).toEqual([
      ['agreement.renewed', { renewedFromId: bedste.agreement.id, evaluationId: evaluation.id }],
    ]);

    // The history page shows them, with the version only for the sent versions.
    const staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    const history = (await staff.get(`/medarbejder/samarbejdsaftaler/${grow.agreement.id}/historik`).expect(200)).text;
    expect(history).not.toContain('Der er ingen hændelser endnu.');
    expect(history).toContain('Sendt til partnerne (version 2)');
    expect(history).toContain('Ekstern partner AOF Demo');
    expect(history).toContain('Kommunal medarbejder (demo)');
    expect(history).toMatch(/<td>Arbejdskopien blev ændret<\/td>/);
  });

  it('names the kindergarten as a municipal unit without a bracket that reads like a party kind', async () => {
    const agreement = await only(DEMO_EVALUATED_AGREEMENT_TITLE);
    expect(agreement.municipalUnit).toBe('Børnehuset Solsikken, kommunal børnehave');
    expect(agreement.parties[0]).toMatchObject({ kind: 'MUNICIPALITY', name: 'Børnehuset Solsikken, kommunal børnehave' });
  });

  it('shows the agreements to staff, and Grow Your Life with its openings on the public page', async () => {
    const staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    const list = await staff.get('/medarbejder/samarbejdsaftaler').expect(200);
    for (const title of [DEMO_AGREEMENT_TITLE, DEMO_SENT_AGREEMENT_TITLE, DEMO_EVALUATED_AGREEMENT_TITLE, DEMO_RENEWED_AGREEMENT_TITLE])
      expect(list.text).toContain(title);

    const grow = await only(DEMO_AGREEMENT_TITLE);
    const anon = supertest.agent(ctx.app);
    const page = await anon.get('/samarbejder').expect(200);
    expect(page.text).toContain(`href="/samarbejder/${grow.id}"`);
    for (const title of DEMO_LINKED_OPENING_TITLES) expect(page.text).toContain(title);
    expect(page.text).not.toContain(DEMO_SENT_AGREEMENT_TITLE);
    expect(page.text).not.toContain('Bedste i Børnehuset –');
    const one = await anon.get(`/samarbejder/${grow.id}`).expect(200);
    expect(one.text).toContain('<h1>Grow Your Life</h1>');
    expect(one.text).toContain('FOF Demo');
    expect(one.text).toContain('Sådan kan du være med');
    for (const title of DEMO_LINKED_OPENING_TITLES) expect(one.text).toContain(title);
    expect(one.text).not.toContain('Aftenskolehold (undervisere)');

    // The volunteer centre's profile links it.
    const profile = await anon.get('/foreninger/frivilligcenter-og-selvhjaelp').expect(200);
    expect(profile.text).toContain(`href="/samarbejder/${grow.id}"`);
  });
});
