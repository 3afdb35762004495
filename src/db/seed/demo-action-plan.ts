// The demo municipality's action plan for volunteering and active citizenship
// 2017–2022, run after seedDemoData (which creates the associations and the staff
// login used here, found by slug and e-mail), so every action-plan page has something
// to show:
//
// - the plan with its vision and three goals (what volunteers do, what the
//   municipality does, UN SDG tags);
// - the ten actions of 2017, several with responsible associations (the volunteer
//   centre, IF Limone, Ung-til-ung) and some with an indicator;
// - the 2017 review FINALISED: the follow-up group's meeting at Frivillig Fredag in
//   week 39, a status with what happened per action, IF Limone's own view of its
//   action, the decisions of the Social and Health Committee and the Culture and
//   Leisure Committee, and one correction made after finalisation;
// - the 2018 actions: the unfinished 2017 actions carried over (carriedFromId) and three
//   new ones (IF Limone's opening linked to its action), and the 2018 review in DRAFT,
//   where IF Limone's own status differs from the staff's.
//
// The content retells the municipality's published plan (its vision, goals and 2017
// actions) in plain Danish; what happened in 2017 and 2018 is a plausible invention.
// Written straight through Prisma like the rest of the seed, with audit rows for the
// plan's history page (plan.created, plan.review-finalised, plan.review-amended) under
// the plan's audit target, dated when the demo says these things happened.
//
// Idempotent like the demo agreements: if the plan's slug exists, the plan is left as
// it is (staff may have changed it while trying the demo), so re-seeding never piles up
// copies. Everything is written in one transaction, so a failed run leaves nothing half
// made.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import type { ActionStatus, ResponsibleKind } from '../../generated/prisma/enums.js';
import { writeAudit, type ChangeContext } from '../../audit/audit-log.js';
import { planTarget } from '../../features/action-plans/plan-action-rows.js';

export const DEMO_PLAN_SLUG = 'frivillighed-og-medborgerskab-2017-2022';
export const DEMO_PLAN_TITLE = 'Handleplan for frivillighed og medborgerskab 2017–2022';
/** The action whose 2017 status was corrected after finalisation. */
export const DEMO_AMENDED_ACTION_TITLE = 'Fælles forsikring for alle frivillige';
/** The action IF Limone is responsible for, with its own status in both reviews. */
export const DEMO_PARTNER_ACTION_TITLE = 'Ind i fællesskaber';
/** IF Limone's demo opening (demo-data.ts), linked to the 2018 action. */
export const DEMO_PARTNER_OPENING_TITLE = 'Fodboldtræner for børn i Ind i fællesskaber';

const STAFF_EMAIL = 'medarbejder@example.org';
const VOLUNTEER_CENTRE = 'frivilligcenter-og-selvhjaelp';
const IF_LIMONE = 'if-limone';
const UNG_TIL_UNG = 'ung-til-ung';

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

type Tx = Prisma.TransactionClient;

/** A calendar date, as Prisma writes it to a @db.Date column. */
const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** A moment on a calendar day (10:00 UTC). */
const at = (iso: string) => new Date(`${iso}T10:00:00.000Z`);

const VISION =
  'I Lyngby-Taarbæk skaber mange aktive borgere – med hinanden og med kommunen – aktiviteter, relationer og netværk, der gør hverdagen bedre lokalt. ' +
  'Handleplanen samler frivillige, foreninger, borgere og kommune om én retning for frivillighed og medborgerskab frem mod 2022: ' +
  'vi vil udvikle og styrke de lokale fællesskaber og have en åben og synlig kultur, hvor de frivilliges indsats bliver set som et bidrag til hele lokalsamfundet.\n\n' +
  'Hvert år gør en følgegruppe med frivillige og kommunen status på Frivillig Fredag i uge 39: vi glæder os over det, der er lykkedes, og prioriterer næste års handlinger. ' +
  'Kommunen drøfter status mindst én gang om året i Social- og Sundhedsudvalget og i Kultur- og Fritidsudvalget.';

