// All demo data, in dependency order: the municipality, taxonomies, associations,
// openings and users first; then what hangs on them (calendar, interests, the
// agreements, the action plan with its reviews). Each part is idempotent, so this is too.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { seedDemoData, type SeedDemoDataOptions } from './seed-demo-data.js';
import { seedDemoCalendar } from './demo-calendar.js';
import { seedDemoInterests } from './demo-interests.js';
import { seedDemoAgreements } from './demo-agreements.js';
import { seedDemoActionPlan } from './demo-action-plan.js';

export async function seedAllDemoData(prisma: PrismaClient, options: SeedDemoDataOptions = {}): Promise<{ created: boolean }> {
  const now = options.now ?? new Date();
  const result = await seedDemoData(prisma, { ...options, now });
  await seedDemoCalendar(prisma, now);
  await seedDemoInterests(prisma, now);
  await seedDemoAgreements(prisma, now);
  await seedDemoActionPlan(prisma);
  return result;
}
