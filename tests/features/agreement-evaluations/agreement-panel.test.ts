// The short evaluation box for the agreement's page: its model from the service in
// each state, and the partial rendering it.
import path from 'node:path';
import ejs from 'ejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { acceptAll, anAgreement, anAssociation, anEvaluation, anEvaluationAnswer, sendVersion } from '../../helpers/factories/index.js';
import { createAgreementEvaluationService } from '../../../src/features/agreement-evaluations/agreement-evaluation-service.js';
import { createAgreementTemplateService } from '../../../src/features/agreement-template/agreement-template-service.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { dateFormatter } from '../../../src/middleware/locale.js';
import { projectRoot } from '../../../src/paths.js';

let ctx: TestContext;
const today = new Date('2026-11-22T00:00:00Z');
const translator = createTranslator();

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const service = () => createAgreementEvaluationService(ctx.db.prisma, { templates: createAgreementTemplateService(ctx.db.prisma) });

async function activeAgreement() {
  const association = await anAssociation(ctx.db.prisma);
  const agreement = await anAgreement(ctx.db.prisma, {
    associationIds: [association.id],
    externals: [{ name: 'Aftenskolen', contactEmail: 'a@example.org' }],
    startsOn: '2025-12-01',
    reviewIntervalMonths: 12,
  });
  await sendVersion(ctx.db.prisma, agreement.id);
  return acceptAll(ctx.db.prisma, agreement.id);
}

const render = (panel: unknown, lang: 'da' | 'en' = 'da') =>
  ejs.renderFile(
    path.join(projectRoot, 'views/agreement-evaluations/agreement-panel.ejs'),
    {
      panel,
      t: translator.t(lang),
      formatDate: dateFormatter(lang),
      // The app gives every view its asset URLs (app.locals.asset); rendered alone, as is.
      asset: (url: string) => url,
    },
    { root: path.join(projectRoot, 'views') },
  );

describe("the agreement page's evaluation box", () => {
  it('says when the evaluation is due, how many answered while open, and the decision', async () => {
    const agreement = await activeAgreement();
    const href = `/medarbejder/samarbejdsaftaler/${agreement.id}/evaluering`;

    const due = await service().panel(agreement.id, today, href);
    expect(due).toMatchObject({ state: 'due', reviewDate: new Date('2026-12-01T00:00:00Z'), parties: 3 });
    expect(await render(due)).toContain('Evaluering skal foretages pr. 1. december 2026.');
    expect(await render(due, 'en')).toContain('Evaluation due as of 1 December 2026.');

    const evaluation = await anEvaluation(ctx.db.prisma, agreement.id, { reviewDate: '2026-12-01' });
    await anEvaluationAnswer(ctx.db.prisma, evaluation.id, agreement.parties[0]!.id);
    await anEvaluationAnswer(ctx.db.prisma, evaluation.id, agreement.parties[1]!.id);
    const open = await service().panel(agreement.id, today, href);
    expect(open).toMatchObject({ state: 'open', answered: 2, parties: 3 });
    const openHtml = await render(open);
    expect(openHtml).toContain('Evalueringen er åben: 2 af 3 har svaret.');
    expect(openHtml).toContain(`href="${href}"`);

    await ctx.db.prisma.agreementEvaluation.update({ where: { id: evaluation.id }, data: { decision: 'CONTINUE', decidedAt: new Date() } });
    const decided = await service().panel(agreement.id, today, href);
    expect(decided).toMatchObject({ state: 'decided', decision: 'CONTINUE' });
    expect(await render(decided)).toContain('Besluttet: Fortsæt');
  });

  it('shows nothing for an agreement with no evaluation due or held, or none at all', async () => {
    const draft = await anAgreement(ctx.db.prisma);
    const none = await service().panel(draft.id, today, '/x');
    expect(none).toMatchObject({ state: 'none' });
    expect((await render(none)).trim()).toBe('');
    expect(await service().panel(999999, today, '/x')).toBeNull();
    expect((await render(null)).trim()).toBe('');
  });
});
