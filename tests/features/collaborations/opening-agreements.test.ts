// Openings linked to a collaboration agreement: the association's opening form offers
// the ACCEPTED and ACTIVE agreements the association is a party to; any other id is
// refused (422, input kept); the link is audited with the opening; the staff agreement
// page lists the openings linked to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import {
  anAgreement,
  anAgreementInForce,
  anAssociation,
  anOpening,
  aUser,
  linkOpening,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';

let ctx: TestContext;
let association: { id: number; name: string };
let member: Agent;
let staff: Agent;
const agreements: Record<'active' | 'accepted' | 'draft' | 'sent' | 'ended' | 'foreign', { id: number; title: string }> = {} as never;

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  association = await anAssociation(prisma, { name: 'Forening med aftaler' });
  const other = await anAssociation(prisma, { name: 'Anden forening' });
  member = await logIn(ctx.app, (await aUser(prisma, { associationId: association.id })).email, TEST_PASSWORD);
  staff = await logIn(ctx.app, (await aUser(prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  const ids = [association.id];
  agreements.active = await anAgreementInForce(prisma, { title: 'AFTALE-AKTIV', associationIds: ids });
  agreements.accepted = await anAgreementInForce(prisma, { title: 'AFTALE-ACCEPTERET', associationIds: ids, inForceStatus: 'ACCEPTED' });
  agreements.draft = await anAgreement(prisma, { title: 'AFTALE-KLADDE', associationIds: ids });
  agreements.sent = await anAgreement(prisma, { title: 'AFTALE-SENDT', associationIds: ids });
  await sendVersion(prisma, agreements.sent.id);
  agreements.ended = await anAgreementInForce(prisma, { title: 'AFTALE-AFSLUTTET', associationIds: ids, inForceStatus: 'ENDED' });
  agreements.foreign = await anAgreementInForce(prisma, { title: 'AFTALE-ANDEN-FORENING', associationIds: [other.id] });
});
afterAll(() => ctx.close());

const base = () => `/min-forening/${association.id}/opgaver`;

const validForm = (overrides: Record<string, string> = {}) => ({
  title: 'Hjælper i Grow Your Life',
  summary: 'Vær med til aftenskolens madhold.',
  description: 'Vi laver mad sammen hver torsdag.',
  volunteeringForm: 'ONGOING',
  commitment: 'WEEKLY',
  timeCommitment: '2 timer om ugen',
  place: 'Aftenskolen',
  childCertificateRequired: 'nej',
  contactName: 'Lone Eksempel',
  contactEmail: 'lone@example.org',
  handling: 'kladde',
  ...overrides,
});

async function postNew(fields: Record<string, string>) {
  const page = await member.get(`${base()}/ny`).expect(200);
  return member
    .post(`${base()}/ny`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...fields });
}

