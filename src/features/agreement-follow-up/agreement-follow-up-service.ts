// The staff's follow-up of agreements: what waits for the partners' answers, what
// starts, is due for review, or ends soon (the dashboard), and the reminder e-mails
// about the same things (sendReminders, run daily by the job worker). Each reminder is
// remembered in agreement_reminders (unique per agreement and key), inserted in the
// transaction that queues its mail and writes its audit row, so it is sent once
// however often the job runs or the portal restarts.
import type { TFunction } from 'i18next';
import type { AgreementAnswer, Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import type { SettingsService } from '../municipality/settings-service.js';
import { municipalityTodayDate } from '../openings/visibility.js';
import { partyName } from '../agreements/agreement-service.js';
import { issuePartyLink, partyLinkUrl } from '../agreements/party-links.js';
import { addDays, dateKey } from '../../time/calendar-months.js';
import { REVIEW_OPENS_DAYS_AHEAD, reviewDue } from '../agreements/agreement-dates.js';
import { associationAnswerReminder, externalAnswerReminder, staffReminder, type MailPortal } from './agreement-follow-up-mail.js';

/** How far ahead the dashboard looks, in days. */
export const DASHBOARD_DAYS = 60;
/** A partner is reminded this many days after the version was sent without an answer. */
export const ANSWER_REMINDER_DAYS = 7;
/** Staff are reminded of a review when its evaluation can be opened (REVIEW_OPENS_DAYS_AHEAD in agreement-dates.ts), of a start within this many days … */
export const STARTING_REMINDER_DAYS = 14;
/** … and of an end within this many days. */
export const ENDING_REMINDER_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

export const followUpPath = (id: number) => `/medarbejder/samarbejdsaftaler/${id}`;
/** The staff's evaluation page of an agreement. */
export const evaluationPath = (id: number) => `${followUpPath(id)}/evaluering`;

const PARTNERS = {
  where: { kind: { not: 'MUNICIPALITY' } },
  orderBy: { sortOrder: 'asc' },
  select: {
    id: true,
    kind: true,
    name: true,
    associationId: true,
    contactName: true,
    contactEmail: true,
    association: { select: { name: true, email: true } },
  },
} as const satisfies Prisma.Agreement$partiesArgs;

const CREATOR = { select: { email: true, name: true, active: true } } as const satisfies Prisma.UserDefaultArgs;

type Partner = Prisma.AgreementPartyGetPayload<typeof PARTNERS>;

/** Every item of the dashboard: the agreement, its partners' names, the date that matters, and its page. */
export interface FollowUpItem {
  id: number;
  title: string;
  partners: string[];
  date: Date;
  href: string;
}

export interface AwaitingItem extends FollowUpItem {
  versionNumber: number;
  /** A newer version of an agreement that is already in force (ACCEPTED/ACTIVE). */
  amendment: boolean;
  /** Partners that have not answered the version yet. */
  notAnswered: string[];
  /** Partners that asked for changes or declined: staff must act. */
  flagged: { name: string; answer: Exclude<AgreementAnswer, 'ACCEPTED'> }[];
}

export interface ReviewItem extends FollowUpItem {
  overdue: boolean;
  /** Its evaluation can be opened now (reviewDue's `open`). */
  open: boolean;
  /** The first day the evaluation can be opened (REVIEW_OPENS_DAYS_AHEAD before the date). */
  opensOn: Date;
  /** The staff's evaluation page. */
  evaluationHref: string;
}

export interface EndingItem extends FollowUpItem {
  /** Ended by notice: the day notice was given. */
  terminatedOn: Date | null;
}

export interface Dashboard {
  awaiting: AwaitingItem[];
  starting: FollowUpItem[];
  review: ReviewItem[];
  ending: EndingItem[];
}

const item = (agreement: { id: number; title: string; parties: Partner[] }, date: Date): FollowUpItem => ({
  id: agreement.id,
  title: agreement.title,
  partners: agreement.parties.map(partyName),
  date,
  href: followUpPath(agreement.id),
});

const byDate = <T extends { date: Date; id: number }>(a: T, b: T) => a.date.getTime() - b.date.getTime() || a.id - b.id;

/** A reminder to send: its agreement and key, and how to build its mail (in the reminder's transaction). */
interface Reminder {
  agreementId: number;
  key: string;
  mail(tx: Prisma.TransactionClient): Promise<MailMessage>;
}

export function createAgreementFollowUpService(prisma: PrismaClient, deps: { settings: SettingsService; t: TFunction }) {
  /**
   * Agreements whose latest sent version is not accepted by every partner yet: a first
   * sending (SENT), or an amendment of one in force (ACCEPTED/ACTIVE with an older
   * accepted version). With the latest version (the sent one) and its answers.
   */
  const awaitingAgreements = () =>
    prisma.agreement.findMany({
      where: {
        status: { in: ['SENT', 'ACCEPTED', 'ACTIVE'] },
        sentVersion: { gt: 0 },
        OR: [{ acceptedVersion: null }, { acceptedVersion: { lt: prisma.agreement.fields.sentVersion } }],
      },
      select: {
        id: true,
        title: true,
        status: true,
        sentVersion: true,
        parties: PARTNERS,
        versions: {
          orderBy: { number: 'desc' },
          take: 1,
          select: { id: true, number: true, sentAt: true, responses: { select: { partyId: true, answer: true } } },
        },
      },
    });

  /** ACTIVE agreements with a review rhythm, with the review dates already decided. */
  const reviewedAgreements = () =>
    prisma.agreement.findMany({
      where: { status: 'ACTIVE', startsOn: { not: null }, reviewIntervalMonths: { gt: 0 } },
      select: {
        id: true,
        title: true,
        startsOn: true,
        reviewIntervalMonths: true,
        parties: PARTNERS,
        createdBy: CREATOR,
        evaluations: { where: { decision: { not: null } }, select: { reviewDate: true } },
      },
    });

  const startingAgreements = (from: Date | null, until: Date) =>
    prisma.agreement.findMany({
      where: { status: 'ACCEPTED', startsOn: { lte: until, ...(from ? { gte: from } : {}) } },
      select: { id: true, title: true, startsOn: true, parties: PARTNERS, createdBy: CREATOR },
    });

  const endingAgreements = (from: Date | null, until: Date) =>
    prisma.agreement.findMany({
      where: { status: { in: ['ACCEPTED', 'ACTIVE'] }, endsOn: { lte: until, ...(from ? { gte: from } : {}) } },
      select: { id: true, title: true, endsOn: true, terminatedOn: true, parties: PARTNERS, createdBy: CREATOR },
    });

  type Awaiting = Awaited<ReturnType<typeof awaitingAgreements>>[number];
  type Reviewed = Awaited<ReturnType<typeof reviewedAgreements>>[number];

  const dueReviewOf = (agreement: Reviewed, today: Date) =>
    reviewDue(agreement.startsOn, agreement.reviewIntervalMonths, today, new Set(agreement.evaluations.map((e) => dateKey(e.reviewDate))));

  /** The partners of the latest version that have not answered it. */
  const unanswered = (agreement: Awaiting) => {
    const version = agreement.versions[0];
    const answered = new Set(version?.responses.map((r) => r.partyId));
    return agreement.parties.filter((party) => !answered.has(party.id));
  };

  return {
    /**
     * How many agreements need the staff's action: a partner asked for changes to, or
     * declined, the latest sent version (the staff start page links them to the
     * follow-up page, which lists them first).
     */
    async needingAction(): Promise<number> {
      const rows = await awaitingAgreements();
      return rows.filter((agreement) => agreement.versions[0]?.responses.some((r) => r.answer !== 'ACCEPTED')).length;
    },

    /**
     * The four lists of the follow-up page, each in date order; the awaiting list has
     * the agreements where a partner asked for changes or declined first (staff must
     * act), then the longest waiting. Four reads (each with its relations), however
     * many agreements there are.
     */
    async dashboard(today: Date): Promise<Dashboard> {
      const horizon = addDays(today, DASHBOARD_DAYS);
      // No lower bound on starting and ending: an agreement whose date passed before
      // the daily status job ran still needs the staff's eye.
      const [awaitingRows, reviewRows, startingRows, endingRows] = await Promise.all([
        awaitingAgreements(),
        reviewedAgreements(),
        startingAgreements(null, horizon),
        endingAgreements(null, horizon),
      ]);

      const awaiting = awaitingRows.flatMap((agreement): AwaitingItem[] => {
        const version = agreement.versions[0];
        if (!version) return [];
        const names = new Map(agreement.parties.map((p) => [p.id, partyName(p)]));
        const flagged = version.responses.flatMap((r) => {
          const name = names.get(r.partyId);
          return r.answer !== 'ACCEPTED' && name !== undefined ? [{ name, answer: r.answer }] : [];
        });
        return [
          {
            ...item(agreement, version.sentAt),
            versionNumber: version.number,
            amendment: agreement.status !== 'SENT',
            notAnswered: unanswered(agreement).map(partyName),
            flagged,
          },
        ];
      });
      awaiting.sort((a, b) => Number(b.flagged.length > 0) - Number(a.flagged.length > 0) || byDate(a, b));

      const review = reviewRows.flatMap((agreement): ReviewItem[] => {
        const due = dueReviewOf(agreement, today);
        if (!due || due.date > horizon) return [];
        return [
          {
            ...item(agreement, due.date),
            overdue: due.overdue,
            open: due.open,
            opensOn: addDays(due.date, -REVIEW_OPENS_DAYS_AHEAD),
            evaluationHref: evaluationPath(agreement.id),
          },
        ];
      });

      return {
        awaiting,
        starting: startingRows.map((a) => item(a, a.startsOn!)).sort(byDate),
        review: review.sort(byDate),
        ending: endingRows.map((a) => ({ ...item(a, a.endsOn!), terminatedOn: a.terminatedOn })).sort(byDate),
      };
    },

    /**
     * Queues every reminder that is due at `now` and not sent before: to partners that
     * have not answered the latest version ANSWER_REMINDER_DAYS after it was sent, and
     * to the staff member who wrote the agreement of a review, a start or an end coming
     * up. Each in its own transaction with its agreement_reminders row and audit row;
     * safe to run any number of times. Recipients without an e-mail are skipped (and
     * not remembered, so an address added later still gets the reminder).
     */
    async sendReminders(now: Date, baseUrl: string): Promise<{ ok: true; sent: number }> {
      const today = municipalityTodayDate(now);
      const answerDeadline = new Date(now.getTime() - ANSWER_REMINDER_DAYS * DAY_MS);
      const [awaitingRows, reviewRows, startingRows, endingRows, profile] = await Promise.all([
        awaitingAgreements(),
        reviewedAgreements(),
        startingAgreements(today, addDays(today, STARTING_REMINDER_DAYS)),
        endingAgreements(today, addDays(today, ENDING_REMINDER_DAYS)),
        deps.settings.profile(),
      ]);
      const portal: MailPortal = { baseUrl, municipality: profile.name };
      const reminders: Reminder[] = [];

      for (const agreement of awaitingRows) {
        const version = agreement.versions[0];
        if (!version || version.sentAt > answerDeadline) continue;
        for (const party of unanswered(agreement)) {
          const to = party.contactEmail || party.association?.email;
          if (!to) continue;
          const base = {
            to,
            contactName: party.contactName,
            title: agreement.title,
            versionNumber: version.number,
            sentAt: version.sentAt,
          };
          reminders.push({
            agreementId: agreement.id,
            key: `answer:v${version.number}:party:${party.id}`,
            mail: async (tx) => {
              if (party.kind === 'ASSOCIATION' && party.associationId !== null) {
                return associationAnswerReminder(deps.t, portal, {
                  ...base,
                  associationId: party.associationId,
                  agreementId: agreement.id,
                });
              }
              // The first link's token is not stored in clear: the reminder carries a new one.
              const token = await issuePartyLink(tx, { partyId: party.id, purpose: 'ANSWER', versionId: version.id, now });
              return externalAnswerReminder(deps.t, portal, { ...base, url: partyLinkUrl(baseUrl, 'ANSWER', token) });
            },
          });
        }
      }

      const toStaff = (
        agreement: { id: number; title: string; createdBy: { email: string; name: string; active: boolean } | null },
        kind: 'review' | 'starting' | 'ending',
        date: Date,
        extra: { overdue?: boolean; byNotice?: boolean } = {},
      ) => {
        const creator = agreement.createdBy;
        if (!creator?.active || !creator.email) return;
        reminders.push({
          agreementId: agreement.id,
          key: `${kind}:${dateKey(date)}`,
          mail: async () =>
            staffReminder(deps.t, portal, {
              to: creator.email,
              name: creator.name,
              kind,
              agreementId: agreement.id,
              title: agreement.title,
              date,
              overdue: extra.overdue ?? false,
              byNotice: extra.byNotice ?? false,
            }),
        });
      };
      for (const agreement of reviewRows) {
        const due = dueReviewOf(agreement, today);
        // Reminded when the evaluation can be opened (REVIEW_OPENS_DAYS_AHEAD before the date).
        if (due?.open) toStaff(agreement, 'review', due.date, { overdue: due.overdue });
      }
      for (const agreement of startingRows) toStaff(agreement, 'starting', agreement.startsOn!);
      for (const agreement of endingRows) toStaff(agreement, 'ending', agreement.endsOn!, { byNotice: agreement.terminatedOn !== null });

      if (reminders.length === 0) return { ok: true, sent: 0 };
      // One read of what was sent before, so a second run does not open a transaction per reminder.
      const already = await prisma.agreementReminder.findMany({
        where: { agreementId: { in: [...new Set(reminders.map((r) => r.agreementId))] } },
        select: { agreementId: true, key: true },
      });
      const sentBefore = new Set(already.map((r) => `${r.agreementId} ${r.key}`));
      const context: ChangeContext = { actorUserId: null, requestId: null, now };

      let sent = 0;
      for (const reminder of reminders) {
        if (sentBefore.has(`${reminder.agreementId} ${reminder.key}`)) continue;
        const queued = await prisma.$transaction(async (tx) => {
          // The row first: if another run inserted it meanwhile, nothing is sent.
          const { count } = await tx.agreementReminder.createMany({
            data: [{ agreementId: reminder.agreementId, key: reminder.key, sentAt: now }],
            skipDuplicates: true,
          });
          if (count === 0) return false;
          await queueMail(tx, await reminder.mail(tx));
          await writeAudit(tx, context, {
            action: 'agreement.reminder-sent',
            targetType: 'agreement',
            targetId: reminder.agreementId,
            details: { key: reminder.key },
          });
          return true;
        });
        if (queued) sent++;
      }
      return { ok: true, sent };
    },
  };
}

export type AgreementFollowUpService = ReturnType<typeof createAgreementFollowUpService>;