const GOALS = [
  {
    number: 1,
    title: 'Vi fremmer nye og mangfoldige former for frivillighed',
    description:
      'Flere engagerer sig i dag i en enkelt sag eller et kort forløb frem for i en forening, og mange foreninger mærker, at de frivillige har mindre tid. ' +
      'Frivilligheden skal have plads til mange former og være åben for alle – også for mennesker, der har svært ved at finde vej ind i fællesskaberne, fx mennesker med handicap, psykisk sårbare og flygtninge.',
    volunteersDo:
      'Tilbyder flere korte og afgrænsede opgaver\nViser en åben profil, som flere kan se sig selv i\nPrøver nye veje til at finde frivillige\nTaler med grupper, der sjældent er med, fx unge og psykisk sårbare',
    municipalityDoes:
      'Sætter ressourcer af til samarbejde med nye former for frivillighed\nHolder aktiviteter og events\nViser, hvor og hvordan man kan blive frivillig\nRådgiver om regler og praksis\nÅbner kommunens lokaler',
    sdgs: [3, 10],
  },
  {
    number: 2,
    title: 'Vi styrker koordination, netværk og relationer på tværs',
    description:
      'Når vi deler viden, idéer og ressourcer, bliver den samlede indsats større. Mange foreninger mangler kræfter til opgaver som rekruttering, koordinering, økonomi og ansøgninger, ' +
      'og det kan være svært at finde tid til at samarbejde med andre foreninger, virksomheder og institutioner. Vejen dertil går gennem konkrete aktiviteter, hvor vi lærer hinanden at kende.',
    volunteersDo: 'Mødes på tværs af foreninger\nInddrager hinanden og deler kompetencer\nTænker nye kompetencer og nye målgrupper ind',
    municipalityDoes: 'Skaber rammer for samarbejde\nPrioriterer samarbejdet med lokaler og penge\nHjælper samarbejderne i gang',
    sdgs: [11, 17],
  },
  {
    number: 3,
    title: 'Vi udvikler det gode samarbejde',
    description:
      'Et godt samarbejde mellem frivillige og kommunens medarbejdere kommer ikke af sig selv. Frivillige bidrager med nærvær og ligeværdige relationer, medarbejderne med faglighed og overblik. ' +
      'Klare aftaler om rammer, roller og opgaver gør det lettere at arbejde sammen og at respektere hinandens forskelle.',
    volunteersDo:
      'Deltager i møder med kommunens medarbejdere\nGør frivilligheden synlig og hjælper med overblikket\nBidrager både til de konkrete opgaver og til den fælles retning',
    municipalityDoes:
      'Arrangerer møder mellem frivillige og medarbejdere\nGiver plads til frivillighed, der opstår omkring en aktivitet\nGør frivilligheden synlig\nGør det lettere at være frivillig og at starte en forening',
    sdgs: [16, 17],
  },
] as const;

type Responsible = { kind: Exclude<ResponsibleKind, 'ASSOCIATION'>; name: string } | { kind: 'ASSOCIATION'; slug: string };

const unit = (name: string): Responsible => ({ kind: 'MUNICIPAL_UNIT', name });
const other = (name: string): Responsible => ({ kind: 'OTHER', name });
const association = (slug: string): Responsible => ({ kind: 'ASSOCIATION', slug });

const STRATEGY_UNIT = unit('Center for Politik, Kultur og Strategi');
const CULTURE_UNIT = unit('Kultur og Fritid');
const FOLKEOPLYSNING = other('Folkeoplysningsudvalget');

interface DemoAction {
  key: string;
  goals: number[];
  title: string;
  description: string;
  responsibles: Responsible[];
  plannedFrom?: string;
  plannedTo?: string;
  indicator?: string;
  indicatorTarget?: number;
}

interface DemoEntry {
  status: ActionStatus;
  whatHappened?: string;
  evidence?: string;
  nextStep?: string;
  indicatorActual?: number;
}

