// First run without demo data: while no active admin exists, each starting server
// makes a set-up code (prepare), stores its hash and prints it; whoever can read the
// server's output can open /opsaetning and create the first admin with it (complete).
// After that every code is deleted and the page is closed for good.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { hashPassword } from '../auth/password.js';
import type { SettingsService } from '../municipality/settings-service.js';
import type { SetupForm } from './first-run-schemas.js';
import { hashSetupCode, isWellFormedSetupCode, newSetupCode } from './setup-code.js';

export type SetupOutcome = { ok: true; userId: number } | { ok: false; reason: 'closed' | 'wrong-code' | 'email-taken' };

export function createFirstRunService(prisma: PrismaClient, deps: { settings: Pick<SettingsService, 'invalidate'> }) {
  const adminExists = async () => (await prisma.user.count({ where: { role: 'ADMIN', active: true } })) > 0;

  return {
    /** Open while no active admin exists. */
    async isOpen(): Promise<boolean> {
      return !(await adminExists());
    },

    /**
     * At start-up: a new set-up code when no admin exists (else null). Several servers
     * may each make one; any of them works until the first admin is created.
     */
    async prepare(): Promise<string | null> {
      if (await adminExists()) return null;
      const code = newSetupCode();
      await prisma.setupCode.create({ data: { codeHash: hashSetupCode(code) } });
      return code;
    },

    /** Creates the first admin and names the municipality, in one transaction. */
    async complete(form: SetupForm, context: ChangeContext): Promise<SetupOutcome> {
      if (!isWellFormedSetupCode(form.setupCode)) return { ok: false, reason: (await adminExists()) ? 'closed' : 'wrong-code' };
      const passwordHash = await hashPassword(form.password);
      try {
        return await prisma.$transaction(async (tx) => {
          // Locking the code's row makes two set-ups with the same code wait for each
          // other; the second then finds the code deleted.
          const codes = await tx.$queryRaw<
            { id: number }[]
          >`SELECT id FROM setup_codes WHERE code_hash = ${hashSetupCode(form.setupCode)} FOR UPDATE`;
          if ((await tx.user.count({ where: { role: 'ADMIN', active: true } })) > 0) return { ok: false, reason: 'closed' } as const;
          if (codes.length === 0) return { ok: false, reason: 'wrong-code' } as const;
          if ((await tx.user.count({ where: { email: form.email } })) > 0) return { ok: false, reason: 'email-taken' } as const;
          const admin = await tx.user.create({
            data: {
              email: form.email,
              name: form.name,
              role: 'ADMIN',
              passwordHash,
              passwordChangedAt: context.now,
              createdAt: context.now,
            },
            select: { id: true },
          });
          // The admin's own address is a person's, not the municipality's public contact:
          // the contact e-mail stays as it is (empty on a fresh portal) until an admin
          // gives a shared mailbox on the settings page.
          const existing = await tx.municipalitySettings.findUnique({ where: { id: 1 }, select: { id: true } });
          if (existing) {
            await tx.municipalitySettings.update({
              where: { id: 1 },
              data: { name: form.municipalityName, version: { increment: 1 } },
            });
          } else {
            await tx.municipalitySettings.create({ data: { id: 1, name: form.municipalityName, contactEmail: '' } });
          }
          await tx.setupCode.deleteMany({});
          await writeAudit(
            tx,
            { ...context, actorUserId: admin.id },
            { action: 'setup.completed', targetType: 'user', targetId: admin.id },
          );
          return { ok: true, userId: admin.id } as const;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'email-taken' };
        throw error;
      } finally {
        // The municipality's name changed (or not: invalidating costs one read).
        deps.settings.invalidate();
      }
    },
  };
}

export type FirstRunService = ReturnType<typeof createFirstRunService>;
