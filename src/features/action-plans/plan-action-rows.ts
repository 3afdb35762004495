// An action's rows as one unit: the action, its goals, who is responsible, and the
// agreements and openings that carry it out. The action form (action-plans/) and the
// CSV/XLSX import (plan-reports/) both save through saveActionRows, so an imported row
// and a typed one are stored — and audited — the same way.
import type { Prisma } from '../../generated/prisma/client.js';
import type { ResponsibleKind } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';

export interface ResponsibleData {
  kind: ResponsibleKind;
  /** For ASSOCIATION: an association from the register. */
  associationId: number | null;
  /** For MUNICIPAL_UNIT and OTHER: the name. */
  name: string;
}

export interface ActionData {
  year: number;
  title: string;
  description: string;
  plannedFrom: Date | null;
  plannedTo: Date | null;
  indicator: string;
  indicatorTarget: number | null;
  /** Goal numbers of the plan (Mål 1, 2, …), not row ids: the form and the file speak of numbers. */
  goalNumbers: number[];
  responsibles: ResponsibleData[];
  agreementIds: number[];
  openingIds: number[];
}

export type SaveActionOutcome =
  | { ok: true; id: number }
  | { ok: false; reason: 'not-found' | 'conflict' }
  | { ok: false; reason: 'unknown-reference'; field: 'goalNumbers' | 'responsibles' | 'agreementIds' | 'openingIds' };

/** The audit target of everything in a plan: its history page reads these rows. */
export const planTarget = (planId: number) => ({ targetType: 'action-plan', targetId: planId });

/**
 * Creates (`actionId` null) or updates an action of `planId` with everything it links
 * to, in the caller's transaction, and audits `plan.action-created` / `plan.action-updated`
 * (free text only as "(changed)"). References that are not the plan's goals, not
 * registered associations, agreements or openings are refused, not dropped. An update
 * matches on `expectedVersion` (optimistic locking). `source` says where it came from
 * in the audit ("form", "import", "agreement", "carry-over").
 */
export async function saveActionRows(
  tx: Prisma.TransactionClient,
  planId: number,
  target: { actionId: null } | { actionId: number; expectedVersion: number },
  data: ActionData,
  context: ChangeContext,
  extra: { source: 'form' | 'import' | 'agreement' | 'carry-over'; agreementPartyId?: number | null } = { source: 'form' },
): Promise<SaveActionOutcome> {
  const goals = await tx.planGoal.findMany({ where: { planId, number: { in: data.goalNumbers } }, select: { id: true, number: true } });
  if (goals.length !== new Set(data.goalNumbers).size) return { ok: false, reason: 'unknown-reference', field: 'goalNumbers' };
  const associationIds = [
    ...new Set(data.responsibles.flatMap((r) => (r.kind === 'ASSOCIATION' && r.associationId ? [r.associationId] : []))),
  ];
  if (data.responsibles.some((r) => r.kind === 'ASSOCIATION' && !r.associationId)) {
    return { ok: false, reason: 'unknown-reference', field: 'responsibles' };
  }
  if ((await tx.association.count({ where: { id: { in: associationIds }, status: 'APPROVED' } })) !== associationIds.length) {
    return { ok: false, reason: 'unknown-reference', field: 'responsibles' };
  }
  const agreementIds = [...new Set(data.agreementIds)];
  if ((await tx.agreement.count({ where: { id: { in: agreementIds } } })) !== agreementIds.length) {
    return { ok: false, reason: 'unknown-reference', field: 'agreementIds' };
  }
  const openingIds = [...new Set(data.openingIds)];
  if ((await tx.opening.count({ where: { id: { in: openingIds } } })) !== openingIds.length) {
    return { ok: false, reason: 'unknown-reference', field: 'openingIds' };
  }

  const scalars = {
    year: data.year,
    title: data.title,
    description: data.description,
    plannedFrom: data.plannedFrom,
    plannedTo: data.plannedTo,
    indicator: data.indicator,
    indicatorTarget: data.indicatorTarget,
  };
  const links = {
    goals: { set: goals.map((g) => ({ id: g.id })) },
    agreements: { set: agreementIds.map((id) => ({ id })) },
    openings: { set: openingIds.map((id) => ({ id })) },
  };
  const responsibles = data.responsibles.map((r, index) => ({
    kind: r.kind,
    associationId: r.kind === 'ASSOCIATION' ? r.associationId : null,
    name: r.kind === 'ASSOCIATION' ? '' : r.name,
    sortOrder: index + 1,
  }));

  let id: number;
  if (target.actionId === null) {
    const created = await tx.planAction.create({
      data: {
        planId,
        ...scalars,
        agreementPartyId: extra.agreementPartyId ?? null,
        goals: { connect: goals.map((g) => ({ id: g.id })) },
        agreements: { connect: agreementIds.map((aid) => ({ id: aid })) },
        openings: { connect: openingIds.map((oid) => ({ id: oid })) },
        responsibles: { create: responsibles },
      },
      select: { id: true },
    });
    id = created.id;
  } else {
    const current = await tx.planAction.findFirst({ where: { id: target.actionId, planId }, select: { id: true } });
    if (!current) return { ok: false, reason: 'not-found' };
    const { count } = await tx.planAction.updateMany({
      where: { id: target.actionId, planId, version: target.expectedVersion },
      data: { ...scalars, version: { increment: 1 } },
    });
    if (count === 0) return { ok: false, reason: 'conflict' };
    id = target.actionId;
    await tx.planAction.update({ where: { id }, data: links });
    await tx.planActionResponsible.deleteMany({ where: { actionId: id } });
    await tx.planActionResponsible.createMany({ data: responsibles.map((r) => ({ ...r, actionId: id })) });
  }

  await writeAudit(tx, context, {
    action: target.actionId === null ? 'plan.action-created' : 'plan.action-updated',
    ...planTarget(planId),
    details: {
      actionId: id,
      year: data.year,
      source: extra.source,
      title: '(changed)',
      goals: data.goalNumbers,
      associationIds,
      agreementIds,
      openingIds,
      ...(extra.agreementPartyId ? { agreementPartyId: extra.agreementPartyId } : {}),
    },
  });
  return { ok: true, id };
}