const ACTIONS_2017: DemoAction[] = [
  {
    key: 'week',
    goals: [1],
    title: 'Frivillig Fredag og Frivillig Ugen sætter fokus på nye former for frivillighed',
    description:
      'Oplæg, netværk og arrangementer, der viser de mange måder at være frivillig på – fra korte, afgrænsede opgaver til grupper, der organiserer sig selv.',
    responsibles: [association(VOLUNTEER_CENTRE), STRATEGY_UNIT],
    plannedFrom: '2017-09-23',
    plannedTo: '2017-09-30',
    indicator: 'Deltagere i Frivillig Ugen',
    indicatorTarget: 500,
  },
  {
    key: 'boblberg',
    goals: [1],
    title: 'Kommunen tilslutter sig borger-til-borger-portalen Boblberg',
    description: 'Fra kommunens hjemmeside kan borgere finde nye fællesskaber og andre, de kan dele en interesse med.',
    responsibles: [STRATEGY_UNIT],
    indicator: 'Borgere med en profil på Boblberg',
    indicatorTarget: 300,
  },
  {
    key: 'new-forms',
    goals: [1],
    title: 'Nye former for frivillighed inviteres ind i samarbejdet',
    description:
      'Frivilligcentret, Folkeoplysningsudvalget og kommunen tænker grupper og projekter uden for foreningerne med, når samarbejder planlægges.',
    responsibles: [association(VOLUNTEER_CENTRE), FOLKEOPLYSNING, STRATEGY_UNIT],
  },
  {
    key: 'integration',
    goals: [2],
    title: 'Mere koordinering af frivillige på integrationsområdet',
    description:
      'Frivilligcentret koordinerer den frivillige indsats for flygtninge og andre nye borgere, så foreninger og frivillige ved, hvem der gør hvad.',
    responsibles: [association(VOLUNTEER_CENTRE), association(UNG_TIL_UNG)],
  },
  {
    key: 'limone',
    goals: [2, 1],
    title: DEMO_PARTNER_ACTION_TITLE,
    description: 'Frivilligcentret og IF Limone hjælper nye borgere – også flygtninge – ind i foreningslivet gennem idræt i Lundtofte.',
    responsibles: [association(VOLUNTEER_CENTRE), association(IF_LIMONE)],
    plannedFrom: '2017-08-01',
    plannedTo: '2017-12-31',
    indicator: 'Nye deltagere i foreningslivet',
    indicatorTarget: 25,
  },
  {
    key: 'meetings',
    goals: [2],
    title: 'Møder på tværs – i virkeligheden og på sociale medier',
    description:
      'Folkeoplysningsudvalget, Frivilligcentret og kommunen har et særligt ansvar for, at foreninger og frivillige mødes på tværs: ved netværksmøder og i en fælles gruppe på sociale medier.',
    responsibles: [FOLKEOPLYSNING, association(VOLUNTEER_CENTRE), CULTURE_UNIT],
    indicator: 'Netværksmøder på tværs',
    indicatorTarget: 2,
  },
  {
    key: 'offers',
    goals: [3],
    title: 'Kommunens tilbud til foreninger bliver mere synlige',
    description: 'Lokaler, tilskud, rådgivning og kurser samles ét sted, så foreningerne let kan finde dem.',
    responsibles: [CULTURE_UNIT],
  },
  {
    key: 'insurance',
    goals: [3],
    title: DEMO_AMENDED_ACTION_TITLE,
    description:
      'Kommunen tegner en forsikring, der dækker frivillige i kommunale aktiviteter og i foreninger, der ikke selv er forsikret.',
    responsibles: [STRATEGY_UNIT],
  },
  {
    key: 'staff',
    goals: [3],
    title: 'Handleplanen gøres kendt blandt kommunens medarbejdere',
    description: 'Ledere og medarbejdere, der møder frivillige i deres arbejde, får planen præsenteret på ledermøder og på intranettet.',
    responsibles: [unit('HR og Kommunikation')],
  },
  {
    key: 'grants',
    goals: [3],
    title: 'Enklere tilskudsordninger og mindre administration',
    description:
      'Kommunen undersøger sammen med foreningerne, hvordan ansøgning om og afrapportering af tilskud kan blive enklere og hurtigere.',
    responsibles: [CULTURE_UNIT, FOLKEOPLYSNING],
  },
];

