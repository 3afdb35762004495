// Action plans for staff through their forms (real sessions and CSRF): a plan with
// its period, its goals with SDGs, actions per year with goals, responsibles and
// links; each form refuses bad input with 422 and the input kept, a stale edit with
// 409; bad ids are 404; every change is audited on the plan in its own transaction,
// and the plan's history page lists those rows.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, expectStatus, formFieldsOf, formTokens, logIn, submitForm } from '../../helpers/http.js';
import { aPlan, anAction, anAgreement, anAssociation, anOpening, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';

const LIST = '/medarbejder/handleplaner';
const NEW = `${LIST}/ny`;

let ctx: TestContext;
let staff: Agent;
let admin: Agent;
let staffId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const staffUser = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Hanne Handleplan' });
  staffId = staffUser.id;
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
  admin = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

const planAudits = (planId: number, action?: string) =>
  ctx.db.prisma.auditLog.findMany({
    where: { targetType: 'action-plan', targetId: String(planId), ...(action ? { action } : {}) },
    orderBy: { id: 'asc' },
  });

/** Posts `fields` to `path` with the tokens of the form page at `formPath` (default: the same path). */
async function post(agent: Agent, path: string, fields: Record<string, string | string[]>, formPath = path) {
  const page = await agent.get(formPath).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ ...formTokens(page.text), ...fields });
}

