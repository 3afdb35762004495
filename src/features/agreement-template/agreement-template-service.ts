// The municipality's agreement template, versioned. A saved version is never changed:
// saving the edited template creates version N + 1 with all its sections and checklist
// items, so whatever points at a version (later: the agreements written from it) keeps
// its text. The current template is the highest version; before the first save it is
// the portal's standard, version 0 (default-template.ts), which is not stored.
import { isUniqueViolation } from '../../db/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { type PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { DEFAULT_CHECKLIST, DEFAULT_SECTIONS, type TemplateChecklistItem, type TemplateSection } from './default-template.js';
import type { TemplateFormData } from './agreement-template-schemas.js';

export interface TemplateVersion {
  /** 0 is the portal's standard. */
  number: number;
  createdAt: Date | null;
  createdByName: string | null;
  note: string;
  sections: TemplateSection[];
  checklist: TemplateChecklistItem[];
}

export interface TemplateHistoryEntry {
  number: number;
  createdAt: Date;
  createdByName: string | null;
  note: string;
}

export type SaveOutcome = { ok: true; number: number } | { ok: false; reason: 'conflict' };

const STANDARD: TemplateVersion = {
  number: 0,
  createdAt: null,
  createdByName: null,
  note: '',
  sections: [...DEFAULT_SECTIONS],
  checklist: [...DEFAULT_CHECKLIST],
};

const WITH_ROWS = {
  createdBy: { select: { name: true } },
  sections: { orderBy: { sortOrder: 'asc' } },
  checklistItems: { orderBy: { sortOrder: 'asc' } },
} as const satisfies Prisma.AgreementTemplateVersionInclude;

type StoredVersion = Prisma.AgreementTemplateVersionGetPayload<{ include: typeof WITH_ROWS }>;

function toVersion(row: StoredVersion): TemplateVersion {
  return {
    number: row.number,
    createdAt: row.createdAt,
    createdByName: row.createdBy?.name ?? null,
    note: row.note,
    sections: row.sections.map(({ key, titleDa, titleEn, guidanceDa, guidanceEn }) => ({ key, titleDa, titleEn, guidanceDa, guidanceEn })),
    checklist: row.checklistItems.map(({ key, textDa, textEn, guidanceDa, guidanceEn }) => ({
      key,
      textDa,
      textEn,
      guidanceDa,
      guidanceEn,
    })),
  };
}

export function createAgreementTemplateService(prisma: PrismaClient) {
  return {
    /** The template in use: the highest saved version, or the standard. */
    async current(): Promise<TemplateVersion> {
      const row = await prisma.agreementTemplateVersion.findFirst({ orderBy: { number: 'desc' }, include: WITH_ROWS });
      return row ? toVersion(row) : STANDARD;
    },

    /** One version by its number (0: the standard); null if there is none. */
    async version(number: number): Promise<TemplateVersion | null> {
      if (number === 0) return STANDARD;
      const row = await prisma.agreementTemplateVersion.findUnique({ where: { number }, include: WITH_ROWS });
      return row ? toVersion(row) : null;
    },

    /** The saved versions, newest first (the standard, version 0, is not among them). */
    async history(): Promise<TemplateHistoryEntry[]> {
      const rows = await prisma.agreementTemplateVersion.findMany({
        orderBy: { number: 'desc' },
        select: { number: true, createdAt: true, note: true, createdBy: { select: { name: true } } },
      });
      return rows.map((row) => ({
        number: row.number,
        createdAt: row.createdAt,
        note: row.note,
        createdByName: row.createdBy?.name ?? null,
      }));
    },

    /**
     * Saves the edited template as the version after `basedOn`, the one the form was
     * loaded from. If another version was saved since, nothing is saved ('conflict'):
     * the check below, and the unique number for two saves at the same moment.
     */
    async saveVersion(basedOn: number, data: TemplateFormData, context: ChangeContext): Promise<SaveOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          const latest = await tx.agreementTemplateVersion.findFirst({ orderBy: { number: 'desc' }, select: { number: true } });
          if ((latest?.number ?? 0) !== basedOn) return { ok: false, reason: 'conflict' } as const;
          const number = basedOn + 1;
          const version = await tx.agreementTemplateVersion.create({
            data: {
              number,
              note: data.note,
              createdById: context.actorUserId,
              createdAt: context.now,
              sections: { create: data.sections.map((section, index) => ({ ...section, sortOrder: index + 1 })) },
              checklistItems: { create: data.checklist.map((item, index) => ({ ...item, sortOrder: index + 1 })) },
            },
            select: { id: true },
          });
          await writeAudit(tx, context, {
            action: 'agreementTemplate.versionCreated',
            targetType: 'agreementTemplateVersion',
            targetId: version.id,
            details: { number, sections: data.sections.length, checklistItems: data.checklist.length },
          });
          return { ok: true, number } as const;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
        throw error;
      }
    },
  };
}

export type AgreementTemplateService = ReturnType<typeof createAgreementTemplateService>;
