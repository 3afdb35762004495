// The staff side of an agreement's life, under /medarbejder/samarbejdsaftaler/:id: the
// status panel on the agreement's page (send the working copy as the next version,
// give notice), the sent versions (each as sent, as a page and a PDF), the difference
// between two versions, and the history. A failed panel form re-renders the agreement's
// page with 422 (or 409 when the agreement changed meanwhile), its input kept.
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../../errors.js';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { addFlash } from '../../middleware/flash.js';
import { keepValues, type FieldError } from '../../validation/form.js';
import { requireId } from '../../validation/ids.js';
import { requireVersion } from '../../validation/version.js';
import { paginationFor } from '../../views/pagination.js';
import { endByNotice, nextReviewDate } from './agreement-dates.js';
import type { AgreementService, AgreementWithRows } from './agreement-service.js';
import type { PanelForms } from './agreement-controller.js';
import { isClosed, isInForce, type AgreementWorkflowService } from './agreement-workflow-service.js';
import { parseSendForm, parseTerminateForm, parseVersionNumber, workflowLimits } from './agreement-workflow-schemas.js';
import { versionDocument } from './agreement-version.js';
import { diffVersions } from './agreement-diff.js';
import { agreementPdf } from './agreement-pdf.js';

const AGREEMENTS_PATH = '/medarbejder/samarbejdsaftaler';
export const agreementPath = (id: number) => `${AGREEMENTS_PATH}/${id}`;
export const workflowPaths = (id: number) => ({
  edit: `${agreementPath(id)}/rediger`,
  send: `${agreementPath(id)}/send`,
  terminate: `${agreementPath(id)}/opsig`,
  versions: `${agreementPath(id)}/versioner`,
  version: (number: number) => `${agreementPath(id)}/versioner/${number}`,
  versionPdf: (number: number) => `${agreementPath(id)}/versioner/${number}/pdf`,
  diff: `${agreementPath(id)}/forskel`,
  history: `${agreementPath(id)}/historik`,
});

/** Names as a list in the reader's language: "A, B og C". */
export const listOfNames = (lang: string, names: string[]) =>
  new Intl.ListFormat(lang === 'da' ? 'da' : 'en', { type: 'conjunction' }).format(names);

/**
 * What the working copy is, said plainly on its page and its PDF: a draft never sent,
 * or a working copy that is not the agreement in force (naming the version that is, or
 * the latest sent one still awaiting answers). A locale key and its values.
 */
export function workingCopyMarker(agreement: { sentVersion: number; acceptedVersion: number | null }) {
  if (agreement.sentVersion === 0) return { key: 'agreements.workingCopy.draft', values: {} };
  if (agreement.acceptedVersion !== null) return { key: 'agreements.workingCopy.inForce', values: { number: agreement.acceptedVersion } };
  return { key: 'agreements.workingCopy.awaiting', values: { number: agreement.sentVersion } };
}

type Overview = Awaited<ReturnType<AgreementWorkflowService['overview']>>;

/**
 * The next step for staff, shown at the top of the status panel: send a draft; a
 * partner asked for changes or declined the latest version (fix the working copy and
 * send the next version); waiting for the partners' answers; or, in force, the next
 * review. Nothing once the agreement has ended.
 */
function nextStep(agreement: AgreementWithRows, overview: Overview, nextReview: Date | null) {
  if (isClosed(agreement.status)) return null;
  if (!overview.latest) return { kind: 'draft' as const };
  const flagged = overview.partners.flatMap((p) =>
    p.answer && p.answer.answer !== 'ACCEPTED' ? [{ name: p.name, answer: p.answer.answer, comment: p.answer.comment }] : [],
  );
  if (flagged.length > 0) return { kind: 'changes' as const, flagged };
  if (agreement.acceptedVersion !== agreement.sentVersion) {
    const waiting = overview.partners.filter((p) => !p.answer).map((p) => p.name);
    if (waiting.length > 0) return { kind: 'waiting' as const, names: waiting };
  }
  return nextReview && isInForce(agreement.status) ? { kind: 'review' as const, date: nextReview } : null;
}

