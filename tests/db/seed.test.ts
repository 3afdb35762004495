// The demo seed: idempotent (twice = same rows), repairing, and containing what the
// demo and later features rely on (demo logins, a pending association, published
// lektiehjælp openings). Runs on its own fresh, migrated database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/features/auth/password.js';
import {
  DEMO_ASSOCIATIONS,
  DEMO_FIELDS_OF_WORK,
  DEMO_LOCAL_AREAS,
  DEMO_OPENINGS,
  DEMO_PASSWORD,
  DEMO_SKILL_AREAS,
  DEMO_TARGET_GROUPS,
  DEMO_USERS,
} from '../../src/db/seed/demo-data.js';
import { hasSeedData, seedDemoData } from '../../src/db/seed/seed-demo-data.js';
import { createTestDatabase } from '../helpers/database.js';

// A fixed clock, so the relative dates are predictable.
const NOW = new Date('2026-11-22T10:00:00Z');
const TODAY = new Date('2026-11-22T00:00:00Z');

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

/** Row count of every table in the public schema (incl. Prisma's implicit m2m tables). */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await database.db.pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    // The name comes from the catalogue, not from input; quoted as an identifier.
    const { rows } = await database.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

describe('seedDemoData', () => {
  let firstCounts: Record<string, number>;
  let firstAssociationIds: number[];
  let firstOpeningIds: number[];

  it('seeds an empty database and reports it as created', async () => {
    expect(await hasSeedData(database.db.prisma)).toBe(false);

    const result = await seedDemoData(database.db.prisma, { now: NOW });

    expect(result).toEqual({ created: true });
    expect(await hasSeedData(database.db.prisma)).toBe(true);
    firstCounts = await rowCounts();
    expect(firstCounts).toMatchObject({
      municipality_settings: 1,
      local_areas: DEMO_LOCAL_AREAS.length,
      fields_of_work: DEMO_FIELDS_OF_WORK.length,
      target_groups: DEMO_TARGET_GROUPS.length,
      skill_areas: DEMO_SKILL_AREAS.length,
      associations: DEMO_ASSOCIATIONS.length,
      openings: DEMO_OPENINGS.length,
      users: DEMO_USERS.length,
    });
    firstAssociationIds = (await database.db.prisma.association.findMany({ orderBy: { id: 'asc' } })).map((a) => a.id);
    firstOpeningIds = (await database.db.prisma.opening.findMany({ orderBy: { id: 'asc' } })).map((o) => o.id);
  });

  it('is idempotent: a second run leaves the same rows in every table', async () => {
    const messages: string[] = [];

    const result = await seedDemoData(database.db.prisma, { now: NOW, log: (msg) => messages.push(msg) });

    expect(result).toEqual({ created: false });
    expect(await rowCounts()).toEqual(firstCounts);
    // The same rows, not deleted and re-created ones.
    expect((await database.db.prisma.association.findMany({ orderBy: { id: 'asc' } })).map((a) => a.id)).toEqual(firstAssociationIds);
    expect((await database.db.prisma.opening.findMany({ orderBy: { id: 'asc' } })).map((o) => o.id)).toEqual(firstOpeningIds);
    expect(messages.join('\n')).toContain('brought up to date');
  });

  it('leaves no duplicate openings or memberships', async () => {
    const openings = await database.db.prisma.opening.groupBy({
      by: ['associationId', 'title'],
      _count: { _all: true },
    });
    expect(openings.filter((group) => group._count._all > 1)).toEqual([]);
    expect(openings).toHaveLength(DEMO_OPENINGS.length);

    const memberships = await database.db.prisma.associationMember.count();
    expect(memberships).toBe(DEMO_USERS.reduce((sum, user) => sum + user.memberOf.length, 0));
  });

  it('creates every demo login with an argon2id hash of the demo password', async () => {
    for (const demoUser of DEMO_USERS) {
      const user = await database.db.prisma.user.findUnique({
        where: { email: demoUser.email },
        include: { memberships: { include: { association: true } } },
      });
      expect(user, demoUser.email).not.toBeNull();
      expect(user?.role).toBe(demoUser.role);
      expect(user?.active).toBe(true);
      // ASVS 11.4.2: argon2id, m ≥ 19456 KiB, t ≥ 2.
      expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(user?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
      expect(user?.memberships.map((m) => m.association.slug).sort()).toEqual([...demoUser.memberOf].sort());
    }
    const roles = DEMO_USERS.map((user) => user.role);
    expect(roles).toContain('ADMIN');
    expect(roles).toContain('STAFF');
    expect(roles).toContain('ASSOCIATION_MEMBER');
  });

  it('gives staff a pending association to approve and a rejected one with a reason', async () => {
    const pending = await database.db.prisma.association.findMany({ where: { status: 'PENDING' } });
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending.every((association) => association.approvedAt === null)).toBe(true);

    const rejected = await database.db.prisma.association.findMany({ where: { status: 'REJECTED' } });
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.every((association) => (association.rejectionReason ?? '').length > 20)).toBe(true);
  });

  it('publishes several lektiehjælp openings with a future deadline', async () => {
    const lektiehjaelp = await database.db.prisma.opening.findMany({
      where: { title: { contains: 'lektiehjælp', mode: 'insensitive' } },
      include: { association: true, targetGroups: true },
    });

    expect(lektiehjaelp.length).toBeGreaterThanOrEqual(3);
    for (const opening of lektiehjaelp) {
      expect(opening.status, opening.title).toBe('PUBLISHED');
      expect(opening.publishedAt, opening.title).not.toBeNull();
      expect(opening.deadline?.getTime() ?? 0, opening.title).toBeGreaterThan(TODAY.getTime());
      expect(opening.association.status, opening.title).toBe('APPROVED');
      expect(
        opening.targetGroups.map((group) => group.slug),
        opening.title,
      ).toContain('unge');
    }
    expect(lektiehjaelp.map((opening) => opening.title)).toEqual(
      expect.arrayContaining(['Lektiehjælper til unge i Lundtofte', 'Frivillig lektiehjælp for tosprogede unge']),
    );
  });

  it('gives every opening a time commitment and one or two skill areas, and keeps them on re-seeding', async () => {
    const prisma = database.db.prisma;
    const openings = await prisma.opening.findMany({ include: { skillAreas: true } });
    for (const opening of openings) {
      const demo = DEMO_OPENINGS.find((o) => o.title === opening.title);
      expect(opening.commitment, opening.title).toBe(demo?.commitment);
      expect(opening.skillAreas.map((area) => area.slug).sort(), opening.title).toEqual([...(demo?.skillAreas ?? [])].sort());
      expect(opening.skillAreas.length, opening.title).toBeGreaterThanOrEqual(1);
      expect(opening.skillAreas.length, opening.title).toBeLessThanOrEqual(2);
    }
    // Every commitment category and the seed-004 skill kinds are in use, so each filter has something to find.
    expect(new Set(openings.map((o) => o.commitment))).toEqual(new Set(['ONE_OFF', 'OCCASIONAL', 'MONTHLY', 'WEEKLY']));
    const used = new Set(openings.flatMap((o) => o.skillAreas.map((area) => area.slug)));
    for (const slug of ['socialt', 'kultur-og-formidling', 'praktisk']) expect(used).toContain(slug);

    // A changed relation is set back, not added to.
    const opening = openings[0]!;
    const other = await prisma.skillArea.findFirstOrThrow({ where: { slug: 'andet' } });
    await prisma.opening.update({ where: { id: opening.id }, data: { skillAreas: { set: [{ id: other.id }] } } });
    await seedDemoData(prisma, { now: NOW });
    const repaired = await prisma.opening.findUniqueOrThrow({ where: { id: opening.id }, include: { skillAreas: true } });
    expect(repaired.skillAreas.map((area) => area.slug).sort()).toEqual(opening.skillAreas.map((area) => area.slug).sort());
  });

  it('turns day offsets into calendar dates relative to "now"', async () => {
    const opening = await database.db.prisma.opening.findFirstOrThrow({
      where: { title: 'Lektiehjælper til unge i Lundtofte' },
    });
    // deadlineInDays: 45 and startsInDays: 7 from 22 November 2026.
    expect(opening.deadline?.toISOString().slice(0, 10)).toBe('2027-01-06');
    expect(opening.startsOn?.toISOString().slice(0, 10)).toBe('2026-11-29');
    expect(opening.endsOn).toBeNull();

    const statuses = new Set((await database.db.prisma.opening.findMany()).map((o) => o.status));
    expect(statuses).toEqual(new Set(['PUBLISHED', 'DRAFT', 'CLOSED']));
    const expired = await database.db.prisma.opening.count({ where: { status: 'PUBLISHED', deadline: { lt: TODAY } } });
    expect(expired).toBeGreaterThanOrEqual(1);
  });

  it('repairs demo rows that were changed, and refreshes dates for a later "now"', async () => {
    const prisma = database.db.prisma;
    const limone = await prisma.association.findUniqueOrThrow({ where: { slug: 'if-limone' } });
    await prisma.association.update({ where: { id: limone.id }, data: { status: 'ARCHIVED', fieldsOfWork: { set: [] } } });
    await prisma.user.update({ where: { email: 'medarbejder@example.org' }, data: { active: false } });

    const later = new Date(NOW.getTime() + 10 * 24 * 60 * 60 * 1000);
    await seedDemoData(prisma, { now: later });

    const repaired = await prisma.association.findUniqueOrThrow({
      where: { slug: 'if-limone' },
      include: { fieldsOfWork: true },
    });
    expect(repaired.status).toBe('APPROVED');
    expect(repaired.fieldsOfWork.map((field) => field.slug).sort()).toEqual(['boern-og-unge', 'idraet', 'integration']);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: 'medarbejder@example.org' } })).active).toBe(true);
    const opening = await prisma.opening.findFirstOrThrow({ where: { title: 'Lektiehjælper til unge i Lundtofte' } });
    expect(opening.deadline?.toISOString().slice(0, 10)).toBe('2027-01-16');
    expect(await rowCounts()).toEqual(firstCounts);
  });

  it('uses the Danish calendar day for "today"', async () => {
    // 23:30 UTC on 22 November is already 23 November in Copenhagen.
    await seedDemoData(database.db.prisma, { now: new Date('2026-11-22T23:30:00Z') });
    const opening = await database.db.prisma.opening.findFirstOrThrow({
      where: { title: 'Lektiehjælper til unge i Lundtofte' },
    });
    expect(opening.deadline?.toISOString().slice(0, 10)).toBe('2027-01-07');
  });
});
