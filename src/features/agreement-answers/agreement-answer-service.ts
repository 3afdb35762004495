// The partners' answers to a sent version of an agreement: an association's members
// answer in the association's area, an external partner through its e-mailed ANSWER
// link. Partners see only what was sent to them (never the working copy, never a
// draft). One answer per partner and version; the last partner's acceptance puts the
// version in force (ACCEPTED, or ACTIVE at once when it has started). Answers for one
// agreement are serialised by locking its row, so two last partners answering at the
// same moment cannot both miss that everyone has accepted, and an answer cannot slip
// in beside a newer version being sent.
import type { PrismaClient, Prisma } from '../../generated/prisma/client.js';
import type { AgreementAnswer, AgreementStatus } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { MailMessage } from '../../mail/mailer.js';
import { queueMail } from '../../mail/outbox.js';
import { hashSecretToken, isWellFormedSecretToken } from '../../security/secret-token.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import { readVersionContent, type VersionContent } from '../agreements/agreement-version.js';
import { consumePartyLink, findUsableLink } from '../agreements/party-links.js';
import type { AnswerFormData } from './agreement-answer-schemas.js';

/** Agreements past their life take no answers. */
const CLOSED: readonly AgreementStatus[] = ['ENDED', 'EVALUATED'];

export type AnswerRefusal = 'not-found' | 'superseded' | 'closed' | 'already-answered';
export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'superseded';

export type AnswerOutcome = { ok: true; accepted: boolean; status: AgreementStatus } | { ok: false; reason: AnswerRefusal };
export type LinkAnswerOutcome =
  { ok: true; accepted: boolean; status: AgreementStatus; linkId: number } | { ok: false; reason: AnswerRefusal | LinkRefusal };

/** What the staff member who wrote the agreement is told about an answer (mail builder input). */
export interface AnsweredFacts {
  to: string;
  agreement: { id: number; title: string };
  versionNumber: number;
  partyName: string;
  /** The member who answered for an association; null through a link. */
  answeredByName: string | null;
  viaLink: boolean;
  answer: AgreementAnswer;
  /** Every partner has now accepted this version. */
  accepted: boolean;
}

export type AnswerMail = (facts: AnsweredFacts) => MailMessage;

interface AnswerInput extends AnswerFormData {
  agreementId: number;
  partyId: number;
  versionNumber: number;
}

/** Thrown inside a transaction to roll it back with a refusal (a consumed link, say). */
class Refusal extends Error {
  constructor(readonly reason: AnswerRefusal | LinkRefusal) {
    super(reason);
  }
}

const partnersOf = (content: VersionContent) => content.parties.filter((p) => p.kind !== 'MUNICIPALITY');

const ANSWER_SELECT = {
  partyId: true,
  answer: true,
  comment: true,
  answeredAt: true,
  viaLink: true,
  answeredBy: { select: { name: true } },
} as const satisfies Prisma.AgreementResponseSelect;

/**
 * The page a partner answers on: one version of the agreement as sent, the staff's note
 * for it, the version before it (for the comparison), the version in force when it is
 * another, this partner's answer and the other partners' answers (their names and
 * answers only).
 */
