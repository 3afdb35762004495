// Alerts for new openings ("E-mail me new openings like these"): a saved search, an
// e-mail address and daily or weekly; no account. The life of an alert:
//   subscribe  → an unconfirmed row and the confirmation e-mail (double opt-in)
//   confirm    → within CONFIRM_LINK_DAYS, by a POST from the e-mailed link's page
//   digests    → the job (sendDigests) mails what was published since `sentUpTo`
//   unsubscribe→ the row is deleted (from any e-mail, "Mine data", or an admin's erasure)
// Unconfirmed rows older than CONFIRM_LINK_DAYS are deleted by the same job.
//
// Audit rows hold ids, frequency, language and counts: never the address or the search
// (its free text was typed by the citizen).
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AlertFrequency } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { queueMail } from '../../mail/outbox.js';
import type { MailMessage } from '../../mail/mailer.js';
import { hashSecretToken, newSecretToken } from '../../security/secret-token.js';
import { normaliseEmail } from '../auth/auth-service.js';
import { isLanguage, type Language } from '../../i18n/i18n.js';
import { vocabularyOptions, type VocabularyCache, type VocabularyKind } from '../vocabularies/vocabulary-options.js';
import { parseSearchQuery, TAXONOMY_FACETS, type SearchState } from '../openings/search-schemas.js';
import { searchQueryString } from '../openings/search-url.js';
import type { OpeningHit, OpeningSearch, Taxonomies } from '../openings/search-service.js';
import { queryObject } from './opening-alert-schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** How long a confirmation link works; unconfirmed alerts are deleted after it. */
export const CONFIRM_LINK_DAYS = 7;
/**
 * How far behind the run a digest stops. An opening's publishedAt is set inside the
 * transaction that publishes it, so it can commit (and become visible to the digest's
 * query) a little after that time: a digest reading up to "now" and moving sentUpTo to
 * now would skip such an opening for good. Stopping this much earlier leaves time for
 * such a transaction to commit; what falls inside the margin goes in the next digest.
 */
export const DIGEST_MARGIN_MS = 5 * 60 * 1000;
/** Openings listed in one digest; a link to the search shows the rest. */
export const DIGEST_MAX_OPENINGS = 20;

/**
 * When an alert is due again, counted from its last digest. The job runs once a day;
 * a few hours of slack keep a run that starts late one day (a busy queue) from pushing
 * a daily alert's next digest a whole day on. "Weekly" is at most one digest in seven
 * days (not "on Mondays"): a weekly alert confirmed on a Thursday gets its first digest
 * the next morning something new is there, then none for a week.
 */
export const DUE_AFTER_MS: Record<AlertFrequency, number> = {
  DAILY: DAY_MS - 4 * HOUR_MS,
  WEEKLY: 7 * DAY_MS - 4 * HOUR_MS,
};

/** A search with its unknown filters dropped, its canonical query string and the names of its values. */
export interface ResolvedSearch {
  state: SearchState;
  query: string;
  taxonomies: Taxonomies;
}

export interface AlertSummary {
  frequency: AlertFrequency;
  language: Language;
  search: ResolvedSearch;
}

export type ConfirmOutcome = ({ ok: true } & AlertSummary) | { ok: false; reason: 'unknown' | 'expired' };

export interface DigestInput {
  alertId: number;
  to: string;
  language: Language;
  frequency: AlertFrequency;
  search: ResolvedSearch;
  openings: OpeningHit[];
  /** More new openings than listed. */
  more: boolean;
  unsubscribeToken: string;
}

export type UnsubscribeVia = 'link' | 'one-click' | 'mine-data';

const languageOf = (value: string): Language => (isLanguage(value) ? value : 'da');

