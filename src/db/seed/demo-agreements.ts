// The demo municipality's collaboration agreements, run after seedDemoData (which
// creates the associations used here, found by slug), so every agreement page has
// something to show:
//
// - "Grow Your Life" (ACTIVE): the municipality, the volunteer centre and two evening
//   schools; version 1 was sent, one school asked for changes, version 2 was accepted
//   by all. It is on the public "Samarbejder" page with two openings linked to it, and
//   its next review is always within 60 days of seeding.
// - "Frivillig kulturformidling" (SENT): version 1 accepted by one partner, the other
//   has not answered yet.
// - "Bedste i Børnehuset" (EVALUATED): a small local agreement that ended last year;
//   the municipality and the association evaluated it separately (they differ on some
//   checklist items), and staff decided to renew it: the renewal is a new draft.
//
// The content is modelled on a partnership evaluation of the kind the municipality
// learns from: activities for young adults with intellectual disabilities, culture
// for citizens with disabilities. Versions are frozen with versionContentOf, so their
// content has the shape the portal writes. Written straight through Prisma like the
// rest of the seed, with the audit rows the real flow writes (same actions and details,
// at the seeded times), so each agreement's history page tells its story: the demo
// staff user creates, sends and decides; an association answers through its demo
// member; an external partner through its e-mailed link (no actor, details.partyId);
// the portal itself starts and ends agreements by the calendar.
//
// Idempotent like the first demo draft was: an agreement whose demo title exists is
// left as it is (staff may have changed it while trying the demo), so re-seeding never
// piles up copies. Each agreement is written in one transaction, so a failed run
// leaves none half made. Dates are relative to `now`, so reviews never go stale.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { AgreementAnswer } from '../../generated/prisma/enums.js';
import { DEFAULT_CHECKLIST, DEFAULT_SECTIONS, type TemplateSection } from '../../features/agreement-template/default-template.js';
import { municipalityTodayDate } from '../../features/openings/visibility.js';
import { addMonths } from '../../time/calendar-months.js';
import { sectionsFromTemplate, WITH_ROWS } from '../../features/agreements/agreement-service.js';
import { versionContentOf } from '../../features/agreements/agreement-version.js';
import type { ChecklistAnswers, ChecklistRating } from '../../features/agreements/evaluation-checklist.js';
import { writeAudit } from '../../audit/audit-log.js';
import { dateKey } from '../../time/calendar-months.js';
import { DEMO_USERS } from './demo-data.js';

export const DEMO_AGREEMENT_TITLE = 'Grow Your Life';
export const DEMO_SENT_AGREEMENT_TITLE = 'Frivillig kulturformidling';
export const DEMO_EVALUATED_AGREEMENT_TITLE = 'Bedste i Børnehuset';
export const DEMO_RENEWED_AGREEMENT_TITLE = 'Bedste i Børnehuset – fornyet aftale';
/** The demo openings linked to Grow Your Life (owned by the volunteer centre). */
export const DEMO_LINKED_OPENING_TITLES = ['Frivillig i Grow Your Life-caféen', 'Madmakker på aftenskolens madhold'] as const;

const VOLUNTEER_CENTRE = 'frivilligcenter-og-selvhjaelp';
const LAVUK = 'venskabsforeningen-lavuk-stjernen';
const BEDSTE = 'bedste-i-boernehuset';

const DAY_MS = 24 * 60 * 60 * 1000;
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

type Tx = Prisma.TransactionClient;
/** Who did it: the demo staff user, an association's member, or nobody (a link, the portal). */
type Actor = number | null;
type Template = { number: number; sections: readonly TemplateSection[]; checklistKeys: readonly string[] };

const days = (date: Date, n: number) => new Date(date.getTime() + n * DAY_MS);
/** A moment on a calendar day (10:00 UTC), for sent/answered times. */
const at = (day: Date) => new Date(day.getTime() + 10 * 60 * 60 * 1000);

interface DemoParty {
  kind: 'MUNICIPALITY' | 'ASSOCIATION' | 'EXTERNAL';
  association?: { id: number; contactName: string | null; email: string | null };
  name?: string;
  contactName?: string;
  contactEmail?: string;
  tasks: string;
  contributes: string;
  checksChildCertificates?: boolean;
  handlesPersonalData?: boolean;
}

