// Collaboration-agreement drafts. An agreement is written from the current template:
// its number is stored and its sections are copied into the agreement's own rows, so
// a later edit of the template never changes an agreement already made. Partners are
// approved associations from the register or external partners by name and e-mail;
// the municipality (its unit) is always the first party.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import type { FieldError } from '../../validation/form.js';
import type { AgreementTemplateService } from '../agreement-template/agreement-template-service.js';
import type { TemplateSection } from '../agreement-template/default-template.js';
import { PUBLIC_FIELDS, type EditAgreementData, type NewAgreementData } from './agreement-schemas.js';

export type CreateOutcome = { ok: true; id: number } | { ok: false; reason: 'invalid'; errors: FieldError[] };
export type UpdateOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'conflict' | 'closed' };

export const WITH_ROWS = {
  sections: { orderBy: { sortOrder: 'asc' } },
  parties: { orderBy: { sortOrder: 'asc' }, include: { association: { select: { id: true, name: true, slug: true } } } },
  budgetLines: { orderBy: { sortOrder: 'asc' } },
  createdBy: { select: { name: true } },
} as const satisfies Prisma.AgreementInclude;

export type AgreementWithRows = Prisma.AgreementGetPayload<{ include: typeof WITH_ROWS }>;

/** The name a party is shown by: the association's from the register, else its own. */
export const partyName = (party: { name: string; association: { name: string } | null }) => party.association?.name ?? party.name;

const SCALAR_FIELDS = ['startsOn', 'endsOn', 'noticeMonths', 'reviewIntervalMonths'] as const;

/**
 * An agreement's own copy of the template's sections (the template may change later;
 * the agreement keeps what it was written from), in order, with an optional first text.
 */
export function sectionsFromTemplate(sections: readonly TemplateSection[], bodyOf: (key: string) => string = () => '') {
  return sections.map((section, index) => ({
    key: section.key,
    sortOrder: index + 1,
    titleDa: section.titleDa,
    titleEn: section.titleEn,
    guidanceDa: section.guidanceDa,
    guidanceEn: section.guidanceEn,
    body: bodyOf(section.key),
  }));
}

