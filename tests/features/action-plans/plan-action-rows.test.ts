// saveActionRows: the one way an action and everything it links to is written (the
// form and the import both use it): references are checked, not dropped; updates are
// optimistically locked; each save is audited on the plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { aPlan, anAgreement, anAssociation } from '../../helpers/factories/index.js';
import { saveActionRows, type ActionData } from '../../../src/features/action-plans/plan-action-rows.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const context = () => ({ actorUserId: null, requestId: null, now: new Date('2026-11-22T10:00:00Z') });

function action(overrides: Partial<ActionData> = {}): ActionData {
  return {
    year: 2018,
    title: 'Fælles forsikring for frivillige',
    description: 'Alle frivillige er forsikret gennem kommunen.',
    plannedFrom: null,
    plannedTo: null,
    indicator: '',
    indicatorTarget: null,
    goalNumbers: [2],
    responsibles: [],
    agreementIds: [],
    openingIds: [],
    ...overrides,
  };
}

describe('saveActionRows', () => {
  it('creates an action with its goals, responsibles and agreements, and audits it on the plan', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const association = await anAssociation(prisma, { name: 'Handlingsforeningen' });
    const agreement = await anAgreement(prisma, { associationIds: [association.id] });
    const outcome = await prisma.$transaction((tx) =>
      saveActionRows(
        tx,
        plan.id,
        { actionId: null },
        action({
          responsibles: [
            { kind: 'MUNICIPAL_UNIT', associationId: null, name: 'Kultur og Fritid' },
            { kind: 'ASSOCIATION', associationId: association.id, name: '' },
          ],
          agreementIds: [agreement.id],
        }),
        context(),
      ),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const stored = await prisma.planAction.findUniqueOrThrow({
      where: { id: outcome.id },
      include: { goals: true, responsibles: { orderBy: { sortOrder: 'asc' } }, agreements: true },
    });
    expect(stored.goals.map((g) => g.number)).toEqual([2]);
    expect(stored.responsibles.map((r) => [r.kind, r.name, r.associationId])).toEqual([
      ['MUNICIPAL_UNIT', 'Kultur og Fritid', null],
      ['ASSOCIATION', '', association.id],
    ]);
    expect(stored.agreements.map((a) => a.id)).toEqual([agreement.id]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'plan.action-created', targetId: String(plan.id) } });
    expect(audit.details).toMatchObject({ actionId: outcome.id, year: 2018, title: '(changed)', source: 'form' });
  });

  it('refuses a goal the plan does not have and an unknown association, saving nothing', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { goals: 2 });
    const wrongGoal = await prisma.$transaction((tx) =>
      saveActionRows(tx, plan.id, { actionId: null }, action({ goalNumbers: [3] }), context()),
    );
    expect(wrongGoal).toEqual({ ok: false, reason: 'unknown-reference', field: 'goalNumbers' });
    const wrongAssociation = await prisma.$transaction((tx) =>
      saveActionRows(
        tx,
        plan.id,
        { actionId: null },
        action({ responsibles: [{ kind: 'ASSOCIATION', associationId: 999_999, name: '' }] }),
        context(),
      ),
    );
    expect(wrongAssociation).toEqual({ ok: false, reason: 'unknown-reference', field: 'responsibles' });
    expect(await prisma.planAction.count({ where: { planId: plan.id } })).toBe(0);
  });

  it('updates only at the expected version', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const created = await prisma.$transaction((tx) => saveActionRows(tx, plan.id, { actionId: null }, action(), context()));
    if (!created.ok) throw new Error('not created');
    const first = await prisma.$transaction((tx) =>
      saveActionRows(
        tx,
        plan.id,
        { actionId: created.id, expectedVersion: 1 },
        action({ title: 'Ny titel', goalNumbers: [1, 3] }),
        context(),
      ),
    );
    expect(first).toEqual({ ok: true, id: created.id });
    const stale = await prisma.$transaction((tx) =>
      saveActionRows(tx, plan.id, { actionId: created.id, expectedVersion: 1 }, action({ title: 'Forældet' }), context()),
    );
    expect(stale).toEqual({ ok: false, reason: 'conflict' });
    const stored = await prisma.planAction.findUniqueOrThrow({ where: { id: created.id }, include: { goals: true } });
    expect(stored.title).toBe('Ny titel');
    expect(stored.goals.map((g) => g.number).sort()).toEqual([1, 3]);
  });
});