export function createOpeningAlertService(prisma: PrismaClient, deps: { openingSearch: OpeningSearch; vocabularyCache: VocabularyCache }) {
  const vocabularies = vocabularyOptions(prisma, deps.vocabularyCache);

  async function loadTaxonomies(): Promise<Taxonomies> {
    const active = await vocabularies.activeOfEvery();
    const values = (kind: VocabularyKind) =>
      active[kind].map(({ id, slug, nameDa, nameEn }) => ({ id, slug, name: { da: nameDa, en: nameEn } }));
    return {
      omraade: values('localArea'),
      maalgruppe: values('targetGroup'),
      fagomraade: values('fieldOfWork'),
      kompetence: values('skillArea'),
    };
  }

  /** The search a query (a request's query object) asks for, as the search page would run it. */
  async function resolve(query: unknown, taxonomies?: Taxonomies): Promise<ResolvedSearch> {
    const names = taxonomies ?? (await loadTaxonomies());
    const requested = parseSearchQuery(query);
    const filters = { ...requested.filters };
    for (const facet of TAXONOMY_FACETS) {
      const known = new Set(names[facet].map((value) => value.slug));
      filters[facet] = filters[facet].filter((slug) => known.has(slug));
    }
    const state: SearchState = { ...requested, filters, page: 1 };
    return { state, query: searchQueryString(state, { includeSortAndPage: false }), taxonomies: names };
  }

  /** The same for a stored query string. */
  function resolveStored(query: string, taxonomies?: Taxonomies): Promise<ResolvedSearch> {
    return resolve(queryObject(query), taxonomies);
  }

  async function confirmable(token: string, now: Date) {
    const alert = await prisma.openingAlert.findUnique({ where: { confirmTokenHash: hashSecretToken(token) } });
    if (!alert) return { ok: false, reason: 'unknown' } as const;
    if (alert.createdAt.getTime() + CONFIRM_LINK_DAYS * DAY_MS < now.getTime()) return { ok: false, reason: 'expired' } as const;
    return { ok: true, alert } as const;
  }

  return {
    resolve,
    resolveStored,

    /** Several stored searches at once (the vocabularies read once), e.g. for "Mine data". */
    async resolveMany(queries: readonly string[]): Promise<ResolvedSearch[]> {
      if (queries.length === 0) return [];
      const taxonomies = await loadTaxonomies();
      return Promise.all(queries.map((query) => resolveStored(query, taxonomies)));
    },

    /**
     * Saves an unconfirmed alert and queues its confirmation e-mail (`mail` builds it
     * from the token), in one transaction with the audit row. An address that already
     * has this search confirmed gets nothing new (the caller answers the same); an
     * earlier unconfirmed request for the same search is replaced by this one.
     */
    async subscribe(
      input: { email: string; frequency: AlertFrequency; query: string; language: Language },
      context: ChangeContext,
      mail: (tokens: { confirm: string; unsubscribe: string }) => MailMessage,
    ): Promise<{ ok: true; created: boolean }> {
      const email = normaliseEmail(input.email);
      return prisma.$transaction(async (tx) => {
        const existing = await tx.openingAlert.findFirst({
          where: { email, query: input.query, confirmedAt: { not: null } },
          select: { id: true },
        });
        if (existing) return { ok: true, created: false };
        await tx.openingAlert.deleteMany({ where: { email, query: input.query, confirmedAt: null } });
        const { token, tokenHash } = newSecretToken();
        const unsubscribeToken = newSecretToken().token;
        const alert = await tx.openingAlert.create({
          data: {
            email,
            language: input.language,
            query: input.query,
            frequency: input.frequency,
            confirmTokenHash: tokenHash,
            unsubscribeToken,
            createdAt: context.now,
          },
          select: { id: true },
        });
        await queueMail(tx, mail({ confirm: token, unsubscribe: unsubscribeToken }));
        await writeAudit(tx, context, {
          action: 'openingAlert.created',
          targetType: 'openingAlert',
          targetId: alert.id,
          details: { frequency: input.frequency, language: input.language },
        });
        return { ok: true, created: true };
      });
    },

    /** What a confirmation link would confirm (for its page), or why it cannot. */
    async confirmation(token: string, now: Date): Promise<ConfirmOutcome> {
      const found = await confirmable(token, now);
      if (!found.ok) return found;
      const { alert } = found;
      return { ok: true, frequency: alert.frequency, language: languageOf(alert.language), search: await resolveStored(alert.query) };
    },

    /** Confirms: the alert is on from now; openings published before now are not new to it. */
    async confirm(token: string, context: ChangeContext): Promise<ConfirmOutcome> {
      const found = await confirmable(token, context.now);
      if (!found.ok) return found;
      const { alert } = found;
      const confirmed = await prisma.$transaction(async (tx) => {
        // Conditional on the hash still being there: two clicks confirm once.
        const { count } = await tx.openingAlert.updateMany({
          where: { id: alert.id, confirmTokenHash: alert.confirmTokenHash },
          data: { confirmedAt: context.now, sentUpTo: context.now, confirmTokenHash: null },
        });
        if (count === 0) return false;
        await writeAudit(tx, context, {
          action: 'openingAlert.confirmed',
          targetType: 'openingAlert',
          targetId: alert.id,
          details: { frequency: alert.frequency },
        });
        return true;
      });
      if (!confirmed) return { ok: false, reason: 'unknown' };
      return { ok: true, frequency: alert.frequency, language: languageOf(alert.language), search: await resolveStored(alert.query) };
    },

    /** The search an unsubscribe link would stop (for its page), or null for an unknown or used link. */
    async stopping(token: string): Promise<ResolvedSearch | null> {
      const alert = await prisma.openingAlert.findUnique({ where: { unsubscribeToken: token }, select: { query: true } });
      return alert ? resolveStored(alert.query) : null;
    },

    /**
     * Deletes the alert of an unsubscribe token and answers the search it stopped (for the
     * page that says so); an unknown token is not an error (a second click): no search.
     */
    async unsubscribe(
      token: string,
      context: ChangeContext,
      via: UnsubscribeVia,
    ): Promise<{ ok: true; deleted: false } | { ok: true; deleted: true; search: ResolvedSearch }> {
      const stopped = await prisma.$transaction(async (tx) => {
        const alert = await tx.openingAlert.findUnique({ where: { unsubscribeToken: token }, select: { id: true, query: true } });
        if (!alert) return null;
        await tx.openingAlert.delete({ where: { id: alert.id } });
        await writeAudit(tx, context, {
          action: 'openingAlert.unsubscribed',
          targetType: 'openingAlert',
          targetId: alert.id,
          details: { via },
        });
        return alert.query;
      });
      if (stopped === null) return { ok: true, deleted: false };
      return { ok: true, deleted: true, search: await resolveStored(stopped) };
    },

    /**
     * The daily job: deletes unconfirmed alerts past their link's life, then for each
     * confirmed alert that is due, finds the public openings matching its search that
     * were published in (`sentUpTo`, cutoff], the cutoff being DIGEST_MARGIN_MS before
     * the run. With none, nothing is sent and the alert stays due. Otherwise the digest
     * is queued, `sentUpTo` moves to the cutoff and `lastSentAt` to now in ONE
     * transaction per alert, guarded on the `sentUpTo` read: a crash before the commit
     * sends nothing (the next run sends it), after it never sends it again.
     */
    async sendDigests(
      now: Date,
      mail: (input: DigestInput) => MailMessage,
    ): Promise<{ due: number; sent: number; skipped: number; expired: number }> {
      const expired = await prisma.$transaction(async (tx) => {
        const { count } = await tx.openingAlert.deleteMany({
          where: { confirmedAt: null, createdAt: { lt: new Date(now.getTime() - CONFIRM_LINK_DAYS * DAY_MS) } },
        });
        if (count > 0)
          await writeAudit(
            tx,
            { actorUserId: null, requestId: null, now },
            { action: 'openingAlert.expired', targetType: 'openingAlert', targetId: '*', details: { deleted: count } },
          );
        return count;
      });

      const dueBefore = (frequency: AlertFrequency) => new Date(now.getTime() - DUE_AFTER_MS[frequency]);
      const alerts = await prisma.openingAlert.findMany({
        where: {
          confirmedAt: { not: null },
          OR: (['DAILY', 'WEEKLY'] as const).map((frequency) => ({
            frequency,
            OR: [{ lastSentAt: null }, { lastSentAt: { lte: dueBefore(frequency) } }],
          })),
        },
        orderBy: { id: 'asc' },
      });
      const taxonomies = alerts.length > 0 ? await loadTaxonomies() : null;
      const cutoff = new Date(now.getTime() - DIGEST_MARGIN_MS);
      let sent = 0;
      let skipped = 0;
      for (const alert of alerts) {
        const since = alert.sentUpTo ?? alert.confirmedAt ?? now;
        const search = await resolveStored(alert.query, taxonomies ?? undefined);
        // A filter whose every value has since been retired or merged away would leave the
        // search wider than the one asked for (the search page drops unknown values): such
        // an alert gets nothing rather than openings it never asked about.
        if (lostFilter(alert.query, search.state)) {
          skipped += 1;
          continue;
        }
        // Newest first, so the new ones are a prefix; one more than listed tells there are more.
        const fetched = DIGEST_MAX_OPENINGS * 2;
        // Public as of now (a deadline passed since the cutoff keeps an opening out).
        const newest = await deps.openingSearch.newest(search.state, now, fetched);
        const isNew = (hit: OpeningHit) => hit.publishedAt !== null && hit.publishedAt > since && hit.publishedAt <= cutoff;
        const fresh = newest.filter(isNew);
        if (fresh.length === 0) continue;
        // Also more when every one fetched was new (or the oldest fetched still is): the
        // window may have ended before the new ones did.
        const oldestFetched = newest.at(-1);
        const windowFull = newest.length === fetched && oldestFetched !== undefined && isNew(oldestFetched);
        const message = mail({
          alertId: alert.id,
          to: alert.email,
          language: languageOf(alert.language),
          frequency: alert.frequency,
          search,
          openings: fresh.slice(0, DIGEST_MAX_OPENINGS),
          more: fresh.length > DIGEST_MAX_OPENINGS || windowFull,
          unsubscribeToken: alert.unsubscribeToken,
        });
        const done = await prisma.$transaction(async (tx) => {
          const { count } = await tx.openingAlert.updateMany({
            where: { id: alert.id, sentUpTo: alert.sentUpTo },
            // The cutoff is after `since` (a fresh opening lies between them): never backwards.
            data: { sentUpTo: cutoff, lastSentAt: now },
          });
          if (count === 0) return false; // unsubscribed, or sent by another run meanwhile
          await queueMail(tx, message);
          await writeAudit(
            tx,
            { actorUserId: null, requestId: null, now },
            {
              action: 'openingAlert.sent',
              targetType: 'openingAlert',
              targetId: alert.id,
              details: { openings: Math.min(fresh.length, DIGEST_MAX_OPENINGS) },
            },
          );
          return true;
        });
        if (done) sent += 1;
      }
      return { due: alerts.length, sent, skipped, expired };
    },
  };
}

/** Whether a stored search had values for a vocabulary filter of which none is left. */
function lostFilter(storedQuery: string, resolved: SearchState): boolean {
  const stored = parseSearchQuery(queryObject(storedQuery));
  return TAXONOMY_FACETS.some((facet) => stored.filters[facet].length > 0 && resolved.filters[facet].length === 0);
}

export type OpeningAlertService = ReturnType<typeof createOpeningAlertService>;
