// Makes every audit row of a data change fail to write, to prove that the change then
// rolls back (the audit row is written in the change's own transaction). Security
// events (access.denied, auth.*, rate limits) are still allowed: they are best effort
// by design and must not be what fails the request.
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export async function failAuditWrites(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.action = 'access.denied' OR NEW.action LIKE 'auth.%' OR NEW.action LIKE '%.rateLimited' OR NEW.action LIKE '%.honeypot' THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit write refused (test)';
    END
    $fn$`;
  await prisma.$executeRaw`DROP TRIGGER IF EXISTS test_fail_audit ON audit_log`;
  await prisma.$executeRaw`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_audit()`;
}

export async function allowAuditWrites(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`DROP TRIGGER IF EXISTS test_fail_audit ON audit_log`;
}