function partyRows(parties: readonly DemoParty[]): Prisma.AgreementPartyCreateWithoutAgreementInput[] {
  return parties.map((p, index) => ({
    kind: p.kind,
    ...(p.association ? { association: { connect: { id: p.association.id } } } : {}),
    name: p.name ?? '',
    contactName: p.contactName ?? p.association?.contactName ?? '',
    contactEmail: p.contactEmail ?? p.association?.email ?? null,
    tasks: p.tasks,
    contributes: p.contributes,
    checksChildCertificates: p.checksChildCertificates ?? false,
    handlesPersonalData: p.handlesPersonalData ?? false,
    sortOrder: index + 1,
  }));
}

/** An audit row about an agreement, as the service doing the same would write it. */
const audit = (tx: Tx, actor: Actor, at: Date, action: string, agreementId: number, details: Prisma.InputJsonObject) =>
  writeAudit(tx, { actorUserId: actor, requestId: null, now: at }, { action, targetType: 'agreement', targetId: agreementId, details });

/** agreement.created as agreement-service.ts writes it. */
async function auditCreated(tx: Tx, actor: Actor, agreementId: number, templateNumber: number) {
  const agreement = await tx.agreement.findUniqueOrThrow({
    where: { id: agreementId },
    select: {
      createdAt: true,
      level: true,
      howToJoin: true,
      parties: { select: { kind: true, associationId: true } },
      sections: { select: { id: true } },
    },
  });
  await audit(tx, actor, agreement.createdAt, 'agreement.created', agreementId, {
    templateVersion: templateNumber,
    level: agreement.level,
    associationIds: agreement.parties.flatMap((p) => (p.kind === 'ASSOCIATION' && p.associationId !== null ? [p.associationId] : [])),
    externalPartners: agreement.parties.filter((p) => p.kind === 'EXTERNAL').length,
    sections: agreement.sections.length,
    howToJoin: agreement.howToJoin ? '(changed)' : '',
  });
}

/** Freezes the working copy into its next version, as sending does, with its agreement.sent row. */
async function sendVersion(tx: Tx, agreementId: number, sentAt: Date, sentBy: Actor, note = '') {
  const agreement = await tx.agreement.findUniqueOrThrow({ where: { id: agreementId }, include: WITH_ROWS });
  const number = agreement.sentVersion + 1;
  const version = await tx.agreementVersion.create({
    data: {
      agreementId,
      number,
      content: JSON.parse(JSON.stringify(versionContentOf(agreement))) as Prisma.InputJsonValue,
      note,
      sentById: sentBy,
      sentAt,
    },
  });
  await tx.agreement.update({ where: { id: agreementId }, data: { sentVersion: number } });
  const asked = agreement.parties.filter((p) => p.kind !== 'MUNICIPALITY');
  await audit(tx, sentBy, sentAt, 'agreement.sent', agreementId, {
    version: number,
    partners: asked.map((p) => p.id),
    mailed: asked.filter((p) => p.contactEmail).length,
    ...(note.trim() ? { note: '(changed)' } : {}),
  });
  return { version, parties: agreement.parties };
}

/** The member who acts for an association in the demo (its first member), or null. */
async function memberOf(tx: Tx, associationId: number | null): Promise<Actor> {
  if (associationId === null) return null;
  const member = await tx.associationMember.findFirst({ where: { associationId }, orderBy: { userId: 'asc' }, select: { userId: true } });
  return member?.userId ?? null;
}

/** A partner's answer with its agreement.answered row (agreement-answer-service.ts). */
async function answer(
  tx: Tx,
  version: { id: number; number: number; agreementId: number },
  party: { id: number; kind: string; associationId: number | null },
  value: AgreementAnswer,
  answeredAt: Date,
  comment = '',
) {
  // An association answers through a member; an external partner through its link.
  const member = await memberOf(tx, party.associationId);
  const viaLink = party.kind === 'EXTERNAL';
  await tx.agreementResponse.create({
    data: {
      versionId: version.id,
      partyId: party.id,
      answer: value,
      comment,
      answeredById: member,
      viaLink,
      answeredAt,
    },
  });
  await audit(tx, viaLink ? null : member, answeredAt, 'agreement.answered', version.agreementId, {
    version: version.number,
    partyId: party.id,
    answer: value,
    viaLink,
  });
}

/** The last answer accepted the version: agreement.accepted (before the start date: ACCEPTED). */
async function accepted(tx: Tx, actor: Actor, at: Date, agreementId: number, versionNumber: number, status: 'ACCEPTED' | 'ACTIVE') {
  await audit(tx, actor, at, 'agreement.accepted', agreementId, { version: versionNumber, status });
}