/** The status panel of an agreement's page (views/agreements/status-panel.ejs). */
export async function statusPanel(req: Request, workflow: AgreementWorkflowService, agreement: AgreementWithRows, today: Date) {
  const overview = await workflow.overview(agreement);
  const closed = isClosed(agreement.status);
  const inForce = isInForce(agreement.status);
  const step = nextStep(agreement, overview, nextReviewDate(agreement.startsOn, agreement.reviewIntervalMonths, today));
  return {
    ...overview,
    nextStep: step && step.kind === 'waiting' ? { ...step, names: listOfNames(req.lang, step.names) } : step,
    renewedFrom: overview.renewedFrom && { ...overview.renewedFrom, href: agreementPath(overview.renewedFrom.id) },
    renewals: overview.renewals.map((renewal) => ({ ...renewal, href: agreementPath(renewal.id) })),
    partnerNames: listOfNames(
      req.lang,
      overview.partners.map((p) => p.name),
    ),
    status: agreement.status,
    sentVersion: agreement.sentVersion,
    acceptedVersion: agreement.acceptedVersion,
    nextNumber: agreement.sentVersion + 1,
    version: agreement.version,
    closed,
    // Something to send: never sent, or the working copy differs from the latest version.
    canSend: !closed && overview.unsentChanges,
    missingStartDate: agreement.startsOn === null,
    withoutEmail: overview.partners.filter((p) => !p.hasEmail).map((p) => p.name),
    canTerminate: inForce && agreement.terminatedOn === null,
    terminated: agreement.terminatedOn
      ? { on: agreement.terminatedOn, reason: agreement.terminationReason, endsOn: agreement.endsOn }
      : null,
    noticeEndsOn: endByNotice(today, agreement.noticeMonths, agreement.endsOn),
    noticeMonths: agreement.noticeMonths ?? 0,
    paths: workflowPaths(agreement.id),
    limits: workflowLimits(),
  };
}

/** History actions about a sent version, whose version number the history shows. */
const VERSION_ACTIONS = new Set(['agreement.sent', 'agreement.answered', 'agreement.accepted']);

type RenderShow = (req: Request, res: Response, status: number, agreement: AgreementWithRows, forms?: PanelForms) => Promise<void>;

