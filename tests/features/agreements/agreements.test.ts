// Collaboration-agreement drafts: staff write one from the current template (its
// sections copied, so later template edits leave it alone) with associations from the
// register and external partners; the edit form saves with optimistic locking; every
// change is one transaction with its audit row.
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, formTokens, logIn } from '../../helpers/http.js';
import { anAssociation, aSendableAgreement, aUser, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { findUsableLink } from '../../../src/features/agreements/party-links.js';
import { allowAuditWrites, failAuditWrites } from '../../helpers/audit.js';
import { DEFAULT_SECTIONS } from '../../../src/features/agreement-template/default-template.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const NEW = `${LIST}/ny`;

let ctx: TestContext;
let staff: Agent;
let staffId: number;
let admin: Agent;
let lyngby: { id: number; name: string };
let grow: { id: number; name: string };
let pending: { id: number; name: string };

beforeAll(async () => {
  ctx = await createTestContext();
  const prisma = ctx.db.prisma;
  const staffUser = await aUser(prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staffId = staffUser.id;
  staff = await logIn(ctx.app, staffUser.email, TEST_PASSWORD);
  admin = await logIn(ctx.app, (await aUser(prisma, { role: 'ADMIN' })).email, TEST_PASSWORD);
  lyngby = await anAssociation(prisma, { name: 'Frivilligcenter Test' });
  grow = await anAssociation(prisma, { name: 'Haveforeningen Spire' });
  pending = await anAssociation(prisma, { name: 'Venteforeningen', status: 'PENDING' });
});
afterEach(() => allowAuditWrites(ctx.db.prisma));
afterAll(() => ctx.close());

/** A valid new-agreement form: two associations and one external evening school. */
function growYourLife(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Grow Your Life',
    municipalUnit: 'Center for Sundhed',
    level: 'SHARED_TASKS',
    startsOn: '2026-01-15',
    endsOn: '2027-12-31',
    noticeMonths: '3',
    reviewIntervalMonths: '6',
    associationIds: [String(lyngby.id), String(grow.id)],
    'external-1-name': 'Aftenskolen Test',
    'external-1-contactEmail': 'kontakt@aftenskolen.example.org',
    'external-1-contactName': 'Eva Aften',
    publicFields: ['purpose', 'partners', 'level'],
    ...overrides,
  };
}

async function postNew(agent: Agent, fields: Record<string, string | string[]>) {
  const page = await agent.get(NEW).expect(200);
  return agent
    .post(NEW)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...fields });
}

const agreementCount = () => ctx.db.prisma.agreement.count();

