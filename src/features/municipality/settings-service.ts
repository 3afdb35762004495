// The municipality's own settings (name, contact, logo, the public pages' texts, the
// retention periods): one row, id 1. The profile is read on nearly every page, so it
// is cached briefly in memory, as are the page texts; every change here calls `invalidate`,
// so the admin sees it at once (other processes within the cache's minute).
//
// A fresh portal (no demo data) has no row: the first save of any settings form
// creates it, with the fallback name until the admin gives one. Every form carries the
// row's `version` (0 while there is no row): a save from a stale form is refused.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ContactForm, PageTextsForm, RetentionForm } from './settings-schemas.js';
import type { LogoType } from './logo-upload.js';

export interface MunicipalityProfile {
  name: string;
  logoUrl: string | null;
  contactEmail: string;
  contactPhone: string | null;
  address: string | null;
  websiteUrl: string | null;
}

export const FALLBACK_MUNICIPALITY: MunicipalityProfile = {
  name: 'Kommunen',
  logoUrl: null,
  contactEmail: '',
  contactPhone: null,
  address: null,
  websiteUrl: null,
};

/** The retention periods, in calendar months (GDPR storage limitation). */
export interface RetentionPeriods {
  interestMonths: number;
  memberInactivityMonths: number;
  auditMonths: number;
}

export const DEFAULT_RETENTION: RetentionPeriods = { interestMonths: 12, memberInactivityMonths: 24, auditMonths: 60 };

/**
 * The one reader of the retention periods. Takes a transaction too, so a job that
 * deletes by a period reads it in its own transaction (src/jobs/interest-retention.ts).
 */
export async function readRetention(db: Pick<Prisma.TransactionClient, 'municipalitySettings'>): Promise<RetentionPeriods> {
  const row = await db.municipalitySettings.findUnique({
    where: { id: 1 },
    select: { interestRetentionMonths: true, memberInactivityMonths: true, auditRetentionMonths: true },
  });
  if (!row) return DEFAULT_RETENTION;
  return {
    interestMonths: row.interestRetentionMonths,
    memberInactivityMonths: row.memberInactivityMonths,
    auditMonths: row.auditRetentionMonths,
  };
}

/** The public pages' texts (plain text; empty when the admin wrote none). */
export type PageTexts = {
  aboutDa: string;
  aboutEn: string;
  privacyIntroDa: string;
  privacyIntroEn: string;
  accessibilityStatementDate: Date | null;
  accessibilityIssuesDa: string;
  accessibilityIssuesEn: string;
  accessibilityContact: string;
};

const EMPTY_TEXTS: PageTexts = {
  aboutDa: '',
  aboutEn: '',
  privacyIntroDa: '',
  privacyIntroEn: '',
  accessibilityStatementDate: null,
  accessibilityIssuesDa: '',
  accessibilityIssuesEn: '',
  accessibilityContact: '',
};

/** What the admin's forms show: the stored values and the version they were loaded with. */
export interface EditableSettings {
  version: number;
  contact: ContactForm;
  texts: PageTexts;
  retention: RetentionPeriods;
  logo: { type: string; bytes: number } | null;
}

export interface Logo {
  data: Uint8Array;
  type: string;
  /** A short hash of the bytes: the ETag and the ?v of the logo's address. */
  hash: string;
}

export type SaveOutcome = { ok: true } | { ok: false; reason: 'conflict' };

const TARGET = { targetType: 'municipality_settings', targetId: 1 } as const;
const CONTACT_FIELDS = ['name', 'contactEmail', 'contactPhone', 'address', 'websiteUrl'] as const;
const TEXT_FIELDS = [
  'aboutDa',
  'aboutEn',
  'privacyIntroDa',
  'privacyIntroEn',
  'accessibilityIssuesDa',
  'accessibilityIssuesEn',
  'accessibilityContact',
] as const;

const shortHash = (data: Uint8Array) => createHash('sha256').update(data).digest('base64url').slice(0, 12);
const orNull = (value: string) => (value === '' ? null : value);

type Columns = Prisma.MunicipalitySettingsUncheckedUpdateInput;

export interface SettingsService {
  profile(): Promise<MunicipalityProfile>;
  /** Read fresh on each call (not cached): a changed period applies at the next job run. */
  retention(): Promise<RetentionPeriods>;
  /**
   * The periods as the public pages state them (the interest form's consent text, read on
   * every view of an opening): cached like the profile. Jobs and mails use `retention`.
   */
  shownRetention(): Promise<RetentionPeriods>;
  /** The public pages' texts, cached like the profile (read on every view of three pages). */
  pageTexts(): Promise<PageTexts>;
  /** The stored logo, or null. */
  logo(): Promise<Logo | null>;
  editable(): Promise<EditableSettings>;
  saveContact(version: number, data: ContactForm, context: ChangeContext): Promise<SaveOutcome>;
  savePageTexts(version: number, data: PageTextsForm, context: ChangeContext): Promise<SaveOutcome>;
  saveRetention(version: number, data: RetentionForm, context: ChangeContext): Promise<SaveOutcome>;
  saveLogo(data: Uint8Array, type: LogoType, context: ChangeContext): Promise<void>;
  removeLogo(context: ChangeContext): Promise<void>;
  invalidate(): void;
}

