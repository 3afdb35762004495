// The demo action plan: the plan with three goals and the 2017 actions, a FINALISED 2017
// review (meeting in week 39, both committees' decisions, one correction), a DRAFT 2018
// review with carried-over and new actions where IF Limone's own status differs from
// the staff's; audit rows for the plan's history; idempotent; and on the public page
// only the finalised review shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { seedDemoData } from '../../../src/db/seed/seed-demo-data.js';
import {
  DEMO_AMENDED_ACTION_TITLE,
  DEMO_PARTNER_ACTION_TITLE,
  DEMO_PARTNER_OPENING_TITLE,
  DEMO_PLAN_SLUG,
  DEMO_PLAN_TITLE,
  seedDemoActionPlan,
} from '../../../src/db/seed/demo-action-plan.js';

let ctx: TestContext;
let planId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  await seedDemoData(ctx.db.prisma, { now: ctx.clock.now() });
  await seedDemoActionPlan(ctx.db.prisma);
  planId = (await ctx.db.prisma.actionPlan.findUniqueOrThrow({ where: { slug: DEMO_PLAN_SLUG } })).id;
}, 60_000);
afterAll(() => ctx.close());

const reviewOf = (year: number) =>
  ctx.db.prisma.planReview.findUniqueOrThrow({
    where: { planId_year: { planId, year } },
    include: {
      entries: { include: { action: true } },
      partnerEntries: { include: { association: true, action: true } },
      decisions: { orderBy: { sortOrder: 'asc' } },
      amendments: true,
    },
  });

describe('seedDemoActionPlan', () => {
  it('creates the plan 2017–2022 with three goals, what each side does and SDG tags', async () => {
    const plan = await ctx.db.prisma.actionPlan.findUniqueOrThrow({
      where: { id: planId },
      include: { goals: { orderBy: { number: 'asc' } } },
    });
    expect(plan).toMatchObject({ title: DEMO_PLAN_TITLE, firstYear: 2017, lastYear: 2022 });
    expect(plan.vision).toContain('Frivillig Fredag i uge 39');
    expect(plan.goals.map((g) => g.number)).toEqual([1, 2, 3]);
    for (const goal of plan.goals) {
      expect(goal.volunteersDo).not.toBe('');
      expect(goal.municipalityDoes).not.toBe('');
      expect(goal.sdgs.length).toBeGreaterThan(0);
    }
  });

  it('has the 2017 actions with responsible associations, IF Limone among them', async () => {
    const actions = await ctx.db.prisma.planAction.findMany({
      where: { planId, year: 2017 },
      include: { responsibles: { include: { association: true } }, goals: true },
    });
    expect(actions).toHaveLength(10);
    expect(actions.map((a) => a.title)).toEqual(
      expect.arrayContaining([
        'Kommunen tilslutter sig borger-til-borger-portalen Boblberg',
        DEMO_PARTNER_ACTION_TITLE,
        DEMO_AMENDED_ACTION_TITLE,
      ]),
    );
    const limone = actions.find((a) => a.title === DEMO_PARTNER_ACTION_TITLE)!;
    expect(limone.responsibles.map((r) => r.association?.slug)).toEqual(['frivilligcenter-og-selvhjaelp', 'if-limone']);
    for (const action of actions) expect(action.goals.length).toBeGreaterThan(0);
  });

  it('has the 2017 review FINALISED with the week-39 meeting, both committees, an entry per action and one correction', async () => {
    const review = await reviewOf(2017);
    expect(review.state).toBe('FINALISED');
    expect(review.finalisedAt).not.toBeNull();
    expect(review.meetingDate?.toISOString().slice(0, 10)).toBe('2017-09-29');
    expect(review.entries).toHaveLength(10);
    expect(new Set(review.entries.map((e) => e.status))).toEqual(new Set(['DONE', 'IN_PROGRESS', 'POSTPONED']));
    expect(review.decisions.map((d) => d.committee)).toEqual(['Social- og Sundhedsudvalget', 'Kultur- og Fritidsudvalget']);
    for (const decision of review.decisions) expect(decision.reference).not.toBe('');
    expect(review.amendments).toHaveLength(1);
    const [amendment] = review.amendments;
    expect(amendment).toMatchObject({ field: 'status', before: 'IN_PROGRESS', after: 'DONE' });
    const corrected = review.entries.find((e) => e.actionId === amendment!.actionId)!;
    expect(corrected.action.title).toBe(DEMO_AMENDED_ACTION_TITLE);
    expect(corrected.status).toBe('DONE');
  });

  it('has 2018 in DRAFT with the unfinished 2017 actions carried over, new ones, and IF Limone disagreeing', async () => {
    const review = await reviewOf(2018);
    expect(review.state).toBe('DRAFT');
    const actions = await ctx.db.prisma.planAction.findMany({ where: { planId, year: 2018 }, include: { carriedFrom: true } });
    const carried = actions.filter((a) => a.carriedFrom);
    expect(carried.length).toBe(5);
    for (const action of carried) {
      expect(action.carriedFrom!.year).toBe(2017);
      expect(action.title).toBe(action.carriedFrom!.title);
    }
    expect(actions.length - carried.length).toBe(3);
    expect(review.entries).toHaveLength(actions.length);

    expect(review.partnerEntries).toHaveLength(1);
    const [partner] = review.partnerEntries;
    expect(partner!.association.slug).toBe('if-limone');
    expect(partner!.action.title).toBe(DEMO_PARTNER_ACTION_TITLE);
    const staffEntry = review.entries.find((e) => e.actionId === partner!.actionId)!;
    expect(partner!.status).not.toBe(staffEntry.status);
  });

  it('writes audit rows for the plan’s history under its audit target', async () => {
    const rows = await ctx.db.prisma.auditLog.findMany({
      where: { targetType: 'action-plan', targetId: String(planId) },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => r.action)).toEqual(['plan.created', 'plan.review-finalised', 'plan.review-amended']);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const count = async () => ({
      plans: await ctx.db.prisma.actionPlan.count(),
      actions: await ctx.db.prisma.planAction.count(),
      reviews: await ctx.db.prisma.planReview.count(),
      audit: await ctx.db.prisma.auditLog.count({ where: { targetType: 'action-plan' } }),
    });
    const before = await count();
    await seedDemoActionPlan(ctx.db.prisma);
    expect(await count()).toEqual(before);
  });

  it('shows the finalised 2017 review on the public page and nothing of the 2018 draft', async () => {
    const text = (await supertest(ctx.app).get(`/handleplaner/${DEMO_PLAN_SLUG}`).expect(200)).text;
    expect(text).toContain('Årlig status 2017');
    expect(text).toContain('Social- og Sundhedsudvalget');
    expect(text).toContain('Forsikringen trådte i kraft 1. oktober 2017');
    expect(text).toContain('Videreført fra 2017');
    expect(text).toContain(`>${DEMO_PARTNER_OPENING_TITLE}</a>`);
    expect(text).toContain('Status for 2018 er ikke godkendt endnu.');
    const draft = await reviewOf(2018);
    for (const entry of draft.entries) if (entry.whatHappened) expect(text).not.toContain(entry.whatHappened);
    expect(text).not.toContain(draft.partnerEntries[0]!.comment);
    expect(text).not.toContain(draft.meetingPlace);
  });
});
