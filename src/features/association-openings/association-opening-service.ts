// An association's own openings: list, create, edit and move through
// DRAFT → PUBLISHED ⇄ DRAFT, → CLOSED. Every query carries the association's id, so
// another association's opening id matches nothing. Edits and status changes are
// optimistic-locked on `version`: two members editing at once cannot silently
// overwrite each other. Every change writes its audit row in its own transaction.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AssociationStatus, OpeningStatus } from '../../generated/prisma/enums.js';
import { changedFields, writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import type { FieldError } from '../../validation/form.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import type { OpeningFormData } from './association-opening-schemas.js';
import { vocabularyOptions, type VocabularyCache } from '../vocabularies/vocabulary-options.js';

export type StatusAction = 'publish' | 'unpublish' | 'close';

export type WriteOutcome =
  | { ok: true; openingId: number; status: OpeningStatus }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict' }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

const STATUS_AUDIT_ACTIONS: Record<StatusAction, string> = {
  publish: 'opening.published',
  unpublish: 'opening.unpublished',
  close: 'opening.closed',
};

/**
 * The opening's fields as the audit of an edit sees them. Text the association typed
 * (and the contact person's name, e-mail and phone) is recorded as "changed" only.
 */
const AUDITED_FIELDS = [
  'title',
  'summary',
  'description',
  'tasks',
  'form',
  'commitment',
  'timeCommitment',
  'place',
  'localAreaId',
  'agreementId',
  'targetGroupIds',
  'skillAreaIds',
  'skills',
  'childCertificateRequired',
  'startsOn',
  'endsOn',
  'deadline',
  'contactName',
  'contactEmail',
  'contactPhone',
  'status',
  'publishedAt',
] as const;
const REDACTED_FIELDS = [
  'title',
  'summary',
  'description',
  'tasks',
  'timeCommitment',
  'place',
  'skills',
  'contactName',
  'contactEmail',
  'contactPhone',
] as const satisfies readonly (typeof AUDITED_FIELDS)[number][];

type AuditedOpening = Record<(typeof AUDITED_FIELDS)[number], unknown>;

/** Why an opening may not be published now, as field errors for the form. */
export function publishProblems(
  associationStatus: AssociationStatus,
  opening: { deadline: Date | null; startsOn: Date | null; endsOn: Date | null },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  if (associationStatus !== 'APPROVED') errors.push({ field: 'handling', key: 'associationOpenings.errors.associationNotApproved' });
  if (opening.deadline && opening.deadline < municipalityTodayDate(now)) {
    errors.push({ field: 'deadline', key: 'associationOpenings.errors.deadlinePassed' });
  }
  if (opening.startsOn && opening.endsOn && opening.endsOn < opening.startsOn) {
    errors.push({ field: 'endsOn', key: 'associationOpenings.errors.endBeforeStart' });
  }
  return errors;
}

function columns(data: OpeningFormData) {
  return {
    title: data.title,
    summary: data.summary,
    description: data.description,
    tasks: data.tasks,
    form: data.volunteeringForm,
    commitment: data.commitment,
    timeCommitment: data.timeCommitment,
    place: data.place,
    localAreaId: data.localAreaId,
    agreementId: data.agreementId,
    skills: data.skills,
    childCertificateRequired: data.childCertificateRequired,
    startsOn: data.startsOn,
    endsOn: data.endsOn,
    deadline: data.deadline,
    contactName: data.contactName,
    contactEmail: data.contactEmail,
    contactPhone: data.contactPhone,
  };
}

/** Link lists compare as sorted id lists. */
const sortedIds = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

/**
 * The agreements an association's opening may be linked to: those the association is a
 * party to that are ACCEPTED or ACTIVE (agreed, so the collaboration is real), plus the
 * one the opening is already linked to (`keepId`), so editing an opening whose
 * agreement has since ended does not unlink it without the member choosing to.
 */
const LINKABLE_AGREEMENT_STATUSES = ['ACCEPTED', 'ACTIVE'] as const;

/** The vocabulary values an opening already has: they stay choosable after being retired. */
interface KeptValues {
  localAreaIds: number[];
  targetGroupIds: number[];
  skillAreaIds: number[];
}

function keptOf(opening: { localAreaId: number | null; targetGroups: { id: number }[]; skillAreas: { id: number }[] } | null): KeptValues {
  return {
    localAreaIds: opening?.localAreaId != null ? [opening.localAreaId] : [],
    targetGroupIds: opening?.targetGroups.map((group) => group.id) ?? [],
    skillAreaIds: opening?.skillAreas.map((area) => area.id) ?? [],
  };
}

export function createAssociationOpeningService(prisma: PrismaClient, deps: { vocabularyCache: VocabularyCache }) {
  async function agreementChoices(associationId: number, keepId: number | null = null) {
    return prisma.agreement.findMany({
      where: {
        parties: { some: { associationId } },
        OR: [{ status: { in: [...LINKABLE_AGREEMENT_STATUSES] } }, ...(keepId === null ? [] : [{ id: keepId }])],
      },
      orderBy: [{ title: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true },
    });
  }

  /** An agreement id that is not one of the association's choices: "unknown agreement", whether it exists or not. */
  async function agreementErrors(associationId: number, agreementId: number | null, keepId: number | null): Promise<FieldError[]> {
    if (agreementId === null) return [];
    const choices = await agreementChoices(associationId, keepId);
    return choices.some((c) => c.id === agreementId) ? [] : [{ field: 'agreementId', key: 'collaborations.errors.unknownAgreement' }];
  }

  const vocabularies = vocabularyOptions(prisma, deps.vocabularyCache);

  async function keptValues(associationId: number, openingId: number | null): Promise<KeptValues> {
    if (openingId === null) return keptOf(null);
    return keptOf(
      await prisma.opening.findFirst({
        where: { id: openingId, associationId },
        select: { localAreaId: true, targetGroups: { select: { id: true } }, skillAreas: { select: { id: true } } },
      }),
    );
  }

  /**
   * Chosen local area, target groups and skill areas must be active values, or ones the
   * opening already had (the form offers only those; vocabulary-options.ts).
   */
  async function lookupErrors(data: OpeningFormData, keep: KeptValues): Promise<FieldError[]> {
    const [localArea, targetGroups, skillAreas] = await Promise.all([
      vocabularies.acceptable('localArea', data.localAreaId === null ? [] : [data.localAreaId], keep.localAreaIds),
      vocabularies.acceptable('targetGroup', data.targetGroupIds, keep.targetGroupIds),
      vocabularies.acceptable('skillArea', data.skillAreaIds, keep.skillAreaIds),
    ]);
    const errors: FieldError[] = [];
    if (!localArea) errors.push({ field: 'localAreaId', key: 'validation.invalid' });
    if (!targetGroups) errors.push({ field: 'targetGroupIds', key: 'validation.invalid' });
    if (!skillAreas) errors.push({ field: 'skillAreaIds', key: 'validation.invalid' });
    return errors;
  }

  return {
    async list(associationId: number) {
      return prisma.opening.findMany({
        where: { associationId },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        select: {
          id: true,
          title: true,
          status: true,
          deadline: true,
          publishedAt: true,
          updatedAt: true,
          version: true,
          _count: { select: { interests: true } },
        },
      });
    },

    agreementChoices,

    /**
     * The choices the form offers, in their display order: the active values, plus the
     * retired ones the opening being edited already has.
     */
    async choices(associationId: number, openingId: number | null) {
      const keep = await keptValues(associationId, openingId);
      const [localAreas, targetGroups, skillAreas] = await Promise.all([
        vocabularies.choices('localArea', keep.localAreaIds),
        vocabularies.choices('targetGroup', keep.targetGroupIds),
        vocabularies.choices('skillArea', keep.skillAreaIds),
      ]);
      return { localAreas, targetGroups, skillAreas };
    },

    async find(associationId: number, openingId: number) {
      return prisma.opening.findFirst({
        where: { id: openingId, associationId },
        include: { targetGroups: { select: { id: true } }, skillAreas: { select: { id: true } } },
      });
    },

    async create(
      association: { id: number; status: AssociationStatus },
      data: OpeningFormData,
      publish: boolean,
      context: ChangeContext,
    ): Promise<WriteOutcome> {
      const errors = [
        ...(await lookupErrors(data, keptOf(null))),
        ...(await agreementErrors(association.id, data.agreementId, null)),
        ...(publish ? publishProblems(association.status, data, context.now) : []),
      ];
      if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
      const status: OpeningStatus = publish ? 'PUBLISHED' : 'DRAFT';
      return prisma.$transaction(async (tx): Promise<WriteOutcome> => {
        const row = await tx.opening.create({
          data: {
            ...columns(data),
            associationId: association.id,
            status,
            publishedAt: publish ? context.now : null,
            targetGroups: { connect: data.targetGroupIds.map((id) => ({ id })) },
            skillAreas: { connect: data.skillAreaIds.map((id) => ({ id })) },
          },
          select: { id: true },
        });
        await writeAudit(tx, context, {
          action: 'opening.created',
          targetType: 'opening',
          targetId: row.id,
          details: { associationId: association.id, status, agreementId: data.agreementId },
        });
        return { ok: true, openingId: row.id, status };
      });
    },

    async update(
      association: { id: number; status: AssociationStatus },
      openingId: number,
      version: number,
      data: OpeningFormData,
      publish: boolean,
      context: ChangeContext,
    ): Promise<WriteOutcome> {
      const current = await prisma.opening.findFirst({
        where: { id: openingId, associationId: association.id },
        include: { targetGroups: { select: { id: true } }, skillAreas: { select: { id: true } } },
      });
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== version) return { ok: false, reason: 'conflict' };
      const status: OpeningStatus = publish ? 'PUBLISHED' : current.status;
      const errors = [
        ...(await lookupErrors(data, keptOf(current))),
        ...(await agreementErrors(association.id, data.agreementId, current.agreementId)),
        // A published opening stays public, so it must keep meeting the rules.
        ...(status === 'PUBLISHED' ? publishProblems(association.status, data, context.now) : []),
      ];
      if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
      const publishedAt = publish && current.status !== 'PUBLISHED' ? context.now : current.publishedAt;

      return prisma.$transaction(async (tx): Promise<WriteOutcome> => {
        // The version check and the write are one statement: of two concurrent saves
        // of the same version, exactly one matches. The row read above had this
        // version, so it is what this save replaces.
        const { count } = await tx.opening.updateMany({
          where: { id: openingId, associationId: association.id, version },
          data: { ...columns(data), status, publishedAt, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        await tx.opening.update({
          where: { id: openingId },
          data: {
            targetGroups: { set: data.targetGroupIds.map((id) => ({ id })) },
            skillAreas: { set: data.skillAreaIds.map((id) => ({ id })) },
          },
        });
        const before: AuditedOpening = {
          ...current,
          targetGroupIds: sortedIds(current.targetGroups.map((group) => group.id)),
          skillAreaIds: sortedIds(current.skillAreas.map((area) => area.id)),
        };
        const after: AuditedOpening = {
          ...columns(data),
          targetGroupIds: sortedIds(data.targetGroupIds),
          skillAreaIds: sortedIds(data.skillAreaIds),
          status,
          publishedAt,
        };
        await writeAudit(tx, context, {
          action: 'opening.updated',
          targetType: 'opening',
          targetId: openingId,
          details: { associationId: association.id, status },
          ...changedFields(before, after, AUDITED_FIELDS, { redact: REDACTED_FIELDS }),
        });
        return { ok: true, openingId, status };
      });
    },

    async changeStatus(
      association: { id: number; status: AssociationStatus },
      openingId: number,
      version: number,
      action: StatusAction,
      context: ChangeContext,
    ): Promise<WriteOutcome> {
      const current = await prisma.opening.findFirst({
        where: { id: openingId, associationId: association.id },
        select: { id: true, status: true, version: true, publishedAt: true, deadline: true, startsOn: true, endsOn: true },
      });
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== version) return { ok: false, reason: 'conflict' };
      if (action === 'publish') {
        const problems = publishProblems(association.status, current, context.now);
        if (problems.length > 0) return { ok: false, reason: 'invalid', errors: problems };
      }
      const status: OpeningStatus = action === 'publish' ? 'PUBLISHED' : action === 'unpublish' ? 'DRAFT' : 'CLOSED';
      const publishedAt = action === 'publish' && current.status !== 'PUBLISHED' ? context.now : current.publishedAt;
      return prisma.$transaction(async (tx): Promise<WriteOutcome> => {
        const { count } = await tx.opening.updateMany({
          where: { id: openingId, associationId: association.id, version },
          data: { status, publishedAt, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' };
        await writeAudit(tx, context, {
          action: STATUS_AUDIT_ACTIONS[action],
          targetType: 'opening',
          targetId: openingId,
          details: { associationId: association.id, status },
          ...changedFields(current, { status, publishedAt }, ['status', 'publishedAt']),
        });
        return { ok: true, openingId, status };
      });
    },
  };
}

export type AssociationOpeningService = ReturnType<typeof createAssociationOpeningService>;