/** The hourly lifecycle job's move (agreement-workflow-service.ts advanceByDate), by the portal. */
const moved = (tx: Tx, at: Date, agreementId: number, action: 'agreement.started' | 'agreement.ended', details: Prisma.InputJsonObject) =>
  audit(tx, null, at, action, agreementId, details);

/** 00:05 in Copenhagen (winter time) on a calendar day: when the lifecycle job runs first. */
const jobRun = (day: Date) => new Date(day.getTime() - 55 * 60 * 1000);

async function currentTemplate(prisma: PrismaClient): Promise<Template> {
  const template = await prisma.agreementTemplateVersion.findFirst({
    orderBy: { number: 'desc' },
    include: { sections: { orderBy: { sortOrder: 'asc' } }, checklistItems: { orderBy: { sortOrder: 'asc' } } },
  });
  if (!template) return { number: 0, sections: DEFAULT_SECTIONS, checklistKeys: DEFAULT_CHECKLIST.map((i) => i.key) };
  return { number: template.number, sections: template.sections, checklistKeys: template.checklistItems.map((i) => i.key) };
}

const exists = async (prisma: PrismaClient, title: string) =>
  (await prisma.agreement.findFirst({ where: { title }, select: { id: true } })) !== null;

export async function seedDemoAgreements(prisma: PrismaClient, now: Date): Promise<void> {
  const associations = await prisma.association.findMany({
    where: { slug: { in: [VOLUNTEER_CENTRE, LAVUK, BEDSTE] } },
    select: { id: true, slug: true, name: true, contactName: true, email: true },
  });
  const bySlug = new Map(associations.map((a) => [a.slug, a]));
  const template = await currentTemplate(prisma);
  const today = municipalityTodayDate(now);
  // The demo staff user writes, sends and decides (null if the demo users are absent).
  const staffEmail = DEMO_USERS.find((u) => u.role === 'STAFF')?.email ?? '';
  const staff = (await prisma.user.findUnique({ where: { email: staffEmail }, select: { id: true } }))?.id ?? null;

  const centre = bySlug.get(VOLUNTEER_CENTRE);
  if (centre && !(await exists(prisma, DEMO_AGREEMENT_TITLE))) {
    await prisma.$transaction((tx) => seedGrowYourLife(tx, template, centre, today, now, staff), TRANSACTION_OPTIONS);
  }
  const lavuk = bySlug.get(LAVUK);
  if (lavuk && !(await exists(prisma, DEMO_SENT_AGREEMENT_TITLE))) {
    await prisma.$transaction((tx) => seedCultureAgreement(tx, template, lavuk, today, staff), TRANSACTION_OPTIONS);
  }
  const bedste = bySlug.get(BEDSTE);
  if (bedste && !(await exists(prisma, DEMO_EVALUATED_AGREEMENT_TITLE))) {
    await prisma.$transaction((tx) => seedBedste(tx, template, bedste, today, staff), TRANSACTION_OPTIONS);
  }
}

// --- Grow Your Life ------------------------------------------------------------------

const GROW_SECTIONS: Record<string, string> = {
  purpose:
    'Unge voksne med udviklingshæmning (18–40 år) skal have et større socialt netværk og et aktivt fritidsliv sammen med andre unge. ' +
    'Sammen med frivillige laver de mad, spiller musik, danser og tager på ture – på aftenskolernes hold, i en fast café og til fælles arrangementer. ' +
    'Samtidig lærer foreninger og frivillige, hvordan de kan tage godt imod borgere med handicap i deres egne aktiviteter.',
  'target-group':
    'Unge voksne med udviklingshæmning, der bor i kommunen og har brug for flere at være sammen med i fritiden. Frivillige, fx studerende på sygeplejerske- og pædagoguddannelserne.',
  'shared-goals':
    'Deltagerne får nye venskaber og mod på at deltage i fritids- og kulturlivet. Aftenskolerne og frivilligcentret får erfaring med at inkludere borgere med handicap.',
  'roles-and-tasks':
    'Frivilligcentret har det administrative ansvar og koordinerer de frivillige. Kommunen finder deltagere og åbner døre til bostederne. Aftenskolerne holder holdene.',
  'volunteers-and-staff':
    'De frivillige er et supplement: aftenskolernes undervisere er lønnede, og bostedernes personale har ansvaret for borgernes støtte. Frivillige får introduktion og supervision.',
  'economy-and-grants': 'Budgettet står under aftalens budget. Aftenskolerne har sikkerhed for betaling af de planlagte hold.',
  'personal-data-and-confidentiality':
    'Frivilligcentret behandler tilmeldingerne og deler kun det nødvendige med aftenskolerne. Frivillige har tavshedspligt.',
  steering: 'En styregruppe med én fra hver part mødes hver anden måned. Koordinatorerne i frivilligcentret og kommunen mødes hver uge.',
  'notice-and-review': 'Tre måneders varsel. Parterne evaluerer samarbejdet hvert halve år ud fra kommunens tjekliste.',
};