export function createAgreementWorkflowController(deps: {
  clock: Clock;
  baseUrl: string;
  agreements: AgreementService;
  workflow: AgreementWorkflowService;
  renderShow: RenderShow;
  amountFormatter: (req: Request) => (amount: number) => string;
}) {
  const staffCrumb = (req: Request) => ({ href: '/medarbejder', label: req.t('staff.title') });
  const listCrumb = (req: Request) => ({ href: AGREEMENTS_PATH, label: req.t('agreements.list.title') });
  const crumbs = (req: Request, agreement: { id: number; title: string }, ...rest: { href?: string; label: string }[]) => [
    staffCrumb(req),
    listCrumb(req),
    { href: agreementPath(agreement.id), label: agreement.title, typed: true },
    ...rest,
  ];

  const load = async (req: Request) => {
    const agreement = await deps.agreements.find(requireId(req.params.agreementId));
    if (!agreement) throw new HttpError(404);
    return agreement;
  };

  /**
   * A panel form (send, notice): parsed, then done by the workflow; a refusal about the
   * agreement (not a field) is shown in the summary linking to the panel, a stale
   * version as the conflict alert with the newest agreement, both with the input kept.
   */
  const panelAction =
    <T>(
      kind: 'send' | 'terminate',
      parse: (body: Record<string, unknown>) => { ok: true; data: T } | { ok: false; errors: FieldError[] },
      run: (agreement: AgreementWithRows, version: number, data: T, req: Request) => Promise<{ ok: true } | { ok: false; reason: string }>,
      flash: string,
    ): RequestHandler =>
    async (req, res) => {
      const agreement = await load(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const version = requireVersion(body);
      const values = keepValues(body, ['_csrf', 'version']);
      const form = parse(body);
      if (!form.ok) {
        await deps.renderShow(req, res, 422, agreement, { values, errors: form.errors });
        return;
      }
      const outcome = await run(agreement, version, form.data, req);
      if (!outcome.ok) {
        if (outcome.reason === 'not-found') throw new HttpError(404);
        if (outcome.reason === 'conflict') {
          await deps.renderShow(req, res, 409, await load(req), { values, conflict: true });
          return;
        }
        await deps.renderShow(req, res, 422, agreement, {
          values,
          errors: [{ field: 'status-heading', key: `agreementWorkflow.errors.${kind}.${outcome.reason}` }],
        });
        return;
      }
      addFlash(req, 'success', flash);
      res.redirect(303, agreementPath(agreement.id));
    };

  const send = panelAction(
    'send',
    parseSendForm,
    (agreement, version, data, req) =>
      deps.workflow.send(agreement.id, version, data.sendNote, changeContext(req, deps.clock.now()), deps.baseUrl, req.t),
    'agreementWorkflow.flash.sent',
  );

  const terminate = panelAction(
    'terminate',
    parseTerminateForm,
    (agreement, version, data, req) =>
      deps.workflow.terminate(agreement.id, version, data.terminationReason, changeContext(req, deps.clock.now())),
    'agreementWorkflow.flash.terminated',
  );

  const versions: RequestHandler = async (req, res) => {
    const agreement = await load(req);
    const rows = await deps.workflow.versions(agreement.id);
    const paths = workflowPaths(agreement.id);
    res.render('agreements/versions', {
      title: req.t('agreementWorkflow.versions.title'),
      breadcrumbs: crumbs(req, agreement, { label: req.t('agreementWorkflow.versions.title') }),
      agreement: { id: agreement.id, title: agreement.title, acceptedVersion: agreement.acceptedVersion },
      versions: rows.map((row) => ({ ...row, href: paths.version(row.number) })),
      paths,
    });
  };

  const findVersion = async (req: Request) => {
    const agreement = await load(req);
    const number = parseVersionNumber(req.params.number);
    const version = number === null ? null : await deps.workflow.version(agreement.id, number);
    if (!version) throw new HttpError(404);
    return { agreement, version };
  };

  const version: RequestHandler = async (req, res) => {
    const { agreement, version: sent } = await findVersion(req);
    const answers = await deps.workflow.answersFor(sent.id);
    const paths = workflowPaths(agreement.id);
    const label = req.t('agreementWorkflow.versions.number', { number: sent.number });
    res.render('agreements/version', {
      title: `${sent.content.title} – ${label}`,
      breadcrumbs: crumbs(req, agreement, { href: paths.versions, label: req.t('agreementWorkflow.versions.title') }, { label }),
      agreement: { id: agreement.id, acceptedVersion: agreement.acceptedVersion, sentVersion: agreement.sentVersion },
      sent,
      doc: versionDocument(sent.content, req.lang),
      answers: sent.content.parties
        .filter((p) => p.kind !== 'MUNICIPALITY')
        .map((party) => ({ name: party.name, answer: answers.get(party.partyId) ?? null })),
      pdfPath: paths.versionPdf(sent.number),
      paths,
      formatAmount: deps.amountFormatter(req),
    });
  };

  const versionPdf: RequestHandler = async (req, res) => {
    const { agreement, version: sent } = await findVersion(req);
    const doc = versionDocument(sent.content, req.lang);
    const file = await agreementPdf(
      { ...doc, subtitle: req.t('agreementWorkflow.versions.sentOn', { number: sent.number, date: res.locals.formatDate(sent.sentAt) }) },
      { t: req.t, formatDate: res.locals.formatDate, formatAmount: deps.amountFormatter(req) },
    );
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="samarbejdsaftale-${agreement.id}-version-${sent.number}.pdf"`)
      .send(file);
  };

  const diff: RequestHandler = async (req, res) => {
    const agreement = await load(req);
    const rows = await deps.workflow.versions(agreement.id);
    const paths = workflowPaths(agreement.id);
    const query = req.query as Record<string, unknown>;
    const asked = query.fra !== undefined || query.til !== undefined;
    const errors: FieldError[] = [];
    const numbers = new Set(rows.map((r) => r.number));
    const pick = (field: 'fra' | 'til') => {
      const number = parseVersionNumber(query[field]);
      if (number === null || !numbers.has(number)) {
        errors.push({ field, key: 'agreementWorkflow.errors.unknownVersion' });
        return null;
      }
      return number;
    };
    let result: ReturnType<typeof diffVersions> | null = null;
    // Oldest first, as the selects list them.
    const ascending = rows.map((r) => r.number).sort((a, b) => a - b);
    // Until the reader chooses, the two newest versions are compared right away.
    const from = asked ? pick('fra') : (ascending.at(-2) ?? null);
    const to = asked ? pick('til') : (ascending.at(-1) ?? null);
    if (from !== null && to !== null) {
      const [older, newer] = await Promise.all([deps.workflow.version(agreement.id, from), deps.workflow.version(agreement.id, to)]);
      if (older && newer) result = diffVersions(older.content, newer.content);
    }
    const values = asked
      ? { fra: typeof query.fra === 'string' ? query.fra : '', til: typeof query.til === 'string' ? query.til : '' }
      : { fra: String(from ?? ''), til: String(to ?? '') };
    res.status(errors.length > 0 ? 422 : 200).render('agreements/diff', {
      title: req.t('agreementWorkflow.diff.title'),
      breadcrumbs: crumbs(req, agreement, { label: req.t('agreementWorkflow.diff.title') }),
      agreement: { id: agreement.id, title: agreement.title },
      options: ascending.map((number) => ({ value: String(number), label: req.t('agreementWorkflow.versions.number', { number }) })),
      diff: result,
      from,
      to,
      action: paths.diff,
      paths,
      errors,
      values,
      formatAmount: deps.amountFormatter(req),
    });
  };

  const history: RequestHandler = async (req, res) => {
    const agreement = await load(req);
    const raw = (req.query as Record<string, unknown>).side;
    const page = typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
    const list = await deps.workflow.history(agreement.id, page);
    const paths = workflowPaths(agreement.id);
    // The time of day beside the date: several things can happen to an agreement in a day.
    const time = new Intl.DateTimeFormat(req.lang === 'da' ? 'da-DK' : 'en-GB', {
      timeZone: 'Europe/Copenhagen',
      hour: '2-digit',
      minute: '2-digit',
    });
    res.render('agreements/history', {
      title: req.t('agreementWorkflow.history.title'),
      breadcrumbs: crumbs(req, agreement, { label: req.t('agreementWorkflow.history.title') }),
      agreement: { id: agreement.id, title: agreement.title },
      entries: list.entries.map((entry) => ({
        ...entry,
        // Only an action about a sent version names it: other rows' details.version is
        // the working copy's lock counter (agreement.updated), not a version sent.
        version: VERSION_ACTIONS.has(entry.action) ? entry.version : null,
        time: time.format(entry.at),
        // Every action of the agreement life has its text; another one shows its own name.
        label: req.t(`agreementWorkflow.history.actions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action }),
      })),
      pagination: paginationFor(list.page, list.pageCount, (n) => `${paths.history}?side=${n}`),
      paths,
    });
  };

  return { send, terminate, versions, version, versionPdf, diff, history };
}