export function createSettingsService(prisma: PrismaClient, ttlMs = 60_000, now: () => number = Date.now): SettingsService {
  let cached: { value: MunicipalityProfile; until: number } | undefined;
  // The page texts (about, privacy, accessibility) are read on every view of those
  // pages: cached the same way, for the same time (other processes see a change within it).
  let cachedTexts: { value: PageTexts; until: number } | undefined;
  let cachedRetention: { value: RetentionPeriods; until: number } | undefined;
  const invalidate = () => {
    cached = undefined;
    cachedTexts = undefined;
    cachedRetention = undefined;
  };

  /**
   * Writes `columns` if the row is still at `version` (creating the row when the form
   * was loaded before there was one), and audits the change built from the row as it
   * was, in one transaction.
   */
  async function save(
    version: number,
    columns: Columns,
    context: ChangeContext,
    audit: (before: Prisma.MunicipalitySettingsGetPayload<object> | null) => {
      action: string;
      before: Prisma.InputJsonObject;
      after: Prisma.InputJsonObject;
    },
  ): Promise<SaveOutcome> {
    try {
      const outcome = await prisma.$transaction(async (tx): Promise<SaveOutcome> => {
        const before = await tx.municipalitySettings.findUnique({ where: { id: 1 } });
        if (before === null) {
          if (version !== 0) return { ok: false, reason: 'conflict' };
          await tx.municipalitySettings.create({
            // Only plain values are passed as columns, so they fit a create as they are.
            data: {
              id: 1,
              name: FALLBACK_MUNICIPALITY.name,
              contactEmail: '',
              ...columns,
            } as Prisma.MunicipalitySettingsUncheckedCreateInput,
          });
        } else {
          // The version check and the write are one statement: of two saves of the
          // same version, exactly one matches.
          const { count } = await tx.municipalitySettings.updateMany({
            where: { id: 1, version },
            data: { ...columns, version: { increment: 1 } },
          });
          if (count === 0) return { ok: false, reason: 'conflict' };
        }
        const entry = audit(before);
        await writeAudit(tx, context, { action: entry.action, ...TARGET, before: entry.before, after: entry.after });
        return { ok: true };
      });
      if (outcome.ok) invalidate();
      return outcome;
    } catch (error) {
      // Two first saves raced: the other one created the row.
      if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
      throw error;
    }
  }

  return {
    async profile() {
      if (cached && cached.until > now()) return cached.value;
      const row = await prisma.municipalitySettings.findUnique({
        where: { id: 1 },
        select: { name: true, logoUrl: true, logoData: true, contactEmail: true, contactPhone: true, address: true, websiteUrl: true },
      });
      const value: MunicipalityProfile = row
        ? {
            name: row.name,
            // An uploaded logo wins; its hash in the address makes caches fetch a new one.
            logoUrl: row.logoData ? `/logo?v=${shortHash(row.logoData)}` : row.logoUrl,
            contactEmail: row.contactEmail,
            contactPhone: row.contactPhone,
            address: row.address,
            websiteUrl: row.websiteUrl,
          }
        : FALLBACK_MUNICIPALITY;
      cached = { value, until: now() + ttlMs };
      return value;
    },

    retention() {
      return readRetention(prisma);
    },

    async shownRetention() {
      if (cachedRetention && cachedRetention.until > now()) return cachedRetention.value;
      const value = await readRetention(prisma);
      cachedRetention = { value, until: now() + ttlMs };
      return value;
    },

    async pageTexts() {
      if (cachedTexts && cachedTexts.until > now()) return cachedTexts.value;
      const row = await prisma.municipalitySettings.findUnique({
        where: { id: 1 },
        select: {
          aboutDa: true,
          aboutEn: true,
          privacyIntroDa: true,
          privacyIntroEn: true,
          accessibilityStatementDate: true,
          accessibilityIssuesDa: true,
          accessibilityIssuesEn: true,
          accessibilityContact: true,
        } satisfies Record<keyof PageTexts, true>,
      });
      const value = row ?? EMPTY_TEXTS;
      cachedTexts = { value, until: now() + ttlMs };
      return value;
    },

    async logo() {
      const row = await prisma.municipalitySettings.findUnique({ where: { id: 1 }, select: { logoData: true, logoType: true } });
      if (!row?.logoData || !row.logoType) return null;
      return { data: row.logoData, type: row.logoType, hash: shortHash(row.logoData) };
    },

    async editable() {
      const row = await prisma.municipalitySettings.findUnique({ where: { id: 1 } });
      if (!row) {
        return {
          version: 0,
          contact: { name: '', contactEmail: '', contactPhone: '', address: '', websiteUrl: '' },
          texts: EMPTY_TEXTS,
          retention: DEFAULT_RETENTION,
          logo: null,
        };
      }
      return {
        version: row.version,
        contact: {
          name: row.name,
          contactEmail: row.contactEmail,
          contactPhone: row.contactPhone ?? '',
          address: row.address ?? '',
          websiteUrl: row.websiteUrl ?? '',
        },
        texts: {
          aboutDa: row.aboutDa,
          aboutEn: row.aboutEn,
          privacyIntroDa: row.privacyIntroDa,
          privacyIntroEn: row.privacyIntroEn,
          accessibilityStatementDate: row.accessibilityStatementDate,
          accessibilityIssuesDa: row.accessibilityIssuesDa,
          accessibilityIssuesEn: row.accessibilityIssuesEn,
          accessibilityContact: row.accessibilityContact,
        },
        retention: {
          interestMonths: row.interestRetentionMonths,
          memberInactivityMonths: row.memberInactivityMonths,
          auditMonths: row.auditRetentionMonths,
        },
        logo: row.logoData && row.logoType ? { type: row.logoType, bytes: row.logoData.length } : null,
      };
    },

    saveContact(version, data, context) {
      const columns = {
        name: data.name,
        contactEmail: data.contactEmail,
        contactPhone: orNull(data.contactPhone),
        address: orNull(data.address),
        websiteUrl: orNull(data.websiteUrl),
      };
      return save(version, columns, context, (before) => ({
        action: 'settings.changed',
        ...changedFields(before ?? { ...FALLBACK_MUNICIPALITY }, columns, CONTACT_FIELDS),
      }));
    },

    savePageTexts(version, data, context) {
      return save(version, data, context, (before) => {
        const old = before ?? EMPTY_TEXTS;
        // The texts are free text: the trail says that they changed, not what they say.
        const texts = changedFields(old, data, TEXT_FIELDS, { redact: TEXT_FIELDS });
        const date = changedFields(old, data, ['accessibilityStatementDate']);
        return {
          action: 'settings.changed',
          before: { ...texts.before, ...date.before },
          after: { ...texts.after, ...date.after },
        };
      });
    },

    saveRetention(version, data, context) {
      const columns = {
        interestRetentionMonths: data.interestMonths,
        memberInactivityMonths: data.memberInactivityMonths,
        auditRetentionMonths: data.auditMonths,
      };
      return save(version, columns, context, (before) => ({
        action: 'settings.retention-changed',
        ...changedFields(
          before ?? {
            interestRetentionMonths: DEFAULT_RETENTION.interestMonths,
            memberInactivityMonths: DEFAULT_RETENTION.memberInactivityMonths,
            auditRetentionMonths: DEFAULT_RETENTION.auditMonths,
          },
          columns,
          ['interestRetentionMonths', 'memberInactivityMonths', 'auditRetentionMonths'],
        ),
      }));
    },

    async saveLogo(data, type, context) {
      await setLogo({ logoData: new Uint8Array(data), logoType: type }, context);
    },

    async removeLogo(context) {
      await setLogo({ logoData: null, logoType: null }, context);
    },

    invalidate,
  };

  /**
   * The logo is its own form and replaces the whole image, so it does not take part
   * in the version check (an open contact form stays valid after an upload).
   */
  async function setLogo(columns: { logoData: Uint8Array<ArrayBuffer> | null; logoType: LogoType | null }, context: ChangeContext) {
    await prisma.$transaction(async (tx) => {
      const before = await tx.municipalitySettings.findUnique({ where: { id: 1 }, select: { logoData: true, logoType: true } });
      await tx.municipalitySettings.upsert({
        where: { id: 1 },
        create: { id: 1, name: FALLBACK_MUNICIPALITY.name, contactEmail: '', ...columns },
        update: columns,
      });
      const describe = (logo: { logoData: Uint8Array | null; logoType: string | null } | null) =>
        logo?.logoData ? `${logo.logoType ?? ''} ${shortHash(logo.logoData)}` : null;
      await writeAudit(tx, context, {
        action: 'settings.changed',
        ...TARGET,
        before: { logo: describe(before) },
        after: { logo: describe(columns) },
      });
    });
    invalidate();
  }
}
