// Writes the demo data (demo-data.ts) into the database.
//
// Idempotent by upsert, not by "skip if present": every row is found by its natural
// key (slug, e-mail, (association, title), (association, user)) and brought back to
// the demo state, so running the seed twice leaves the same rows, and running it on
// a damaged demo repairs it. Relative dates are recomputed on every run, so re-seeding
// also refreshes deadlines that have passed. Nothing is ever deleted: rows the demo
// does not know (real registrations made while trying the portal) are left alone.
//
// Callers that want to keep changes made while trying the demo (e.g. an approved
// pending association) should seed only when hasSeedData() is false.
import { hashPassword } from '../../features/auth/password.js';
import { secretKeyFromEnvironment } from '../../config.js';
import { createSecretBox } from '../../security/secret-box.js';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import {
  DEMO_ASSOCIATIONS,
  DEMO_FIELDS_OF_WORK,
  DEMO_LOCAL_AREAS,
  DEMO_MUNICIPALITY,
  DEMO_OPENINGS,
  DEMO_PASSWORD,
  DEMO_SKILL_AREAS,
  DEMO_TARGET_GROUPS,
  DEMO_TOTP_SECRET,
  DEMO_USERS,
  type DemoLookupRow,
} from './demo-data.js';

export interface SeedDemoDataOptions {
  /** "Today" for the relative dates; tests pass a fixed clock. Defaults to new Date(). */
  now?: Date;
  log?: (msg: string) => void;
  /** The key that seals the demo staff's TOTP secret (config.secretKey); by default, the environment's. */
  secretKey?: Buffer;
}

/** The municipality's time zone: "today" and "in 30 days" are Danish calendar days. */
const MUNICIPALITY_TIME_ZONE = 'Europe/Copenhagen';

const DAY_MS = 24 * 60 * 60 * 1000;

// Seeding is ~150 small statements in one transaction; Prisma's default interactive
// transaction timeout (5 s) is tight on a cold embedded database.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

/** True when the portal has been set up (the municipality settings row exists). */
export async function hasSeedData(prisma: PrismaClient): Promise<boolean> {
  const settings = await prisma.municipalitySettings.findUnique({ where: { id: 1 }, select: { id: true } });
  return settings !== null;
}

/**
 * Seeds (or repairs) the demo data. Returns created: true when this run set the
 * portal up for the first time (there was no municipality settings row before).
 */