async function pageOf(prisma: PrismaClient, agreementId: number, partyId: number, versionNumber: number) {
  const agreement = await prisma.agreement.findUnique({
    where: { id: agreementId },
    select: { id: true, title: true, municipalUnit: true, status: true, sentVersion: true, acceptedVersion: true },
  });
  if (!agreement || agreement.sentVersion === 0) return null;
  const previousNumber = versionNumber - 1;
  const numbers = [
    versionNumber,
    ...(agreement.acceptedVersion && agreement.acceptedVersion !== versionNumber ? [agreement.acceptedVersion] : []),
    ...(previousNumber >= 1 ? [previousNumber] : []),
  ];
  const versions = await prisma.agreementVersion.findMany({
    where: { agreementId, number: { in: numbers } },
    select: { id: true, number: true, content: true, note: true, sentAt: true, acceptedAt: true, responses: { select: ANSWER_SELECT } },
  });
  const version = versions.find((v) => v.number === versionNumber);
  if (!version) return null;
  const content = readVersionContent(version.content);
  const inForce = versions.find((v) => v.number !== versionNumber && v.number === agreement.acceptedVersion) ?? null;
  const previous = versions.find((v) => v.number === previousNumber) ?? null;
  const party = partnersOf(content).find((p) => p.partyId === partyId);
  const isPartner = party !== undefined;
  const own = version.responses.find((r) => r.partyId === partyId) ?? null;
  const others = partnersOf(content)
    .filter((p) => p.partyId !== partyId)
    .map((p) => ({ name: p.name, answer: version.responses.find((r) => r.partyId === p.partyId)?.answer ?? null }));
  return {
    agreement,
    version: { number: version.number, content, note: version.note, sentAt: version.sentAt, acceptedAt: version.acceptedAt },
    /** The version every partner accepted, when it is not the one shown. */
    inForce: inForce ? { number: inForce.number, content: readVersionContent(inForce.content), acceptedAt: inForce.acceptedAt } : null,
    /** The version before the one shown (what the partners saw last), to show what changed; null for version 1. */
    previous: previous ? { number: previous.number, content: readVersionContent(previous.content) } : null,
    isLatest: version.number === agreement.sentVersion,
    isPartner,
    /** This partner's name as the version has it. */
    partyName: party?.name ?? '',
    own: own
      ? {
          answer: own.answer,
          comment: own.comment,
          answeredAt: own.answeredAt,
          viaLink: own.viaLink,
          answeredByName: own.answeredBy?.name ?? null,
        }
      : null,
    others,
    canAnswer: isPartner && !own && version.number === agreement.sentVersion && !CLOSED.includes(agreement.status),
  };
}

export type AnswerPage = NonNullable<Awaited<ReturnType<typeof pageOf>>>;

