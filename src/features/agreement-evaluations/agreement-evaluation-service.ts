// The evaluation of an agreement at a review date: staff open it (every partner is
// asked by e-mail), the municipality and each partner answer the checklist of the
// agreement's template version on their own (editable until the decision), staff see
// the answers side by side and decide: CONTINUE, RENEW (a new draft copied from this
// agreement) or END (notice, as the workflow gives it). Every change is one transaction
// with its audit row (target: the agreement) and any e-mail it causes.
import type { TFunction } from 'i18next';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { AgreementDecision, AgreementStatus } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { isUniqueViolation } from '../../db/errors.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import type { AgreementTemplateService } from '../agreement-template/agreement-template-service.js';
import type { TemplateChecklistItem } from '../agreement-template/default-template.js';
import { partyName } from '../agreements/agreement-service.js';
import { readChecklist, type ChecklistAnswers } from '../agreements/evaluation-checklist.js';
import { endByNotice, reviewDue } from '../agreements/agreement-dates.js';
import { dateKey } from '../../time/calendar-months.js';
import { consumePartyLink, findUsableLink, issuePartyLink, partyLinkUrl } from '../agreements/party-links.js';
import { areaPath } from '../association-area/association-area.js';
import { associationRecipients } from '../interests/interest-mail.js';
import type { AnswerFormData } from './agreement-evaluation-schemas.js';
import { associationEvaluationMail, externalEvaluationMail } from './agreement-evaluation-mail.js';
import { compareAnswers, type ComparisonRow } from './evaluation-comparison.js';

/** The association's own evaluation page. */
export const associationEvaluationPath = (associationId: number, agreementId: number) =>
  areaPath(associationId, `/samarbejdsaftaler/${agreementId}/evaluering`);

export interface DueReviewInput {
  status: AgreementStatus;
  startsOn: Date | null;
  endsOn: Date | null;
  reviewIntervalMonths: number | null;
  evaluations: readonly { reviewDate: Date; decision: AgreementDecision | null }[];
}

/**
 * The review date an evaluation is for. ACTIVE: the review due and open by the one
 * rule (reviewDue in next-review.ts, shared with the follow-up page and reminders).
 * ENDED: the end date, unless decided. Else none.
 */
export function dueReview(agreement: DueReviewInput, today: Date): Date | null {
  const decided = new Set(agreement.evaluations.filter((e) => e.decision !== null).map((e) => dateKey(e.reviewDate)));
  if (agreement.status === 'ACTIVE') {
    const due = reviewDue(agreement.startsOn, agreement.reviewIntervalMonths, today, decided);
    return due?.open ? due.date : null;
  }
  if (agreement.status === 'ENDED' && agreement.endsOn) return decided.has(dateKey(agreement.endsOn)) ? null : agreement.endsOn;
  return null;
}

const DETAIL = {
  decidedBy: { select: { name: true } },
  answers: { include: { answeredBy: { select: { name: true } } } },
  agreement: {
    select: {
      id: true,
      title: true,
      status: true,
      templateVersion: true,
      endsOn: true,
      terminatedOn: true,
      version: true,
      parties: {
        orderBy: { sortOrder: 'asc' },
        select: { id: true, kind: true, name: true, associationId: true, association: { select: { name: true } } },
      },
    },
  },
} as const satisfies Prisma.AgreementEvaluationInclude;

type StoredEvaluation = Prisma.AgreementEvaluationGetPayload<{ include: typeof DETAIL }>;

export interface EvaluationParty {
  partyId: number;
  kind: 'MUNICIPALITY' | 'ASSOCIATION' | 'EXTERNAL';
  associationId: number | null;
  name: string;
}

export interface EvaluationAnswer {
  partyId: number;
  checklist: ChecklistAnswers;
  volunteersInvolved: number | null;
  citizensReached: number | null;
  outcomes: string;
  answeredAt: Date;
  answeredByName: string | null;
  version: number;
}

export interface EvaluationDetail {
  id: number;
  agreementId: number;
  agreementTitle: string;
  agreementStatus: AgreementStatus;
  reviewDate: Date;
  openedAt: Date;
  decision: AgreementDecision | null;
  decisionNote: string;
  decidedAt: Date | null;
  decidedByName: string | null;
  renewalId: number | null;
  version: number;
  checklist: TemplateChecklistItem[];
  parties: EvaluationParty[];
  answers: EvaluationAnswer[];
}

