// The staff agreement pages after the user walk-through: what the working copy is (on
// its page and its PDF) and the version in force offered first; the next step in the
// status panel and the count on the staff start page; an ended agreement without the
// writer's intro, guidance and next review; the renewal chain; the partners named in
// the send text; the list's status column second; notice folded in a <details>; the
// send e-mail without an empty note block; tables labelled by their headings; the
// history naming versions only for actions about sent versions.
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { type Agent, csrfTokenFrom, expectStatus, formFieldsOf, logIn } from '../../helpers/http.js';
import {
  acceptAll,
  anAgreement,
  anAssociation,
  aSendableAgreement,
  aUser,
  answerVersion,
  sendVersion,
  TEST_PASSWORD,
} from '../../helpers/factories/index.js';

const LIST = '/medarbejder/samarbejdsaftaler';
const page = (id: number) => `${LIST}/${id}`;

let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await aUser(ctx.db.prisma, { role: 'STAFF', name: 'Sara Sagsbehandler' });
  staff = await logIn(ctx.app, user.email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/** The text of a pdfkit PDF: inflate each page stream and decode its WinAnsi hex strings. */
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
  // Node's windows-1252 decoder is Latin-1: the dashes (0x96, 0x97) are mapped here.
  return lines.join('\n').replaceAll('\u0097', '—').replaceAll('\u0096', '–');
}

const binary = (response: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

const pdfOf = async (path: string) => pdfText((await staff.get(path).buffer(true).parse(binary).expect(200)).body as Buffer);
const html = async (path: string) => (await staff.get(path).expect(200)).text;
const decode = (text: string) => text.replaceAll('&#39;', "'").replaceAll('&#34;', '"').replaceAll('&amp;', '&');

describe('the working copy and the version in force (2)', () => {
  it('marks the working copy as not in force, and offers the version in force as a PDF first', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { title: 'Aftale i kraft' });
    await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACTIVE');

    const shown = await html(page(agreement.id));
    expect(shown).toContain('Arbejdskopi — ikke gældende. Gældende: version 1');
    const inForce = shown.indexOf(`href="${page(agreement.id)}/versioner/1/pdf"`);
    const workingCopy = shown.indexOf(`href="${page(agreement.id)}/pdf"`);
    expect(inForce).toBeGreaterThan(0);
    expect(workingCopy).toBeGreaterThan(inForce);
    expect(shown).toContain('Hent gældende aftale (version 1) som PDF');
    expect(shown).toContain('Hent arbejdskopien som PDF');

    expect(await pdfOf(`${page(agreement.id)}/pdf`)).toContain('Arbejdskopi — ikke gældende. Gældende: version 1');
  });

  it('says a sent working copy awaits answers, and a never-sent one is a draft', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await sendVersion(prisma, agreement.id);
    const shown = await html(page(agreement.id));
    expect(shown).toContain('Arbejdskopi — ikke gældende. Sendt: version 1, afventer svar');
    expect(shown).not.toContain('/versioner/1/pdf"');
    expect(await pdfOf(`${page(agreement.id)}/pdf`)).toContain('Arbejdskopi — ikke gældende. Sendt: version 1, afventer svar');

    const draft = (await aSendableAgreement(prisma)).agreement;
    expect(await html(page(draft.id))).toContain('Hent kladden som PDF');
    const text = await pdfOf(`${page(draft.id)}/pdf`);
    expect(text).not.toContain('Arbejdskopi');
    expect(text.split('\n')).toContain('Kladde');
  });
});

