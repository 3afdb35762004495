// The "how to join in" text: written on the new-agreement and edit forms, stored in the
// working copy, audited only as "(changed)", and shown on the agreement's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import { anAgreement, anAssociation, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { LIMITS } from '../../../src/features/agreements/agreement-schemas.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const HOW_TO_JOIN = 'Ring til frivilligcentret på 00 00 00 00, så finder vi et hold til dig.';

let ctx: TestContext;
let staff: Agent;
let association: { id: number };

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
  association = await anAssociation(ctx.db.prisma, { name: 'Frivilligcenter Vær Med' });
});
afterAll(() => ctx.close());

const newForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Vær med-aftalen',
  municipalUnit: 'Center for Sundhed',
  level: 'SHARED_TASKS',
  associationIds: [String(association.id)],
  publicFields: ['purpose', 'howToJoin'],
  howToJoin: HOW_TO_JOIN,
  ...overrides,
});

async function postNew(fields: Record<string, string | string[]>) {
  const page = await staff.get(`${LIST}/ny`).expect(200);
  expect(page.text).toContain('id="howToJoin"');
  expect(page.text).toContain('Vises på den offentlige side om samarbejdet');
  return staff
    .post(`${LIST}/ny`)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...fields });
}

describe('the "how to join in" text', () => {
  it('is written on the new form, stored, shown on the page, and audited without its text', async () => {
    const response = await postNew(newForm()).then(expectStatus(303));
    const id = Number(/\/(\d+)$/.exec(response.headers.location as string)?.[1]);
    const stored = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id } });
    expect(stored.howToJoin).toBe(HOW_TO_JOIN);
    expect(stored.publicHowToJoin).toBe(true);
    const page = await staff.get(`${LIST}/${id}`).expect(200);
    expect(page.text).toContain(HOW_TO_JOIN);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.created', targetId: String(id) } });
    expect(JSON.stringify(audit.details)).not.toContain('frivilligcentret på');
  });

  it('refuses a text over the limit (422) with the input kept', async () => {
    const before = await ctx.db.prisma.agreement.count();
    const response = await postNew(newForm({ howToJoin: 'x'.repeat(LIMITS.howToJoin + 1) })).then(expectStatus(422));
    expect(response.text).toContain('href="#howToJoin"');
    expect(response.text).toContain('value="Vær med-aftalen"');
    expect(await ctx.db.prisma.agreement.count()).toBe(before);
  });

  it('is edited on the edit form and audited as "(changed)"', async () => {
    const agreement = await anAgreement(ctx.db.prisma, { associationIds: [association.id], howToJoin: 'Gammel tekst om at være med.' });
    const editPath = `${LIST}/${agreement.id}/rediger`;
    const form = await staff.get(editPath).expect(200);
    const fields = formFieldsOf(form.text, editPath);
    expect(fields.howToJoin).toBe('Gammel tekst om at være med.');
    await staff
      .post(editPath)
      .type('form')
      .send({ ...fields, howToJoin: HOW_TO_JOIN })
      .expect(303);
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).howToJoin).toBe(HOW_TO_JOIN);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.updated', targetId: String(agreement.id) } });
    expect(audit.details).toMatchObject({ before: { howToJoin: '(changed)' }, after: { howToJoin: '(changed)' } });
    expect(JSON.stringify(audit.details)).not.toContain('Gammel tekst');
    expect(JSON.stringify(audit.details)).not.toContain('frivilligcentret på');

    // Over the limit: 422, the input kept, nothing saved.
    const again = formFieldsOf((await staff.get(editPath).expect(200)).text, editPath);
    const tooLong = await staff
      .post(editPath)
      .type('form')
      .send({ ...again, howToJoin: `${'y'.repeat(LIMITS.howToJoin)}z` })
      .expect(422);
    expect(tooLong.text).toContain('href="#howToJoin"');
    expect(tooLong.text).toContain('yyyyz');
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).howToJoin).toBe(HOW_TO_JOIN);
  });
});