describe('linking an opening to a collaboration agreement', () => {
  it("offers only the association's ACCEPTED and ACTIVE agreements", async () => {
    const page = await member.get(`${base()}/ny`).expect(200);
    expect(page.text).toContain('Del af en samarbejdsaftale');
    expect(page.text).toContain(`<option value="${agreements.active.id}">AFTALE-AKTIV</option>`);
    expect(page.text).toContain(`<option value="${agreements.accepted.id}">AFTALE-ACCEPTERET</option>`);
    for (const title of ['AFTALE-KLADDE', 'AFTALE-SENDT', 'AFTALE-AFSLUTTET', 'AFTALE-ANDEN-FORENING'])
      expect([title, page.text.includes(title)]).toEqual([title, false]);
  });

  it('stores the chosen agreement and audits it', async () => {
    const response = await postNew(validForm({ title: 'Linket opgave', agreementId: String(agreements.active.id) })).then(
      expectStatus(303),
    );
    expect(response.headers.location).toBe(base());
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { title: 'Linket opgave', associationId: association.id } });
    expect(opening.agreementId).toBe(agreements.active.id);
    const created = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'opening.created', targetId: String(opening.id) } });
    expect(created.details).toMatchObject({ agreementId: agreements.active.id });

    // Moved to the other agreement on the edit form: the update's audit has before and after.
    const editPath = `${base()}/${opening.id}/rediger`;
    const edit = await member.get(editPath).expect(200);
    const fields = formFieldsOf(edit.text, editPath);
    expect(edit.text).toMatch(new RegExp(`<option value="${agreements.active.id}" selected>AFTALE-AKTIV</option>`));
    await member
      .post(editPath)
      .type('form')
      .send({ ...validForm({ title: 'Linket opgave' }), ...fields, agreementId: String(agreements.accepted.id), handling: 'gem' })
      .expect(303);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).agreementId).toBe(agreements.accepted.id);
    const updated = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'opening.updated', targetId: String(opening.id) } });
    expect(updated.details).toMatchObject({
      before: { agreementId: agreements.active.id },
      after: { agreementId: agreements.accepted.id },
    });
  });

  it.each([
    ['a draft agreement', 'draft'],
    ['a sent, not accepted agreement', 'sent'],
    ['an ended agreement', 'ended'],
    ["another association's agreement", 'foreign'],
  ] as const)('refuses %s (422) with the input kept', async (_name, which) => {
    const before = await ctx.db.prisma.opening.count();
    const response = await postNew(validForm({ agreementId: String(agreements[which].id) })).then(expectStatus(422));
    expect(response.text).toContain('href="#agreementId"');
    expect(response.text).toContain('Ukendt samarbejdsaftale');
    expect(response.text).toContain('value="Hjælper i Grow Your Life"');
    expect(await ctx.db.prisma.opening.count()).toBe(before);
  });

  it('refuses an id of no agreement, and a value that is no id', async () => {
    expect((await postNew(validForm({ agreementId: '99999999' })).then(expectStatus(422))).text).toContain('Ukendt samarbejdsaftale');
    expect((await postNew(validForm({ agreementId: 'abc' })).then(expectStatus(422))).text).toContain('href="#agreementId"');
  });

  it('keeps the link of an opening whose agreement has since ended when it is edited', async () => {
    const opening = await anOpening(ctx.db.prisma, association.id, { title: 'Opgave i afsluttet aftale', status: 'DRAFT' });
    await linkOpening(ctx.db.prisma, opening.id, agreements.ended.id);
    const editPath = `${base()}/${opening.id}/rediger`;
    const edit = await member.get(editPath).expect(200);
    expect(edit.text).toMatch(new RegExp(`<option value="${agreements.ended.id}" selected>AFTALE-AFSLUTTET</option>`));
    const fields = formFieldsOf(edit.text, editPath);
    await member
      .post(editPath)
      .type('form')
      .send({ ...validForm({ title: 'Opgave i afsluttet aftale' }), ...fields, agreementId: String(agreements.ended.id), handling: 'gem' })
      .expect(303);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).agreementId).toBe(agreements.ended.id);
  });
});

describe("the staff agreement page's linked openings", () => {
  it('lists the openings linked to the agreement, in any status, and links its public page while ACTIVE', async () => {
    const prisma = ctx.db.prisma;
    const agreement = await anAgreementInForce(prisma, { title: 'Aftale med opgaver', associationIds: [association.id] });
    const published = await anOpening(prisma, association.id, { title: 'STAFF-OFFENTLIG-OPGAVE', deadline: '2026-12-24' });
    const draft = await anOpening(prisma, association.id, { title: 'STAFF-KLADDE-OPGAVE', status: 'DRAFT' });
    await anOpening(prisma, association.id, { title: 'STAFF-UKOBLET-OPGAVE' });
    await linkOpening(prisma, published.id, agreement.id);
    await linkOpening(prisma, draft.id, agreement.id);
    const page = await staff.get(`/medarbejder/samarbejdsaftaler/${agreement.id}`).expect(200);
    expect(page.text).toContain('Frivilligopgaver knyttet til aftalen');
    // The table is named by its heading, not by a hidden caption that repeats it.
    expect(page.text).toContain('<table class="table" aria-labelledby="linked-openings-heading">');
    expect(page.text).not.toContain('<caption class="sr-only">');
    expect(page.text).toContain(`<a href="/opgaver/${published.id}">STAFF-OFFENTLIG-OPGAVE</a>`);
    expect(page.text).toContain('24. december 2026');
    expect(page.text).toContain('STAFF-KLADDE-OPGAVE');
    expect(page.text).not.toContain('STAFF-UKOBLET-OPGAVE');
    expect(page.text).toContain(`href="/samarbejder/${agreement.id}"`);

    const none = await staff.get(`/medarbejder/samarbejdsaftaler/${agreements.draft.id}`).expect(200);
    expect(none.text).toContain('Ingen af partnernes frivilligopgaver er knyttet til aftalen.');
    expect(none.text).not.toContain(`href="/samarbejder/${agreements.draft.id}"`);
  });
});