describe('the next step (5)', () => {
  it('names the partner asking for changes with the comment, and links to the edit form', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, association, associationParty, externalParty } = await aSendableAgreement(prisma);
    const version = await sendVersion(prisma, agreement.id);
    await answerVersion(prisma, {
      versionId: version.id,
      partyId: associationParty.id,
      answer: 'CHANGES_REQUESTED',
      comment: 'Vi kan kun tirsdage.',
    });
    await answerVersion(prisma, { versionId: version.id, partyId: externalParty!.id, answer: 'DECLINED', comment: 'Ingen lokaler.' });
    const shown = decode(await html(page(agreement.id)));
    expect(shown).toContain('Næste skridt');
    expect(shown).toMatch(new RegExp(`${association.name} beder om ændringer</strong>: <span[^>]*>Vi kan kun tirsdage.</span>`));
    expect(shown).toMatch(/Aftenskolen Test har afvist aftalen<\/strong>: <span[^>]*>Ingen lokaler.<\/span>/);
    expect(shown).toContain(`<a href="${page(agreement.id)}/rediger">Ret arbejdskopien, og send version 2</a>`);

    // Once the working copy is corrected, the step is to send it.
    await prisma.agreement.update({ where: { id: agreement.id }, data: { noticeMonths: 6 } });
    expect(await html(page(agreement.id))).toContain('Arbejdskopien er ændret siden version 1. Send version 2 til partnerne herunder.');
  });

  it('tells staff to send a draft, names the partners awaited, and shows the next review of one in force', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, association, associationParty } = await aSendableAgreement(prisma);
    expect(await html(page(agreement.id))).toContain('Send aftalen til partnerne herunder, når arbejdskopien er klar.');

    const version = await sendVersion(prisma, agreement.id);
    expect(decode(await html(page(agreement.id)))).toContain(`Afventer svar på version 1 fra ${association.name} og Aftenskolen Test.`);
    await answerVersion(prisma, { versionId: version.id, partyId: associationParty.id });
    expect(await html(page(agreement.id))).toContain('Afventer svar på version 1 fra Aftenskolen Test.');

    const active = (await aSendableAgreement(prisma, { startsOn: '2026-01-01', reviewIntervalMonths: 12 })).agreement;
    await sendVersion(prisma, active.id);
    await acceptAll(prisma, active.id, 'ACTIVE');
    expect(await html(page(active.id))).toContain('Aftalen er gældende. Næste evaluering er 1. januar 2027.');
  });

  it('counts the agreements needing action on the staff start page, linking to the follow-up', async () => {
    const prisma = ctx.db.prisma;
    const count = async () => {
      const text = await html('/medarbejder');
      const match = /<a href="\/medarbejder\/samarbejdsaftaler\/opfoelgning">(\d+) samarbejdsaftaler? kræver handling<\/a>/.exec(text);
      return match ? Number(match[1]) : 0;
    };
    const before = await count();
    const { agreement, associationParty } = await aSendableAgreement(prisma);
    const first = await sendVersion(prisma, agreement.id);
    await answerVersion(prisma, { versionId: first.id, partyId: associationParty.id, answer: 'CHANGES_REQUESTED' });
    expect(await count()).toBe(before + 1);
    // Version 2 sent: the change request was about an older version.
    await prisma.agreement.update({ where: { id: agreement.id }, data: { noticeMonths: 6 } });
    await sendVersion(prisma, agreement.id);
    expect(await count()).toBe(before);
  });
});