const GROW_HOW_TO_JOIN =
  'Vil du være frivillig? Kom forbi caféen en torsdag, eller skriv til Frivilligcenter og Selvhjælp Lyngby-Taarbæk, så finder vi et hold, der passer til dig. ' +
  'Er du ung med udviklingshæmning og vil være med? Tal med din kontaktperson på bostedet, eller kom forbi caféen med en ven.';

async function seedGrowYourLife(
  tx: Tx,
  template: Template,
  centre: { id: number; name: string; contactName: string | null; email: string | null },
  today: Date,
  now: Date,
  staff: Actor,
) {
  // Reviewed every six months, started so that the next review is 45 days from today:
  // the staff list and the reminders always have a review coming up.
  const reviewInterval = 6;
  const startsOn = addMonths(days(today, 45), -reviewInterval);
  const municipalUnit = 'Center for Sundhed og Trivsel';
  const agreement = await tx.agreement.create({
    data: {
      title: DEMO_AGREEMENT_TITLE,
      municipalUnit,
      level: 'PARTNERSHIP',
      status: 'DRAFT',
      templateVersion: template.number,
      startsOn,
      endsOn: addMonths(startsOn, 24),
      noticeMonths: 3,
      reviewIntervalMonths: reviewInterval,
      howToJoin: GROW_HOW_TO_JOIN,
      createdAt: at(days(startsOn, -75)),
      sections: { create: sectionsFromTemplate(template.sections, (key) => GROW_SECTIONS[key] ?? '') },
      parties: {
        create: partyRows([
          {
            kind: 'MUNICIPALITY',
            name: municipalUnit,
            contactName: 'Koordinator i Center for Sundhed og Trivsel',
            tasks: 'Finder deltagere gennem bostederne og myndighedsområdet, og motiverer personalet til at støtte borgernes deltagelse.',
            contributes: 'En koordinator 10 timer om ugen, og lokaler til afslutningsfesten.',
            handlesPersonalData: true,
          },
          {
            kind: 'ASSOCIATION',
            association: centre,
            tasks: 'Har det administrative ansvar, rekrutterer og introducerer de frivillige, og driver caféen.',
            contributes: 'En koordinator 15 timer om ugen og caféens lokaler.',
            handlesPersonalData: true,
          },
          {
            kind: 'EXTERNAL',
            name: 'FOF Demo',
            contactName: 'Kursusleder, FOF Demo',
            contactEmail: 'kursus@fof-demo.example.org',
            tasks: 'Holder madhold og musikhold for deltagere og frivillige sammen.',
            contributes: 'Undervisere og køkken.',
          },
          {
            kind: 'EXTERNAL',
            name: 'AOF Demo',
            contactName: 'Skoleleder, AOF Demo',
            contactEmail: 'skole@aof-demo.example.org',
            tasks: 'Holder dans og drama for deltagere og frivillige sammen.',
            contributes: 'Undervisere og en sal.',
          },
        ]),
      },
      budgetLines: {
        create: [
          { label: 'Aftenskolehold (undervisere)', amountDkk: 60_000, paidBy: municipalUnit, sortOrder: 1 },
          { label: 'Café: mad og materialer', amountDkk: 18_000, paidBy: centre.name, sortOrder: 2 },
          { label: 'Udflugter og afslutningsfest', amountDkk: 12_000, paidBy: municipalUnit, sortOrder: 3 },
        ],
      },
    },
    include: { parties: { orderBy: { sortOrder: 'asc' } } },
  });
  const [, centreParty, fof, aof] = agreement.parties;
  await auditCreated(tx, staff, agreement.id, template.number);

  // Version 1: AOF asks for a guarantee that its planned courses are paid for.
  const first = await sendVersion(tx, agreement.id, at(days(startsOn, -60)), staff);
  await tx.agreement.update({ where: { id: agreement.id }, data: { status: 'SENT' } });
  await answer(tx, first.version, centreParty!, 'ACCEPTED', at(days(startsOn, -57)));
  await answer(tx, first.version, fof!, 'ACCEPTED', at(days(startsOn, -55)));
  await answer(
    tx,
    first.version,
    aof!,
    'CHANGES_REQUESTED',
    at(days(startsOn, -54)),
    'Vi vil gerne have skrevet ind, at de planlagte hold bliver betalt, også hvis der kommer færre deltagere end ventet.',
  );

  // Version 2: the payment guarantee written in; everyone accepts.
  await tx.agreementSection.updateMany({
    where: { agreementId: agreement.id, key: 'economy-and-grants' },
    data: {
      body:
        'Budgettet står under aftalens budget. Kommunen betaler aftenskolernes planlagte hold, også hvis der kommer færre deltagere end ventet. ' +
        'Holdene planlægges et halvt år ad gangen.',
    },
  });
  // The edit form's row for that change (the section texts are free text: not in the audit).
  await audit(tx, staff, at(days(startsOn, -42)), 'agreement.updated', agreement.id, { version: 2 });
  const second = await sendVersion(
    tx,
    agreement.id,
    at(days(startsOn, -40)),
    staff,
    'Betaling af de planlagte hold er skrevet ind under økonomi.',
  );
  const acceptedAt = at(days(startsOn, -33));
  // Each answers on its own day; the last one (AOF, by link) makes it accepted by all.
  const answers = [centreParty!, fof!, aof!];
  for (const [index, party] of answers.entries()) {
    await answer(tx, second.version, party, 'ACCEPTED', days(acceptedAt, index - answers.length + 1));
  }
  await accepted(tx, null, acceptedAt, agreement.id, second.version.number, 'ACCEPTED');
  await moved(tx, jobRun(startsOn), agreement.id, 'agreement.started', { startsOn: dateKey(startsOn), from: 'ACCEPTED', to: 'ACTIVE' });
  await tx.agreementVersion.update({ where: { id: second.version.id }, data: { acceptedAt } });
  await tx.agreement.update({ where: { id: agreement.id }, data: { status: 'ACTIVE', acceptedVersion: second.version.number } });

  // Two of the volunteer centre's openings are part of it: "where can I join in".
  await linkedOpening(tx, agreement.id, centre, today, now, {
    title: DEMO_LINKED_OPENING_TITLES[0],
    summary: 'Vær vært i caféen, hvor unge med og uden handicap mødes hver torsdag aften.',
    description:
      'I Grow Your Life-caféen mødes unge voksne med udviklingshæmning og frivillige til kaffe, spil og en god snak. ' +
      'Som frivillig er du med til at skabe en tryg stemning, hvor alle kan være med. Du får en introduktion og kan altid få sparring af koordinatoren.',
    tasks: 'Dække op og lave kaffe\nSpille spil og snakke med gæsterne\nTage godt imod nye',
    timeCommitment: '3 timer hver anden torsdag',
    place: 'Frivilligcentret, Kongens Lyngby',
  });
  await linkedOpening(tx, agreement.id, centre, today, now, {
    title: DEMO_LINKED_OPENING_TITLES[1],
    summary: 'Lav mad sammen med unge med udviklingshæmning på aftenskolens madhold.',
    description:
      'På madholdet laver deltagere og frivillige mad sammen med en underviser fra aftenskolen, og bagefter spiser I sammen. ' +
      'Du behøver ikke være kok – det vigtigste er, at du har lyst til at hjælpe og være en god makker.',
    tasks: 'Lave mad sammen med en deltager\nHjælpe med at læse opskriften\nSpise med og rydde op',
    timeCommitment: '2½ time om ugen i sæsonen',
    place: 'Aftenskolens køkken, Kongens Lyngby',
  });
}