const idFrom = (location: unknown) => Number(/\/(\d+)(?:#.*)?$/.exec(String(location))?.[1]);

describe('plans', () => {
  it('creates a plan through the form, with a unique slug from its title, audited', async () => {
    const fields = { title: 'Handleplan for frivillighed 2017–2022', firstYear: '2017', lastYear: '2022', vision: 'Flere frivillige.' };
    const first = await submitForm(staff, NEW, fields).then(expectStatus(303));
    const second = await submitForm(admin, NEW, fields).then(expectStatus(303));
    const [a, b] = await Promise.all(
      [first, second].map((r) => ctx.db.prisma.actionPlan.findUniqueOrThrow({ where: { id: idFrom(r.headers.location) } })),
    );
    expect(a).toMatchObject({ title: fields.title, firstYear: 2017, lastYear: 2022, vision: 'Flere frivillige.', createdById: staffId });
    expect(a!.slug).toBe('handleplan-for-frivillighed-2017-2022');
    expect(b!.slug).toBe('handleplan-for-frivillighed-2017-2022-2');
    const [audit] = await planAudits(a!.id, 'plan.created');
    expect(audit).toMatchObject({ actorUserId: staffId, details: { title: '(changed)', firstYear: 2017, lastYear: 2022 } });

    const page = await staff.get(`${LIST}/${a!.id}`).expect(200);
    expect(page.text).toContain('Flere frivillige.');
    expect(page.text).toContain('Periode 2017–2022');
    const list = await staff.get(LIST).expect(200);
    expect(list.text).toContain(`href="${LIST}/${a!.id}"`);
    expect((await staff.get('/medarbejder').expect(200)).text).toContain(`href="${LIST}"`);
  });

  it('refuses a last year before the first with 422, the input kept, saving nothing', async () => {
    const before = await ctx.db.prisma.actionPlan.count();
    const response = await submitForm(staff, NEW, { title: 'Baglæns plan', firstYear: '2022', lastYear: '2017' }).then(expectStatus(422));
    expect(response.text).toContain('Det sidste år må ikke være før det første år');
    expect(response.text).toContain('value="Baglæns plan"');
    expect(response.text).toContain('href="#lastYear"');
    const blank = await submitForm(staff, NEW, { title: '', firstYear: '20x7', lastYear: '' }).then(expectStatus(422));
    expect(blank.text).toContain('Skriv en titel');
    expect(blank.text).toContain('value="20x7"');
    expect(await ctx.db.prisma.actionPlan.count()).toBe(before);
  });

  it('saves the edit form with before/after in the audit, and answers a stale edit with 409 and the input kept', async () => {
    const plan = await aPlan(ctx.db.prisma, { title: 'Plan til redigering', firstYear: 2017, lastYear: 2022 });
    const edit = `${LIST}/${plan.id}/rediger`;
    const page = await staff.get(edit).expect(200);
    const fields = formFieldsOf(page.text, edit);
    expect(fields).toMatchObject({ title: 'Plan til redigering', firstYear: '2017', lastYear: '2022', version: '1' });
    await staff
      .post(edit)
      .type('form')
      .send({ ...fields, lastYear: '2023', title: 'Ny titel' })
      .then(expectStatus(303));
    const stored = await ctx.db.prisma.actionPlan.findUniqueOrThrow({ where: { id: plan.id } });
    expect(stored).toMatchObject({ title: 'Ny titel', lastYear: 2023, version: 2, slug: plan.slug });
    const [audit] = await planAudits(plan.id, 'plan.updated');
    expect(audit!.details).toMatchObject({
      version: 2,
      before: { title: '(changed)', lastYear: 2022 },
      after: { title: '(changed)', lastYear: 2023 },
    });

    // The same (now stale) form again.
    const stale = await staff
      .post(edit)
      .type('form')
      .send({ ...fields, title: 'Forældet titel' })
      .then(expectStatus(409));
    expect(stale.text).toContain('value="Forældet titel"');
    expect(stale.text).toContain('name="version" value="2"');
    expect((await ctx.db.prisma.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).title).toBe('Ny titel');
  });

  it('refuses a period that would leave an action outside it', async () => {
    const plan = await aPlan(ctx.db.prisma, { firstYear: 2017, lastYear: 2022 });
    await anAction(ctx.db.prisma, plan.id, { year: 2021 });
    const edit = `${LIST}/${plan.id}/rediger`;
    const response = await submitForm(staff, edit, { title: plan.title, firstYear: '2017', lastYear: '2020' }).then(expectStatus(422));
    expect(response.text).toContain('Perioden skal rumme alle planens handlinger');
    expect((await ctx.db.prisma.actionPlan.findUniqueOrThrow({ where: { id: plan.id } })).lastYear).toBe(2022);
  });

  it('answers 404 for ids that are not plans', async () => {
    await staff.get(`${LIST}/abc`).expect(404);
    await staff.get(`${LIST}/999999`).expect(404);
    await staff.get(`${LIST}/999999/historik`).expect(404);
    await staff.get(`${LIST}/1e2/rediger`).expect(404);
  });

  it('rolls the plan back when its audit row cannot be written', async () => {
    const before = await ctx.db.prisma.actionPlan.count();
    const page = await staff.get(NEW).expect(200);
    await failAuditWrites(ctx.db.prisma);
    const response = await staff
      .post(NEW)
      .type('form')
      .send({ ...formTokens(page.text), title: 'Uden spor', firstYear: '2020', lastYear: '2021' });
    expect(response.status).toBe(500);
    await allowAuditWrites(ctx.db.prisma);
    expect(await ctx.db.prisma.actionPlan.count()).toBe(before);
  });
});

describe('goals', () => {
  it('adds a goal with SDGs and edits it, audited on the plan; a taken number is a 422', async () => {
    const plan = await aPlan(ctx.db.prisma, { goals: 1 });
    const newGoal = `${LIST}/${plan.id}/maal/ny`;
    const form = await staff.get(newGoal).expect(200);
    expect(formFieldsOf(form.text, newGoal).number).toBe('2');
    expect(form.text).toContain('Partnerskaber for handling');
    await submitForm(staff, newGoal, {
      number: '2',
      title: 'Flere unge frivillige',
      description: 'Unge møder foreningerne.',
      volunteersDo: 'Tager imod unge.',
      municipalityDoes: 'Formidler kontakten.',
      sdgs: ['3', '17'],
    }).then(expectStatus(303));
    const goal = await ctx.db.prisma.planGoal.findFirstOrThrow({ where: { planId: plan.id, number: 2 } });
    expect(goal).toMatchObject({ title: 'Flere unge frivillige', volunteersDo: 'Tager imod unge.', sdgs: [3, 17] });
    const [created] = await planAudits(plan.id, 'plan.goal-created');
    expect(created!.details).toMatchObject({ goalId: goal.id, number: 2, title: '(changed)', sdgs: [3, 17] });

    const taken = await submitForm(staff, newGoal, { number: '1', title: 'Dobbelt' }).then(expectStatus(422));
    expect(taken.text).toContain('Planen har allerede et mål med det nummer');
    expect(taken.text).toContain('value="Dobbelt"');
    const badSdg = await submitForm(staff, newGoal, { number: '3', title: 'Forkert', sdgs: ['18'] }).then(expectStatus(422));
    expect(badSdg.text).toContain('Vælg verdensmål på listen');

    const edit = `${LIST}/${plan.id}/maal/${goal.id}/rediger`;
    const page = await staff.get(edit).expect(200);
    const fields = formFieldsOf(page.text, edit);
    expect(fields).toMatchObject({ number: '2', title: 'Flere unge frivillige' });
    expect(page.text).toMatch(/value="3" class="form-checkbox" checked/);
    expect(page.text).toMatch(/value="17" class="form-checkbox" checked/);
    expect(page.text).not.toMatch(/value="4" class="form-checkbox" checked/);
    await staff
      .post(edit)
      .type('form')
      .send({ ...fields, number: '4', sdgs: ['4'] })
      .then(expectStatus(303));
    expect(await ctx.db.prisma.planGoal.findUniqueOrThrow({ where: { id: goal.id } })).toMatchObject({ number: 4, sdgs: [4], version: 2 });
    const [updated] = await planAudits(plan.id, 'plan.goal-updated');
    expect(updated!.details).toMatchObject({ goalId: goal.id, before: { number: 2, sdgs: '[3,17]' }, after: { number: 4, sdgs: '[4]' } });

    const stale = await staff
      .post(edit)
      .type('form')
      .send({ ...fields, title: 'Forældet mål' })
      .then(expectStatus(409));
    expect(stale.text).toContain('value="Forældet mål"');
    const takenOnEdit = await submitForm(staff, edit, { number: '1', title: 'Flere unge frivillige' }).then(expectStatus(422));
    expect(takenOnEdit.text).toContain('Planen har allerede et mål med det nummer');
  });

  it("answers 404 for another plan's goal", async () => {
    const plan = await aPlan(ctx.db.prisma);
    const other = await aPlan(ctx.db.prisma);
    await staff.get(`${LIST}/${plan.id}/maal/${other.goals[0]!.id}/rediger`).expect(404);
  });
});

describe('actions', () => {
  it('adds an action through the form with goals, responsibles and links, shown on the plan by year', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { firstYear: 2017, lastYear: 2022 });
    const association = await anAssociation(prisma, { name: 'Frivilligcenter Lyngby' });
    const agreement = await anAgreement(prisma, { title: 'Aftale om besøgsvenner', associationIds: [association.id] });
    const opening = await anOpening(prisma, association.id, { title: 'Besøgsven søges' });
    const newAction = `${LIST}/${plan.id}/handlinger/ny`;
    const form = await staff.get(`${newAction}?aar=2018`).expect(200);
    expect(formFieldsOf(form.text, newAction).year).toBe('2018');
    expect(form.text).toContain('Besøgsven søges');

    const response = await post(
      staff,
      newAction,
      {
        year: '2018',
        title: 'Fælles forsikring for frivillige',
        description: 'Alle frivillige er forsikret.',
        goalNumbers: ['1', '3'],
        'responsible-0-kind': 'MUNICIPAL_UNIT',
        'responsible-0-name': 'Kultur og Fritid',
        'responsible-1-kind': 'OTHER',
        'responsible-1-name': '',
        'responsible-2-kind': 'OTHER',
        'responsible-2-name': 'Social- og Sundhedsudvalget',
        associationIds: [String(association.id)],
        agreementIds: [String(agreement.id)],
        openingIds: [String(opening.id)],
        plannedFrom: '2018-03-01',
        plannedTo: '2018-12-31',
        indicator: 'Antal forsikrede',
        indicatorTarget: '250',
      },
      newAction,
    ).then(expectStatus(303));
    expect(response.headers.location).toBe(`${LIST}/${plan.id}#aar-2018`);
    const action = await prisma.planAction.findFirstOrThrow({
      where: { planId: plan.id },
      include: { goals: true, responsibles: { orderBy: { sortOrder: 'asc' } }, agreements: true, openings: true },
    });
    expect(action).toMatchObject({
      year: 2018,
      title: 'Fælles forsikring for frivillige',
      indicator: 'Antal forsikrede',
      indicatorTarget: 250,
    });
    expect(action.plannedFrom?.toISOString().slice(0, 10)).toBe('2018-03-01');
    expect(action.goals.map((g) => g.number).sort()).toEqual([1, 3]);
    expect(action.responsibles.map((r) => [r.kind, r.name, r.associationId])).toEqual([
      ['MUNICIPAL_UNIT', 'Kultur og Fritid', null],
      ['OTHER', 'Social- og Sundhedsudvalget', null],
      ['ASSOCIATION', '', association.id],
    ]);
    expect(action.agreements.map((a) => a.id)).toEqual([agreement.id]);
    expect(action.openings.map((o) => o.id)).toEqual([opening.id]);
    const [audit] = await planAudits(plan.id, 'plan.action-created');
    expect(audit).toMatchObject({ actorUserId: staffId, details: { actionId: action.id, year: 2018, source: 'form', title: '(changed)' } });

    const page = await staff.get(`${LIST}/${plan.id}`).expect(200);
    const year2018 = page.text.slice(page.text.indexOf('id="aar-2018"'), page.text.indexOf('id="aar-2019"'));
    expect(year2018).toContain('Fælles forsikring for frivillige');
    expect(year2018).toContain('Mål 1, Mål 3');
    expect(year2018).toContain('Kultur og Fritid, Social- og Sundhedsudvalget, Frivilligcenter Lyngby');
    expect(year2018).toContain('Aftale: Aftale om besøgsvenner');
    expect(year2018).toContain(`href="/opgaver/${opening.id}"`);
    expect(page.text).toContain(`href="${LIST}/${plan.id}/handlinger/ny?aar=2020"`);
  });

  it('refuses a year outside the period, an unknown goal, association, agreement or opening with 422 and the input kept', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { firstYear: 2017, lastYear: 2022, goals: 2 });
    const pending = await anAssociation(prisma, { status: 'PENDING' });
    const draftOpening = await anOpening(prisma, (await anAssociation(prisma)).id, { status: 'DRAFT' });
    const newAction = `${LIST}/${plan.id}/handlinger/ny`;
    const valid = { year: '2019', title: 'Besøgsvenner på plejehjem', goalNumbers: ['1'] };
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ year: '2023' }, 'Året skal være i planens periode, 2017–2022', 'year'],
      [{ year: '1999' }, 'Skriv et årstal med fire cifre mellem 2000 og 2100', 'year'],
      [{ goalNumbers: ['3'] }, 'Vælg mål, som planen har', 'goalNumbers'],
      [{ associationIds: ['999999'] }, 'Vælg godkendte foreninger fra listen', 'associationIds'],
      [{ associationIds: [String(pending.id)] }, 'Vælg godkendte foreninger fra listen', 'associationIds'],
      [{ agreementIds: ['999999'] }, 'Vælg samarbejdsaftaler fra listen', 'agreementIds'],
      [{ openingIds: [String(draftOpening.id)] }, 'Vælg offentliggjorte frivilligopgaver fra listen', 'openingIds'],
      [{ plannedFrom: '2019-05-01', plannedTo: '2019-04-01' }, 'Slutdatoen må ikke være før startdatoen', 'plannedTo'],
      [{ 'responsible-0-kind': 'ASSOCIATION', 'responsible-0-name': 'Navngivet' }, 'Vælg en type', 'responsible-0-kind'],
      [{ title: '' }, 'Skriv handlingens titel', 'title'],
    ];
    for (const [change, message, field] of cases) {
      const response = await post(staff, newAction, { ...valid, ...change }, newAction);
      expect([JSON.stringify(change), response.status]).toEqual([JSON.stringify(change), 422]);
      expect(response.text).toContain(message);
      expect(response.text).toContain(`href="#${field}"`);
      if (change.title === undefined) expect(response.text).toContain('value="Besøgsvenner på plejehjem"');
    }
    expect(await prisma.planAction.count({ where: { planId: plan.id } })).toBe(0);
  });

  it('edits an action from its stored values; a stale edit is 409 with the input kept', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const association = await anAssociation(prisma, { name: 'Røde Kors Test' });
    const action = await anAction(prisma, plan.id, {
      year: 2019,
      goalNumbers: [2],
      units: ['Borgerservice'],
      associationIds: [association.id],
    });
    const edit = `${LIST}/${plan.id}/handlinger/${action.id}/rediger`;
    const page = await staff.get(edit).expect(200);
    const fields = formFieldsOf(page.text, edit);
    expect(fields).toMatchObject({
      year: '2019',
      title: 'Handling til test',
      goalNumbers: '2',
      'responsible-0-name': 'Borgerservice',
      associationIds: String(association.id),
      version: '1',
    });
    expect(page.text).toMatch(/<option value="MUNICIPAL_UNIT" selected>/);
    await staff
      .post(edit)
      .type('form')
      .send({ ...fields, title: 'Ny titel', 'responsible-0-kind': 'MUNICIPAL_UNIT' })
      .then(expectStatus(303));
    const stored = await prisma.planAction.findUniqueOrThrow({ where: { id: action.id }, include: { responsibles: true } });
    expect(stored).toMatchObject({ title: 'Ny titel', version: 2 });
    expect(stored.responsibles).toHaveLength(2);
    expect((await planAudits(plan.id, 'plan.action-updated'))[0]!.details).toMatchObject({ actionId: action.id, source: 'form' });

    const stale = await staff
      .post(edit)
      .type('form')
      // Selects are not among formFieldsOf's fields; the browser sends the chosen kind.
      .send({ ...fields, title: 'Forældet handling', 'responsible-0-kind': 'MUNICIPAL_UNIT' })
      .then(expectStatus(409));
    expect(stale.text).toContain('value="Forældet handling"');
    expect(stale.text).toContain('name="version" value="2"');
    expect((await prisma.planAction.findUniqueOrThrow({ where: { id: action.id } })).title).toBe('Ny titel');
  });

  it('shows where a carried action came from, and 404s for an action of another plan', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const first = await anAction(prisma, plan.id, { year: 2017, title: 'Frivillig Fredag' });
    await anAction(prisma, plan.id, { year: 2018, title: 'Frivillig Fredag igen', carriedFromId: first.id });
    const page = await staff.get(`${LIST}/${plan.id}`).expect(200);
    expect(page.text).toContain('Videreført fra 2017');
    const other = await aPlan(prisma);
    await staff.get(`${LIST}/${other.id}/handlinger/${first.id}/rediger`).expect(404);
    await staff.get(`${LIST}/${plan.id}/handlinger/x/rediger`).expect(404);
  });
});