/** The 2017 status as finalised (the insurance's status is the corrected one). */
const REVIEW_2017: Record<string, DemoEntry> = {
  week: {
    status: 'DONE',
    whatHappened:
      'Frivillig Ugen havde 14 arrangementer, bl.a. et oplæg om kortvarig frivillighed og en "speed dating" mellem foreninger og virksomheder på torvet.',
    evidence: '620 deltagere i alt. Programmet: https://example.org/frivillig-ugen-2017',
    nextStep: 'Gentages i 2018 med særligt fokus på unge frivillige.',
    indicatorActual: 620,
  },
  boblberg: {
    status: 'DONE',
    whatHappened: 'Kommunen tilsluttede sig Boblberg i maj, og portalen er linket fra kommunens hjemmeside.',
    evidence: '340 borgere havde oprettet en profil 1. september.',
    nextStep: 'Boblberg præsenteres på bibliotekerne og i Borgerservice.',
    indicatorActual: 340,
  },
  'new-forms': {
    status: 'IN_PROGRESS',
    whatHappened:
      'To selvorganiserede grupper var med til at planlægge Frivillig Ugen. Folkeoplysningsudvalget har drøftet, hvordan grupper uden en forening kan låne lokaler.',
    nextStep: 'Regler for lokalelån til grupper uden CVR-nummer afklares.',
  },
  integration: {
    status: 'IN_PROGRESS',
    whatHappened:
      'Frivilligcentret har en koordinator 15 timer om ugen og har holdt tre møder for foreninger, der arbejder med integration.',
    evidence: 'Tre koordineringsmøder med i alt 24 foreninger.',
    nextStep: 'En fælles oversigt over tilbud til nye borgere.',
  },
  limone: {
    status: 'IN_PROGRESS',
    whatHappened: 'Projektet begyndte i august med to hold i Lundtofte. 14 nye borgere er kommet med, heraf 9 unge.',
    evidence: '14 nye deltagere på to hold.',
    nextStep: 'Et tredje hold for piger og faste "fællesskabsguider" blandt foreningens frivillige.',
    indicatorActual: 14,
  },
  meetings: {
    status: 'DONE',
    whatHappened: 'To netværksmøder på tværs – i Idrætsbyen og på Stadsbiblioteket – og en fælles gruppe for foreninger på Facebook.',
    evidence: '2 møder med i alt 85 deltagere; 210 medlemmer i gruppen.',
    indicatorActual: 2,
  },
  offers: {
    status: 'IN_PROGRESS',
    whatHappened: 'Kommunens tilbud til foreninger er samlet i en oversigt. Den skal ud på én side på hjemmesiden.',
    nextStep: 'Siden går i luften i foråret 2018.',
  },
  insurance: {
    status: 'DONE',
    whatHappened:
      'Forsikringen er tegnet og dækker fra 1. oktober 2017 frivillige i kommunale aktiviteter og i foreninger, der ikke selv er forsikret.',
    evidence: 'Vilkår for frivillige: https://example.org/frivillig-forsikring',
  },
  staff: {
    status: 'DONE',
    whatHappened: 'Planen er præsenteret på ledermøderne i alle centre og ligger på intranettet.',
    evidence: 'Præsenteret på 7 ledermøder.',
  },
  grants: {
    status: 'POSTPONED',
    whatHappened: 'Arbejdet venter på den nye folkeoplysningspolitik, som også ændrer reglerne for tilskud.',
    nextStep: 'Tages op igen i 2018 sammen med foreningerne.',
  },
};

/** The unfinished 2017 actions, carried over to 2018 (the ones not DONE above). */
const CARRIED_KEYS = ['new-forms', 'integration', 'limone', 'offers', 'grants'] as const;

