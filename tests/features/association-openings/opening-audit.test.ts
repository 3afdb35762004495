// What the audit trail says about an edited opening: the fields that changed, before
// and after, with the association's typed text and the contact details recorded only
// as "(changed)".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD, anOpening } from '../../helpers/factories/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the audit of an edit', () => {
  it('records changed fields before and after, free text and contact details redacted', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true, status: 'DRAFT' });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const base = `/min-forening/${association.id}/opgaver`;
    const edit = await agent.get(`${base}/${opening.id}/rediger`).expect(200);
    const same = {
      summary: opening.summary,
      description: opening.description,
      tasks: opening.tasks,
      volunteeringForm: opening.form,
      commitment: opening.commitment ?? '',
      timeCommitment: opening.timeCommitment,
      place: opening.place,
      localAreaId: String(opening.localAreaId),
      targetGroupIds: opening.targetGroups.map((group) => String(group.id)),
      skillAreaIds: opening.skillAreas.map((area) => String(area.id)),
      skills: opening.skills,
      childCertificateRequired: 'ja',
      startsOn: '2026-12-01',
      endsOn: '2027-06-30',
      contactPhone: opening.contactPhone ?? '',
    };
    await agent
      .post(`${base}/${opening.id}/rediger`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(edit.text),
        ...same,
        title: 'Ny hemmelig titel',
        contactName: 'Ny Kontaktperson',
        contactEmail: 'ny.kontakt@example.org',
        deadline: '2026-12-20',
        version: '1',
        handling: 'offentliggoer',
      })
      .expect(303);

    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'opening.updated', targetId: String(opening.id) } });
    expect(audit.actorUserId).toBe(member.id);
    expect(audit.details).toEqual({
      associationId: association.id,
      status: 'PUBLISHED',
      before: {
        title: '(changed)',
        contactName: '(changed)',
        contactEmail: '(changed)',
        deadline: '2026-12-15T00:00:00.000Z',
        status: 'DRAFT',
        publishedAt: null, // a draft has never been published
      },
      after: {
        title: '(changed)',
        contactName: '(changed)',
        contactEmail: '(changed)',
        deadline: '2026-12-20T00:00:00.000Z',
        status: 'PUBLISHED',
        publishedAt: ctx.clock.now().toISOString(),
      },
    });
    const trail = JSON.stringify(audit.details);
    for (const text of ['Ny hemmelig titel', 'Ny Kontaktperson', 'ny.kontakt@example.org', 'Kontakt Eksempel']) {
      expect(trail).not.toContain(text);
    }
  });

  it('records a status change as the status before and after', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true });
    const member = await aUser(ctx.db.prisma, { associationId: association.id });
    const agent = await logIn(ctx.app, member.email, TEST_PASSWORD);
    const base = `/min-forening/${association.id}/opgaver`;
    const list = await agent.get(base).expect(200);
    await agent
      .post(`${base}/${opening.id}/luk`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(list.text), version: '1' })
      .expect(303);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'opening.closed', targetId: String(opening.id) } });
    expect(audit.details).toEqual({
      associationId: association.id,
      status: 'CLOSED',
      before: { status: 'PUBLISHED' },
      after: { status: 'CLOSED' },
    });
  });
});
