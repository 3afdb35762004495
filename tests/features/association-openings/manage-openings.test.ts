// Associations manage their own openings: create (draft or published), edit, publish,
// unpublish, close — scoped to their association, optimistic-locked, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, anOpening, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.prisma.targetGroup.createMany({
    data: [
      { slug: 'unge', nameDa: 'Unge', nameEn: 'Young people', sortOrder: 1 },
      { slug: 'aeldre', nameDa: 'Ældre', nameEn: 'Older people', sortOrder: 2 },
    ],
  });
  await ctx.db.prisma.skillArea.create({ data: { slug: 'socialt', nameDa: 'Social faglighed', nameEn: 'Social skills' } });
  await ctx.db.prisma.localArea.create({ data: { slug: 'lundtofte', nameDa: 'Lundtofte', nameEn: 'Lundtofte' } });
  vocabulariesChanged(ctx.services);
});
afterAll(() => ctx.close());

async function memberOf(status: 'APPROVED' | 'PENDING' = 'APPROVED') {
  const association = await anAssociation(ctx.db.prisma, { status });
  const user = await aUser(ctx.db.prisma, { associationId: association.id });
  const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
  return { association, user, agent };
}

async function validForm() {
  const [young, old] = await ctx.db.prisma.targetGroup.findMany({ orderBy: { sortOrder: 'asc' } });
  const skill = await ctx.db.prisma.skillArea.findFirstOrThrow();
  const area = await ctx.db.prisma.localArea.findFirstOrThrow({ where: { slug: 'lundtofte' } });
  return {
    title: 'Lektiehjælper i klubhuset',
    summary: 'Hjælp unge med lektier.',
    description: 'Vi har lektiecafé hver tirsdag.',
    tasks: 'Matematik\nDansk',
    volunteeringForm: 'ONGOING',
    commitment: 'WEEKLY',
    timeCommitment: '2 timer om ugen',
    place: 'Klubhuset',
    localAreaId: String(area.id),
    targetGroupIds: [String(young!.id), String(old!.id)],
    skillAreaIds: String(skill.id),
    skills: 'Tålmodighed',
    childCertificateRequired: 'ja',
    startsOn: '2026-12-01',
    endsOn: '2027-06-30',
    deadline: '2026-12-15',
    contactName: 'Lone Eksempel',
    contactEmail: 'lone@example.org',
    contactPhone: '+45 00 00 00 01',
  };
}