const NEW_ACTIONS_2018: DemoAction[] = [
  {
    key: 'week-2018',
    goals: [1],
    title: 'Frivillig Ugen 2018 med fokus på unge frivillige',
    description: 'Arrangementer, hvor unge prøver korte frivilligopgaver sammen med foreninger, gymnasier og Ung-til-ung.',
    responsibles: [association(VOLUNTEER_CENTRE), association(UNG_TIL_UNG), STRATEGY_UNIT],
    plannedFrom: '2018-09-22',
    plannedTo: '2018-09-29',
    indicator: 'Unge deltagere (15–25 år)',
    indicatorTarget: 150,
  },
  {
    key: 'coordinators',
    goals: [2],
    title: 'Netværk for frivilligkoordinatorer',
    description:
      'Koordinatorer fra foreninger og kommunale institutioner mødes fire gange om året og deler erfaringer med at finde og fastholde frivillige.',
    responsibles: [association(VOLUNTEER_CENTRE), unit('Center for Sundhed og Trivsel')],
    indicator: 'Netværksmøder',
    indicatorTarget: 4,
  },
  {
    key: 'introduction',
    goals: [3],
    title: 'Introduktion til samarbejdet med frivillige for nye medarbejdere',
    description:
      'Nye medarbejdere, der kommer til at arbejde sammen med frivillige, får en kort introduktion til planen og til, hvordan man laver gode aftaler.',
    responsibles: [unit('HR og Kommunikation')],
  },
];

/** The 2018 status so far (DRAFT): staff have filled in some actions. */
const REVIEW_2018: Record<string, DemoEntry> = {
  'week-2018': {
    status: 'DONE',
    whatHappened: 'Ni arrangementer for unge, bl.a. en dag, hvor gymnasieelever prøvede at være trænere i idrætsforeninger.',
    indicatorActual: 170,
  },
  limone: {
    status: 'IN_PROGRESS',
    whatHappened: 'Tre hold kører. Frivilligcentret følger stadig holdene tæt, og pigeholdet har manglet trænere en del af året.',
    nextStep: 'Foreningen overtager koordineringen helt.',
  },
  integration: { status: 'IN_PROGRESS', whatHappened: 'Oversigten over tilbud til nye borgere er under udarbejdelse.' },
  grants: { status: 'IN_PROGRESS' },
};

async function createActions(
  tx: Tx,
  planId: number,
  year: number,
  actions: readonly DemoAction[],
  goalIds: ReadonlyMap<number, number>,
  associationIds: ReadonlyMap<string, number>,
  carriedFrom: ReadonlyMap<string, number> = new Map(),
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [index, action] of actions.entries()) {
    const responsibles: Prisma.PlanActionResponsibleUncheckedCreateWithoutActionInput[] = [];
    for (const r of action.responsibles) {
      if (r.kind !== 'ASSOCIATION') {
        responsibles.push({ kind: r.kind, name: r.name, sortOrder: responsibles.length + 1 });
        continue;
      }
      const associationId = associationIds.get(r.slug);
      // An association the demo lacks (deleted while trying the demo) is left out, not invented.
      if (associationId !== undefined) responsibles.push({ kind: r.kind, associationId, name: '', sortOrder: responsibles.length + 1 });
    }
    const row = await tx.planAction.create({
      data: {
        planId,
        year,
        title: action.title,
        description: action.description,
        plannedFrom: action.plannedFrom ? date(action.plannedFrom) : null,
        plannedTo: action.plannedTo ? date(action.plannedTo) : null,
        indicator: action.indicator ?? '',
        indicatorTarget: action.indicatorTarget ?? null,
        carriedFromId: carriedFrom.get(action.key) ?? null,
        sortOrder: index + 1,
        goals: { connect: action.goals.map((n) => ({ id: goalIds.get(n)! })) },
        responsibles: { create: responsibles },
      },
      select: { id: true },
    });
    ids.set(action.key, row.id);
  }
  return ids;
}

