// `npm run db:seed`: loads (or repairs) the demo data in DATABASE_URL, or, when it is
// unset, in the app's database in the embedded PostgreSQL — the one `npm start` uses —
// started for the purpose and stopped again (or shared, if the app is running).
// Migrates first, so it also works on a database that has never been started.
//
// Unlike `npm start`, which seeds only an empty database, this always runs the seed:
// every demo row is brought back to its demo state and the relative dates are
// refreshed. Rows the demo does not know are left alone.
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/database.js';
import { EMBEDDED_APP_DATABASE } from '../src/db/embedded-postgres.js';
import { configuredDatabase } from '../src/db/configured-database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/db/seed/demo-data.js';
import { seedAllDemoData } from '../src/db/seed/seed-all.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Demo logins share a published password: never in production by accident
  // (ASVS 6.3.2). SEED_DEMO_DATA=true is the explicit "yes, I mean it".
  if (config.env === 'production' && !config.seedDemoData) {
    throw new Error(
      'Refusing to load demo data, with its shared-password demo logins, in production. ' +
        'Set SEED_DEMO_DATA=true if this really is a demo installation.',
    );
  }

  const server = await configuredDatabase(config);
  const url = server.url;
  try {
    if (server.embeddedDataDir) {
      console.log(
        `DATABASE_URL is not set: using the embedded PostgreSQL (${server.embeddedDataDir}), ` +
          `database "${EMBEDDED_APP_DATABASE}" — the one \`npm start\` uses.`,
      );
    }

    const { appliedMigrationNames } = await migrateDatabase(url);
    if (appliedMigrationNames.length > 0) {
      console.log(`Applied ${appliedMigrationNames.length} migration(s) first: ${appliedMigrationNames.join(', ')}`);
    }

    const database = createDatabase({ url, poolMax: 2 });
    try {
      const { prisma } = database;
      const { created } = await seedAllDemoData(prisma, { log: (message) => console.log(message), secretKey: config.secretKey });
      const [associations, pending, openings, published, users] = await Promise.all([
        prisma.association.count(),
        prisma.association.count({ where: { status: 'PENDING' } }),
        prisma.opening.count(),
        prisma.opening.count({ where: { status: 'PUBLISHED' } }),
        prisma.user.count(),
      ]);
      console.log(
        `\n${created ? 'Demo data loaded into an empty portal.' : 'Demo data brought back to its demo state.'}\n` +
          `The database now holds ${associations} associations (${pending} awaiting approval), ` +
          `${openings} openings (${published} published) and ${users} users.\n\n` +
          `Demo logins (password: ${DEMO_PASSWORD}):`,
      );
      for (const login of DEMO_LOGINS) {
        console.log(`  ${login.email.padEnd(28)} ${login.role.padEnd(18)} ${login.description}`);
      }
      console.log(
        `\nStaff and admin logins ask for a second factor: add ${DEMO_TOTP_SECRET} to an authenticator app, or run \`npm run demo:code\`.`,
      );
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