export function createAgreementAnswerService(prisma: PrismaClient) {
  /**
   * Records one answer inside `tx` (which the caller commits): the checks of the brief
   * in order, the response, its audit row, acceptance when it was the last one
   * missing, and the mail to the agreement's author. Throws Refusal to roll back.
   */
  async function recordAnswer(
    tx: Prisma.TransactionClient,
    input: AnswerInput,
    context: ChangeContext,
    options: { viaLink: boolean; mail?: AnswerMail },
  ): Promise<{ accepted: boolean; status: AgreementStatus }> {
    // The lock that serialises answers (and sending) for this agreement.
    const [locked] = await tx.$queryRaw<{ sent_version: number; status: AgreementStatus }[]>`
      SELECT sent_version, status::text AS status FROM agreements WHERE id = ${input.agreementId} FOR UPDATE`;
    if (!locked || locked.sent_version === 0) throw new Refusal('not-found');
    if (input.versionNumber !== locked.sent_version) throw new Refusal('superseded');
    if (CLOSED.includes(locked.status)) throw new Refusal('closed');
    const agreement = await tx.agreement.findUniqueOrThrow({
      where: { id: input.agreementId },
      select: { id: true, title: true, status: true, startsOn: true, createdBy: { select: { email: true, active: true } } },
    });
    const version = await tx.agreementVersion.findUnique({
      where: { agreementId_number: { agreementId: input.agreementId, number: input.versionNumber } },
      select: { id: true, number: true, content: true, responses: { select: { partyId: true, answer: true } } },
    });
    if (!version) throw new Refusal('not-found');
    const partners = partnersOf(readVersionContent(version.content));
    const party = partners.find((p) => p.partyId === input.partyId);
    if (!party) throw new Refusal('not-found');
    if (version.responses.some((r) => r.partyId === input.partyId)) throw new Refusal('already-answered');

    const answeredById = options.viaLink ? null : context.actorUserId;
    await tx.agreementResponse.create({
      data: {
        versionId: version.id,
        partyId: input.partyId,
        answer: input.answer,
        comment: input.answer === 'ACCEPTED' ? '' : input.comment,
        answeredById,
        viaLink: options.viaLink,
        answeredAt: context.now,
      },
    });
    // The comment is the partner's free text: the trail says only that there was one.
    await writeAudit(tx, context, {
      action: 'agreement.answered',
      targetType: 'agreement',
      targetId: agreement.id,
      details: { version: version.number, partyId: input.partyId, answer: input.answer, viaLink: options.viaLink },
    });

    const answers = new Map(version.responses.map((r) => [r.partyId, r.answer]));
    answers.set(input.partyId, input.answer);
    const accepted = partners.every((p) => answers.get(p.partyId) === 'ACCEPTED');
    let status = agreement.status;
    if (accepted) {
      // ACTIVE stays ACTIVE (an amendment); otherwise it starts today if its start has
      // come. Without a start date it waits as ACCEPTED (sending requires one).
      const started = agreement.startsOn !== null && agreement.startsOn <= municipalityTodayDate(context.now);
      if (status !== 'ACTIVE') status = started ? 'ACTIVE' : 'ACCEPTED';
      await tx.agreementVersion.update({ where: { id: version.id }, data: { acceptedAt: context.now } });
      await tx.agreement.update({
        where: { id: agreement.id },
        data: { acceptedVersion: version.number, status, version: { increment: 1 }, updatedAt: context.now },
      });
      await writeAudit(tx, context, {
        action: 'agreement.accepted',
        targetType: 'agreement',
        targetId: agreement.id,
        details: { version: version.number, ...(status !== agreement.status ? { status } : {}) },
      });
    }

    const author = agreement.createdBy;
    if (options.mail && author?.active) {
      let answeredByName: string | null = null;
      if (answeredById !== null) {
        answeredByName = (await tx.user.findUnique({ where: { id: answeredById }, select: { name: true } }))?.name ?? null;
      }
      await queueMail(
        tx,
        options.mail({
          to: author.email,
          agreement: { id: agreement.id, title: agreement.title },
          versionNumber: version.number,
          partyName: party.name,
          answeredByName,
          viaLink: options.viaLink,
          answer: input.answer,
          accepted,
        }),
      );
    }
    return { accepted, status };
  }

  /** Runs `work` in a transaction; a Refusal (or a lost race on the unique answer) becomes its outcome. */
  async function refusable<T>(
    work: (tx: Prisma.TransactionClient) => Promise<T>,
  ): Promise<T | { ok: false; reason: AnswerRefusal | LinkRefusal }> {
    try {
      return await prisma.$transaction(work);
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, reason: error.reason };
      if (isUniqueViolation(error)) return { ok: false, reason: 'already-answered' };
      throw error;
    }
  }

  /** The link a token opens and what it is about, whether or not it can still be used. */
  async function linkOf(token: string) {
    return prisma.agreementPartyLink.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      select: {
        id: true,
        purpose: true,
        partyId: true,
        version: { select: { number: true } },
        party: { select: { agreement: { select: { id: true, municipalUnit: true, sentVersion: true } } } },
      },
    });
  }

  return {
    /** The sent agreements the association is a partner in, newest first, with its answer to the latest version. */
    async forAssociation(associationId: number) {
      const parties = await prisma.agreementParty.findMany({
        where: { associationId, kind: 'ASSOCIATION', agreement: { sentVersion: { gt: 0 } } },
        orderBy: [{ agreement: { createdAt: 'desc' } }, { agreementId: 'desc' }],
        select: {
          id: true,
          agreement: { select: { id: true, title: true, municipalUnit: true, status: true, sentVersion: true, acceptedVersion: true } },
        },
      });
      if (parties.length === 0) return [];
      const versions = await prisma.agreementVersion.findMany({
        where: { OR: parties.map((p) => ({ agreementId: p.agreement.id, number: p.agreement.sentVersion })) },
        select: {
          agreementId: true,
          content: true,
          sentAt: true,
          responses: { select: { partyId: true, answer: true, answeredAt: true } },
        },
      });
      const latestOf = new Map(versions.map((v) => [v.agreementId, v]));
      return parties.flatMap(({ id: partyId, agreement }) => {
        const latest = latestOf.get(agreement.id);
        // Only agreements whose latest version was sent to this association.
        if (!latest || !partnersOf(readVersionContent(latest.content)).some((p) => p.partyId === partyId)) return [];
        const own = latest.responses.find((r) => r.partyId === partyId) ?? null;
        return [
          {
            ...agreement,
            latestSentAt: latest.sentAt,
            own: own ? { answer: own.answer, answeredAt: own.answeredAt } : null,
            awaitingAnswer: !own && !CLOSED.includes(agreement.status),
          },
        ];
      });
    },

    /**
     * The answer page of an agreement for the association: its latest sent version, and
     * its evaluation (open, else the latest decided; null when none) to link to. Null when the association is not a partner in it or nothing has been sent, so a
     * guessed id shows nothing.
     */
    async findForAssociation(associationId: number, agreementId: number) {
      const party = await prisma.agreementParty.findFirst({
        where: { agreementId, associationId, kind: 'ASSOCIATION', agreement: { sentVersion: { gt: 0 } } },
        select: { id: true, agreement: { select: { sentVersion: true } } },
      });
      if (!party) return null;
      const page = await pageOf(prisma, agreementId, party.id, party.agreement.sentVersion);
      if (!page?.isPartner) return null;
      // The evaluation the association's evaluation page shows: the open one, else the latest decided.
      const evaluations = await prisma.agreementEvaluation.findMany({
        where: { agreementId },
        orderBy: [{ reviewDate: 'desc' }, { id: 'desc' }],
        select: { reviewDate: true, decision: true },
      });
      const chosen = evaluations.find((e) => e.decision === null) ?? evaluations[0];
      const evaluation = chosen ? { reviewDate: chosen.reviewDate, open: chosen.decision === null } : null;
      return { ...page, partyId: party.id, evaluation };
    },

    /** Records a member's answer for their association's party (answered_by_id: the member). */
    async answer(input: AnswerInput, context: ChangeContext, mail?: AnswerMail): Promise<AnswerOutcome> {
      return refusable(async (tx) => {
        const result = await recordAnswer(tx, input, context, { viaLink: false, ...(mail ? { mail } : {}) });
        return { ok: true, ...result } as const;
      }) as Promise<AnswerOutcome>;
    },

    /**
     * The page an ANSWER link opens, or why it cannot be used. A used link opens its
     * (read-only) page for the session that has just used it (`answeredLinkId`), so the
     * partner sees the answer they gave after the redirect.
     */
    async openLink(token: unknown, now: Date, answeredLinkId?: number) {
      const usable = await findUsableLink(prisma, token, 'ANSWER', now);
      const link = isWellFormedSecretToken(token) ? await linkOf(token) : null;
      if (!link || link.purpose !== 'ANSWER' || !link.version) return { ok: false, reason: 'unknown' } as const;
      const { agreement } = link.party;
      const refused = (reason: LinkRefusal) => ({ ok: false, reason, municipalUnit: agreement.municipalUnit }) as const;
      if (!usable.ok) {
        if (usable.reason === 'used' && answeredLinkId === link.id) {
          const page = await pageOf(prisma, agreement.id, link.partyId, link.version.number);
          if (page) return { ok: true, linkId: link.id, page: { ...page, canAnswer: false } } as const;
        }
        return refused(usable.reason);
      }
      if (link.version.number !== agreement.sentVersion) return refused('superseded');
      const page = await pageOf(prisma, agreement.id, link.partyId, link.version.number);
      if (!page?.isPartner) return { ok: false, reason: 'unknown' } as const;
      return { ok: true, linkId: link.id, page } as const;
    },

    /**
     * An external partner's answer through its link: the link must be usable and for
     * the current version, and is used up in the same transaction as the answer (a
     * second request with it is refused as 'used').
     */
    async answerThroughLink(token: unknown, form: AnswerFormData, context: ChangeContext, mail?: AnswerMail): Promise<LinkAnswerOutcome> {
      return refusable(async (tx) => {
        const usable = await findUsableLink(tx, token, 'ANSWER', context.now);
        if (!usable.ok) throw new Refusal(usable.reason);
        const { link } = usable;
        const version = link.versionId
          ? await tx.agreementVersion.findUnique({ where: { id: link.versionId }, select: { number: true } })
          : null;
        if (!version) throw new Refusal('unknown');
        if (!(await consumePartyLink(tx, link.id, context.now))) throw new Refusal('used');
        const result = await recordAnswer(
          tx,
          { ...form, agreementId: link.party.agreementId, partyId: link.partyId, versionNumber: version.number },
          context,
          { viaLink: true, ...(mail ? { mail } : {}) },
        );
        return { ok: true, ...result, linkId: link.id } as const;
      }) as Promise<LinkAnswerOutcome>;
    },
  };
}

export type AgreementAnswerService = ReturnType<typeof createAgreementAnswerService>;