async function linkedOpening(
  tx: Tx,
  agreementId: number,
  centre: { id: number; contactName: string | null; email: string | null },
  today: Date,
  now: Date,
  opening: { title: string; summary: string; description: string; tasks: string; timeCommitment: string; place: string },
) {
  const data = {
    ...opening,
    form: 'ONGOING',
    commitment: 'WEEKLY',
    skills: 'Du er rolig, nysgerrig og god til at lytte. Erfaring med mennesker med handicap er en fordel, men ikke et krav.',
    childCertificateRequired: false,
    startsOn: days(today, 14),
    deadline: days(today, 40),
    contactName: centre.contactName ?? 'Frivilligcentret',
    contactEmail: centre.email ?? 'info@frivilligcenter.example.org',
    status: 'PUBLISHED',
    publishedAt: days(now, -5),
    agreementId,
  } satisfies Prisma.OpeningUncheckedUpdateInput;
  const existing = await tx.opening.findFirst({ where: { associationId: centre.id, title: opening.title }, select: { id: true } });
  if (existing) await tx.opening.update({ where: { id: existing.id }, data });
  else await tx.opening.create({ data: { ...data, associationId: centre.id } });
}

// --- Frivillig kulturformidling ------------------------------------------------------

async function seedCultureAgreement(
  tx: Tx,
  template: Template,
  lavuk: { id: number; contactName: string | null; email: string | null },
  today: Date,
  staff: Actor,
) {
  const municipalUnit = 'Center for Handicap og Psykiatri';
  const startsOn = addMonths(today, 1);
  const agreement = await tx.agreement.create({
    data: {
      title: DEMO_SENT_AGREEMENT_TITLE,
      municipalUnit,
      level: 'SHARED_TASKS',
      status: 'DRAFT',
      templateVersion: template.number,
      startsOn,
      endsOn: addMonths(startsOn, 12),
      noticeMonths: 2,
      reviewIntervalMonths: 12,
      howToJoin:
        'Har du lyst til at vise kunst og kultur frem for borgere med handicap? Skriv til Venskabsforeningen Lavuk Stjernen. Du får et kursus i kulturformidling, før du begynder.',
      createdAt: at(days(today, -20)),
      sections: {
        create: sectionsFromTemplate(
          template.sections,
          (key) =>
            ({
              purpose:
                'Borgere med handicap skal have mulighed for at være med i kulturelle og sociale fællesskaber. ' +
                'Frivillige med erfaring i kultur og formidling tager dem med på museum, til koncerter og på udflugter, og laver kreative værksteder på dagtilbuddene.',
              'target-group': 'Voksne borgere med handicap i kommunens dagtilbud. Frivillige fra kunstfag, kulturformidling og pædagogik.',
              'roles-and-tasks':
                'Venskabsforeningen rekrutterer og støtter de frivillige. Kunstmuseet holder kurser i kulturformidling og guidede ture. Kommunen åbner dagtilbuddene.',
            })[key] ?? '',
        ),
      },
      parties: {
        create: partyRows([
          {
            kind: 'MUNICIPALITY',
            name: municipalUnit,
            tasks: 'Åbner dagtilbuddene for de frivillige og finder deltagere.',
            contributes: 'Personale med på udflugterne.',
          },
          {
            kind: 'ASSOCIATION',
            association: lavuk,
            tasks: 'Rekrutterer, introducerer og støtter de frivillige.',
            contributes: 'En koordinator og foreningens netværk.',
          },
          {
            kind: 'EXTERNAL',
            name: 'Kunstmuseum Demo',
            contactName: 'Formidlingsafdelingen',
            contactEmail: 'formidling@kunstmuseum-demo.example.org',
            tasks: 'Holder kurser i kulturformidling og guidede ture.',
            contributes: 'Undervisere og fri entré for deltagerne.',
          },
        ]),
      },
      budgetLines: { create: [{ label: 'Transport til udflugter', amountDkk: 15_000, paidBy: municipalUnit, sortOrder: 1 }] },
    },
    include: { parties: { orderBy: { sortOrder: 'asc' } } },
  });
  await auditCreated(tx, staff, agreement.id, template.number);
  const { version } = await sendVersion(tx, agreement.id, at(days(today, -10)), staff);
  await tx.agreement.update({ where: { id: agreement.id }, data: { status: 'SENT' } });
  // Lavuk Stjernen has accepted; the museum has not answered yet.
  await answer(tx, version, agreement.parties[1]!, 'ACCEPTED', at(days(today, -7)));
}