export type OpenOutcome = { ok: true; evaluationId: number; created: boolean } | { ok: false; reason: 'not-found' | 'not-due' };
export type SaveAnswerOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'decided' | 'conflict' | 'link-used' };
export type DecideOutcome =
  | { ok: true; renewalId: number | null }
  | { ok: false; reason: 'not-found' | 'decided' | 'conflict' | 'municipality-answer-missing' | 'continue-not-active' | 'not-decidable' };

/** Rolls back an answer whose link was used by another request in the meantime. */
class LinkAlreadyUsed extends Error {}

/** The parties' answers side by side per checklist item (evaluation-comparison.ts), from a loaded evaluation. */
export function comparison(evaluation: EvaluationDetail): ComparisonRow[] {
  return compareAnswers(
    evaluation.checklist,
    evaluation.parties.map((p) => ({ partyId: p.partyId, name: p.name })),
    evaluation.answers,
  );
}

export interface AgreementPanel {
  state: 'none' | 'due' | 'open' | 'decided';
  reviewDate: Date | null;
  answered: number;
  parties: number;
  decision: AgreementDecision | null;
  href: string;
}

export function createAgreementEvaluationService(prisma: PrismaClient, deps: { templates: AgreementTemplateService }) {
  const checklistOf = async (templateVersion: number) => {
    const template = await deps.templates.version(templateVersion);
    // Template versions are never deleted, so an agreement's version always exists.
    if (!template) throw new Error(`agreement template version ${templateVersion} is missing`);
    return template.checklist;
  };

  const toDetail = async (row: StoredEvaluation): Promise<EvaluationDetail> => ({
    id: row.id,
    agreementId: row.agreementId,
    agreementTitle: row.agreement.title,
    agreementStatus: row.agreement.status,
    reviewDate: row.reviewDate,
    openedAt: row.openedAt,
    decision: row.decision,
    decisionNote: row.decisionNote,
    decidedAt: row.decidedAt,
    decidedByName: row.decidedBy?.name ?? null,
    renewalId: row.renewalId,
    version: row.version,
    checklist: await checklistOf(row.agreement.templateVersion),
    parties: row.agreement.parties.map((p) => ({ partyId: p.id, kind: p.kind, associationId: p.associationId, name: partyName(p) })),
    answers: row.answers.map((a) => ({
      partyId: a.partyId,
      checklist: readChecklist(a.checklist),
      volunteersInvolved: a.volunteersInvolved,
      citizensReached: a.citizensReached,
      outcomes: a.outcomes,
      answeredAt: a.answeredAt,
      answeredByName: a.answeredBy?.name ?? null,
      version: a.version,
    })),
  });

  const agreementForReview = (agreementId: number) =>
    prisma.agreement.findUnique({
      where: { id: agreementId },
      select: {
        id: true,
        title: true,
        status: true,
        startsOn: true,
        endsOn: true,
        reviewIntervalMonths: true,
        evaluations: { orderBy: [{ reviewDate: 'desc' }, { id: 'desc' }], select: { id: true, reviewDate: true, decision: true } },
      },
    });

  /** One evaluation of an agreement (null for another agreement's id). */
  const find = async (agreementId: number, evaluationId: number): Promise<EvaluationDetail | null> => {
    const row = await prisma.agreementEvaluation.findFirst({ where: { id: evaluationId, agreementId }, include: DETAIL });
    return row ? toDetail(row) : null;
  };

  return {
    dueReview,
    comparison,

    /**
     * The staff page's picture of an agreement: its evaluation in progress (else the
     * last decided one), the earlier ones, and the review due when none is open.
     */
    async overview(agreementId: number, today: Date) {
      const agreement = await agreementForReview(agreementId);
      if (!agreement) return null;
      const open = agreement.evaluations.find((e) => e.decision === null);
      const currentId = open?.id ?? agreement.evaluations[0]?.id;
      const current = currentId ? await find(agreementId, currentId) : null;
      return {
        agreement: { id: agreement.id, title: agreement.title, status: agreement.status },
        current,
        due: open ? null : dueReview(agreement, today),
        earlier: agreement.evaluations.filter((e) => e.id !== currentId),
      };
    },

    find,

    /**
     * The evaluation an association sees of an agreement it is party to: the open one,
     * else the last decided one; null when the association is no party or there is none.
     */
    async forAssociation(agreementId: number, associationId: number) {
      const party = await prisma.agreementParty.findFirst({
        where: { agreementId, associationId, kind: 'ASSOCIATION' },
        select: { id: true },
      });
      if (!party) return null;
      const rows = await prisma.agreementEvaluation.findMany({
        where: { agreementId },
        orderBy: [{ reviewDate: 'desc' }, { id: 'desc' }],
        select: { id: true, decision: true },
      });
      const chosen = rows.find((r) => r.decision === null) ?? rows[0];
      if (!chosen) return null;
      const evaluation = await find(agreementId, chosen.id);
      return evaluation ? { evaluation, partyId: party.id } : null;
    },

    /** The EVALUATE link a token opens, if it can still be used. */
    findLink: (token: unknown, now: Date) => findUsableLink(prisma, token, 'EVALUATE', now),

    /** The evaluation behind an EVALUATE link. */
    async forLink(evaluationId: number) {
      const row = await prisma.agreementEvaluation.findUnique({ where: { id: evaluationId }, include: DETAIL });
      return row ? toDetail(row) : null;
    },

    /** The short box on the agreement's page. */
    async panel(agreementId: number, today: Date, href: string): Promise<AgreementPanel | null> {
      const agreement = await agreementForReview(agreementId);
      if (!agreement) return null;
      const partiesCount = await prisma.agreementParty.count({ where: { agreementId } });
      const open = agreement.evaluations.find((e) => e.decision === null);
      const base = { parties: partiesCount, answered: 0, decision: null, href };
      if (open) {
        const answered = await prisma.agreementEvaluationAnswer.count({ where: { evaluationId: open.id } });
        return { ...base, state: 'open', reviewDate: open.reviewDate, answered };
      }
      const due = dueReview(agreement, today);
      if (due) return { ...base, state: 'due', reviewDate: due };
      const last = agreement.evaluations[0];
      if (last) return { ...base, state: 'decided', reviewDate: last.reviewDate, decision: last.decision };
      return { ...base, state: 'none', reviewDate: null };
    },

    /**
     * Opens the evaluation of the due review and asks every partner by e-mail. If one is
     * open already, nothing happens (opening twice is harmless; no second round of mail).
     */
    async open(agreementId: number, context: ChangeContext, baseUrl: string, t: TFunction): Promise<OpenOutcome> {
      const today = municipalityTodayDate(context.now);
      try {
        return await prisma.$transaction(async (tx) => {
          const agreement = await tx.agreement.findUnique({
            where: { id: agreementId },
            select: {
              id: true,
              title: true,
              municipalUnit: true,
              status: true,
              startsOn: true,
              endsOn: true,
              reviewIntervalMonths: true,
              evaluations: { select: { id: true, reviewDate: true, decision: true } },
              parties: {
                where: { kind: { not: 'MUNICIPALITY' } },
                orderBy: { sortOrder: 'asc' },
                select: { id: true, kind: true, associationId: true, contactEmail: true, association: { select: { email: true } } },
              },
            },
          });
          if (!agreement) return { ok: false, reason: 'not-found' } as const;
          const open = agreement.evaluations.find((e) => e.decision === null);
          if (open) return { ok: true, evaluationId: open.id, created: false } as const;
          const reviewDate = dueReview(agreement, today);
          if (!reviewDate) return { ok: false, reason: 'not-due' } as const;
          const evaluation = await tx.agreementEvaluation.create({
            data: { agreementId, reviewDate, openedAt: context.now },
            select: { id: true },
          });
          const messages: MailMessage[] = [];
          const text = { t, title: agreement.title, municipalUnit: agreement.municipalUnit, reviewDate: dateKey(reviewDate) };
          // The associations answer in their areas, so everyone who can log in to one is
          // told, besides its contact address (one message each, as interests do).
          const associationIds = agreement.parties.flatMap((p) =>
            p.kind === 'ASSOCIATION' && p.associationId !== null ? [p.associationId] : [],
          );
          const members = await tx.associationMember.findMany({
            where: { associationId: { in: associationIds }, user: { active: true } },
            select: { associationId: true, user: { select: { email: true } } },
          });
          for (const party of agreement.parties) {
            if (party.kind === 'ASSOCIATION' && party.associationId !== null) {
              const url = `${baseUrl.replace(/\/+$/, '')}${associationEvaluationPath(party.associationId, agreementId)}`;
              const recipients = associationRecipients(
                party.contactEmail ?? party.association?.email ?? '',
                members.filter((m) => m.associationId === party.associationId).map((m) => m.user.email),
              );
              for (const to of recipients) messages.push(associationEvaluationMail({ ...text, to, url }));
            } else {
              const to = party.contactEmail;
              if (!to) continue;
              const token = await issuePartyLink(tx, {
                partyId: party.id,
                purpose: 'EVALUATE',
                evaluationId: evaluation.id,
                now: context.now,
              });
              messages.push(externalEvaluationMail({ ...text, to, url: partyLinkUrl(baseUrl, 'EVALUATE', token) }));
            }
          }
          await queueMail(tx, messages);
          await writeAudit(tx, context, {
            action: 'agreement.evaluation-opened',
            targetType: 'agreement',
            targetId: agreementId,
            details: { evaluationId: evaluation.id, reviewDate: dateKey(reviewDate), messages: messages.length },
          });
          return { ok: true, evaluationId: evaluation.id, created: true } as const;
        });
      } catch (error) {
        // Two staff pressing the button at once: the unique (agreement, review date) lets one win.
        if (isUniqueViolation(error)) {
          const existing = await prisma.agreementEvaluation.findFirst({ where: { agreementId, decision: null }, select: { id: true } });
          if (existing) return { ok: true, evaluationId: existing.id, created: false };
        }
        throw error;
      }
    },

    /**
     * Saves one party's answer: a new one when `expectedVersion` is null, else the one
     * at that version (optimistic locking). Only until the decision. Through an
     * external partner's link (`linkId`), the link is used up in the same transaction.
     */
    async saveAnswer(
      evaluationId: number,
      partyId: number,
      expectedVersion: number | null,
      form: AnswerFormData,
      context: ChangeContext,
      options: { linkId?: number } = {},
    ): Promise<SaveAnswerOutcome> {
      try {
        return await prisma.$transaction(async (tx) => {
          const evaluation = await tx.agreementEvaluation.findUnique({
            where: { id: evaluationId },
            select: { agreementId: true, decision: true },
          });
          if (!evaluation) return { ok: false, reason: 'not-found' } as const;
          const party = await tx.agreementParty.findFirst({
            where: { id: partyId, agreementId: evaluation.agreementId },
            select: { id: true },
          });
          if (!party) return { ok: false, reason: 'not-found' } as const;
          if (evaluation.decision !== null) return { ok: false, reason: 'decided' } as const;
          const data = {
            checklist: form.checklist as unknown as Prisma.InputJsonObject,
            volunteersInvolved: form.volunteersInvolved,
            citizensReached: form.citizensReached,
            outcomes: form.outcomes,
            answeredById: context.actorUserId,
            answeredAt: context.now,
          };
          if (expectedVersion === null) {
            const existing = await tx.agreementEvaluationAnswer.count({ where: { evaluationId, partyId } });
            if (existing > 0) return { ok: false, reason: 'conflict' } as const;
            await tx.agreementEvaluationAnswer.create({ data: { evaluationId, partyId, ...data } });
          } else {
            const { count } = await tx.agreementEvaluationAnswer.updateMany({
              where: { evaluationId, partyId, version: expectedVersion },
              data: { ...data, version: { increment: 1 } },
            });
            if (count === 0) return { ok: false, reason: 'conflict' } as const;
          }
          // Spent only together with a saved answer: another request that used the link
          // first (two tabs, a double click) rolls this one back.
          if (options.linkId !== undefined && !(await consumePartyLink(tx, options.linkId, context.now))) throw new LinkAlreadyUsed();
          await writeAudit(tx, context, {
            action: 'agreement.evaluation-answered',
            targetType: 'agreement',
            targetId: evaluation.agreementId,
            details: { evaluationId, partyId, viaLink: options.linkId !== undefined, changed: expectedVersion !== null },
          });
          return { ok: true } as const;
        });
      } catch (error) {
        if (error instanceof LinkAlreadyUsed) return { ok: false, reason: 'link-used' };
        // Two first answers for the same party at once: the unique (evaluation, party) keeps one.
        if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
        throw error;
      }
    },

    /** Staff's decision on an evaluation (see the file's head). */
    async decide(
      evaluationId: number,
      expectedVersion: number,
      decision: AgreementDecision,
      note: string,
      context: ChangeContext,
    ): Promise<DecideOutcome> {
      const today = municipalityTodayDate(context.now);
      return prisma.$transaction(async (tx) => {
        const evaluation = await tx.agreementEvaluation.findUnique({
          where: { id: evaluationId },
          select: {
            id: true,
            decision: true,
            version: true,
            agreement: {
              include: {
                sections: { orderBy: { sortOrder: 'asc' } },
                parties: { orderBy: { sortOrder: 'asc' } },
                budgetLines: { orderBy: { sortOrder: 'asc' } },
              },
            },
            answers: { select: { partyId: true } },
          },
        });
        if (!evaluation) return { ok: false, reason: 'not-found' } as const;
        if (evaluation.decision !== null) return { ok: false, reason: 'decided' } as const;
        if (evaluation.version !== expectedVersion) return { ok: false, reason: 'conflict' } as const;
        const agreement = evaluation.agreement;
        const municipality = agreement.parties.find((p) => p.kind === 'MUNICIPALITY');
        if (!municipality || !evaluation.answers.some((a) => a.partyId === municipality.id)) {
          return { ok: false, reason: 'municipality-answer-missing' } as const;
        }
        if (agreement.status !== 'ACTIVE' && agreement.status !== 'ENDED') return { ok: false, reason: 'not-decidable' } as const;
        if (decision === 'CONTINUE' && agreement.status !== 'ACTIVE') return { ok: false, reason: 'continue-not-active' } as const;

        const { count } = await tx.agreementEvaluation.updateMany({
          where: { id: evaluationId, version: expectedVersion, decision: null },
          data: { decision, decisionNote: note, decidedById: context.actorUserId, decidedAt: context.now, version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;

        let renewalId: number | null = null;
        if (decision === 'RENEW') {
          // A new draft from the working copy: the same text, parties and budget; the
          // dates are for staff to set again.
          const renewal = await tx.agreement.create({
            data: {
              title: agreement.title,
              municipalUnit: agreement.municipalUnit,
              level: agreement.level,
              status: 'DRAFT',
              templateVersion: agreement.templateVersion,
              startsOn: null,
              endsOn: null,
              noticeMonths: agreement.noticeMonths,
              reviewIntervalMonths: agreement.reviewIntervalMonths,
              publicPurpose: agreement.publicPurpose,
              publicPartners: agreement.publicPartners,
              publicLevel: agreement.publicLevel,
              publicHowToJoin: agreement.publicHowToJoin,
              howToJoin: agreement.howToJoin,
              renewedFromId: agreement.id,
              createdById: context.actorUserId,
              createdAt: context.now,
              sections: {
                create: agreement.sections.map((s) => ({
                  key: s.key,
                  sortOrder: s.sortOrder,
                  titleDa: s.titleDa,
                  titleEn: s.titleEn,
                  guidanceDa: s.guidanceDa,
                  guidanceEn: s.guidanceEn,
                  body: s.body,
                })),
              },
              parties: {
                create: agreement.parties.map((p) => ({
                  kind: p.kind,
                  associationId: p.associationId,
                  name: p.name,
                  contactEmail: p.contactEmail,
                  contactName: p.contactName,
                  tasks: p.tasks,
                  contributes: p.contributes,
                  checksChildCertificates: p.checksChildCertificates,
                  handlesPersonalData: p.handlesPersonalData,
                  sortOrder: p.sortOrder,
                })),
              },
              budgetLines: {
                create: agreement.budgetLines.map((l) => ({
                  label: l.label,
                  amountDkk: l.amountDkk,
                  paidBy: l.paidBy,
                  sortOrder: l.sortOrder,
                })),
              },
            },
            select: { id: true },
          });
          renewalId = renewal.id;
          await tx.agreementEvaluation.update({ where: { id: evaluationId }, data: { renewalId } });
          await writeAudit(tx, context, {
            action: 'agreement.renewed',
            targetType: 'agreement',
            targetId: agreement.id,
            details: { renewalId, evaluationId },
          });
          await writeAudit(tx, context, {
            action: 'agreement.renewed',
            targetType: 'agreement',
            targetId: renewalId,
            details: { renewedFromId: agreement.id, evaluationId },
          });
        }

        if (agreement.status === 'ENDED') {
          await tx.agreement.update({
            where: { id: agreement.id },
            data: { status: 'EVALUATED', version: { increment: 1 }, updatedAt: context.now },
          });
        } else if (decision === 'END') {
          // Notice as the workflow gives it: from today, ending at the earlier of the
          // agreed end and the end of the notice period.
          const endsOn = endByNotice(today, agreement.noticeMonths, agreement.endsOn);
          await tx.agreement.update({
            where: { id: agreement.id },
            data: { terminatedOn: today, terminationReason: note, endsOn, version: { increment: 1 }, updatedAt: context.now },
          });
          await writeAudit(tx, context, {
            action: 'agreement.terminated',
            targetType: 'agreement',
            targetId: agreement.id,
            details: { terminatedOn: dateKey(today), endsOn: dateKey(endsOn), reason: note ? '(changed)' : '', evaluationId },
          });
        }
        await writeAudit(tx, context, {
          action: 'agreement.decided',
          targetType: 'agreement',
          targetId: agreement.id,
          details: { decision, evaluationId, note: note ? '(changed)' : '' },
        });
        return { ok: true, renewalId } as const;
      });
    },
  };
}

export type AgreementEvaluationService = ReturnType<typeof createAgreementEvaluationService>;