async function createEntries(
  tx: Tx,
  reviewId: number,
  actionIds: ReadonlyMap<string, number>,
  entries: Record<string, DemoEntry>,
  staffId: number | null,
) {
  for (const [key, actionId] of actionIds) {
    const entry = entries[key] ?? { status: 'NOT_STARTED' };
    await tx.planReviewEntry.create({
      data: {
        reviewId,
        actionId,
        status: entry.status,
        whatHappened: entry.whatHappened ?? '',
        evidence: entry.evidence ?? '',
        nextStep: entry.nextStep ?? '',
        indicatorActual: entry.indicatorActual ?? null,
        updatedById: staffId,
      },
    });
  }
}

export async function seedDemoActionPlan(prisma: PrismaClient): Promise<void> {
  if (await prisma.actionPlan.findUnique({ where: { slug: DEMO_PLAN_SLUG }, select: { id: true } })) return;
  const associations = await prisma.association.findMany({
    where: { slug: { in: [VOLUNTEER_CENTRE, IF_LIMONE, UNG_TIL_UNG] }, status: 'APPROVED' },
    select: { id: true, slug: true },
  });
  const associationIds = new Map(associations.map((a) => [a.slug, a.id]));
  const staff = await prisma.user.findUnique({ where: { email: STAFF_EMAIL }, select: { id: true } });
  const staffId = staff?.id ?? null;
  const context = (when: Date): ChangeContext => ({ actorUserId: staffId, requestId: null, now: when });

  await prisma.$transaction(async (tx) => {
    const createdAt = at('2017-03-01');
    const plan = await tx.actionPlan.create({
      data: {
        title: DEMO_PLAN_TITLE,
        slug: DEMO_PLAN_SLUG,
        firstYear: 2017,
        lastYear: 2022,
        vision: VISION,
        createdById: staffId,
        createdAt,
        goals: { create: GOALS.map((g) => ({ ...g, sdgs: [...g.sdgs] })) },
      },
      include: { goals: { select: { id: true, number: true } } },
    });
    await writeAudit(tx, context(createdAt), { action: 'plan.created', ...planTarget(plan.id), details: { source: 'demo' } });
    const goalIds = new Map(plan.goals.map((g) => [g.number, g.id]));

    // 2017: the actions and the finalised review.
    const actions2017 = await createActions(tx, plan.id, 2017, ACTIONS_2017, goalIds, associationIds);
    const finalisedAt = at('2017-11-20');
    const review2017 = await tx.planReview.create({
      data: {
        planId: plan.id,
        year: 2017,
        state: 'FINALISED',
        // Frivillig Fredag, the Friday of week 39.
        meetingDate: date('2017-09-29'),
        meetingPlace: 'Frivillig Fredag, teltet på Lyngby Torv',
        participants:
          'Følgegruppen: 18 repræsentanter for idræt, kultur, folkeoplysning, de sociale foreninger, Frivilligcentret og kommunen. Omkring 60 borgere kiggede forbi undervejs.',
        summary:
          'Planen er kommet godt fra start: Boblberg er i luften, Frivillig Ugen samlede flere end ventet, og foreningerne mødes nu på tværs. ' +
          'Integrationsindsatsen og "Ind i fællesskaber" er i gang og fortsætter i 2018. Enklere tilskud venter på den nye folkeoplysningspolitik.',
        finalisedAt,
        finalisedById: staffId,
      },
      select: { id: true },
    });
    await createEntries(tx, review2017.id, actions2017, REVIEW_2017, staffId);
    const limoneId = associationIds.get(IF_LIMONE);
    const limoneMember = limoneId
      ? await tx.associationMember.findFirst({ where: { associationId: limoneId }, select: { userId: true } })
      : null;
    if (limoneId) {
      await tx.planReviewPartnerEntry.create({
        data: {
          reviewId: review2017.id,
          actionId: actions2017.get('limone')!,
          associationId: limoneId,
          status: 'IN_PROGRESS',
          comment: 'Vi er glade for starten. Vi mangler stadig frivillige trænere til et pigehold.',
          answeredById: limoneMember?.userId ?? null,
          answeredAt: at('2017-09-20'),
        },
      });
    }
    await tx.committeeDecision.createMany({
      data: [
        {
          reviewId: review2017.id,
          committee: 'Social- og Sundhedsudvalget',
          meetingDate: date('2017-11-09'),
          reference: 'Punkt 7 på dagsordenen',
          decision: 'Udvalget tog status til efterretning og bad om, at integrationsindsatsen får særlig opmærksomhed i 2018.',
          sortOrder: 1,
        },
        {
          reviewId: review2017.id,
          committee: 'Kultur- og Fritidsudvalget',
          meetingDate: date('2017-11-16'),
          reference: 'Punkt 12 på dagsordenen',
          decision:
            'Udvalget tog status til efterretning og godkendte prioriteringen af handlingerne for 2018, herunder at arbejdet med enklere tilskud genoptages.',
          sortOrder: 2,
        },
      ],
    });
    await writeAudit(tx, context(finalisedAt), {
      action: 'plan.review-finalised',
      ...planTarget(plan.id),
      details: { reviewId: review2017.id, year: 2017, source: 'demo' },
    });

    // The correction after finalisation: the insurance was in force, but the status said otherwise.
    const amendedAt = at('2017-12-04');
    const amendment = await tx.reviewAmendment.create({
      data: {
        reviewId: review2017.id,
        actionId: actions2017.get('insurance')!,
        field: 'status',
        before: 'IN_PROGRESS',
        after: 'DONE',
        reason: 'Forsikringen trådte i kraft 1. oktober 2017, men det var ikke registreret, da status blev godkendt.',
        amendedById: staffId,
        amendedAt,
      },
      select: { id: true },
    });
    await writeAudit(tx, context(amendedAt), {
      action: 'plan.review-amended',
      ...planTarget(plan.id),
      details: { reviewId: review2017.id, year: 2017, amendmentId: amendment.id, actionId: actions2017.get('insurance')!, source: 'demo' },
      before: { status: 'IN_PROGRESS' },
      after: { status: 'DONE' },
    });

    // 2018: the unfinished actions carried over, three new ones, and the review in DRAFT.
    const carried = ACTIONS_2017.filter((a) => (CARRIED_KEYS as readonly string[]).includes(a.key));
    const carriedFrom = new Map(carried.map((a) => [a.key, actions2017.get(a.key)!]));
    const actions2018 = await createActions(tx, plan.id, 2018, [...carried, ...NEW_ACTIONS_2018], goalIds, associationIds, carriedFrom);
    // IF Limone's opening for the project is where citizens can join in.
    const limoneOpening = limoneId
      ? await tx.opening.findFirst({ where: { associationId: limoneId, title: DEMO_PARTNER_OPENING_TITLE }, select: { id: true } })
      : null;
    if (limoneOpening) {
      await tx.planAction.update({ where: { id: actions2018.get('limone')! }, data: { openings: { connect: { id: limoneOpening.id } } } });
    }
    const review2018 = await tx.planReview.create({
      data: {
        planId: plan.id,
        year: 2018,
        state: 'DRAFT',
        meetingDate: date('2018-09-28'),
        meetingPlace: 'Frivillig Fredag, Lyngby-Taarbæk Stadsbibliotek',
        participants: 'Følgegruppen og de foreninger, der står for handlingerne.',
      },
      select: { id: true },
    });
    await createEntries(tx, review2018.id, actions2018, REVIEW_2018, staffId);
    if (limoneId) {
      // IF Limone sees its action as done; the staff's draft says in progress: the review flags it.
      await tx.planReviewPartnerEntry.create({
        data: {
          reviewId: review2018.id,
          actionId: actions2018.get('limone')!,
          associationId: limoneId,
          status: 'DONE',
          comment:
            'Set fra os er projektet gennemført: alle tre hold kører nu med foreningens egne frivillige, og pigeholdet fik to trænere i august.',
          answeredById: limoneMember?.userId ?? null,
          answeredAt: at('2018-09-14'),
        },
      });
    }
  }, TRANSACTION_OPTIONS);
}
