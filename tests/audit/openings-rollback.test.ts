// An association's changes to its openings write their audit row in the change's own
// transaction: when the audit row cannot be written, creating, editing, publishing,
// unpublishing or closing an opening answers with the error page and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../helpers/http.js';
import { aUser, anAssociation, anOpening, TEST_PASSWORD } from '../helpers/factories/index.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';

let ctx: TestContext;
let associationId: number;
let agent: Agent;
let base: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const association = await anAssociation(ctx.db.prisma);
  associationId = association.id;
  base = `/min-forening/${associationId}/opgaver`;
  const member = await aUser(ctx.db.prisma, { associationId });
  agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
  await failAuditWrites(ctx.db.prisma);
});
afterAll(async () => {
  await allowAuditWrites(ctx.db.prisma);
  await ctx.close();
});

const FORM = {
  title: 'Ny titel',
  summary: 'Kort om opgaven.',
  description: 'Længere beskrivelse.',
  volunteeringForm: 'EPISODIC',
  commitment: 'ONE_OFF',
  timeCommitment: 'En lørdag',
  place: 'Hallen',
  childCertificateRequired: 'nej',
  contactName: 'Kontakt Person',
  contactEmail: 'kontakt@example.org',
};

async function post(path: string, form: Record<string, string>) {
  const page = await agent.get(base).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

async function openingRow(id: number) {
  return ctx.db.prisma.opening.findUniqueOrThrow({
    where: { id },
    select: { title: true, status: true, version: true, publishedAt: true },
  });
}

describe('with audit writes failing', () => {
  it('creates no opening', async () => {
    const before = await ctx.db.prisma.opening.count({ where: { associationId } });
    for (const handling of ['kladde', 'offentliggoer']) {
      const response = await post(`${base}/ny`, { ...FORM, handling });
      expect(response.status).toBe(500);
    }
    expect(await ctx.db.prisma.opening.count({ where: { associationId } })).toBe(before);
  });

  it('leaves an edited opening as it was', async () => {
    const opening = await anOpening(ctx.db.prisma, associationId, { title: 'Gammel titel', status: 'DRAFT' });
    const before = await openingRow(opening.id);
    for (const handling of ['gem', 'offentliggoer']) {
      const response = await post(`${base}/${opening.id}/rediger`, { ...FORM, version: '1', handling });
      expect(response.status).toBe(500);
    }
    expect(await openingRow(opening.id)).toEqual(before);
  });

  it('publishes, unpublishes and closes nothing', async () => {
    const draft = await anOpening(ctx.db.prisma, associationId, { status: 'DRAFT' });
    const published = await anOpening(ctx.db.prisma, associationId, { status: 'PUBLISHED' });
    const rows = { draft: await openingRow(draft.id), published: await openingRow(published.id) };
    expect((await post(`${base}/${draft.id}/offentliggoer`, { version: '1' })).status).toBe(500);
    expect((await post(`${base}/${published.id}/afpublicer`, { version: '1' })).status).toBe(500);
    expect((await post(`${base}/${published.id}/luk`, { version: '1' })).status).toBe(500);
    expect(await openingRow(draft.id)).toEqual(rows.draft);
    expect(await openingRow(published.id)).toEqual(rows.published);
  });

  it('left no audit row of an opening change', async () => {
    expect(await ctx.db.prisma.auditLog.count({ where: { targetType: 'opening' } })).toBe(0);
  });
});