describe('an ended agreement (8, 18)', () => {
  it('has no working-copy intro, no template guidance and no next review, on its page and in the list', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma, { title: 'Afsluttet aftale', status: 'ENDED' });
    await sendVersion(prisma, agreement.id);
    await prisma.agreement.update({ where: { id: agreement.id }, data: { status: 'ENDED', acceptedVersion: 1 } });
    await prisma.agreementSection.updateMany({ where: { agreementId: agreement.id }, data: { guidanceDa: 'Skriv formålet kort.' } });
    const shown = await html(page(agreement.id));
    expect(shown).toContain('Aftalen er afsluttet. Den kan ikke længere ændres eller sendes.');
    expect(shown).not.toContain('Herunder står arbejdskopien');
    expect(shown).not.toContain('Vejledning');
    expect(shown).not.toContain('Næste evaluering');
    expect(shown).toContain('<dl class="agreement-facts">');

    const row = /<tr>\s*<td><a href="[^"]*">Afsluttet aftale<\/a><\/td>[\s\S]*?<\/tr>/.exec(await html(LIST))?.[0];
    expect(row).toBeDefined();
    // Started 1 January 2026, reviewed yearly: an open agreement would show 1 January 2027.
    expect(row).not.toContain('2027');
    expect(row).not.toContain('Kræver startdato');

    // A draft that can be edited keeps the guidance and the intro once sent.
    const open = (await aSendableAgreement(prisma)).agreement;
    await prisma.agreementSection.updateMany({ where: { agreementId: open.id }, data: { guidanceDa: 'Skriv formålet kort.' } });
    await sendVersion(prisma, open.id);
    const editable = await html(page(open.id));
    expect(editable).toContain('Vejledning: Skriv formålet kort.');
    expect(editable).toContain('Herunder står arbejdskopien');
  });

  it('prints in the site font, without the template guidance, and gives facts lists the site look', async () => {
    const css = await readFile(new URL('../../../public/css/app.css', import.meta.url), 'utf8');
    const print = css.slice(css.indexOf('@media print {'));
    expect(print).toMatch(/html \{\s*font-family: ['"]IBM Plex Sans['"]/);
    expect(print).toContain('.agreement-guidance');
    expect(css).toMatch(/\.agreement-facts \{\s*display: grid;/);
  });
});

describe('the renewal chain and the send text (9)', () => {
  it('links a renewal and the agreement it renews both ways', async () => {
    const prisma = ctx.db.prisma;
    const old = await anAgreement(prisma, { title: 'Gammel aftale', status: 'EVALUATED' });
    const renewal = await prisma.agreement.create({
      data: { title: 'Ny aftale', municipalUnit: 'Center for Sundhed', level: 'SHARED_TASKS', templateVersion: 0, renewedFromId: old.id },
    });
    expect(await html(page(old.id))).toMatch(new RegExp(`Fornyet som</dt><dd><a href="${page(renewal.id)}">Ny aftale</a>`));
    expect(await html(page(renewal.id))).toMatch(new RegExp(`Fornyelse af</dt><dd><a href="${page(old.id)}">Gammel aftale</a>`));
  });

  it('names the partners a draft is sent to', async () => {
    const prisma = ctx.db.prisma;
    const { agreement, association } = await aSendableAgreement(prisma);
    expect(decode(await html(page(agreement.id)))).toContain(
      `Version 1 bliver sendt til de 2 partnere, ${association.name} og Aftenskolen Test, som hver bliver bedt om at svare på den.`,
    );
    const single = await aSendableAgreement(prisma, { external: false });
    expect(decode(await html(page(single.agreement.id)))).toContain(
      `Version 1 bliver sendt til ${single.association.name}, som bliver bedt om at svare på den.`,
    );
  });
});

describe('the list (10)', () => {
  it('shows the status second, after the title', async () => {
    await anAgreement(ctx.db.prisma, { title: 'Listet aftale' });
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(await html(LIST))?.[1] ?? '';
    const columns = [...head.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(columns.slice(0, 2)).toEqual(['Aftale', 'Status']);
  });
});

describe('giving notice (11)', () => {
  it('keeps the folded notice form open after a failed notice, so its error shows', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id, 'ACTIVE');
    const shown = await html(page(agreement.id));
    expect(shown).toContain('<details class="details agreement-notice">');
    const fields = formFieldsOf(shown, `${page(agreement.id)}/opsig`);
    const refused = await staff
      .post(`${page(agreement.id)}/opsig`)
      .type('form')
      .send({ ...fields, terminationReason: '' })
      .then(expectStatus(422));
    expect(refused.text).toContain('<details class="details agreement-notice" open>');
    expect(refused.text).toContain('Skriv begrundelsen for opsigelsen');
  });
});

describe('the send e-mail (15)', () => {
  it('leaves out the message block when there is no note, and has it when there is one', async () => {
    const prisma = ctx.db.prisma;
    const sendWith = async (note: string) => {
      const { agreement, associationEmail } = await aSendableAgreement(prisma);
      const shown = await html(page(agreement.id));
      await staff
        .post(`${page(agreement.id)}/send`)
        .type('form')
        .send({ ...formFieldsOf(shown, `${page(agreement.id)}/send`), _csrf: csrfTokenFrom(shown), sendNote: note })
        .then(expectStatus(303));
      const mail = (await ctx.readMail()).filter((m) => m.to === associationEmail);
      expect(mail).toHaveLength(1);
      return mail[0]!.text;
    };
    const without = await sendWith('');
    expect(without).not.toContain('Besked fra kommunen');
    expect(without).not.toContain('(ingen besked)');
    expect(without).toContain('Log ind og læs aftalen');
    expect(await sendWith('Her er vores udkast.')).toContain('Besked fra kommunen:\nHer er vores udkast.\n\nLog ind');
  });
});

describe('tables and history (16, 3b)', () => {
  it('labels the tables by the heading above them instead of a hidden caption', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    await prisma.agreementBudgetLine.create({
      data: { agreementId: agreement.id, sortOrder: 0, label: 'Frø', amountDkk: 100, paidBy: 'Kommunen' },
    });
    const version = await sendVersion(prisma, agreement.id);
    await anAssociation(prisma, { name: 'Afventende forening', status: 'PENDING' });
    await prisma.auditLog.create({
      data: { action: 'agreement.sent', targetType: 'agreement', targetId: String(agreement.id), details: { version: 1 } },
    });
    for (const path of [
      page(agreement.id),
      `${page(agreement.id)}/versioner`,
      `${page(agreement.id)}/versioner/${version.number}`,
      `${page(agreement.id)}/historik`,
      LIST,
      '/medarbejder',
    ]) {
      const text = await html(path);
      expect(text, path).not.toContain('<caption class="sr-only">');
      for (const [, id] of text.matchAll(/<table class="table" aria-labelledby="([^"]+)"/g)) expect(text, path).toContain(`id="${id}"`);
    }
    const shown = await html(page(agreement.id));
    expect(shown).toContain('<h3 id="answers-heading">Partnernes svar på version 1</h3>');
    expect(shown).toContain('<table class="table" aria-labelledby="answers-heading">');
    expect(shown).toContain('<table class="table" aria-labelledby="doc-budget-heading">');
  });

  it('names a version only for actions about a sent version, not for the working copy’s lock counter', async () => {
    const prisma = ctx.db.prisma;
    const { agreement } = await aSendableAgreement(prisma);
    const audit = (action: string, details: object, at: string) =>
      prisma.auditLog.create({ data: { action, targetType: 'agreement', targetId: String(agreement.id), details, at: new Date(at) } });
    await audit('agreement.sent', { version: 1 }, '2026-11-01T10:00:00Z');
    await audit('agreement.updated', { version: 2 }, '2026-11-02T10:00:00Z');
    await audit('agreement.answered', { version: 1, partyId: 0, answer: 'ACCEPTED' }, '2026-11-03T10:00:00Z');
    const text = await html(`${page(agreement.id)}/historik`);
    expect(text).toMatch(/<td>Arbejdskopien blev ændret<\/td>/);
    expect(text).toContain('Sendt til partnerne (version 1)');
    expect(text).toContain('En partner svarede (version 1)');
  });
});