describe('audit in the same transaction', () => {
  it('rolls a new goal and a new action back when their audit rows cannot be written', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { goals: 1 });
    const newGoal = `${LIST}/${plan.id}/maal/ny`;
    const newAction = `${LIST}/${plan.id}/handlinger/ny`;
    const [goalPage, actionPage] = await Promise.all([staff.get(newGoal).expect(200), staff.get(newAction).expect(200)]);
    await failAuditWrites(prisma);
    const goal = await staff
      .post(newGoal)
      .type('form')
      .send({ ...formTokens(goalPage.text), number: '2', title: 'Uden spor' });
    const action = await staff
      .post(newAction)
      .type('form')
      .send({ ...formTokens(actionPage.text), year: '2018', title: 'Uden spor', goalNumbers: ['1'] });
    await allowAuditWrites(prisma);
    expect([goal.status, action.status]).toEqual([500, 500]);
    expect(await prisma.planGoal.count({ where: { planId: plan.id } })).toBe(1);
    expect(await prisma.planAction.count({ where: { planId: plan.id } })).toBe(0);
  });
});

describe('what is public', () => {
  it('says on the plan, goal and action forms that they show on the public page at once, and links it from the plan', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma, { slug: 'offentlig-plan' });
    const action = await anAction(prisma, plan.id, { year: plan.firstYear, title: 'Offentlig handling' });
    const goal = await prisma.planGoal.findFirstOrThrow({ where: { planId: plan.id } });
    const notice =
      'Planen, målene og handlingerne vises på den offentlige side /handleplaner/offentlig-plan; årets status først, når den er godkendt endeligt.';
    for (const path of [
      `${LIST}/${plan.id}/rediger`,
      `${LIST}/${plan.id}/maal/ny`,
      `${LIST}/${plan.id}/maal/${goal.id}/rediger`,
      `${LIST}/${plan.id}/handlinger/ny`,
      `${LIST}/${plan.id}/handlinger/${action.id}/rediger`,
    ]) {
      expect((await staff.get(path).expect(200)).text, path).toContain(notice);
    }
    expect((await staff.get(NEW).expect(200)).text).toContain(
      'vises på en offentlig side under /handleplaner, så snart planen er oprettet',
    );
    const page = await staff.get(`${LIST}/${plan.id}`).expect(200);
    expect(page.text).toContain('<a class="button button-secondary" href="/handleplaner/offentlig-plan">Se den offentlige side</a>');
    const english = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await english.get('/sprog/en').expect(303);
    expect((await english.get(`${LIST}/${plan.id}/rediger`).expect(200)).text).toContain(
      'are shown on the public page /handleplaner/offentlig-plan',
    );
  });
});

