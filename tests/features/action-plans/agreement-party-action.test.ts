// A party's task in a collaboration agreement becomes an action of a plan in one
// click: the action carries the party's name and tasks, the party as responsible, the
// agreement linked and the party remembered; audited with source "agreement". A bad
// plan or year is shown again with 422 and the input kept; a party of another
// agreement is a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, expectStatus, logIn, postForm } from '../../helpers/http.js';
import { aPlan, anAgreement, anAssociation, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { defaultYearIn, partyActionForm, partyActionForms } from '../../../src/features/action-plans/action-plan-controller.js';
import { createActionPlanService } from '../../../src/features/action-plans/action-plan-service.js';
import { createTranslator } from '../../../src/i18n/i18n.js';

const PLANS = '/medarbejder/handleplaner';

let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

const TASKS = 'Stiller frivillige besøgsvenner til rådighed\nKoordinerer vagtplanen';

/** An agreement with the municipality, one association and one external partner, each with tasks. */
async function agreementWithTasks() {
  const prisma = ctx.db.prisma;
  const association = await anAssociation(prisma, { name: 'Frivilligcenter Lyngby' });
  const agreement = await anAgreement(prisma, {
    title: 'Besøgsvenner',
    municipalUnit: 'Center for Sundhed',
    associationIds: [association.id],
    externals: [{ name: 'Aftenskolen', contactEmail: 'aftenskolen@example.org' }],
  });
  const [municipality, partner, external] = agreement.parties;
  await prisma.agreementParty.update({ where: { id: partner!.id }, data: { tasks: TASKS } });
  await prisma.agreementParty.update({ where: { id: municipality!.id }, data: { tasks: '\nStiller lokaler til rådighed' } });
  await prisma.agreementParty.update({ where: { id: external!.id }, data: { tasks: 'Holder kurser for besøgsvenner' } });
  return { association, agreement, municipality: municipality!, partner: partner!, external: external! };
}

const partyPath = (agreementId: number, partyId: number) => `/medarbejder/samarbejdsaftaler/${agreementId}/parter/${partyId}/handling`;

describe('agreement party task → action', () => {
  it("makes an action of an association party's task: title, tasks, responsible, agreement linked, party remembered", async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { firstYear: 2017, lastYear: 2022 });
    const { association, agreement, partner } = await agreementWithTasks();
    const response = await postForm(staff, PLANS, partyPath(agreement.id, partner.id), { planId: String(plan.id), year: '2019' }).then(
      expectStatus(303),
    );
    const action = await prisma.planAction.findFirstOrThrow({
      where: { planId: plan.id },
      include: { responsibles: true, agreements: true, goals: true },
    });
    expect(response.headers.location).toBe(`${PLANS}/${plan.id}/handlinger/${action.id}/rediger?aftale=${agreement.id}`);
    expect(action).toMatchObject({
      year: 2019,
      title: 'Frivilligcenter Lyngby: Stiller frivillige besøgsvenner til rådighed',
      description: TASKS,
      agreementPartyId: partner.id,
    });
    expect(action.responsibles.map((r) => [r.kind, r.associationId, r.name])).toEqual([['ASSOCIATION', association.id, '']]);
    expect(action.agreements.map((a) => a.id)).toEqual([agreement.id]);
    expect(action.goals).toEqual([]);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'plan.action-created', targetType: 'action-plan', targetId: String(plan.id) },
    });
    expect(audit.details).toMatchObject({
      actionId: action.id,
      source: 'agreement',
      agreementPartyId: partner.id,
      agreementIds: [agreement.id],
    });

    // Saved already: the page says so and leads back to the agreement, offering no "Annuller".
    const edit = await staff.get(response.headers.location as string).expect(200);
    expect(edit.text).toContain('Handlingen er oprettet; ret den her.');
    expect(edit.text).toContain(`<a href="/medarbejder/samarbejdsaftaler/${agreement.id}">Tilbage til aftalen Besøgsvenner</a>`);
    expect(edit.text).not.toContain('Annuller');
    expect(edit.text).toContain(`action="${PLANS}/${plan.id}/handlinger/${action.id}/rediger?aftale=${agreement.id}"`);
    // The same page without ?aftale= (or with an agreement the action does not link to) is the plain edit form.
    for (const path of [
      `${PLANS}/${plan.id}/handlinger/${action.id}/rediger`,
      `${PLANS}/${plan.id}/handlinger/${action.id}/rediger?aftale=999999`,
    ]) {
      const plain = await staff.get(path).expect(200);
      expect(plain.text).toContain('Annuller');
      expect(plain.text).not.toContain('Handlingen er oprettet; ret den her.');
    }
  });

  it('names the municipality as a municipal unit and an external partner as "other"', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const { agreement, municipality, external } = await agreementWithTasks();
    for (const party of [municipality, external]) {
      await postForm(staff, PLANS, partyPath(agreement.id, party.id), { planId: String(plan.id), year: '2020' }).then(expectStatus(303));
    }
    const actions = await prisma.planAction.findMany({
      where: { planId: plan.id },
      orderBy: { id: 'asc' },
      include: { responsibles: true },
    });
    expect(actions.map((a) => [a.title, a.responsibles.map((r) => [r.kind, r.name])])).toEqual([
      // The first line with text: a blank first line is skipped.
      ['Center for Sundhed: Stiller lokaler til rådighed', [['MUNICIPAL_UNIT', 'Center for Sundhed']]],
      ['Aftenskolen: Holder kurser for besøgsvenner', [['OTHER', 'Aftenskolen']]],
    ]);
  });

  it('shows the form again with 422 and the input kept for a year outside the plan, an unknown plan or no plan', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { firstYear: 2017, lastYear: 2022 });
    const { agreement, partner } = await agreementWithTasks();
    const path = partyPath(agreement.id, partner.id);
    const outside = await postForm(staff, PLANS, path, { planId: String(plan.id), year: '2030' }).then(expectStatus(422));
    expect(outside.text).toContain('Året skal være i den valgte plans periode');
    expect(outside.text).toContain('value="2030"');
    expect(outside.text).toContain(`href="#party-${partner.id}-action-year"`);
    expect(outside.text).toContain(`id="party-${partner.id}-action-year"`);
    expect(outside.text).toMatch(new RegExp(`<option value="${plan.id}" selected>`));
    expect(outside.text).toContain('Koordinerer vagtplanen');
    const unknown = await postForm(staff, PLANS, path, { planId: '999999', year: '2019' }).then(expectStatus(422));
    expect(unknown.text).toContain('Vælg en handleplan fra listen');
    const emptyYear = await postForm(staff, PLANS, path, { planId: String(plan.id), year: '' }).then(expectStatus(422));
    expect(emptyYear.text).toContain('Skriv året');
    const none = await postForm(staff, PLANS, path, { year: 'abc' }).then(expectStatus(422));
    expect(none.text).toContain('Vælg en handleplan');
    expect(none.text).toContain('value="abc"');
    expect(await prisma.planAction.count({ where: { agreementPartyId: partner.id } })).toBe(0);
  });

  it('refuses a party without tasks with 422, and a party of another agreement or a bad id with 404', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const { agreement, partner } = await agreementWithTasks();
    const other = await anAgreement(prisma);
    const form = { planId: String(plan.id), year: '2019' };
    const noTasks = await postForm(staff, PLANS, partyPath(other.id, other.parties[0]!.id), form).then(expectStatus(422));
    expect(noTasks.text).toContain('Parten har ingen opgaver i aftalen endnu');
    await postForm(staff, PLANS, partyPath(other.id, partner.id), form).then(expectStatus(404));
    await postForm(staff, PLANS, partyPath(agreement.id, 999_999), form).then(expectStatus(404));
    await postForm(staff, PLANS, `/medarbejder/samarbejdsaftaler/${agreement.id}/parter/x/handling`, form).then(expectStatus(404));
    expect(await prisma.planAction.count({ where: { planId: plan.id } })).toBe(0);
  });

  it("gives the agreement page's forms: one per party with tasks, the plans to choose, this year by default", async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { title: 'Plan til aftalesiden', firstYear: 2024, lastYear: 2028 });
    const { agreement, municipality, partner, external } = await agreementWithTasks();
    await prisma.agreementParty.update({ where: { id: external.id }, data: { tasks: '' } });
    const forms = partyActionForms(
      createTranslator().t('da'),
      agreement.id,
      await createActionPlanService(ctx.db.prisma).partyActionModel(agreement.id),
      new Date('2026-11-22T10:00:00Z'),
    );
    expect(Object.keys(forms).map(Number).sort()).toEqual([municipality.id, partner.id].sort());
    expect(forms[partner.id]).toMatchObject({
      action: partyPath(agreement.id, partner.id),
      idPrefix: `party-${partner.id}-action`,
      partyName: 'Frivilligcenter Lyngby',
      values: { year: '2026' },
      errors: [],
    });
    expect(forms[partner.id]!.plans).toContainEqual({ value: String(plan.id), label: 'Plan til aftalesiden (2024–2028)' });
  });

  it("prefills a year inside the chosen plan's period and tells the period", () => {
    const t = createTranslator().t('da');
    const now = new Date('2026-11-22T10:00:00Z');
    const party = { id: 7, name: 'Frivilligcenter Lyngby' };
    const past = { id: 1, title: 'Handleplan 2017–2022', firstYear: 2017, lastYear: 2022 };
    const current = { id: 2, title: 'Handleplan 2024–2028', firstYear: 2024, lastYear: 2028 };
    const future = { id: 3, title: 'Handleplan 2030–2034', firstYear: 2030, lastYear: 2034 };
    // One plan, in the past: its last year, and its period under the field.
    const one = partyActionForm(t, 5, party, [past], now);
    expect(one.values).toEqual({ planId: '1', year: '2022' });
    expect(one.yearHint).toBe('Et år i planens periode, 2017–2022.');
    // Several: the plan of this year is chosen, with this year; the hint points at the periods by the plans.
    const several = partyActionForm(t, 5, party, [future, current, past], now);
    expect(several.values).toEqual({ planId: '2', year: '2026' });
    expect(several.yearHint).toBe('Et år i den valgte plans periode; perioden står i parentes ved planen.');
    // None of this year: the first (newest) plan, with a year inside it.
    expect(partyActionForm(t, 5, party, [future, past], now).values).toEqual({ planId: '3', year: '2030' });
    expect(defaultYearIn(past, 2026)).toBe(2022);
    expect(defaultYearIn(current, 2026)).toBe(2026);
  });
});
