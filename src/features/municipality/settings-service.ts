// The municipality's own settings (name, contact, local areas, ...), read on nearly
// every page, so cached briefly in memory; `invalidate` after an admin edits them.
import type { PrismaClient } from '../../generated/prisma/client.js';

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

export interface SettingsService {
  profile(): Promise<MunicipalityProfile>;
  /** Read fresh on each call (not cached): a changed period applies at the next job run. */
  retention(): Promise<RetentionPeriods>;
  invalidate(): void;
}

export function createSettingsService(prisma: PrismaClient, ttlMs = 60_000, now: () => number = Date.now): SettingsService {
  let cached: { value: MunicipalityProfile; until: number } | undefined;
  return {
    async profile() {
      if (cached && cached.until > now()) return cached.value;
      const row = await prisma.municipalitySettings.findUnique({ where: { id: 1 } });
      const value: MunicipalityProfile = row
        ? {
            name: row.name,
            logoUrl: row.logoUrl,
            contactEmail: row.contactEmail,
            contactPhone: row.contactPhone,
            address: row.address,
            websiteUrl: row.websiteUrl,
          }
        : FALLBACK_MUNICIPALITY;
      cached = { value, until: now() + ttlMs };
      return value;
    },
    async retention() {
      const row = await prisma.municipalitySettings.findUnique({
        where: { id: 1 },
        select: { interestRetentionMonths: true, memberInactivityMonths: true, auditRetentionMonths: true },
      });
      if (!row) return DEFAULT_RETENTION;
      return {
        interestMonths: row.interestRetentionMonths,
        memberInactivityMonths: row.memberInactivityMonths,
        auditMonths: row.auditRetentionMonths,
      };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
