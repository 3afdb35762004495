// A new portal has no vocabularies until an admin adds them: registering an association
// must still be possible (the fields of work are asked for only when there are some).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { expectStatus } from '../../helpers/http.js';
import { registrationForm, submitRegistration } from '../../helpers/forms.js';
import type { ReferenceData } from '../../helpers/factories/index.js';
import { vocabulariesChanged } from '../../helpers/factories/lookups.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('registering on a portal without fields of work', () => {
  it('does not ask for fields of work and accepts the registration', async () => {
    const page = await supertest(ctx.app).get('/foreninger/ny').expect(200);
    expect(page.text).not.toContain('name="fieldsOfWork"');

    // No reference data: the form without fields of work and local area.
    const form = registrationForm({ fieldId: {}, areaId: {} } as unknown as ReferenceData, {
      fieldsOfWork: undefined,
      localAreaId: undefined,
      name: 'Første Forening',
    });
    delete form.fieldsOfWork;
    delete form.localAreaId;
    const response = await submitRegistration(supertest.agent(ctx.app), form).then(expectStatus(303));
    expect(response.headers.location).toBe('/min-side');
    const association = await ctx.db.prisma.association.findFirstOrThrow({
      where: { name: 'Første Forening' },
      include: { fieldsOfWork: true },
    });
    expect(association.status).toBe('PENDING');
    expect(association.fieldsOfWork).toEqual([]);
  });

  it('still requires a field of work once there are some', async () => {
    await ctx.db.prisma.fieldOfWork.create({ data: { slug: 'kultur', nameDa: 'Kultur', nameEn: 'Culture' } });
    vocabulariesChanged(ctx.services);
    const form = registrationForm({ fieldId: {}, areaId: {} } as unknown as ReferenceData, { name: 'Anden Forening' });
    delete form.fieldsOfWork;
    delete form.localAreaId;
    const response = await submitRegistration(supertest.agent(ctx.app), form).then(expectStatus(422));
    expect(response.text).toContain('name="fieldsOfWork"');
    expect(await ctx.db.prisma.association.count({ where: { name: 'Anden Forening' } })).toBe(0);
  });
});