describe('history', () => {
  it("lists every audit row of the plan newest first with who and what, translating other helpers' actions", async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const history = `${LIST}/${plan.id}/historik`;
    expect((await staff.get(history).expect(200)).text).toContain('Der er ikke sket noget med planen endnu.');
    await submitForm(staff, `${LIST}/${plan.id}/handlinger/ny`, { year: '2018', title: 'Handling i historikken' }).then(expectStatus(303));
    const at = (minutes: number) => new Date(ctx.clock.now().getTime() + minutes * 60_000);
    await prisma.auditLog.createMany({
      data: [
        { action: 'plan.review-finalised', targetType: 'action-plan', targetId: String(plan.id), at: at(1), details: { year: 2018 } },
        { action: 'plan.something-new', targetType: 'action-plan', targetId: String(plan.id), at: at(2) },
        // Another plan's row is not this plan's history.
        { action: 'plan.updated', targetType: 'action-plan', targetId: String(plan.id + 1000), at: at(3) },
      ],
    });
    const page = await staff.get(history).expect(200);
    const rows = [...page.text.matchAll(/<tr>\s*<td>[\s\S]*?<\/tr>/g)].map(([row]) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('plan.something-new');
    expect(rows[1]).toContain('Årlig status gjort endelig (år 2018)');
    expect(rows[1]).toContain('Systemet');
    expect(rows[2]).toContain('Handling tilføjet (år 2018)');
    expect(rows[2]).toContain('Hanne Handleplan');
    const english = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await english.get('/sprog/en').expect(303);
    expect((await english.get(history).expect(200)).text).toContain('Yearly review finalised (year 2018)');
  });

  it("says what changed: the action's current title, a state's from → to, a bulk status's count and status", async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    const history = `${LIST}/${plan.id}/historik`;
    const created = await submitForm(staff, `${LIST}/${plan.id}/handlinger/ny`, { year: '2018', title: 'Gammel titel' }).then(
      expectStatus(303),
    );
    const action = await prisma.planAction.findFirstOrThrow({ where: { planId: plan.id } });
    expect(created.headers.location).toContain(`#aar-2018`);
    // The title now, not the one of the time (audit keeps no free text).
    await prisma.planAction.update({ where: { id: action.id }, data: { title: 'Besøgsvenner på plejehjem' } });
    const at = (minutes: number) => new Date(ctx.clock.now().getTime() + minutes * 60_000);
    const row = (minutes: number, action: string, details: object) => ({
      action,
      targetType: 'action-plan',
      targetId: String(plan.id),
      at: at(minutes),
      details,
    });
    await prisma.auditLog.createMany({
      data: [
        row(1, 'plan.review-bulk-status', { year: 2018, actionIds: [action.id, action.id + 1000, action.id + 2000], status: 'DONE' }),
        row(2, 'plan.review-state-changed', { year: 2018, before: { state: 'DRAFT' }, after: { state: 'IN_COMMITTEE' } }),
        row(3, 'plan.review-finalised', { year: 2018, before: { state: 'IN_COMMITTEE' }, after: { state: 'FINALISED' } }),
        row(4, 'plan.review-amended', {
          year: 2018,
          actionId: action.id,
          field: 'status',
          before: { status: 'IN_PROGRESS' },
          after: { status: 'DONE' },
        }),
        row(5, 'plan.review-bulk-status', { year: 2018, actionIds: [action.id], status: 'POSTPONED' }),
      ],
    });
    const page = await staff.get(history).expect(200);
    const rows = [...page.text.matchAll(/<tr>\s*<td>[\s\S]*?<\/tr>/g)].map(([r]) => r.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toContain('1 handling sat til Udskudt');
    expect(rows[1]).toContain('Handling: Besøgsvenner på plejehjem');
    expect(rows[1]).toContain('I gang → Gennemført');
    expect(rows[2]).toContain('Til behandling i udvalg → Endelig');
    expect(rows[3]).toContain('Kladde → Til behandling i udvalg');
    expect(rows[4]).toContain('3 handlinger sat til Gennemført');
    expect(rows[5]).toContain('Handling tilføjet (år 2018) Handling: Besøgsvenner på plejehjem');
    expect(page.text).not.toContain('Gammel titel');
    const english = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
    await english.get('/sprog/en').expect(303);
    const en = (await english.get(history).expect(200)).text;
    expect(en).toContain('3 actions set to');
    expect(en).toContain('Action: Besøgsvenner på plejehjem');
  });

  it('pages a long history', async () => {
    const prisma = ctx.db.prisma;
    const plan = await aPlan(prisma);
    await prisma.auditLog.createMany({
      data: Array.from({ length: 30 }, (_, index) => ({
        action: 'plan.action-updated',
        targetType: 'action-plan',
        targetId: String(plan.id),
        at: new Date(Date.UTC(2026, 0, 1, 10, index)),
      })),
    });
    const history = `${LIST}/${plan.id}/historik`;
    const first = await staff.get(history).expect(200);
    expect(first.text).toContain(`href="${history}?side=2"`);
    expect([...first.text.matchAll(/Handling ændret/g)]).toHaveLength(25);
    const second = await staff.get(`${history}?side=2`).expect(200);
    expect([...second.text.matchAll(/Handling ændret/g)]).toHaveLength(5);
  });
});
