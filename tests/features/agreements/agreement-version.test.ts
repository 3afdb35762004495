// A sent version is what the partners were asked to accept, and an accepted version is
// the agreement in force: the database refuses any change of either (a trigger), so no
// code path, present or future, can rewrite what a partner accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { acceptAll, anAgreement, anAssociation, sendVersion } from '../../helpers/factories/index.js';
import { readVersionContent, versionDocument } from '../../../src/features/agreements/agreement-version.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('agreement versions', () => {
  it('freeze the working copy: title, terms, sections, parties and budget', async () => {
    const prisma = ctx.db.prisma;
    const partner = await anAssociation(prisma, { name: 'Versionsforeningen' });
    const agreement = await anAgreement(prisma, { title: 'Versioneret aftale', associationIds: [partner.id], startsOn: '2026-03-01' });
    const version = await sendVersion(prisma, agreement.id);
    const content = readVersionContent(version.content);
    expect(content).toMatchObject({ title: 'Versioneret aftale', startsOn: '2026-03-01', templateVersion: 0 });
    expect(content.parties.map((p) => [p.kind, p.name])).toEqual([
      ['MUNICIPALITY', 'Center for Sundhed'],
      ['ASSOCIATION', 'Versionsforeningen'],
    ]);
    expect(content.sections[0]).toMatchObject({ key: 'purpose', body: 'Versioneret aftale: purpose.' });
    const doc = versionDocument(content, 'en');
    expect(doc.startsOn).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    expect(doc.sections[0]?.title).toBe('Purpose');
  });

  it('cannot be changed once sent, nor once accepted; only the time of acceptance is set later', async () => {
    const prisma = ctx.db.prisma;
    const partner = await anAssociation(prisma, { name: 'Uforanderlig Forening' });
    const agreement = await anAgreement(prisma, { associationIds: [partner.id] });
    const version = await sendVersion(prisma, agreement.id);
    await acceptAll(prisma, agreement.id);
    const accepted = await prisma.agreementVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(accepted.acceptedAt).toBeInstanceOf(Date);

    await expect(prisma.agreementVersion.update({ where: { id: version.id }, data: { content: { title: 'Omskrevet' } } })).rejects.toThrow(
      /immutable/,
    );
    await expect(prisma.agreementVersion.update({ where: { id: version.id }, data: { number: 7 } })).rejects.toThrow(/immutable/);
    await expect(prisma.agreementVersion.update({ where: { id: version.id }, data: { note: 'ny note' } })).rejects.toThrow(/immutable/);
    const after = await prisma.agreementVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(after.content).toEqual(accepted.content);
  });
});