async function post(agent: Agent, pagePath: string, path: string, form: Record<string, unknown>) {
  const page = await agent.get(pagePath).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

describe('creating openings', () => {
  it('saves a draft with every field, scoped to the association, audited', async () => {
    const { association, user, agent } = await memberOf();
    const base = `/min-forening/${association.id}/opgaver`;
    const form = await validForm();
    const response = await post(agent, `${base}/ny`, `${base}/ny`, {
      ...form,
      handling: 'kladde',
      status: 'PUBLISHED',
      associationId: '999',
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(base);
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({
      where: { title: form.title, associationId: association.id },
      include: { targetGroups: true, skillAreas: true },
    });
    expect(opening).toMatchObject({
      status: 'DRAFT',
      publishedAt: null,
      form: 'ONGOING',
      commitment: 'WEEKLY',
      childCertificateRequired: true,
      contactPhone: '+45 00 00 00 01',
      version: 1,
    });
    expect(opening.startsOn?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(opening.deadline?.toISOString()).toBe('2026-12-15T00:00:00.000Z');
    expect(opening.targetGroups.map((g) => g.slug).sort()).toEqual(['aeldre', 'unge']);
    expect(opening.skillAreas).toHaveLength(1);
    const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'opening.created', targetId: String(opening.id) } });
    expect(audit).toMatchObject({ actorUserId: user.id, details: { associationId: association.id, status: 'DRAFT' } });

    const list = await agent.get(base).expect(200);
    expect(list.text).toContain('Opgaven er gemt som kladde');
    expect(list.text).toContain(form.title);
    expect(list.text).toContain('Kladde');
    await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(404);
  });

  it('publishes directly when the association is approved', async () => {
    const { association, agent } = await memberOf();
    const base = `/min-forening/${association.id}/opgaver`;
    const response = await post(agent, `${base}/ny`, `${base}/ny`, { ...(await validForm()), handling: 'offentliggoer' });
    expect(response.status).toBe(303);
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { associationId: association.id } });
    expect(opening.status).toBe('PUBLISHED');
    expect(opening.publishedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200);
  });

  it('lets a pending association prepare drafts but not publish, with a clear message', async () => {
    const { association, agent } = await memberOf('PENDING');
    const base = `/min-forening/${association.id}/opgaver`;
    const page = await agent.get(`${base}/ny`).expect(200);
    expect(page.text).toContain('afventer kommunens godkendelse');
    expect(page.text).not.toContain('value="offentliggoer"');
    const refused = await post(agent, `${base}/ny`, `${base}/ny`, { ...(await validForm()), handling: 'offentliggoer' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('før kommunen har godkendt jeres forening');
    expect(refused.text).toContain('href="#handling"');
    expect(await ctx.db.prisma.opening.count({ where: { associationId: association.id } })).toBe(0);
    const draft = await post(agent, `${base}/ny`, `${base}/ny`, { ...(await validForm()), handling: 'kladde' });
    expect(draft.status).toBe(303);
    const opening = await ctx.db.prisma.opening.findFirstOrThrow({ where: { associationId: association.id } });
    const publish = await post(agent, base, `${base}/${opening.id}/offentliggoer`, { version: '1' });
    expect(publish.status).toBe(422);
    expect(publish.text).toContain('før kommunen har godkendt jeres forening');
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe('DRAFT');
  });

  it('re-renders with 422 and the input kept when fields are missing or wrong', async () => {
    const { association, agent } = await memberOf();
    const base = `/min-forening/${association.id}/opgaver`;
    const form = await validForm();
    const response = await post(agent, `${base}/ny`, `${base}/ny`, {
      ...form,
      title: '',
      volunteeringForm: 'HACK',
      childCertificateRequired: undefined,
      startsOn: '2027-01-10',
      endsOn: '2027-01-01',
      deadline: '2026-02-30',
      contactEmail: 'ikke-email',
      handling: 'kladde',
    });
    expect(response.status).toBe(422);
    for (const text of [
      'Skriv en titel',
      'Vælg, hvilken form',
      'Vælg, om opgaven kræver børneattest',
      'Skriv en rigtig dato som dd-mm-åååå',
      'Skriv en e-mail i det rigtige format',
    ]) {
      expect(response.text, text).toContain(text);
    }
    expect(response.text).toContain('value="Klubhuset"');
    expect(response.text).toContain('value="ikke-email"');
    expect(response.text).toMatch(/value="WEEKLY" class="form-radio" checked/);
    expect(await ctx.db.prisma.opening.count({ where: { associationId: association.id } })).toBe(0);
  });

  it('requires end ≥ start, and a deadline not in the past when publishing', async () => {
    const { association, agent } = await memberOf();
    const base = `/min-forening/${association.id}/opgaver`;
    const form = await validForm();
    const endBeforeStart = await post(agent, `${base}/ny`, `${base}/ny`, {
      ...form,
      startsOn: '2027-01-10',
      endsOn: '2027-01-01',
      handling: 'kladde',
    });
    expect(endBeforeStart.status).toBe(422);
    expect(endBeforeStart.text).toContain('Slutdatoen skal være samme dag som startdatoen eller senere');
    const pastDeadline = await post(agent, `${base}/ny`, `${base}/ny`, { ...form, deadline: '2026-11-21', handling: 'offentliggoer' });
    expect(pastDeadline.status).toBe(422);
    expect(pastDeadline.text).toContain('Ansøgningsfristen er overskredet');
    // Today is fine; and a draft may carry a past deadline.
    expect((await post(agent, `${base}/ny`, `${base}/ny`, { ...form, deadline: '2026-11-22', handling: 'offentliggoer' })).status).toBe(
      303,
    );
    expect((await post(agent, `${base}/ny`, `${base}/ny`, { ...form, deadline: '2026-11-01', handling: 'kladde' })).status).toBe(303);
  });

  it('refuses unknown target groups and too long text', async () => {
    const { association, agent } = await memberOf();
    const base = `/min-forening/${association.id}/opgaver`;
    const response = await post(agent, `${base}/ny`, `${base}/ny`, {
      ...(await validForm()),
      targetGroupIds: ['999999'],
      summary: 'x'.repeat(301),
      handling: 'kladde',
    });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Skriv højst 300 tegn');
  });

  it('renders the form in English', async () => {
    const { association, agent } = await memberOf();
    await agent.get('/sprog/en');
    const page = await agent.get(`/min-forening/${association.id}/opgaver/ny`).expect(200);
    expect(page.text).toContain('New volunteering opportunity');
    expect(page.text).toContain('Young people');
  });
});

describe('editing and status changes', () => {
  it('edits with optimistic locking: a stale version gets 409, the input kept, nothing overwritten', async () => {
    const { association, user, agent } = await memberOf();
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true, status: 'DRAFT' });
    const base = `/min-forening/${association.id}/opgaver`;
    const edit = await agent.get(`${base}/${opening.id}/rediger`).expect(200);
    expect(edit.text).toContain('value="Lektiehjælper til unge"');
    expect(edit.text).toContain('name="version" value="1"');
    expect(edit.text).toContain('value="15-12-2026"');
    const token = csrfTokenFrom(edit.text);
    const form = { ...(await validForm()), version: '1', handling: 'gem' };

    // A colleague saves first.
    const colleague = await aUser(ctx.db.prisma, { associationId: association.id });
    const colleagueAgent = await logIn(ctx.app, colleague.email, TEST_PASSWORD);
    const first = await post(colleagueAgent, `${base}/${opening.id}/rediger`, `${base}/${opening.id}/rediger`, {
      ...form,
      title: 'Kollegaens titel',
    });
    expect(first.status).toBe(303);

    const stale = await agent
      .post(`${base}/${opening.id}/rediger`)
      .type('form')
      .send({ _csrf: token, ...form, title: 'Min titel' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('En anden har ændret opgaven');
    expect(stale.text).toContain('value="Min titel"');
    expect(stale.text).toContain('name="version" value="2"');
    const row = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } });
    expect(row).toMatchObject({ title: 'Kollegaens titel', version: 2 });

    // Saving again from the 409 page is a deliberate overwrite.
    const again = await agent
      .post(`${base}/${opening.id}/rediger`)
      .type('form')
      .send({ _csrf: token, ...form, title: 'Min titel', version: '2' });
    expect(again.status).toBe(303);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).title).toBe('Min titel');
    const audits = await ctx.db.prisma.auditLog.findMany({ where: { action: 'opening.updated', targetId: String(opening.id) } });
    expect(audits.map((a) => a.actorUserId).sort()).toEqual([colleague.id, user.id].sort());
  });

  it('publishes, unpublishes and closes with the version, each audited; a stale button gets 409', async () => {
    const { association, agent } = await memberOf();
    const opening = await anOpening(ctx.db.prisma, association.id, { detailed: true, status: 'DRAFT' });
    const base = `/min-forening/${association.id}/opgaver`;
    const action = (name: string, version: number) => post(agent, base, `${base}/${opening.id}/${name}`, { version: String(version) });

    expect((await action('offentliggoer', 1)).status).toBe(303);
    let row = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } });
    expect(row).toMatchObject({ status: 'PUBLISHED', version: 2 });
    expect(row.publishedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(200);

    const stale = await action('luk', 1);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('En anden har ændret opgaven, mens du havde siden åben');
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe('PUBLISHED');

    expect((await action('afpublicer', 2)).status).toBe(303);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe('DRAFT');
    await supertest(ctx.app).get(`/opgaver/${opening.id}`).expect(404);
    expect((await action('luk', 3)).status).toBe(303);
    row = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } });
    expect(row).toMatchObject({ status: 'CLOSED', version: 4 });
    const actions = (
      await ctx.db.prisma.auditLog.findMany({ where: { targetType: 'opening', targetId: String(opening.id) }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual(['opening.published', 'opening.unpublished', 'opening.closed']);
  });

  it('will not publish an opening whose deadline has passed', async () => {
    const { association, agent } = await memberOf();
    const opening = await anOpening(ctx.db.prisma, association.id, {
      detailed: true,
      status: 'DRAFT',
      deadline: new Date('2026-11-01T00:00:00Z'),
    });
    const base = `/min-forening/${association.id}/opgaver`;
    const response = await post(agent, base, `${base}/${opening.id}/offentliggoer`, { version: '1' });
    expect(response.status).toBe(422);
    expect(response.text).toContain('Ansøgningsfristen er overskredet');
    expect(response.text).toContain(`href="#opening-${opening.id}"`);
  });
});