// --- Bedste i Børnehuset -------------------------------------------------------------

const BEDSTE_SECTIONS: Record<string, string> = {
  purpose:
    'Frivillige i bedsteforældrealderen kommer fast i børnehaven og læser højt, synger og leger med børnene. ' +
    'Børnene får en ekstra voksen med god tid, og de frivillige får et meningsfuldt fællesskab.',
  'target-group': 'Børn i børnehaven og seniorer, der har lyst til at være sammen med børn en formiddag om ugen.',
  'volunteers-and-staff': 'Pædagogerne har ansvaret for børnene. De frivillige er et supplement, aldrig en erstatning for personalet.',
  'child-protection-certificates': 'Børnehaven indhenter børneattest for hver frivillig, før de begynder.',
  'notice-and-review': 'En måneds varsel. Parterne evaluerer samarbejdet én gang om året.',
};

async function seedBedste(
  tx: Tx,
  template: Template,
  bedste: { id: number; contactName: string | null; email: string | null },
  today: Date,
  staff: Actor,
) {
  // Ran all of last year, and ended on its last day.
  const lastYear = today.getUTCFullYear() - 1;
  const startsOn = new Date(Date.UTC(lastYear, 0, 1));
  const endsOn = new Date(Date.UTC(lastYear, 11, 31));
  const municipalUnit = 'Børnehuset Solsikken, kommunal børnehave';
  const terms = {
    municipalUnit,
    level: 'SHARED_TASKS',
    templateVersion: template.number,
    noticeMonths: 1,
    reviewIntervalMonths: 12,
    howToJoin: 'Er du senior og har lyst til at læse højt for børn? Skriv til Bedste i Børnehuset, så aftaler vi et besøg i børnehaven.',
  } as const;
  const parties: DemoParty[] = [
    {
      kind: 'MUNICIPALITY',
      name: municipalUnit,
      tasks: 'Tager imod de frivillige, indhenter børneattester og planlægger formiddagene sammen med dem.',
      contributes: 'En fast kontaktpædagog og et rum til højtlæsning.',
      checksChildCertificates: true,
    },
    {
      kind: 'ASSOCIATION',
      association: bedste,
      tasks: 'Finder frivillige seniorer og holder et netværksmøde for dem hvert kvartal.',
      contributes: 'Tre til fem frivillige, en formiddag om ugen hver.',
    },
  ];
  const agreement = await tx.agreement.create({
    data: {
      title: DEMO_EVALUATED_AGREEMENT_TITLE,
      ...terms,
      status: 'DRAFT',
      startsOn,
      endsOn,
      createdAt: at(days(startsOn, -30)),
      sections: { create: sectionsFromTemplate(template.sections, (key) => BEDSTE_SECTIONS[key] ?? '') },
      parties: { create: partyRows(parties) },
      budgetLines: { create: [{ label: 'Bøger og materialer', amountDkk: 2_000, paidBy: municipalUnit, sortOrder: 1 }] },
    },
    include: { parties: { orderBy: { sortOrder: 'asc' } } },
  });
  const [municipality, association] = agreement.parties;
  await auditCreated(tx, staff, agreement.id, template.number);
  const { version } = await sendVersion(tx, agreement.id, at(days(startsOn, -21)), staff);
  await answer(tx, version, association!, 'ACCEPTED', at(days(startsOn, -18)));
  const member = await memberOf(tx, association!.associationId);
  await accepted(tx, member, at(days(startsOn, -18)), agreement.id, version.number, 'ACCEPTED');
  await moved(tx, jobRun(startsOn), agreement.id, 'agreement.started', { startsOn: dateKey(startsOn), from: 'ACCEPTED', to: 'ACTIVE' });
  await moved(tx, jobRun(days(endsOn, 1)), agreement.id, 'agreement.ended', { endsOn: dateKey(endsOn), from: 'ACTIVE', to: 'ENDED' });
  await tx.agreementVersion.update({ where: { id: version.id }, data: { acceptedAt: at(days(startsOn, -18)) } });
  await tx.agreement.update({ where: { id: agreement.id }, data: { status: 'EVALUATED', acceptedVersion: version.number } });

  // The evaluation at the review date (the end of the year), answered by both.
  const reviewDate = addMonths(startsOn, 12);
  const openedAt = at(days(reviewDate, -30));
  const decidedAt = at(days(reviewDate, 20));
  const renewal = await tx.agreement.create({
    data: {
      title: DEMO_RENEWED_AGREEMENT_TITLE,
      ...terms,
      status: 'DRAFT',
      startsOn: new Date(Date.UTC(today.getUTCFullYear() + 1, 0, 1)),
      endsOn: new Date(Date.UTC(today.getUTCFullYear() + 1, 11, 31)),
      renewedFromId: agreement.id,
      createdAt: decidedAt,
      sections: { create: sectionsFromTemplate(template.sections, (key) => BEDSTE_SECTIONS[key] ?? '') },
      parties: { create: partyRows(parties) },
      budgetLines: { create: [{ label: 'Bøger og materialer', amountDkk: 2_500, paidBy: municipalUnit, sortOrder: 1 }] },
    },
    select: { id: true },
  });
  const evaluation = await tx.agreementEvaluation.create({
    data: {
      agreementId: agreement.id,
      reviewDate,
      openedAt,
      decision: 'RENEW',
      decisionNote: 'Vi fortsætter med en ny aftale for næste år, med et fast netværksmøde og en introduktion for nye frivillige.',
      decidedAt,
      renewalId: renewal.id,
    },
  });
  await tx.agreementEvaluationAnswer.create({
    data: {
      evaluationId: evaluation.id,
      partyId: municipality!.id,
      checklist: checklist(template.checklistKeys, 'municipality') as unknown as Prisma.InputJsonValue,
      volunteersInvolved: 4,
      citizensReached: 22,
      outcomes: 'Børnene glæder sig til "bedste-dagen". Personalet oplever mere ro i grupperne, når de frivillige læser højt.',
      answeredAt: at(days(reviewDate, -12)),
    },
  });
  await tx.agreementEvaluationAnswer.create({
    data: {
      evaluationId: evaluation.id,
      partyId: association!.id,
      checklist: checklist(template.checklistKeys, 'association') as unknown as Prisma.InputJsonValue,
      volunteersInvolved: 5,
      citizensReached: 22,
      outcomes:
        'De frivillige har fået nye bekendtskaber og føler sig godt modtaget. Én frivillig stoppede, fordi hun ikke vidste, hvem hun skulle spørge.',
      answeredAt: at(days(reviewDate, -8)),
    },
  });

  // The evaluation's rows as agreement-evaluation-service.ts writes them: opened by
  // staff (a mail to the association's address and each of its members), answered by
  // the municipality (staff) and the association (its member), decided by staff.
  const members = await tx.associationMember.findMany({
    where: { associationId: bedste.id, user: { active: true } },
    select: { user: { select: { email: true } } },
  });
  const recipients = new Set([association!.contactEmail ?? bedste.email ?? '', ...members.map((m) => m.user.email)].filter(Boolean));
  const evaluationId = evaluation.id;
  await audit(tx, staff, openedAt, 'agreement.evaluation-opened', agreement.id, {
    evaluationId,
    reviewDate: dateKey(reviewDate),
    messages: recipients.size,
  });
  for (const [party, actor, answeredAt] of [
    [municipality!, staff, at(days(reviewDate, -12))],
    [association!, member, at(days(reviewDate, -8))],
  ] as const) {
    await audit(tx, actor, answeredAt, 'agreement.evaluation-answered', agreement.id, {
      evaluationId,
      partyId: party.id,
      viaLink: false,
      changed: false,
    });
  }
  await audit(tx, staff, decidedAt, 'agreement.renewed', agreement.id, { renewalId: renewal.id, evaluationId });
  await audit(tx, staff, decidedAt, 'agreement.renewed', renewal.id, { renewedFromId: agreement.id, evaluationId });
  await audit(tx, staff, decidedAt, 'agreement.decided', agreement.id, { decision: 'RENEW', evaluationId, note: '(changed)' });
}

/**
 * A party's checklist answer for the demo evaluation: mostly well, but the parties see
 * two items differently (the association found expectations and decisions less clear).
 */
function checklist(keys: readonly string[], party: 'municipality' | 'association'): ChecklistAnswers {
  const differ: Record<string, Record<'municipality' | 'association', [ChecklistRating, string, string]>> = {
    'expectation-alignment': {
      municipality: [4, 'Vi talte forventninger igennem ved opstartsmødet.', ''],
      association: [
        2,
        'Nye frivillige vidste ikke altid, hvad børnehaven forventede af dem.',
        'En kort introduktion for hver ny frivillig.',
      ],
    },
    'joint-decisions': {
      municipality: [3, 'Vi planlagde formiddagene sammen.', ''],
      association: [2, 'Ændringer i planen blev ofte besluttet uden os.', 'Et fast netværksmøde hvert kvartal, hvor vi planlægger sammen.'],
    },
  };
  return Object.fromEntries(
    keys.map((key) => {
      const [rating, howItWent, toChange] = differ[key]?.[party] ?? [3, 'Det har fungeret godt.', ''];
      return [key, { rating, howItWent, toChange }];
    }),
  );
}