async function createGrowYourLife(): Promise<number> {
  const response = await postNew(staff, growYourLife()).then(expectStatus(303));
  const id = Number(/\/(\d+)$/.exec(response.headers.location as string)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/**
 * The text a PDF shows: pdfkit compresses its page streams and writes text as WinAnsi
 * hex strings in TJ arrays, so inflate each stream and decode those strings.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      content = match[1]!;
    }
    for (const array of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push(new TextDecoder('windows-1252').decode(Buffer.from(hex, 'hex')));
    }
  }
  return lines.join('\n');
}

const binary = (response: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

const fieldsOf = (html: string) => formFieldsOf(html, /^\/medarbejder\/samarbejdsaftaler\/\d+\/rediger$/);

/** The fields the error summary links to, in its order. */
const summaryFields = (html: string) => {
  const summary = /data-module="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
};

/** The label of a field as the page shows it, tags removed. */
const labelOf = (html: string, id: string) =>
  (new RegExp(`<label class="form-label" for="${id}">([\\s\\S]*?)</label>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();

describe('collaboration-agreement drafts', () => {
  it('links the list from the staff start page, and the new form from the list', async () => {
    expect((await staff.get('/medarbejder').expect(200)).text).toContain(`href="${LIST}"`);
    const list = await staff.get(LIST).expect(200);
    expect(list.text).toContain(`href="${NEW}"`);
    expect(list.text).toContain('Der er ingen samarbejdsaftaler endnu.');
  });

  it('offers only approved associations as partners', async () => {
    const page = await staff.get(NEW).expect(200);
    expect(page.text).toContain('Frivilligcenter Test');
    expect(page.text).not.toContain('Venteforeningen');
  });

  it('creates "Grow Your Life" from the template with three partners, shows it and audits it', async () => {
    const id = await createGrowYourLife();
    const prisma = ctx.db.prisma;
    const stored = await prisma.agreement.findUniqueOrThrow({
      where: { id },
      include: { sections: { orderBy: { sortOrder: 'asc' } }, parties: { orderBy: { sortOrder: 'asc' } } },
    });
    expect(stored).toMatchObject({
      title: 'Grow Your Life',
      status: 'DRAFT',
      level: 'SHARED_TASKS',
      templateVersion: 0,
      noticeMonths: 3,
      reviewIntervalMonths: 6,
      publicPurpose: true,
      publicPartners: true,
      publicLevel: true,
      publicHowToJoin: false,
      version: 1,
      createdById: staffId,
    });
    expect(stored.sections.map((s) => s.key)).toEqual(DEFAULT_SECTIONS.map((s) => s.key));
    expect(stored.parties.map((p) => [p.kind, p.associationId, p.name])).toEqual([
      ['MUNICIPALITY', null, 'Center for Sundhed'],
      ['ASSOCIATION', lyngby.id, ''],
      ['ASSOCIATION', grow.id, ''],
      ['EXTERNAL', null, 'Aftenskolen Test'],
    ]);
    expect(stored.parties[3]).toMatchObject({ contactEmail: 'kontakt@aftenskolen.example.org', contactName: 'Eva Aften' });

    const page = await staff.get(`${LIST}/${id}`).expect(200);
    expect(page.text).toContain('<h1>Grow Your Life</h1>');
    for (const section of DEFAULT_SECTIONS) expect(page.text).toContain(`<h3>${section.titleDa}</h3>`);
    expect(page.text).toContain('Skriv kort, hvorfor I samarbejder, og hvad borgerne får ud af det.');
    for (const name of ['Center for Sundhed', 'Frivilligcenter Test', 'Haveforeningen Spire', 'Aftenskolen Test'])
      expect(page.text).toContain(name);
    // Started 15 January 2026, reviewed every 6 months, today 22 November 2026 (the fake clock).
    expect(page.text).toContain('15. januar 2027');
    expect(page.text).toContain('Version 0 (portalens standard)');

    const list = await staff.get(LIST).expect(200);
    expect(list.text).toContain('Grow Your Life');
    expect(list.text).toContain('Frivilligcenter Test, Haveforeningen Spire, Aftenskolen Test');
    expect(list.text).toContain('15. januar 2027');

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.created', targetId: String(id) } });
    expect(audit.actorUserId).toBe(staffId);
    expect(audit.details).toMatchObject({
      templateVersion: 0,
      level: 'SHARED_TASKS',
      associationIds: [lyngby.id, grow.id],
      externalPartners: 1,
    });
  });

  it('keeps a draft as it was written when the template is edited later', async () => {
    const id = await createGrowYourLife();
    // An admin saves a new template version with another purpose title.
    const editPage = await admin.get('/medarbejder/aftaleskabelon/rediger').expect(200);
    const fields: Record<string, string> = {};
    const form = /<form method="post" action="\/medarbejder\/aftaleskabelon\/rediger"[\s\S]*?<\/form>/.exec(editPage.text)![0];
    for (const [tag] of form.matchAll(/<input [^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      if (name && !tag.includes('type="checkbox"')) fields[name] = unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
    }
    for (const [, name, value] of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
      fields[name!] = unescape(value!);
    await admin
      .post('/medarbejder/aftaleskabelon/rediger')
      .type('form')
      .send({ ...fields, 'section-0-titleDa': 'Nyt formål', 'section-0-guidanceDa': 'Ny vejledning' })
      .expect(303);

    const old = await staff.get(`${LIST}/${id}`).expect(200);
    expect(old.text).toContain('<h3>Formål</h3>');
    expect(old.text).not.toContain('Nyt formål');
    expect(old.text).not.toContain('Ny vejledning');
    expect(old.text).toContain('Version 0 (portalens standard)');

    // A draft written now is made from version 1.
    const newer = await createGrowYourLife();
    const page = await staff.get(`${LIST}/${newer}`).expect(200);
    expect(page.text).toContain('<h3>Nyt formål</h3>');
    expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id: newer } })).templateVersion).toBe(1);
  });

  describe('refuses a form with mistakes (422), keeping the input and saving nothing', () => {
    const cases: [string, Record<string, string | string[]>, string, string][] = [
      ['an end before the start', { endsOn: '2025-12-31' }, 'endsOn', 'Slutdatoen skal være samme dag som eller efter startdatoen'],
      ['an unknown association', { associationIds: ['999999'] }, 'associationIds', 'Ukendt partner'],
      ['an association that is not approved', {}, 'associationIds', 'Ukendt partner'],
      [
        'an external partner without an e-mail',
        { 'external-1-contactEmail': '' },
        'external-1-contactEmail',
        'Skriv kontaktpersonens e-mail',
      ],
      [
        'an external partner with a bad e-mail',
        { 'external-1-contactEmail': 'not-an-email' },
        'external-1-contactEmail',
        'Skriv en gyldig e-mailadresse',
      ],
      [
        'no partner at all',
        { associationIds: [], 'external-1-name': '', 'external-1-contactEmail': '', 'external-1-contactName': '' },
        'partners',
        'Vælg mindst én partner',
      ],
      ['a notice period out of range', { noticeMonths: '37' }, 'noticeMonths', 'fra 0 til 36'],
      ['a review interval of zero', { reviewIntervalMonths: '0' }, 'reviewIntervalMonths', 'fra 1 til 60'],
      ['a review interval that is no number', { reviewIntervalMonths: 'seks' }, 'reviewIntervalMonths', 'fra 1 til 60'],
      ['no level', { level: '' }, 'level', 'Vælg samarbejdets niveau'],
    ];
    it.each(cases)('%s', async (_name, overrides, field, message) => {
      const fields = growYourLife(overrides);
      // The non-approved case needs the pending association's id, known only after beforeAll.
      if (_name.includes('not approved')) fields.associationIds = [String(pending.id)];
      const before = await agreementCount();
      const response = await postNew(staff, fields).then(expectStatus(422));
      expect(response.text).toContain('data-module="error-summary"');
      expect(response.text).toContain(`href="#${field}"`);
      expect(response.text).toContain(message);
      expect(response.text).toContain('value="Grow Your Life"');
      expect(response.text).toContain('value="Center for Sundhed"');
      expect(await agreementCount()).toBe(before);
    });
  });

  it('shows every mistake of the new form after one submit, the cross-field ones too, in the order of the form', async () => {
    const before = await agreementCount();
    // Required fields missing, a notice period that is no number, the end before the
    // start, a partner's name without its e-mail and an e-mail without its name.
    const withPartners = await postNew(staff, {
      title: '',
      municipalUnit: '',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      noticeMonths: 'tre',
      reviewIntervalMonths: '6',
      'external-1-name': 'Aftenskolen Test',
      'external-2-contactEmail': 'kontakt@firma.example.org',
    }).then(expectStatus(422));
    expect(summaryFields(withPartners.text)).toEqual([
      'title',
      'municipalUnit',
      'level',
      'endsOn',
      'noticeMonths',
      'external-1-contactEmail',
      'external-2-name',
    ]);
    for (const message of [
      'Skriv aftalens titel',
      'Skriv den kommunale enhed',
      'Vælg samarbejdets niveau',
      'Slutdatoen skal være samme dag som eller efter startdatoen',
      'Skriv opsigelsesvarslet som et helt tal fra 0 til 36',
      'Skriv kontaktpersonens e-mail',
      'Skriv partnerens navn',
    ])
      expect(withPartners.text).toContain(message);
    expect(withPartners.text).toContain('value="Aftenskolen Test"');

    // No partner at all, with the other mistakes: "choose a partner" at once too.
    const withoutPartners = await postNew(staff, {
      title: 'Grow Your Life',
      municipalUnit: '',
      level: 'SHARED_TASKS',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
      reviewIntervalMonths: '0',
    }).then(expectStatus(422));
    expect(summaryFields(withoutPartners.text)).toEqual(['municipalUnit', 'endsOn', 'reviewIntervalMonths', 'partners']);
    expect(withoutPartners.text).toContain('Vælg mindst én partner');
    expect(await agreementCount()).toBe(before);
  });

  it('labels the partner fields as they are required: a partner at least, an e-mail with each name (da and en)', async () => {
    const danish = (await staff.get(NEW).expect(200)).text;
    expect(danish).not.toContain('Foreninger fra registret <span class="weight-normal">(frivilligt)');
    expect(danish).toMatch(/<legend class="form-label">Foreninger fra registret<\/legend>/);
    expect(danish).toContain('id="partners-hint">Vælg mindst én partner: en forening fra registret eller en ekstern partner nedenfor.');
    expect(danish).toMatch(/<fieldset class="mb-7" aria-describedby="partners-hint">\s*<legend><h2 id="partners"/);
    for (const n of [1, 2, 3]) {
      expect(labelOf(danish, `external-${n}-contactEmail`)).toBe('Kontaktpersonens e-mail');
      expect(danish).toContain(`id="external-${n}-contactEmail-hint">Skal udfyldes, når der står et navn.`);
      // Required only with a name: no required attribute of its own.
      expect(/<input [^>]*id="external-1-contactEmail"[^>]*>/.exec(danish)?.[0]).not.toContain(' required');
      expect(labelOf(danish, `external-${n}-name`)).toBe('Partnerens navn (frivilligt)');
    }

    await admin.get('/sprog/en').expect(303);
    const english = (await admin.get(NEW).expect(200)).text;
    await admin.get('/sprog/da').expect(303);
    expect(english).toMatch(/<legend class="form-label">Associations from the register<\/legend>/);
    expect(english).toContain('Choose at least one partner: an association from the register or an external partner below.');
    expect(labelOf(english, 'external-1-contactEmail')).toBe('Contact person&#39;s e-mail');
    expect(english).toContain('Required when a name is filled in.');
  });

  it('rolls the creation back when its audit row cannot be written (500)', async () => {
    const before = await agreementCount();
    await failAuditWrites(ctx.db.prisma);
    await postNew(staff, growYourLife()).then(expectStatus(500));
    await allowAuditWrites(ctx.db.prisma);
    expect(await agreementCount()).toBe(before);
  });

  describe('the edit form', () => {
    it('saves the terms, section texts, parties’ parts and budget, and audits the change without the free text', async () => {
      const id = await createGrowYourLife();
      const editPath = `${LIST}/${id}/rediger`;
      const page = await staff.get(editPath).expect(200);
      const fields = fieldsOf(page.text);
      const agreement = await ctx.db.prisma.agreement.findUniqueOrThrow({
        where: { id },
        include: { sections: { orderBy: { sortOrder: 'asc' } }, parties: { orderBy: { sortOrder: 'asc' } } },
      });
      const purpose = agreement.sections[0]!;
      const school = agreement.parties[3]!;
      await staff
        .post(editPath)
        .type('form')
        .send({
          ...fields,
          reviewIntervalMonths: '12',
          [`section-${purpose.id}-body`]: 'Unge og ældre dyrker grøntsager sammen.',
          [`party-${school.id}-tasks`]: 'Holder kurser i havebrug.',
          [`party-${school.id}-contributes`]: '40 timer om året',
          [`party-${school.id}-childCertificates`]: 'ja',
          'budget-0-label': 'Frø og redskaber',
          'budget-0-amount': '12.500',
          'budget-0-paidBy': 'Kommunen',
        })
        .expect(303);

      const saved = await ctx.db.prisma.agreement.findUniqueOrThrow({
        where: { id },
        include: { budgetLines: true, sections: true, parties: true },
      });
      expect(saved.version).toBe(2);
      expect(saved.reviewIntervalMonths).toBe(12);
      expect(saved.sections.find((s) => s.id === purpose.id)?.body).toBe('Unge og ældre dyrker grøntsager sammen.');
      expect(saved.parties.find((p) => p.id === school.id)).toMatchObject({
        tasks: 'Holder kurser i havebrug.',
        contributes: '40 timer om året',
        checksChildCertificates: true,
        handlesPersonalData: false,
      });
      expect(saved.budgetLines.map((l) => [l.label, l.amountDkk, l.paidBy])).toEqual([['Frø og redskaber', 12500, 'Kommunen']]);

      const shown = await staff.get(`${LIST}/${id}`).expect(200);
      expect(shown.text).toContain('Unge og ældre dyrker grøntsager sammen.');
      expect(shown.text).toContain('12.500');
      // Start 15 January 2026, every 12 months, today 22 November 2026.
      expect(shown.text).toContain('15. januar 2027');

      const audit = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'agreement.updated', targetId: String(id) } });
      const details = audit.details as { before: Record<string, unknown>; after: Record<string, unknown> };
      expect(details.before.reviewIntervalMonths).toBe(6);
      expect(details.after.reviewIntervalMonths).toBe(12);
      expect(details.after['section.purpose']).toBe('(changed)');
      expect(details.after['party.4.tasks']).toBe('(changed)');
      expect(details.after['party.4.checksChildCertificates']).toBe(true);
      expect(details.after.budgetTotalDkk).toBe(12500);
      expect(JSON.stringify(audit.details)).not.toContain('grøntsager');
      expect(JSON.stringify(audit.details)).not.toContain('Frø og redskaber');
    });

    it('refuses a bad budget line and an end before the start (422), keeping the input', async () => {
      const id = await createGrowYourLife();
      const editPath = `${LIST}/${id}/rediger`;
      const fields = fieldsOf((await staff.get(editPath).expect(200)).text);
      const response = await staff
        .post(editPath)
        .type('form')
        .send({ ...fields, endsOn: '2025-01-01', 'budget-0-label': 'Kaffe', 'budget-0-amount': 'mange' })
        .then(expectStatus(422));
      expect(response.text).toContain('href="#endsOn"');
      expect(response.text).toContain('href="#budget-0-amount"');
      expect(response.text).toContain('value="Kaffe"');
      expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    });

    it('shows every mistake of the edit form after one submit, the end before the start too', async () => {
      const id = await createGrowYourLife();
      const editPath = `${LIST}/${id}/rediger`;
      const fields = fieldsOf((await staff.get(editPath).expect(200)).text);
      const school = (await ctx.db.prisma.agreementParty.findFirstOrThrow({ where: { agreementId: id, kind: 'EXTERNAL' } })).id;
      const response = await staff
        .post(editPath)
        .type('form')
        .send({
          ...fields,
          endsOn: '2025-01-01',
          noticeMonths: '99',
          [`party-${school}-contactEmail`]: '',
          'budget-0-label': 'Kaffe',
          'budget-0-amount': 'mange',
        })
        .then(expectStatus(422));
      expect(summaryFields(response.text)).toEqual(['endsOn', 'noticeMonths', `party-${school}-contactEmail`, 'budget-0-amount']);
      expect(response.text).toContain('Slutdatoen skal være samme dag som eller efter startdatoen');
      expect(response.text).toContain('Skriv kontaktpersonens e-mail');
      expect((await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    });

    it('corrects a partner’s contact on a sent agreement: the next version’s answer link goes to the new address', async () => {
      const prisma = ctx.db.prisma;
      const { agreement, associationParty, externalParty, associationEmail } = await aSendableAgreement(prisma, {
        title: 'Kontakt rettes',
      });
      const agreementPath = `${LIST}/${agreement.id}`;
      const editPath = `${agreementPath}/rediger`;
      const send = async () => {
        const html = (await staff.get(agreementPath).expect(200)).text;
        await staff
          .post(`${agreementPath}/send`)
          .type('form')
          .send({ ...formFieldsOf(html, `${agreementPath}/send`), sendNote: '' })
          .then(expectStatus(303));
      };
      await send();
      const oldAddress = externalParty!.contactEmail!;
      expect((await ctx.readMail()).some((m) => m.to === oldAddress)).toBe(true);

      const page = (await staff.get(editPath).expect(200)).text;
      expect(page).toContain('Titel, enhed, niveau og partnere ligger fast, når aftalen er oprettet.');
      const fields = fieldsOf(page);
      const external = `party-${externalParty!.id}`;
      const association = `party-${associationParty.id}`;
      expect(fields).toMatchObject({
        [`${external}-name`]: 'Aftenskolen Test',
        [`${external}-contactEmail`]: oldAddress,
        [`${external}-contactName`]: 'Eva Aften',
        [`${association}-contactEmail`]: associationEmail,
      });
      expect(fields).not.toHaveProperty('title');
      expect(labelOf(page, `${external}-contactEmail`)).toBe('Kontaktpersonens e-mail');
      expect(labelOf(page, `${association}-contactEmail`)).toBe('Kontaktpersonens e-mail (frivilligt)');

      // A wrong address is refused (422), the external partner's required, the input kept.
      const refused = await staff
        .post(editPath)
        .type('form')
        .send({ ...fields, [`${external}-contactEmail`]: '', [`${association}-contactEmail`]: 'ikke-en-adresse' })
        .then(expectStatus(422));
      expect(summaryFields(refused.text)).toEqual([`${association}-contactEmail`, `${external}-contactEmail`]);
      expect(refused.text).toContain('value="ikke-en-adresse"');

      const newAddress = 'ny-kontakt@aftenskolen.example.org';
      await staff
        .post(editPath)
        .type('form')
        .send({
          ...fields,
          [`${external}-name`]: 'Aftenskolen Test (rettet)',
          [`${external}-contactEmail`]: newAddress,
          [`${external}-contactName`]: 'Eva Aftensen',
          // Blank: the association's e-mail from the register.
          [`${association}-contactEmail`]: '',
          [`${association}-contactName`]: 'Ole Forening',
        })
        .expect(303);
      const parties = await prisma.agreementParty.findMany({ where: { agreementId: agreement.id } });
      expect(parties.find((p) => p.id === externalParty!.id)).toMatchObject({
        name: 'Aftenskolen Test (rettet)',
        contactEmail: newAddress,
        contactName: 'Eva Aftensen',
      });
      expect(parties.find((p) => p.id === associationParty.id)).toMatchObject({
        contactEmail: associationEmail,
        contactName: 'Ole Forening',
      });

      const audit = await prisma.auditLog.findFirstOrThrow({
        where: { action: 'agreement.updated', targetId: String(agreement.id) },
        orderBy: { id: 'desc' },
      });
      const details = audit.details as { before: Record<string, unknown>; after: Record<string, unknown> };
      const order = externalParty!.sortOrder;
      for (const field of ['name', 'contactEmail', 'contactName'])
        expect([details.before[`party.${order}.${field}`], details.after[`party.${order}.${field}`]]).toEqual(['(changed)', '(changed)']);
      expect(details.after[`party.${associationParty.sortOrder}.contactName`]).toBe('(changed)');
      // The association's address did not change (blank fell back to the same one): not recorded.
      expect(details.after).not.toHaveProperty(`party.${associationParty.sortOrder}.contactEmail`);
      expect(JSON.stringify(audit.details)).not.toContain('@');
      expect(JSON.stringify(audit.details)).not.toContain('Eva');

      await send();
      // The mail folder holds every message so far: version 2's are the new ones.
      const mail = (await ctx.readMail()).filter((m) => m.subject.includes('Kontakt rettes (version 2)'));
      expect(mail.filter((m) => m.to === oldAddress)).toHaveLength(0);
      const toNew = mail.filter((m) => m.to === newAddress);
      expect(toNew).toHaveLength(1);
      const token = /\/samarbejdsaftale\/svar\/([A-Za-z0-9_-]+)/.exec(toNew[0]!.text)?.[1];
      const version2 = await prisma.agreementVersion.findUniqueOrThrow({
        where: { agreementId_number: { agreementId: agreement.id, number: 2 } },
      });
      const link = await findUsableLink(prisma, token, 'ANSWER', ctx.clock.now());
      expect(link.ok && link.link).toMatchObject({ partyId: externalParty!.id, versionId: version2.id });
    });

    it('answers a stale form with 409, keeping the input and writing nothing', async () => {
      const id = await createGrowYourLife();
      const editPath = `${LIST}/${id}/rediger`;
      const first = fieldsOf((await staff.get(editPath).expect(200)).text);
      const second = fieldsOf((await admin.get(editPath).expect(200)).text);
      await admin
        .post(editPath)
        .type('form')
        .send({ ...second, noticeMonths: '6' })
        .expect(303);

      const auditsBefore = await ctx.db.prisma.auditLog.count({ where: { action: 'agreement.updated', targetId: String(id) } });
      const response = await staff
        .post(editPath)
        .type('form')
        .send({ ...first, noticeMonths: '1', 'budget-0-label': 'Mine noter', 'budget-0-amount': '100' })
        .then(expectStatus(409));
      expect(response.text).toContain('Aftalen er ændret, mens du skrev');
      expect(response.text).toContain('value="Mine noter"');
      expect(formTokens(response.text).version).toBe('2');
      const stored = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id }, include: { budgetLines: true } });
      expect(stored.noticeMonths).toBe(6);
      expect(stored.budgetLines).toHaveLength(0);
      expect(await ctx.db.prisma.auditLog.count({ where: { action: 'agreement.updated', targetId: String(id) } })).toBe(auditsBefore);
    });

    it('rolls the save back when its audit row cannot be written (500)', async () => {
      const id = await createGrowYourLife();
      const editPath = `${LIST}/${id}/rediger`;
      const fields = fieldsOf((await staff.get(editPath).expect(200)).text);
      await failAuditWrites(ctx.db.prisma);
      await staff
        .post(editPath)
        .type('form')
        .send({ ...fields, noticeMonths: '9', 'budget-0-label': 'Kaffe', 'budget-0-amount': '300' })
        .expect(500);
      await allowAuditWrites(ctx.db.prisma);
      const stored = await ctx.db.prisma.agreement.findUniqueOrThrow({ where: { id }, include: { budgetLines: true } });
      expect(stored).toMatchObject({ version: 1, noticeMonths: 3 });
      expect(stored.budgetLines).toHaveLength(0);
    });

    it('refuses a section of another agreement (404) and an unknown agreement (404)', async () => {
      const id = await createGrowYourLife();
      const other = await createGrowYourLife();
      const otherSection = await ctx.db.prisma.agreementSection.findFirstOrThrow({ where: { agreementId: other } });
      const editPath = `${LIST}/${id}/rediger`;
      const fields = fieldsOf((await staff.get(editPath).expect(200)).text);
      await staff
        .post(editPath)
        .type('form')
        .send({ ...fields, [`section-${otherSection.id}-body`]: 'Kapret' })
        .expect(404);
      expect((await ctx.db.prisma.agreementSection.findUniqueOrThrow({ where: { id: otherSection.id } })).body).toBe('');
      await staff.get(`${LIST}/999999`).expect(404);
      await staff.get(`${LIST}/abc`).expect(404);
    });
  });

  describe('the PDF', () => {
    it('downloads the agreement as an A4 PDF with its facts, parties, budget and sections, in the reader’s language', async () => {
      const id = await createGrowYourLife();
      // The agreement's own copy of the sections (an earlier test edits the template).
      const sections = await ctx.db.prisma.agreementSection.findMany({ where: { agreementId: id }, orderBy: { sortOrder: 'asc' } });
      const purpose = sections[0]!;
      await ctx.db.prisma.agreementSection.update({ where: { id: purpose.id }, data: { body: 'Unge og ældre dyrker grøntsager sammen.' } });
      await ctx.db.prisma.agreementBudgetLine.create({
        data: { agreementId: id, sortOrder: 0, label: 'Frø', amountDkk: 12500, paidBy: 'Kommunen' },
      });
      const pdfPath = `${LIST}/${id}/pdf`;
      expect((await staff.get(`${LIST}/${id}`).expect(200)).text).toContain(`href="${pdfPath}"`);

      const response = await staff.get(pdfPath).buffer(true).parse(binary).expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="samarbejdsaftale-${id}.pdf"`);
      const body = response.body as Buffer;
      expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The document's title (metadata) is the agreement's; pdfkit writes it as its own object.
      const raw = body.toString('latin1');
      const titleRef = /\/Title (\d+) 0 R/.exec(raw)?.[1];
      expect(raw).toContain(`\n${titleRef} 0 obj\n(Grow Your Life)\nendobj`);
      const text = pdfText(body);
      for (const expected of [
        'Grow Your Life',
        'Kladde · Fælles opgaveløsning',
        'Center for Sundhed',
        'Aftenskolen Test (ekstern partner)',
        'kontakt@aftenskolen.example.org',
        '15. januar 2026',
        '31. december 2027',
        '3 måneder',
        // Started 15 January 2026, reviewed every 6 months, today 22 November 2026.
        '15. januar 2027',
        'Frø: 12.500 kr., betales af Kommunen',
        'Unge og ældre dyrker grøntsager sammen.',
        ...sections.map((s) => s.titleDa),
      ])
        expect(text).toContain(expected);
      // The template's guidance is advice for the writer, not part of the agreement.
      for (const section of sections) if (section.guidanceDa) expect(text).not.toContain(section.guidanceDa.slice(0, 30));

      await admin.get('/sprog/en').expect(303);
      const english = pdfText((await admin.get(pdfPath).buffer(true).parse(binary).expect(200)).body as Buffer);
      await admin.get('/sprog/da').expect(303);
      expect(english).toContain('Draft · Shared tasks');
      for (const section of sections) expect(english).toContain(section.titleEn);
    });

    it('has a print stylesheet for A4 that hides the page furniture', async () => {
      const css = await readFile(new URL('../../../public/css/app.css', import.meta.url), 'utf8');
      const print = css.slice(css.indexOf('@media print {'));
      expect(print).toContain('size: A4;');
      expect(print).toContain('margin: 18mm;');
      expect(print).toContain('.agreement-actions');
    });

    it('answers 404 for an unknown agreement', async () => {
      await staff.get(`${LIST}/999999/pdf`).expect(404);
      await staff.get(`${LIST}/abc/pdf`).expect(404);
    });
  });

  it('refuses association members (403) and sends anonymous readers to log in', async () => {
    const member = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'ASSOCIATION_MEMBER' })).email, TEST_PASSWORD);
    await member.get(LIST).expect(403);
    await member.get(NEW).expect(403);
    const id = await createGrowYourLife();
    await member.get(`${LIST}/${id}/pdf`).expect(403);
    const anonymous = await supertest(ctx.app).get(LIST).expect(303);
    expect(anonymous.headers.location).toBe('/log-ind');
    const anonymousPdf = await supertest(ctx.app).get(`${LIST}/${id}/pdf`).expect(303);
    expect(anonymousPdf.headers.location).toBe('/log-ind');
  });
});
