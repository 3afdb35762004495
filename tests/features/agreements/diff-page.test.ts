// The staff's diff page (/medarbejder/samarbejdsaftaler/:id/forskel) as the agreement's
// page links to it: without a choice it compares the two newest versions at once; the
// selects list the versions oldest first; a removed run and the added run next to it
// stay apart, each with its hidden "fjernet:"/"tilføjet:" text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { logIn, type Agent } from '../../helpers/http.js';
import { anAgreement, aUser, sendVersion, TEST_PASSWORD } from '../../helpers/factories/index.js';

const LIST = '/medarbejder/samarbejdsaftaler';

let ctx: TestContext;
let staff: Agent;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await logIn(ctx.app, (await aUser(ctx.db.prisma, { role: 'STAFF' })).email, TEST_PASSWORD);
});
afterAll(() => ctx.close());

/** An agreement with one version per text of its purpose section. */
async function withVersions(...purposes: string[]) {
  const prisma = ctx.db.prisma;
  const agreement = await anAgreement(prisma, { title: 'Grow Your Life' });
  const purpose = agreement.sections.find((s) => s.key === 'purpose')!;
  for (const body of purposes) {
    await prisma.agreementSection.update({ where: { id: purpose.id }, data: { body } });
    await sendVersion(prisma, agreement.id);
  }
  return agreement;
}

/** The option values of the select named `name`, in page order, and the selected one. */
function selectOf(html: string, name: string) {
  const start = html.indexOf(`name="${name}"`);
  const select = html.slice(start, html.indexOf('</select>', start));
  return {
    values: [...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]),
    selected: /<option value="(\d+)" selected/.exec(select)?.[1],
  };
}

describe('the diff page', () => {
  it('compares the two newest versions right away when no versions are chosen, the versions oldest first', async () => {
    const agreement = await withVersions('Frivillige laver mad.', 'Frivillige laver mad og musik.', 'Frivillige laver mad, musik og ture.');
    const page = await staff.get(`${LIST}/${agreement.id}/forskel`).expect(200);
    expect(page.text).toContain('Forskelle fra version 2 til version 3');
    expect(page.text).toContain('<ins><span class="sr-only">tilføjet: </span>');
    expect(selectOf(page.text, 'fra')).toEqual({ values: ['1', '2', '3'], selected: '2' });
    expect(selectOf(page.text, 'til')).toEqual({ values: ['1', '2', '3'], selected: '3' });
    // A chosen pair is still compared as chosen.
    const chosen = await staff.get(`${LIST}/${agreement.id}/forskel?fra=1&til=3`).expect(200);
    expect(chosen.text).toContain('Forskelle fra version 1 til version 3');
    expect(selectOf(chosen.text, 'fra').selected).toBe('1');
    const english = await staff.get(`${LIST}/${agreement.id}/forskel`).set('Cookie', 'lang=en').expect(200);
    expect(english.text).toContain('Differences from version 2 to version 3');
  });

  it('says two versions are needed, and compares nothing, when only one was sent', async () => {
    const agreement = await withVersions('Kun én version.');
    const page = await staff.get(`${LIST}/${agreement.id}/forskel`).expect(200);
    expect(page.text).toContain('Der skal være sendt mindst to versioner, før de kan sammenlignes.');
    expect(page.text).not.toContain('Forskelle fra');
  });

  it('keeps a removed run and the added run next to it apart', async () => {
    const agreement = await withVersions('Hjælp til de frivillige.', 'Hjælp til Kommunen frivillige.');
    const html = (await staff.get(`${LIST}/${agreement.id}/forskel`).expect(200)).text;
    expect(html).toContain(
      '<del><span class="sr-only">fjernet: </span>de</del> <ins><span class="sr-only">tilføjet: </span>Kommunen</ins>',
    );
    expect(html).not.toContain('</del><ins>');
    // Kept runs are not padded.
    expect(html).toContain('Hjælp til <del>');
    expect(html).toContain('</ins> frivillige.');
  });
});
