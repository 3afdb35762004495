// The audit helpers: writeAudit joins the caller's transaction (a failing audit write
// rolls the change back), and changedFields records only what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { allowAuditWrites, failAuditWrites } from '../helpers/audit.js';
import { changedFields, writeAudit } from '../../src/audit/audit-log.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const context = { actorUserId: null, requestId: 'test', now: new Date('2026-11-22T10:00:00Z') };

describe('writeAudit', () => {
  it('writes the row in the transaction, with before and after in details', async () => {
    await ctx.db.prisma.$transaction(async (tx) => {
      await writeAudit(tx, context, { action: 'thing.updated', targetType: 'thing', targetId: 7, before: { a: 1 }, after: { a: 2 } });
    });
    const row = await ctx.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'thing.updated' } });
    expect(row.targetId).toBe('7');
    expect(row.details).toEqual({ before: { a: 1 }, after: { a: 2 } });
    expect(row.at.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('rolls the whole change back when the audit row cannot be written', async () => {
    await failAuditWrites(ctx.db.prisma);
    try {
      await expect(
        ctx.db.prisma.$transaction(async (tx) => {
          await tx.localArea.create({ data: { slug: 'rollback-area', nameDa: 'x', nameEn: 'x' } });
          await writeAudit(tx, context, { action: 'localArea.created', targetType: 'localArea', targetId: 1 });
        }),
      ).rejects.toThrow();
    } finally {
      await allowAuditWrites(ctx.db.prisma);
    }
    expect(await ctx.db.prisma.localArea.count({ where: { slug: 'rollback-area' } })).toBe(0);
  });
});

describe('changedFields', () => {
  it('keeps only changed fields, dates as ISO strings, redacted ones as "(changed)"', () => {
    const before = { name: 'A', count: 1, at: new Date('2026-01-01T00:00:00Z'), note: 'old text' };
    const after = { name: 'A', count: 2, at: new Date('2026-02-01T00:00:00Z'), note: 'new text' };
    expect(changedFields(before, after, ['name', 'count', 'at', 'note'], { redact: ['note'] })).toEqual({
      before: { count: 1, at: '2026-01-01T00:00:00.000Z', note: '(changed)' },
      after: { count: 2, at: '2026-02-01T00:00:00.000Z', note: '(changed)' },
    });
  });
});