export async function seedDemoData(prisma: PrismaClient, options: SeedDemoDataOptions = {}): Promise<{ created: boolean }> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const today = calendarDateIn(MUNICIPALITY_TIME_ZONE, now);

  // argon2id is deliberately slow, so hash outside the transaction (it would hold the
  // transaction open) and only when a demo user is missing. One hash serves every demo
  // user: they share one password, and an existing user's password is never reset, so
  // someone who changed their demo password keeps it.
  const existingUsers = await prisma.user.findMany({
    where: { email: { in: DEMO_USERS.map((user) => user.email) } },
    select: { email: true },
  });
  const missingUsers = DEMO_USERS.length - existingUsers.length;
  const passwordHash = missingUsers > 0 ? await hashPassword(DEMO_PASSWORD) : null;

  const created = await prisma.$transaction(async (tx) => {
    const settingsExisted = (await tx.municipalitySettings.count({ where: { id: 1 } })) > 0;
    await tx.municipalitySettings.upsert({
      where: { id: 1 },
      create: { id: 1, ...DEMO_MUNICIPALITY },
      update: { ...DEMO_MUNICIPALITY },
    });

    const localAreaIds = await upsertLookup(DEMO_LOCAL_AREAS, (row) =>
      tx.localArea.upsert({ where: { slug: row.slug }, create: row, update: row, select: { id: true } }),
    );
    const fieldIds = await upsertLookup(DEMO_FIELDS_OF_WORK, (row) =>
      tx.fieldOfWork.upsert({ where: { slug: row.slug }, create: row, update: row, select: { id: true } }),
    );
    const targetGroupIds = await upsertLookup(DEMO_TARGET_GROUPS, (row) =>
      tx.targetGroup.upsert({ where: { slug: row.slug }, create: row, update: row, select: { id: true } }),
    );
    const skillAreaIds = await upsertLookup(DEMO_SKILL_AREAS, (row) =>
      tx.skillArea.upsert({ where: { slug: row.slug }, create: row, update: row, select: { id: true } }),
    );

    const associationIds = new Map<string, number>();
    for (const association of DEMO_ASSOCIATIONS) {
      const data = {
        name: association.name,
        organisationType: association.organisationType,
        status: association.status,
        description: association.description,
        websiteUrl: association.websiteUrl,
        email: association.email,
        phone: association.phone,
        contactName: association.contactName,
        cvr: association.cvr,
        localAreaId: association.localArea === null ? null : idOf(localAreaIds, association.localArea),
        rejectionReason: association.rejectionReason,
        approvedAt: association.approvedDaysAgo === null ? null : daysBefore(now, association.approvedDaysAgo),
      } satisfies Prisma.AssociationUncheckedUpdateInput;
      const fields = association.fieldsOfWork.map((slug) => ({ id: idOf(fieldIds, slug) }));
      const row = await tx.association.upsert({
        where: { slug: association.slug },
        create: { slug: association.slug, ...data, fieldsOfWork: { connect: fields } },
        update: { ...data, fieldsOfWork: { set: fields } },
        select: { id: true },
      });
      associationIds.set(association.slug, row.id);
    }

    const secretBox = createSecretBox(options.secretKey ?? secretKeyFromEnvironment());
    for (const user of DEMO_USERS) {
      // Staff and admins must use two factors: enrolled with the published demo secret.
      const twoFactor =
        user.role === 'ASSOCIATION_MEMBER' ? {} : { totpSecret: secretBox.seal(DEMO_TOTP_SECRET), totpEnabledAt: now, totpLastStep: null };
      const profile = { name: user.name, role: user.role, active: true, ...twoFactor };
      const existing = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
      let userId: number;
      if (existing) {
        await tx.user.update({ where: { id: existing.id }, data: profile });
        userId = existing.id;
      } else {
        if (passwordHash === null) {
          // Only possible if a demo user was deleted between the check above and now.
          throw new Error(`Demo user ${user.email} disappeared while seeding; run the seed again.`);
        }
        const row = await tx.user.create({
          data: { email: user.email, passwordHash, passwordChangedAt: now, ...profile },
          select: { id: true },
        });
        userId = row.id;
      }
      for (const slug of user.memberOf) {
        const associationId = idOf(associationIds, slug);
        await tx.associationMember.upsert({
          where: { associationId_userId: { associationId, userId } },
          create: { associationId, userId },
          update: {},
        });
      }
    }

    for (const opening of DEMO_OPENINGS) {
      const associationId = idOf(associationIds, opening.association);
      const data = {
        associationId,
        title: opening.title,
        summary: opening.summary,
        description: opening.description,
        tasks: opening.tasks,
        form: opening.form,
        commitment: opening.commitment,
        timeCommitment: opening.timeCommitment,
        place: opening.place,
        localAreaId: opening.localArea === null ? null : idOf(localAreaIds, opening.localArea),
        skills: opening.skills,
        childCertificateRequired: opening.childCertificateRequired,
        startsOn: dateIn(today, opening.startsInDays),
        endsOn: dateIn(today, opening.endsInDays),
        deadline: dateIn(today, opening.deadlineInDays),
        contactName: opening.contactName,
        contactEmail: opening.contactEmail,
        contactPhone: opening.contactPhone,
        status: opening.status,
        publishedAt: opening.publishedDaysAgo === null ? null : daysBefore(now, opening.publishedDaysAgo),
      } satisfies Prisma.OpeningUncheckedUpdateInput;
      const targetGroups = opening.targetGroups.map((slug) => ({ id: idOf(targetGroupIds, slug) }));
      const skillAreas = opening.skillAreas.map((slug) => ({ id: idOf(skillAreaIds, slug) }));
      // There is no unique constraint on (association, title) — associations may
      // legitimately reuse a title — so find first, then update or create. The
      // transaction keeps the pair consistent for this run.
      const existing = await tx.opening.findFirst({
        where: { associationId, title: opening.title },
        orderBy: { id: 'asc' },
        select: { id: true },
      });
      if (existing) {
        await tx.opening.update({
          where: { id: existing.id },
          data: { ...data, targetGroups: { set: targetGroups }, skillAreas: { set: skillAreas } },
        });
      } else {
        await tx.opening.create({
          data: { ...data, targetGroups: { connect: targetGroups }, skillAreas: { connect: skillAreas } },
        });
      }
    }

    return !settingsExisted;
  }, TRANSACTION_OPTIONS);

  log(
    `Demo data ${created ? 'created' : 'brought up to date'}: ${DEMO_ASSOCIATIONS.length} associations, ` +
      `${DEMO_OPENINGS.length} openings, ${DEMO_USERS.length} users` +
      (missingUsers > 0 ? ` (${missingUsers} new)` : '') +
      `, dates relative to ${today.toISOString().slice(0, 10)}.`,
  );
  return { created };
}

/** Upserts lookup rows one by one (in order, inside the caller's transaction) and maps slug → id. */
async function upsertLookup(
  rows: readonly DemoLookupRow[],
  upsert: (row: DemoLookupRow) => Promise<{ id: number }>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const row of rows) {
    const { slug, nameDa, nameEn, sortOrder } = row;
    const { id } = await upsert({ slug, nameDa, nameEn, sortOrder });
    ids.set(slug, id);
  }
  return ids;
}

function idOf(ids: ReadonlyMap<string, number>, slug: string): number {
  const id = ids.get(slug);
  // The slug types in demo-data.ts make this unreachable; the check keeps a typo in
  // an untyped future edit from becoming a silent null.
  if (id === undefined) throw new Error(`Demo data refers to unknown slug "${slug}".`);
  return id;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Today's calendar date in the given time zone, as midnight UTC — the form Prisma
 * writes to a @db.Date column without shifting the day.
 */
function calendarDateIn(timeZone: string, now: Date): Date {
  // en-CA formats as YYYY-MM-DD.
  const isoDate = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return new Date(`${isoDate}T00:00:00.000Z`);
}

/** The calendar date `offsetDays` after `today` (a UTC-midnight date), or null. */
function dateIn(today: Date, offsetDays: number | null): Date | null {
  if (offsetDays === null) return null;
  const date = new Date(today.getTime());
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date;
}