export function createAgreementService(prisma: PrismaClient, deps: { templates: AgreementTemplateService }) {
  return {
    /** Every agreement with its partners' names, newest first. */
    async list() {
      return prisma.agreement.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          title: true,
          municipalUnit: true,
          level: true,
          status: true,
          startsOn: true,
          reviewIntervalMonths: true,
          parties: {
            where: { kind: { not: 'MUNICIPALITY' } },
            orderBy: { sortOrder: 'asc' },
            select: { name: true, association: { select: { name: true } } },
          },
        },
      });
    },

    async find(id: number): Promise<AgreementWithRows | null> {
      return prisma.agreement.findUnique({ where: { id }, include: WITH_ROWS });
    },

    /** The openings linked to an agreement (by its partners, on their opening form), in any status. */
    async openingsFor(agreementId: number) {
      return prisma.opening.findMany({
        where: { agreementId },
        orderBy: [{ title: 'asc' }, { id: 'asc' }],
        select: { id: true, title: true, status: true, deadline: true, association: { select: { name: true } } },
      });
    },

    /** The associations an agreement can be made with: the approved ones in the register. */
    async partnerChoices() {
      return prisma.association.findMany({ where: { status: 'APPROVED' }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
    },

    async create(data: NewAgreementData, context: ChangeContext): Promise<CreateOutcome> {
      const template = await deps.templates.current();
      return prisma.$transaction(async (tx) => {
        const associations = await tx.association.findMany({
          where: { id: { in: data.associationIds }, status: 'APPROVED' },
          select: { id: true, name: true, email: true, contactName: true },
        });
        // An id that is not an approved association is refused the same way whether it
        // does not exist or is pending or rejected: "unknown partner".
        if (associations.length !== data.associationIds.length) {
          return { ok: false, reason: 'invalid', errors: [{ field: 'associationIds', key: 'agreements.errors.unknownPartner' }] } as const;
        }
        const byId = new Map(associations.map((a) => [a.id, a]));
        const parties: Prisma.AgreementPartyCreateWithoutAgreementInput[] = [
          { kind: 'MUNICIPALITY', name: data.municipalUnit, sortOrder: 1 },
          ...data.associationIds.map((id, index) => {
            const association = byId.get(id)!;
            return {
              kind: 'ASSOCIATION' as const,
              association: { connect: { id } },
              contactName: association.contactName ?? '',
              contactEmail: association.email,
              sortOrder: index + 2,
            };
          }),
          ...data.externals.map((partner, index) => ({
            kind: 'EXTERNAL' as const,
            name: partner.name,
            contactName: partner.contactName,
            contactEmail: partner.contactEmail,
            sortOrder: data.associationIds.length + index + 2,
          })),
        ];
        const publicChoices = Object.fromEntries(
          Object.entries(PUBLIC_FIELDS).map(([field, column]) => [column, data.publicFields.has(field as keyof typeof PUBLIC_FIELDS)]),
        );
        const agreement = await tx.agreement.create({
          data: {
            title: data.title,
            municipalUnit: data.municipalUnit,
            level: data.level,
            templateVersion: template.number,
            startsOn: data.startsOn,
            endsOn: data.endsOn,
            noticeMonths: data.noticeMonths,
            reviewIntervalMonths: data.reviewIntervalMonths,
            howToJoin: data.howToJoin,
            ...publicChoices,
            createdById: context.actorUserId,
            createdAt: context.now,
            sections: {
              create: sectionsFromTemplate(template.sections),
            },
            parties: { create: parties },
          },
          select: { id: true },
        });
        await writeAudit(tx, context, {
          action: 'agreement.created',
          targetType: 'agreement',
          targetId: agreement.id,
          details: {
            templateVersion: template.number,
            level: data.level,
            associationIds: data.associationIds,
            externalPartners: data.externals.length,
            sections: template.sections.length,
            // Free text: only whether there is any.
            howToJoin: data.howToJoin ? '(changed)' : '',
          },
        });
        return { ok: true, id: agreement.id } as const;
      });
    },

    /**
     * Saves the edit form of a draft if it is still at `version` (optimistic locking):
     * the terms, the sections' bodies, the parties' parts and the partners' contacts
     * (an external partner's name too), and the budget (replaced as a whole). Section
     * and party ids from another agreement are refused. The title, unit, level and the
     * set of partners stay as created.
     */
    async update(id: number, version: number, data: EditAgreementData, context: ChangeContext): Promise<UpdateOutcome> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.agreement.findUnique({ where: { id }, include: WITH_ROWS });
        if (!current) return { ok: false, reason: 'not-found' } as const;
        // An ended or evaluated agreement is history (agreement-workflow-service.ts).
        if (current.status === 'ENDED' || current.status === 'EVALUATED') return { ok: false, reason: 'closed' } as const;
        const sectionsById = new Map(current.sections.map((s) => [s.id, s]));
        const partiesById = new Map(current.parties.map((p) => [p.id, p]));
        if (
          [...data.sections.keys()].some((sid) => !sectionsById.has(sid)) ||
          [...data.parties.keys()].some((pid) => !partiesById.has(pid))
        ) {
          return { ok: false, reason: 'not-found' } as const;
        }
        const { count } = await tx.agreement.updateMany({
          where: { id, version },
          data: { ...data.terms, howToJoin: data.howToJoin, version: { increment: 1 }, updatedAt: context.now },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;

        // Before/after for the audit: the scalar terms as they are; free text only as "(changed)".
        const before: Record<string, unknown> = Object.fromEntries(SCALAR_FIELDS.map((f) => [f, current[f]]));
        const after: Record<string, unknown> = { ...data.terms };
        const redact: string[] = [];
        // The public "how to join in" text is free text: recorded as "(changed)" only.
        before.howToJoin = current.howToJoin;
        after.howToJoin = data.howToJoin;
        redact.push('howToJoin');
        for (const [sectionId, body] of data.sections) {
          const section = sectionsById.get(sectionId)!;
          if (section.body === body) continue;
          await tx.agreementSection.update({ where: { id: sectionId }, data: { body } });
          before[`section.${section.key}`] = section.body;
          after[`section.${section.key}`] = body;
          redact.push(`section.${section.key}`);
        }
        // An association's blank contact e-mail falls back to its e-mail in the register.
        const registerEmails = new Map(
          (
            await tx.association.findMany({
              where: { id: { in: current.parties.flatMap((p) => (p.associationId === null ? [] : [p.associationId])) } },
              select: { id: true, email: true },
            })
          ).map((a) => [a.id, a.email]),
        );
        for (const [partyId, { contact, ...part }] of data.parties) {
          const party = partiesById.get(partyId)!;
          const saved: Prisma.AgreementPartyUpdateInput = { ...part };
          // Partners' contacts (where the e-mails and answer links go); an external
          // partner's name too. The municipality has none: it is the unit.
          if (contact && party.kind !== 'MUNICIPALITY') {
            saved.contactName = contact.contactName;
            saved.contactEmail =
              contact.contactEmail ?? (party.associationId === null ? null : (registerEmails.get(party.associationId) ?? null));
            if (party.kind === 'EXTERNAL' && contact.name) saved.name = contact.name;
          }
          await tx.agreementParty.update({ where: { id: partyId }, data: saved });
          for (const field of ['tasks', 'contributes', 'checksChildCertificates', 'handlesPersonalData'] as const) {
            const name = `party.${party.sortOrder}.${field}`;
            before[name] = party[field];
            after[name] = part[field];
            if (field === 'tasks' || field === 'contributes') redact.push(name);
          }
          // Contact details are personal data: recorded as "(changed)" only, never the address.
          for (const field of ['name', 'contactName', 'contactEmail'] as const) {
            if (saved[field] === undefined) continue;
            const name = `party.${party.sortOrder}.${field}`;
            before[name] = party[field];
            after[name] = saved[field];
            redact.push(name);
          }
        }
        const budget = (lines: { label: string; amountDkk: number; paidBy: string }[]) =>
          lines.map((l) => `${l.label}|${l.amountDkk}|${l.paidBy}`).join('\n');
        before.budget = budget(current.budgetLines);
        after.budget = budget(data.budgetLines);
        redact.push('budget');
        before.budgetTotalDkk = current.budgetLines.reduce((sum, l) => sum + l.amountDkk, 0);
        after.budgetTotalDkk = data.budgetLines.reduce((sum, l) => sum + l.amountDkk, 0);
        await tx.agreementBudgetLine.deleteMany({ where: { agreementId: id } });
        await tx.agreementBudgetLine.createMany({
          data: data.budgetLines.map((line, index) => ({ agreementId: id, ...line, sortOrder: index + 1 })),
        });

        const changes = changedFields(before, after, Object.keys(after), { redact });
        await writeAudit(tx, context, {
          action: 'agreement.updated',
          targetType: 'agreement',
          targetId: id,
          details: { version: version + 1 },
          before: changes.before,
          after: changes.after,
        });
        return { ok: true } as const;
      });
    },
  };
}

export type AgreementService = ReturnType<typeof createAgreementService>;