describe('access (IDOR, anonymous)', () => {
  it('lets association A neither see nor change B’s openings by URL guessing', async () => {
    const { association: a, agent } = await memberOf();
    const b = await anAssociation(ctx.db.prisma);
    const bOpening = await anOpening(ctx.db.prisma, b.id, { title: 'B’s opgave' });
    const aBase = `/min-forening/${a.id}/opgaver`;
    const bBase = `/min-forening/${b.id}/opgaver`;
    await agent.get(bBase).expect(403);
    await agent.get(`${bBase}/ny`).expect(403);
    await agent.get(`${bBase}/${bOpening.id}/rediger`).expect(403);
    // B's opening under A's own association id: not found.
    await agent.get(`${aBase}/${bOpening.id}/rediger`).expect(404);
    const form = { ...(await validForm()), version: '1', handling: 'gem', title: 'Overtaget' };
    expect((await post(agent, aBase, `${aBase}/${bOpening.id}/rediger`, form)).status).toBe(404);
    expect((await post(agent, aBase, `${bBase}/${bOpening.id}/rediger`, form)).status).toBe(403);
    for (const action of ['offentliggoer', 'afpublicer', 'luk']) {
      expect((await post(agent, aBase, `${aBase}/${bOpening.id}/${action}`, { version: '1' })).status).toBe(404);
      expect((await post(agent, aBase, `${bBase}/${bOpening.id}/${action}`, { version: '1' })).status).toBe(403);
    }
    expect((await post(agent, aBase, `${bBase}/ny`, { ...form, handling: 'kladde' })).status).toBe(403);
    const row = await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: bOpening.id } });
    expect(row).toMatchObject({ title: 'B’s opgave', status: 'PUBLISHED', version: 1 });
    expect(await ctx.db.prisma.opening.count({ where: { associationId: b.id } })).toBe(1);
    await agent.get(`${aBase}/abc/rediger`).expect(404);
  });

  it('sends anonymous readers to log in', async () => {
    const association = await anAssociation(ctx.db.prisma);
    for (const path of ['', '/ny', '/1/rediger']) {
      await supertest(ctx.app).get(`/min-forening/${association.id}/opgaver${path}`).expect(303).expect('location', '/log-ind');
    }
  });

  it('lets admins manage any association’s openings', async () => {
    const association = await anAssociation(ctx.db.prisma);
    const opening = await anOpening(ctx.db.prisma, association.id);
    const admin = await aUser(ctx.db.prisma, { role: 'ADMIN' });
    const agent = await logIn(ctx.app, admin.email, TEST_PASSWORD);
    const base = `/min-forening/${association.id}/opgaver`;
    expect((await post(agent, base, `${base}/${opening.id}/luk`, { version: '1' })).status).toBe(303);
    expect((await ctx.db.prisma.opening.findUniqueOrThrow({ where: { id: opening.id } })).status).toBe('CLOSED');
  });
});
