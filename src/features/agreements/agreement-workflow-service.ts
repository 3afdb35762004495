// The life of an agreement after its draft (the staff side): sending the working copy
// as the next immutable version (agreement_versions) and asking every partner to answer
// it, giving notice, the daily move to ACTIVE and ENDED by the dates, and reading the
// versions, the partners' answers and the agreement's history (audit_log). The working
// copy (the agreement's own rows, agreement-service.ts) is what staff edit; a sent
// version never changes (a trigger; docs/adr/0014-agreement-versions.md).
import type { TFunction } from 'i18next';
import type { AgreementStatus, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import { WITH_ROWS, partyName, type AgreementWithRows } from './agreement-service.js';
import { endByNotice } from './agreement-dates.js';
import { readVersionContent, versionContentOf, type VersionContent } from './agreement-version.js';
import { issuePartyLink, partyLinkUrl } from './party-links.js';
import { absoluteUrl, associationAgreementPath, versionSentMail } from './agreement-workflow-mail.js';
import { auditHistoryPage } from '../../audit/audit-history.js';

/** Statuses after the agreement ended: the working copy is no longer edited or sent. */
export const CLOSED_STATUSES: readonly AgreementStatus[] = ['ENDED', 'EVALUATED'];
/** Statuses in which notice can be given. */
export const IN_FORCE_STATUSES: readonly AgreementStatus[] = ['ACCEPTED', 'ACTIVE'];

export const isClosed = (status: AgreementStatus) => CLOSED_STATUSES.includes(status);
export const isInForce = (status: AgreementStatus) => IN_FORCE_STATUSES.includes(status);

export type SendRefusal = 'not-found' | 'conflict' | 'closed' | 'no-partner' | 'no-start-date' | 'unchanged';
export type SendOutcome = { ok: true; version: number; mailed: number; withoutEmail: number } | { ok: false; reason: SendRefusal };
export type TerminateOutcome =
  { ok: true; endsOn: Date } | { ok: false; reason: 'not-found' | 'conflict' | 'not-in-force' | 'already-terminated' };

/** JSON with object keys in one order: PostgreSQL's jsonb stores keys in its own order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two versions' contents say the same (key order aside). */
export const sameContent = (a: VersionContent, b: unknown) => canonical(a) === canonical(b);

const asJson = (content: VersionContent) => JSON.parse(JSON.stringify(content)) as Prisma.InputJsonObject;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

const partners = (agreement: AgreementWithRows) => agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY');

const RESPONSE_SELECT = {
  partyId: true,
  answer: true,
  comment: true,
  viaLink: true,
  answeredAt: true,
  answeredBy: { select: { name: true } },
} as const satisfies Prisma.AgreementResponseSelect;

export type PartnerAnswer = Prisma.AgreementResponseGetPayload<{ select: typeof RESPONSE_SELECT }>;

export function createAgreementWorkflowService(prisma: PrismaClient) {
  /** The partners' answers to a version, by party id. */
  async function answersFor(versionId: number): Promise<Map<number, PartnerAnswer>> {
    const rows = await prisma.agreementResponse.findMany({ where: { versionId }, select: RESPONSE_SELECT });
    return new Map(rows.map((row) => [row.partyId, row]));
  }

  return {
    answersFor,

    /**
     * What the status panel of an agreement's page shows: the latest sent version, each
     * partner's answer to it (or none yet), and whether the working copy has changes
     * not yet sent.
     */
    async overview(agreement: AgreementWithRows) {
      const latest =
        agreement.sentVersion > 0
          ? await prisma.agreementVersion.findUnique({
              where: { agreementId_number: { agreementId: agreement.id, number: agreement.sentVersion } },
              select: { id: true, number: true, content: true, sentAt: true, acceptedAt: true, sentBy: { select: { name: true } } },
            })
          : null;
      const answers = latest ? await answersFor(latest.id) : new Map<number, PartnerAnswer>();
      // The renewal chain: the agreement this one renews, and the drafts that renew it.
      const [renewedFrom, renewals] = await Promise.all([
        agreement.renewedFromId === null
          ? null
          : prisma.agreement.findUnique({ where: { id: agreement.renewedFromId }, select: { id: true, title: true } }),
        prisma.agreement.findMany({ where: { renewedFromId: agreement.id }, orderBy: { id: 'asc' }, select: { id: true, title: true } }),
      ]);
      return {
        renewedFrom,
        renewals,
        latest: latest && {
          id: latest.id,
          number: latest.number,
          sentAt: latest.sentAt,
          acceptedAt: latest.acceptedAt,
          sentBy: latest.sentBy?.name ?? null,
        },
        unsentChanges: latest ? !sameContent(versionContentOf(agreement), latest.content) : true,
        partners: partners(agreement).map((party) => ({
          id: party.id,
          kind: party.kind,
          name: partyName(party),
          hasEmail: Boolean(party.contactEmail),
          answer: answers.get(party.id) ?? null,
        })),
      };
    },

    /**
     * Sends the working copy as the next version, if the agreement is still at
     * `expectedVersion`: freezes it into agreement_versions, asks every partner to
     * answer it (an e-mail each: an association to its area page, an external partner
     * with a fresh answer link), and a draft becomes SENT. An accepted or active
     * agreement keeps its status and its version in force (an amendment) until every
     * partner accepts the newer one. `t` writes the partners' e-mails (in Danish).
     */
    async send(
      id: number,
      expectedVersion: number,
      note: string,
      context: ChangeContext,
      baseUrl: string,
      t: TFunction,
    ): Promise<SendOutcome> {
      return prisma.$transaction(async (tx) => {
        const agreement = await tx.agreement.findUnique({ where: { id }, include: WITH_ROWS });
        if (!agreement) return { ok: false, reason: 'not-found' } as const;
        if (agreement.version !== expectedVersion) return { ok: false, reason: 'conflict' } as const;
        if (isClosed(agreement.status)) return { ok: false, reason: 'closed' } as const;
        const asked = partners(agreement);
        if (asked.length === 0) return { ok: false, reason: 'no-partner' } as const;
        if (!agreement.startsOn) return { ok: false, reason: 'no-start-date' } as const;
        const content = versionContentOf(agreement);
        if (agreement.sentVersion > 0) {
          const latest = await tx.agreementVersion.findUnique({
            where: { agreementId_number: { agreementId: id, number: agreement.sentVersion } },
            select: { content: true },
          });
          if (latest && sameContent(content, latest.content)) return { ok: false, reason: 'unchanged' } as const;
        }

        const number = agreement.sentVersion + 1;
        const { count } = await tx.agreement.updateMany({
          where: { id, version: expectedVersion },
          data: {
            sentVersion: number,
            status: agreement.status === 'DRAFT' ? 'SENT' : agreement.status,
            version: { increment: 1 },
            updatedAt: context.now,
          },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;
        const version = await tx.agreementVersion.create({
          data: { agreementId: id, number, content: asJson(content), note, sentById: context.actorUserId, sentAt: context.now },
          select: { id: true },
        });

        const messages: MailMessage[] = [];
        for (const party of asked) {
          if (!party.contactEmail) continue;
          let url: string;
          if (party.kind === 'ASSOCIATION' && party.associationId !== null) {
            url = absoluteUrl(baseUrl, associationAgreementPath(party.associationId, id));
          } else {
            // The token exists only in this e-mail; the link row keeps its hash.
            const token = await issuePartyLink(tx, { partyId: party.id, purpose: 'ANSWER', versionId: version.id, now: context.now });
            url = partyLinkUrl(baseUrl, 'ANSWER', token);
          }
          messages.push(
            versionSentMail({
              t,
              to: party.contactEmail,
              kind: party.kind === 'ASSOCIATION' ? 'ASSOCIATION' : 'EXTERNAL',
              agreementTitle: agreement.title,
              municipalUnit: agreement.municipalUnit,
              version: number,
              note,
              url,
            }),
          );
        }
        await queueMail(tx, messages);
        await writeAudit(tx, context, {
          action: 'agreement.sent',
          targetType: 'agreement',
          targetId: id,
          details: {
            version: number,
            partners: asked.map((p) => p.id),
            mailed: messages.length,
            ...(note.trim() ? { note: '(changed)' } : {}),
          },
        });
        return { ok: true, version: number, mailed: messages.length, withoutEmail: asked.length - messages.length } as const;
      });
    },

    /**
     * Gives notice on an accepted or active agreement: it ends at the earlier of its
     * end date and today plus the period of notice. The reason is kept on the
     * agreement, not in the audit (free text).
     */
    async terminate(id: number, expectedVersion: number, reason: string, context: ChangeContext): Promise<TerminateOutcome> {
      return prisma.$transaction(async (tx) => {
        const agreement = await tx.agreement.findUnique({
          where: { id },
          select: { status: true, version: true, endsOn: true, noticeMonths: true, terminatedOn: true },
        });
        if (!agreement) return { ok: false, reason: 'not-found' } as const;
        if (agreement.version !== expectedVersion) return { ok: false, reason: 'conflict' } as const;
        if (!isInForce(agreement.status)) return { ok: false, reason: 'not-in-force' } as const;
        if (agreement.terminatedOn) return { ok: false, reason: 'already-terminated' } as const;
        const today = municipalityTodayDate(context.now);
        const endsOn = endByNotice(today, agreement.noticeMonths, agreement.endsOn);
        const { count } = await tx.agreement.updateMany({
          where: { id, version: expectedVersion },
          data: { terminatedOn: today, terminationReason: reason, endsOn, version: { increment: 1 }, updatedAt: context.now },
        });
        if (count === 0) return { ok: false, reason: 'conflict' } as const;
        await writeAudit(tx, context, {
          action: 'agreement.terminated',
          targetType: 'agreement',
          targetId: id,
          details: { endsOn: isoDate(endsOn), terminatedOn: isoDate(today), noticeMonths: agreement.noticeMonths },
          before: { endsOn: agreement.endsOn ? isoDate(agreement.endsOn) : null },
          after: { endsOn: isoDate(endsOn) },
        });
        return { ok: true, endsOn } as const;
      });
    },

    /**
     * The daily life by the calendar (the `agreement-lifecycle` job): an accepted
     * agreement whose start date has come becomes ACTIVE; an accepted or active one
     * past its end date becomes ENDED. Each move is conditional on the status it moves
     * from, so running it twice, or in two processes at once, moves each agreement once.
     */
    async advanceByDate(now: Date): Promise<{ started: number[]; ended: number[] }> {
      const today = municipalityTodayDate(now);
      const context: ChangeContext = { actorUserId: null, requestId: null, now };
      const move = async (id: number, from: AgreementStatus, to: AgreementStatus, action: string, details: Prisma.InputJsonObject) =>
        prisma.$transaction(async (tx) => {
          const { count } = await tx.agreement.updateMany({
            where: { id, status: from },
            data: { status: to, version: { increment: 1 }, updatedAt: now },
          });
          if (count === 0) return false;
          await writeAudit(tx, context, { action, targetType: 'agreement', targetId: id, details: { ...details, from, to } });
          return true;
        });

      const started: number[] = [];
      const toStart = await prisma.agreement.findMany({
        where: { status: 'ACCEPTED', startsOn: { lte: today } },
        select: { id: true, startsOn: true },
        orderBy: { id: 'asc' },
      });
      for (const row of toStart) {
        if (await move(row.id, 'ACCEPTED', 'ACTIVE', 'agreement.started', { startsOn: isoDate(row.startsOn!) })) started.push(row.id);
      }
      const ended: number[] = [];
      const toEnd = await prisma.agreement.findMany({
        where: { status: { in: [...IN_FORCE_STATUSES] }, endsOn: { lt: today } },
        select: { id: true, status: true, endsOn: true },
        orderBy: { id: 'asc' },
      });
      for (const row of toEnd) {
        if (await move(row.id, row.status, 'ENDED', 'agreement.ended', { endsOn: isoDate(row.endsOn!) })) ended.push(row.id);
      }
      return { started, ended };
    },

    /** Every sent version of an agreement, newest first (without their content). */
    async versions(id: number) {
      return prisma.agreementVersion.findMany({
        where: { agreementId: id },
        orderBy: { number: 'desc' },
        select: { id: true, number: true, note: true, sentAt: true, acceptedAt: true, sentBy: { select: { name: true } } },
      });
    },

    /** One sent version with its content, or null. */
    async version(id: number, number: number) {
      const row = await prisma.agreementVersion.findUnique({
        where: { agreementId_number: { agreementId: id, number } },
        select: { id: true, number: true, note: true, sentAt: true, acceptedAt: true, content: true, sentBy: { select: { name: true } } },
      });
      return row && { ...row, content: readVersionContent(row.content) };
    },

    /**
     * One page of the agreement's history from the audit trail, newest first, with the
     * actor's name; an answer through an e-mailed link has no actor, so the party it
     * names (details.partyId) is looked up instead.
     */
    async history(id: number, page: number) {
      const history = await auditHistoryPage(prisma, { targetType: 'agreement', targetId: id }, page);
      const partyIds = new Set<number>();
      for (const row of history.rows) {
        const partyId = row.details.partyId;
        if (!row.hasActor && typeof partyId === 'number') partyIds.add(partyId);
      }
      const parties =
        partyIds.size === 0
          ? []
          : await prisma.agreementParty.findMany({
              where: { id: { in: [...partyIds] }, agreementId: id },
              select: { id: true, kind: true, name: true, association: { select: { name: true } } },
            });
      const partyById = new Map(parties.map((p) => [p.id, p]));
      return {
        page: history.page,
        pageCount: history.pageCount,
        total: history.total,
        entries: history.rows.map((row) => {
          const details = row.details;
          const party = !row.hasActor && typeof details.partyId === 'number' ? partyById.get(details.partyId) : undefined;
          return {
            id: row.id,
            at: row.at,
            action: row.action,
            actorName: row.actorName,
            party: party ? { kind: party.kind, name: partyName(party) } : null,
            version: typeof details.version === 'number' ? details.version : null,
            endsOn: typeof details.endsOn === 'string' ? details.endsOn : null,
          };
        }),
      };
    },
  };
}

export type AgreementWorkflowService = ReturnType<typeof createAgreementWorkflowService>;
