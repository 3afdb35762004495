// The portal's demo data, as plain constants (no database access), so the seed, the
// README, the start-up print and tests all read the same source.
//
// Where it comes from: the associations and activities are the ones named by the
// Danish municipal documents the portal was designed from — mostly Lyngby-Taarbæk's
// action plan for volunteering 2017–2022 and the Lyngby-Taarbæk sub-projects of
// "Kommunen og Civilsamfundet". Their descriptions retell
// what the documents say in plain Danish; the openings are realistic inventions
// around those activities. Every person and every contact detail is invented and
// obviously fake: e-mail addresses use example.org (reserved by RFC 2606), phone
// numbers are "+45 00 00 00 0x", surnames are "Eksempel", "Eksempelsen" or "Demo".
//
// Dates are day offsets from "today" rather than fixed dates, so the demo never goes
// stale: the seed turns them into dates each time it runs.
import { AssociationStatus, Commitment, OpeningStatus, OrganisationType, Role, VolunteeringForm } from '../../generated/prisma/enums.js';

/**
 * The shared password of every demo login. Twelve characters or more and not on any
 * common-password list, so it passes the portal's own password rules. Demo data is
 * never seeded in production (config.seedDemoData defaults to false there), so this
 * is not a default account in the ASVS 6.3.2 sense.
 */
export const DEMO_PASSWORD = 'Frivillig-demo-2026';

/**
 * The shared second factor of the demo staff and admin logins (TOTP, Base32): add it
 * to an authenticator app, or run `npm run demo:code` for the current code. Published
 * like DEMO_PASSWORD, and for the same reason harmless: demo data is never seeded in
 * production by default. Association demo logins stay password-only (two-factor is
 * optional for members).
 */
export const DEMO_TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

// ---------------------------------------------------------------------------------
// Reference data: local areas, fields of work, target groups, skill areas
// ---------------------------------------------------------------------------------

/** A row of one of the small "data, not code" lookup tables. */
export interface DemoLookupRow {
  slug: string;
  nameDa: string;
  nameEn: string;
  sortOrder: number;
}

export interface DemoMunicipalitySettings {
  name: string;
  logoUrl: string | null;
  contactEmail: string;
  contactPhone: string | null;
  address: string | null;
  websiteUrl: string | null;
  interestRetentionMonths: number;
  /** The public pages' own texts (plain text; the admin edits them at /administration/sider). */
  aboutDa: string;
  aboutEn: string;
  accessibilityStatementDate: Date;
  accessibilityIssuesDa: string;
  accessibilityIssuesEn: string;
  accessibilityContact: string;
}

export const DEMO_MUNICIPALITY: DemoMunicipalitySettings = {
  name: 'Lyngby-Taarbæk Kommune',
  logoUrl: null,
  // Deliberately not the municipality's real address, phone or mailbox: a demo must
  // never send citizens to a real inbox.
  contactEmail: 'frivillig@example.org',
  contactPhone: '+45 00 00 00 00',
  address: 'Eksempelvej 1, 2800 Kongens Lyngby',
  websiteUrl: 'https://example.org/',
  interestRetentionMonths: 12,
  aboutDa:
    'Frivilligportalen samler frivilligt arbejde i Lyngby-Taarbæk: opgaver, som foreninger søger frivillige til, foreningerne selv og deres aktiviteter.\n\nKommunens frivilligkonsulenter godkender foreninger og hjælper med samarbejdsaftaler. Dette er en demo – oplysningerne er opdigtede.',
  aboutEn:
    "The volunteer portal brings volunteering in Lyngby-Taarbæk together: opportunities that associations are looking for volunteers for, the associations themselves and their activities.\n\nThe municipality's volunteering consultants approve associations and help with collaboration agreements. This is a demo – the information is made up.",
  accessibilityStatementDate: new Date('2026-11-27T00:00:00.000Z'),
  accessibilityIssuesDa:
    'Handleplanernes rapport kan hentes som regneark. Regnearket er endnu ikke gennemgået med skærmlæser; rapporten findes også som almindelig side.',
  accessibilityIssuesEn:
    "The action plans' report can be downloaded as a spreadsheet. The spreadsheet has not yet been checked with a screen reader; the report is also available as an ordinary page.",
  accessibilityContact: 'Skriv til frivillig@example.org, eller ring på +45 00 00 00 00 på hverdage kl. 9–15.',
};

// Real place names of Lyngby-Taarbæk; the English name is the same place name.
export const DEMO_LOCAL_AREAS = [
  { slug: 'kongens-lyngby', nameDa: 'Kongens Lyngby', nameEn: 'Kongens Lyngby', sortOrder: 10 },
  { slug: 'virum', nameDa: 'Virum', nameEn: 'Virum', sortOrder: 20 },
  { slug: 'sorgenfri', nameDa: 'Sorgenfri', nameEn: 'Sorgenfri', sortOrder: 30 },
  { slug: 'lundtofte', nameDa: 'Lundtofte', nameEn: 'Lundtofte', sortOrder: 40 },
  { slug: 'taarbaek', nameDa: 'Taarbæk', nameEn: 'Taarbæk', sortOrder: 50 },
  { slug: 'hjortekaer', nameDa: 'Hjortekær', nameEn: 'Hjortekær', sortOrder: 60 },
  { slug: 'bondebyen', nameDa: 'Bondebyen', nameEn: 'Bondebyen', sortOrder: 70 },
  { slug: 'ulrikkenborg', nameDa: 'Ulrikkenborg', nameEn: 'Ulrikkenborg', sortOrder: 80 },
  { slug: 'brede', nameDa: 'Brede', nameEn: 'Brede', sortOrder: 90 },
] as const satisfies readonly DemoLookupRow[];

// The fields named in the action plan's thanks ("idrætten, folkeoplysningen,
// kulturen, de sociale foreninger") and the fields the other municipal policies name.
export const DEMO_FIELDS_OF_WORK = [
  { slug: 'idraet', nameDa: 'Idræt', nameEn: 'Sport', sortOrder: 10 },
  { slug: 'kultur', nameDa: 'Kultur', nameEn: 'Culture', sortOrder: 20 },
  { slug: 'folkeoplysning', nameDa: 'Folkeoplysning', nameEn: 'Adult education', sortOrder: 30 },
  { slug: 'socialt-arbejde', nameDa: 'Socialt arbejde', nameEn: 'Social work', sortOrder: 40 },
  { slug: 'sundhed', nameDa: 'Sundhed', nameEn: 'Health', sortOrder: 50 },
  { slug: 'natur-og-miljoe', nameDa: 'Natur og miljø', nameEn: 'Nature and environment', sortOrder: 60 },
  { slug: 'boern-og-unge', nameDa: 'Børn og unge', nameEn: 'Children and young people', sortOrder: 70 },
  { slug: 'aeldre', nameDa: 'Ældre', nameEn: 'Older people', sortOrder: 80 },
  { slug: 'integration', nameDa: 'Integration', nameEn: 'Integration', sortOrder: 90 },
  { slug: 'handicap', nameDa: 'Handicap', nameEn: 'Disability', sortOrder: 100 },
] as const satisfies readonly DemoLookupRow[];

// The groups the action plan wants included (in its words: "personer med handicap,
// psykisk sårbare og flygtninge", the young, the lonely) plus the everyday ones.
export const DEMO_TARGET_GROUPS = [
  { slug: 'boern', nameDa: 'Børn', nameEn: 'Children', sortOrder: 10 },
  { slug: 'unge', nameDa: 'Unge', nameEn: 'Young people', sortOrder: 20 },
  { slug: 'familier', nameDa: 'Familier', nameEn: 'Families', sortOrder: 30 },
  { slug: 'aeldre', nameDa: 'Ældre', nameEn: 'Older people', sortOrder: 40 },
  { slug: 'mennesker-med-handicap', nameDa: 'Mennesker med handicap', nameEn: 'People with disabilities', sortOrder: 50 },
  { slug: 'psykisk-saarbare', nameDa: 'Psykisk sårbare', nameEn: 'People with mental health difficulties', sortOrder: 60 },
  { slug: 'ensomme', nameDa: 'Ensomme', nameEn: 'Lonely people', sortOrder: 70 },
  { slug: 'flygtninge', nameDa: 'Flygtninge', nameEn: 'Refugees', sortOrder: 80 },
  { slug: 'tosprogede', nameDa: 'Tosprogede', nameEn: 'Bilingual people', sortOrder: 90 },
  { slug: 'alle', nameDa: 'Alle', nameEn: 'Everyone', sortOrder: 100 },
] as const satisfies readonly DemoLookupRow[];

// The kinds of skill an opening asks for. Seed 004 ("frivillig faglighed") names
// social, cultural, craft/practical and other skills; the rest are the skills the
// demo openings (and the source documents' examples) ask for most often.
export const DEMO_SKILL_AREAS = [
  { slug: 'socialt', nameDa: 'Socialt og omsorg', nameEn: 'Social and caring', sortOrder: 10 },
  { slug: 'kultur-og-formidling', nameDa: 'Kultur og formidling', nameEn: 'Culture and communication', sortOrder: 20 },
  { slug: 'praktisk', nameDa: 'Håndværk og praktisk arbejde', nameEn: 'Crafts and practical work', sortOrder: 30 },
  { slug: 'sprog-og-undervisning', nameDa: 'Sprog og undervisning', nameEn: 'Language and teaching', sortOrder: 40 },
  { slug: 'idraet-og-bevaegelse', nameDa: 'Idræt og bevægelse', nameEn: 'Sport and exercise', sortOrder: 50 },
  { slug: 'administration-og-it', nameDa: 'Administration og it', nameEn: 'Administration and IT', sortOrder: 60 },
  { slug: 'andet', nameDa: 'Andet', nameEn: 'Other', sortOrder: 70 },
] as const satisfies readonly DemoLookupRow[];

export type LocalAreaSlug = (typeof DEMO_LOCAL_AREAS)[number]['slug'];
export type FieldOfWorkSlug = (typeof DEMO_FIELDS_OF_WORK)[number]['slug'];
export type TargetGroupSlug = (typeof DEMO_TARGET_GROUPS)[number]['slug'];
export type SkillAreaSlug = (typeof DEMO_SKILL_AREAS)[number]['slug'];

// ---------------------------------------------------------------------------------
// Associations
// ---------------------------------------------------------------------------------

export interface DemoAssociation {
  slug: string;
  name: string;
  organisationType: OrganisationType;
  status: AssociationStatus;
  description: string;
  websiteUrl: string | null;
  email: string | null;
  phone: string | null;
  contactName: string | null;
  /** Always null in the demo: a made-up CVR number could be a real company's. */
  cvr: string | null;
  /** Null: the association works across the whole municipality. */
  localArea: LocalAreaSlug | null;
  fieldsOfWork: readonly FieldOfWorkSlug[];
  /** Only for REJECTED: the reason staff gave, shown to the association. */
  rejectionReason: string | null;
  /** Only for APPROVED: how many days before "now" it was approved. */
  approvedDaysAgo: number | null;
}

export const DEMO_ASSOCIATIONS = [
  {
    // Seed 000, action 2017 under goal 2: "Frivilligcentret sætter projektet ”Ind i
    // fællesskaber” i gang med foreningen IF Limone".
    slug: 'if-limone',
    name: 'IF Limone',
    organisationType: OrganisationType.ASSOCIATION,
    status: AssociationStatus.APPROVED,
    description:
      'IF Limone er en idrætsforening i Lundtofte, hvor børn og unge med forskellig baggrund dyrker idræt sammen. ' +
      'Sammen med Frivilligcentret driver foreningen projektet ”Ind i fællesskaber”, som hjælper nye borgere – også flygtninge – ind i foreningslivet. ' +
      'Vi har brug for voksne, der vil give en hånd med både på og uden for banen.',
    websiteUrl: 'https://example.org/if-limone',
    email: 'kontakt@if-limone.example.org',
    phone: '+45 00 00 00 01',
    contactName: 'Lone Eksempel',
    cvr: null,
    localArea: 'lundtofte',
    fieldsOfWork: ['idraet', 'integration', 'boern-og-unge'],
    rejectionReason: null,
    approvedDaysAgo: 420,
  },
  {
    // Seed 000: photo caption "BRAGEKORET. Idræts- og Kulturdag i Taarbæk".
    slug: 'bragekoret',
    name: 'Bragekoret',
    organisationType: OrganisationType.ASSOCIATION,
    status: AssociationStatus.APPROVED,
    description:
      'Bragekoret er et kor for voksne, som øver en gang om ugen i Kongens Lyngby. ' +
      'Koret synger ved lokale arrangementer, fx Idræts- og Kulturdagen i Taarbæk, og giver et par koncerter om året. ' +
      'Vi søger frivillige til det praktiske omkring koncerterne og til foreningens administration.',
    websiteUrl: 'https://example.org/bragekoret',
    email: 'kontakt@bragekoret.example.org',
    phone: null,
    contactName: 'Birgit Demo',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['kultur'],
    rejectionReason: null,
    approvedDaysAgo: 380,
  },
  {
    // Seed 000: "DE GRØNNE PIGESPEJDERE. Gruppen samarbejder om at stramme torvet op
    // til en tovbane."
    slug: 'de-groenne-pigespejdere',
    name: 'De Grønne Pigespejdere',
    organisationType: OrganisationType.ASSOCIATION,
    status: AssociationStatus.APPROVED,
    description:
      'De Grønne Pigespejdere er den lokale spejdergruppe for piger, hvor børn og unge lærer friluftsliv, samarbejde og at tage ansvar. ' +
      'Gruppen er også med i byens liv – fx da spejderne spændte en tovbane op på torvet i Kongens Lyngby. ' +
      'Vi mødes hver uge ved hytten i Sorgenfri og tager på ture og lejre i weekenderne.',
    websiteUrl: null,
    email: 'kontakt@groenne-pigespejdere.example.org',
    phone: null,
    contactName: 'Signe Eksempel',
    cvr: null,
    localArea: 'sorgenfri',
    fieldsOfWork: ['boern-og-unge', 'natur-og-miljoe'],
    rejectionReason: null,
    approvedDaysAgo: 350,
  },
  {
    // Seed 000: "LYNGBYKIRKERNES SUPPEKØKKEN. Et samarbejde mellem kirkerne og
    // Kirkens Korshær."
    slug: 'lyngbykirkernes-suppekoekken',
    name: 'Lyngbykirkernes Suppekøkken',
    organisationType: OrganisationType.CHURCH,
    status: AssociationStatus.APPROVED,
    description:
      'Lyngbykirkernes Suppekøkken er et samarbejde mellem kirkerne i Lyngby og Kirkens Korshær. ' +
      'Hver uge laver frivillige varm mad til alle, der har brug for et måltid og et sted at være sammen med andre. ' +
      'Her er tid til en snak, og ingen skal forklare, hvorfor de kommer.',
    websiteUrl: 'https://example.org/suppekoekken',
    email: 'suppe@lyngbykirkerne.example.org',
    phone: '+45 00 00 00 02',
    contactName: 'Hanne Eksempel',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['socialt-arbejde'],
    rejectionReason: null,
    approvedDaysAgo: 400,
  },
  {
    // Named among the plan's examples; the documents say nothing more about it, so the
    // description stays general.
    slug: 'venskabsforeningen-lavuk-stjernen',
    name: 'Venskabsforeningen Lavuk Stjernen',
    organisationType: OrganisationType.ASSOCIATION,
    status: AssociationStatus.APPROVED,
    description:
      'Venskabsforeningen Lavuk Stjernen skaber venskaber på tværs af kulturer. ' +
      'Foreningen bringer nye og mere etablerede borgere i Lyngby-Taarbæk sammen om sprogcafé, fællesspisning og udflugter. ' +
      'Alle kan være med, og man behøver ikke at tale flydende dansk.',
    websiteUrl: null,
    email: 'venskab@lavuk-stjernen.example.org',
    phone: null,
    contactName: 'Nadia Demo',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['integration', 'socialt-arbejde'],
    rejectionReason: null,
    approvedDaysAgo: 300,
  },
  {
    // Seed 000: co-signer of the action plan; coordinates integration volunteering;
    // Frivillig Fredag and Frivillig Ugen.
    slug: 'frivilligcenter-og-selvhjaelp',
    name: 'Frivilligcenter og Selvhjælp Lyngby-Taarbæk',
    organisationType: OrganisationType.VOLUNTEER_CENTRE,
    status: AssociationStatus.APPROVED,
    description:
      'Frivilligcentret hjælper borgere, der vil være frivillige, med at finde en opgave, der passer til dem. ' +
      'Centret rådgiver foreninger om rekruttering og samarbejde, koordinerer den frivillige indsats på integrationsområdet og driver selvhjælpsgrupper for mennesker i en svær livssituation. ' +
      'Sammen med kommunen står centret bag Frivillig Fredag og Frivillig Ugen.',
    websiteUrl: 'https://example.org/frivilligcenter',
    email: 'info@frivilligcenter.example.org',
    phone: '+45 00 00 00 03',
    contactName: 'Peter Eksempelsen',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['socialt-arbejde', 'sundhed', 'integration'],
    rejectionReason: null,
    approvedDaysAgo: 450,
  },
  {
    // Seed 000: "BEDSTE I BØRNEHUSET. Frivillige seniorer laver aktiviteter med børn i
    // kommunale vuggestuer og børnehaver."
    slug: 'bedste-i-boernehuset',
    name: 'Bedste i Børnehuset',
    organisationType: OrganisationType.NETWORK,
    status: AssociationStatus.APPROVED,
    description:
      'I Bedste i Børnehuset laver frivillige seniorer aktiviteter med børnene i kommunens vuggestuer og børnehaver. ' +
      'De frivillige læser højt, synger, bager og går ture – og giver børnene tid sammen med en ekstra voksen. ' +
      'Personalet har ansvaret for børnene; de frivillige er et supplement til det pædagogiske arbejde.',
    websiteUrl: null,
    email: 'bedste@bedste-i-boernehuset.example.org',
    phone: null,
    contactName: 'Inger Eksempel',
    cvr: null,
    localArea: null,
    fieldsOfWork: ['aeldre', 'boern-og-unge'],
    rejectionReason: null,
    approvedDaysAgo: 330,
  },
  {
    // Seed 000: "UNG-TIL-UNG. Elever fra Virum Gymnasium skaber relationer med unge
    // flygtninge."
    slug: 'ung-til-ung',
    name: 'Ung-til-ung',
    organisationType: OrganisationType.SELF_ORGANISED_GROUP,
    status: AssociationStatus.APPROVED,
    description:
      'Ung-til-ung er et fællesskab, hvor elever fra Virum Gymnasium skaber relationer med unge flygtninge. ' +
      'De unge mødes som ligeværdige om lektier, sport og fritid. ' +
      'Det giver de nye unge et netværk og gør det lettere at finde ind i fællesskaberne i lokalområdet.',
    websiteUrl: null,
    email: 'kontakt@ung-til-ung.example.org',
    phone: null,
    contactName: 'Jonas Demo',
    cvr: null,
    localArea: 'virum',
    fieldsOfWork: ['integration', 'boern-og-unge'],
    rejectionReason: null,
    approvedDaysAgo: 210,
  },
  {
    // Seed 001, sub-project 11 "Borgere og Taarbæk Bibliotek": six volunteers opened
    // the library outside its hours — café, cultural events, reading circles, homework
    // help.
    slug: 'frivilliggruppen-taarbaek-bibliotek',
    name: 'Frivilliggruppen ved Taarbæk Bibliotek',
    organisationType: OrganisationType.SELF_ORGANISED_GROUP,
    status: AssociationStatus.APPROVED,
    description:
      'En gruppe frivillige holder Taarbæk Bibliotek åbent for borgerne i området uden for den almindelige åbningstid. ' +
      'Gruppen har indrettet en café, holder kulturaftener og står for læsekredse og lektiehjælp. ' +
      'Alle, der har lyst til at skabe liv i det lokale bibliotek, er velkomne.',
    websiteUrl: null,
    email: 'frivillig@taarbaek-bibliotek.example.org',
    phone: null,
    contactName: 'Karen Eksempel',
    cvr: null,
    localArea: 'taarbaek',
    fieldsOfWork: ['kultur', 'folkeoplysning'],
    rejectionReason: null,
    approvedDaysAgo: 280,
  },
  {
    // Seed 000: "MEDBORGERSKABSUGE. Et samarbejde mellem folkeskoler, Frivilligcentret
    // og Stadsbiblioteket."
    slug: 'stadsbiblioteket',
    name: 'Lyngby-Taarbæk Stadsbibliotek',
    organisationType: OrganisationType.MUNICIPAL_INSTITUTION,
    status: AssociationStatus.APPROVED,
    description:
      'Stadsbiblioteket i Kongens Lyngby er kommunens hovedbibliotek og et åbent mødested for alle. ' +
      'Sammen med folkeskolerne og Frivilligcentret holder biblioteket Medborgerskabsugen. ' +
      'Frivillige driver lektiecafé og sprogtræning i bibliotekets lokaler.',
    websiteUrl: 'https://example.org/stadsbibliotek',
    email: 'frivillig@stadsbibliotek.example.org',
    phone: null,
    contactName: 'Sofie Eksempel',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['kultur', 'folkeoplysning', 'integration'],
    rejectionReason: null,
    approvedDaysAgo: 460,
  },
  {
    // Seed 001, sub-project 13: new groups of volunteers at the elderly care centre
    // Lyngby Møllebo — company volunteers and 10th-grade pupils helping with IT.
    slug: 'omraadecenter-moellebo',
    name: 'Områdecenter Møllebo',
    organisationType: OrganisationType.MUNICIPAL_INSTITUTION,
    status: AssociationStatus.APPROVED,
    description:
      'Møllebo er et områdecenter for ældre i Kongens Lyngby med plejeboliger og aktiviteter for borgere i området. ' +
      'Centret samarbejder med nye grupper af frivillige – fx unge fra 10. klassecentret og frivillige fra lokale virksomheder. ' +
      'De frivillige hjælper bl.a. beboerne med IT, så de lettere kan holde kontakten med deres pårørende.',
    websiteUrl: null,
    email: 'frivillig@moellebo.example.org',
    phone: '+45 00 00 00 04',
    contactName: 'Ole Demo',
    cvr: null,
    localArea: 'kongens-lyngby',
    fieldsOfWork: ['aeldre', 'sundhed'],
    rejectionReason: null,
    approvedDaysAgo: 310,
  },
  {
    // Seed 001, sub-project 9: volunteers with little attachment to the labour market
    // and parents' theme days at Børnehuset Bulderby.
    slug: 'boernehuset-bulderby',
    name: 'Børnehuset Bulderby',
    organisationType: OrganisationType.MUNICIPAL_INSTITUTION,
    status: AssociationStatus.APPROVED,
    description:
      'Børnehuset Bulderby er en kommunal daginstitution, som samarbejder med frivillige og forældre om ekstra aktiviteter for børnene. ' +
      'Her er plads til frivillige, der gerne vil bruge deres evner i et trygt fællesskab – også hvis man i en periode står uden for arbejdsmarkedet. ' +
      'Forældre og folk fra lokalområdet er med på husets temadage.',
    websiteUrl: null,
    email: 'temadage@bulderby.example.org',
    phone: null,
    contactName: 'Rikke Eksempel',
    cvr: null,
    localArea: null,
    fieldsOfWork: ['boern-og-unge'],
    rejectionReason: null,
    approvedDaysAgo: 240,
  },
  {
    // Seed 000: "BIKETOWN SHOWDOWN. I et samarbejde i Vidensbyen sælges brugte cykler
    // til studerende." PENDING, so staff have an application to act on.
    slug: 'biketown-showdown',
    name: 'Biketown Showdown',
    organisationType: OrganisationType.NETWORK,
    status: AssociationStatus.PENDING,
    description:
      'Biketown Showdown er et samarbejde i Vidensbyen, hvor frivillige sætter brugte cykler i stand og sælger dem billigt til studerende. ' +
      'Studerende og cykelglade borgere arbejder sammen i værkstedet. ' +
      'Det giver billige cykler, mindre spild og et fællesskab på tværs af studerende og andre borgere.',
    websiteUrl: null,
    email: 'cykler@biketown.example.org',
    phone: null,
    contactName: 'Mads Demo',
    cvr: null,
    localArea: 'lundtofte',
    fieldsOfWork: ['natur-og-miljoe'],
    rejectionReason: null,
    approvedDaysAgo: null,
  },
  {
    // Invented, and plainly so: the kind of registration staff must turn down, because
    // volunteering is unpaid (Frivilligrådet's definition, quoted in the action plan).
    slug: 'eksempel-rengoering-aps',
    name: 'Eksempel Rengøring ApS',
    organisationType: OrganisationType.COMPANY,
    status: AssociationStatus.REJECTED,
    description:
      'Vi tilbyder rengøring og havearbejde til private og virksomheder i hele Lyngby-Taarbæk. ' +
      'Vi søger medarbejdere til faste vagter på timeløn.',
    websiteUrl: 'https://example.org/eksempel-rengoering',
    email: 'job@eksempel-rengoering.example.org',
    phone: null,
    contactName: 'Kim Demo',
    cvr: null,
    localArea: 'ulrikkenborg',
    fieldsOfWork: [],
    rejectionReason:
      'Portalen er for frivilligt, ulønnet arbejde til gavn for andre. Jeres registrering handler om lønnet arbejde, ' +
      'så vi kan desværre ikke godkende den. Vil virksomheden indgå et frivilligt samarbejde med en forening (CSR), ' +
      'er I velkomne til at registrere jer igen og beskrive samarbejdet.',
    approvedDaysAgo: null,
  },
] as const satisfies readonly DemoAssociation[];

export type AssociationSlug = (typeof DEMO_ASSOCIATIONS)[number]['slug'];

// ---------------------------------------------------------------------------------
// Openings (frivilligopgaver)
// ---------------------------------------------------------------------------------

export interface DemoOpening {
  association: AssociationSlug;
  /** Unique within its association: the seed finds an existing row by (association, title). */
  title: string;
  /** One sentence, shown in search results. */
  summary: string;
  description: string;
  /** One task per line. */
  tasks: string;
  form: VolunteeringForm;
  /** The filterable category of the time asked for; timeCommitment says it in words. */
  commitment: Commitment;
  timeCommitment: string;
  place: string;
  localArea: LocalAreaSlug | null;
  skills: string;
  childCertificateRequired: boolean;
  /** Day offsets from today; null leaves the date empty. Negative means in the past. */
  startsInDays: number | null;
  endsInDays: number | null;
  deadlineInDays: number | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  status: OpeningStatus;
  /** Days before "now" it was published; null for drafts. */
  publishedDaysAgo: number | null;
  targetGroups: readonly TargetGroupSlug[];
  /** One or two kinds of skill the opening asks for. */
  skillAreas: readonly SkillAreaSlug[];
}

export const DEMO_OPENINGS: readonly DemoOpening[] = [
  // --- IF Limone -------------------------------------------------------------------
  {
    association: 'if-limone',
    title: 'Fodboldtræner for børn i Ind i fællesskaber',
    summary: 'Hjælp børn fra 8 til 12 år med at spille fodbold og blive en del af fællesskabet i klubben.',
    description:
      'I projektet ”Ind i fællesskaber” spiller børn, der er nye i Danmark, sammen med børn, der har boet her hele livet. ' +
      'Vi søger en voksen, der vil træne et hold sammen med vores faste træner. ' +
      'Du behøver ikke være uddannet træner – det vigtigste er, at du er stabil, tålmodig og kan lide at være sammen med børn. ' +
      'Klubben betaler et trænerkursus for dig.',
    tasks:
      'Være med til træning en eller to gange om ugen\n' +
      'Hjælpe børnene med at forstå øvelser og regler\n' +
      'Tage godt imod nye børn og deres forældre\n' +
      'Tage med til stævner nogle lørdage',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2–3 timer om ugen',
    place: 'IF Limones baner, Lundtofte',
    localArea: 'lundtofte',
    skills:
      'Erfaring med fodbold er en fordel, men ikke et krav. ' +
      'Taler du et andet sprog end dansk, fx arabisk, tigrinya eller ukrainsk, er det en stor hjælp.',
    childCertificateRequired: true,
    startsInDays: 14,
    endsInDays: null,
    deadlineInDays: 30,
    contactName: 'Lone Eksempel',
    contactEmail: 'traener@if-limone.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 6,
    targetGroups: ['boern', 'flygtninge', 'tosprogede'],
    skillAreas: ['idraet-og-bevaegelse', 'socialt'],
  },
  {
    association: 'if-limone',
    title: 'Lektiehjælper til unge i Lundtofte',
    summary: 'Hjælp unge i 7.–10. klasse med lektier og opgaver i klubhusets lektiecafé.',
    description:
      'Mange af de unge i klubben har brug for en voksen, der har tid til at forklare en matematikopgave eller læse en dansk stil igennem. ' +
      'Lektiecaféen holder åbent hver tirsdag efter træning, og der er altid frugt og saft. ' +
      'Du hjælper de unge med selv at komme videre – ikke med at lave opgaverne for dem.',
    tasks:
      'Hjælpe med lektier i fx dansk, matematik, engelsk og naturfag\n' +
      'Forklare opgaver roligt og enkelt\n' +
      'Hjælpe med at planlægge større opgaver\n' +
      'Være med til at skabe en god stemning i lektiecaféen',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2 timer om ugen (tirsdag kl. 16–18)',
    place: 'Klubhuset, Lundtofte',
    localArea: 'lundtofte',
    skills: 'Du er god til mindst ét skolefag og har tålmodighed. Du kan være studerende, i job eller pensionist.',
    childCertificateRequired: true,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 45,
    contactName: 'Ahmad Eksempelsen',
    contactEmail: 'lektier@if-limone.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 3,
    targetGroups: ['unge', 'tosprogede'],
    skillAreas: ['sprog-og-undervisning', 'socialt'],
  },
  {
    association: 'if-limone',
    title: 'Hjælpere til fodboldskole i skoleferien',
    summary: 'Vær med en eller flere dage, når 60 børn prøver fodbold, leg og fællesspisning i skoleferien.',
    description:
      'Fodboldskolen er for alle børn i området, også dem, der ikke går til fodbold i en klub. ' +
      'Vi har brug for voksne over 18 år, der vil hjælpe trænerne, stå for frugtpausen og tage imod børnene om morgenen. ' +
      'Du kan melde dig til hele ugen eller til enkelte dage.',
    tasks:
      'Tage imod børn og forældre om morgenen\n' +
      'Hjælpe trænerne med øvelser og lege\n' +
      'Stå for frugt og vand i pauserne\n' +
      'Rydde op efter dagens program',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.ONE_OFF,
    timeCommitment: '1–5 dage, kl. 9–15',
    place: 'IF Limones baner, Lundtofte',
    localArea: 'lundtofte',
    skills: 'Ingen særlige krav. Du skal være mindst 18 år.',
    childCertificateRequired: true,
    startsInDays: 75,
    endsInDays: 79,
    deadlineInDays: 60,
    contactName: 'Lone Eksempel',
    contactEmail: 'traener@if-limone.example.org',
    contactPhone: '+45 00 00 00 01',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 10,
    targetGroups: ['boern', 'familier'],
    skillAreas: ['idraet-og-bevaegelse', 'praktisk'],
  },

  // --- Bragekoret ------------------------------------------------------------------
  {
    association: 'bragekoret',
    title: 'Praktisk hjælper til korets koncerter',
    summary: 'Hjælp koret med opstilling, billetsalg og kaffe, når vi giver koncert.',
    description:
      'Bragekoret giver 3–4 koncerter om året, bl.a. til Idræts- og Kulturdagen i Taarbæk. ' +
      'Sangerne skal koncentrere sig om at synge, så vi søger frivillige, der vil tage sig af det praktiske. ' +
      'Opgaven passer godt til dig, der kan lide musik og gerne vil give en hånd med i korte perioder.',
    tasks:
      'Stille stole og podier op før koncerten\n' +
      'Sælge billetter og programmer ved indgangen\n' +
      'Lave kaffe og servere i pausen\n' +
      'Hjælpe med oprydningen',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.OCCASIONAL,
    timeCommitment: '3–4 aftener om året, ca. 4 timer ad gangen',
    place: 'Koncertsteder i Lyngby-Taarbæk',
    localArea: 'kongens-lyngby',
    skills: 'Ingen særlige krav. Du skal kunne løfte lette ting og være venlig over for publikum.',
    childCertificateRequired: false,
    startsInDays: 21,
    endsInDays: null,
    deadlineInDays: 20,
    contactName: 'Birgit Demo',
    contactEmail: 'kontakt@bragekoret.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 5,
    targetGroups: ['alle'],
    skillAreas: ['praktisk', 'kultur-og-formidling'],
  },
  {
    // Seed 000's citizens' dialogue: boards "drown" in administration and would like
    // to share a treasurer — a task associations find hard to recruit for.
    association: 'bragekoret',
    title: 'Kasserer til koret – få timer om måneden',
    summary: 'Hold styr på korets regnskab, kontingenter og tilskud sammen med bestyrelsen.',
    description:
      'Vores kasserer gennem mange år stopper, og vi søger en afløser. ' +
      'Regnskabet er enkelt: kontingenter, lokaletilskud fra kommunen og udgifter til dirigent og noder. ' +
      'Du behøver ikke synge i koret. ' +
      'Frivilligcentret tilbyder et kort kursus i foreningsøkonomi, hvis du vil have en opfriskning.',
    tasks:
      'Opkræve kontingent og følge op på betalinger\n' +
      'Betale regninger\n' +
      'Lave årsregnskab til generalforsamlingen\n' +
      'Hjælpe bestyrelsen med at søge tilskud',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.MONTHLY,
    timeCommitment: '3–4 timer om måneden',
    place: 'Hjemmefra og til bestyrelsesmøder i Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du er vant til at arbejde med tal og regneark. Erfaring fra en anden forening er en fordel.',
    childCertificateRequired: false,
    startsInDays: 30,
    endsInDays: null,
    deadlineInDays: 40,
    contactName: 'Birgit Demo',
    contactEmail: 'kontakt@bragekoret.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 12,
    targetGroups: ['alle'],
    skillAreas: ['administration-og-it'],
  },

  // --- De Grønne Pigespejdere ------------------------------------------------------
  {
    association: 'de-groenne-pigespejdere',
    title: 'Spejderleder for de yngste spejdere (6–8 år)',
    summary: 'Vær med til at planlægge og holde de ugentlige spejdermøder for piger på 6–8 år.',
    description:
      'Vores yngste spejdere mødes hver onsdag ved hytten i Sorgenfri, hvor de laver bål, bygger huler og lærer at passe på naturen. ' +
      'Vi er fire ledere og mangler én til, så vi kan tage flere børn ind fra ventelisten. ' +
      'Du får et lederkursus og en erfaren leder som makker.',
    tasks:
      'Planlægge møder sammen med de andre ledere\n' +
      'Stå for aktiviteter ved bålet og i skoven\n' +
      'Tage med på 1–2 weekendture om året\n' +
      'Holde kontakt med forældrene',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2½ time om ugen (onsdag kl. 16.30–19) og et par weekender om året',
    place: 'Spejderhytten i Sorgenfri',
    localArea: 'sorgenfri',
    skills: 'Du kan lide at være ude i al slags vejr og at være sammen med børn. Du behøver ikke have været spejder før.',
    childCertificateRequired: true,
    startsInDays: 14,
    endsInDays: null,
    deadlineInDays: 35,
    contactName: 'Signe Eksempel',
    contactEmail: 'leder@groenne-pigespejdere.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 8,
    targetGroups: ['boern'],
    skillAreas: ['socialt', 'idraet-og-bevaegelse'],
  },
  {
    association: 'de-groenne-pigespejdere',
    title: 'Hjælpere til tovbanen på Lyngby Torv',
    summary: 'Hjælp spejderne med at spænde en tovbane op på torvet og passe på børnene, der prøver den.',
    description:
      'Til Frivillig Fredag bygger spejderne en tovbane på Lyngby Torv, som alle børn kan prøve. ' +
      'Vi har brug for ekstra voksne til at hjælpe med opbygningen og holde øje med sikkerheden. ' +
      'Opgaven varer én dag, og du arbejder hele tiden sammen med en erfaren spejderleder.',
    tasks:
      'Bære udstyr og hjælpe med at spænde tovbanen op\n' +
      'Hjælpe børnene med sele og hjelm\n' +
      'Holde orden i køen og øje med sikkerheden\n' +
      'Hjælpe med at tage tovbanen ned om eftermiddagen',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.ONE_OFF,
    timeCommitment: '1 dag, ca. 6 timer',
    place: 'Lyngby Torv, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Ingen særlige krav. Du får en kort instruktion i sikkerhed på dagen.',
    childCertificateRequired: true,
    startsInDays: 40,
    endsInDays: 40,
    deadlineInDays: 25,
    contactName: 'Signe Eksempel',
    contactEmail: 'leder@groenne-pigespejdere.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 2,
    targetGroups: ['boern', 'familier'],
    skillAreas: ['praktisk'],
  },

  // --- Lyngbykirkernes Suppekøkken -------------------------------------------------
  {
    association: 'lyngbykirkernes-suppekoekken',
    title: 'Køkkenhjælper i suppekøkkenet',
    summary: 'Lav varm mad sammen med andre frivillige, og server den for gæsterne i suppekøkkenet.',
    description:
      'Hver torsdag laver vi suppe og brød til 40–60 gæster. ' +
      'Nogle af gæsterne har ikke et hjem, andre har brug for et måltid og et sted at være sammen med andre. ' +
      'Du behøver ikke være kok: Vi arbejder i hold, og der er altid en erfaren frivillig, der har ansvaret for køkkenet.',
    tasks:
      'Skrælle, snitte og lave mad efter opskrift\n' +
      'Servere mad og skænke kaffe\n' +
      'Vaske op og gøre køkkenet rent\n' +
      'Sætte dig ned og snakke med gæsterne, hvis du har lyst',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.MONTHLY,
    timeCommitment: '4 timer hver anden uge (torsdag kl. 14–18)',
    place: 'Kirkens lokaler i Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du er god til at samarbejde og møder gæsterne med respekt. ' + 'Du får en kort introduktion til hygiejne i køkkenet.',
    childCertificateRequired: false,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 30,
    contactName: 'Hanne Eksempel',
    contactEmail: 'suppe@lyngbykirkerne.example.org',
    contactPhone: '+45 00 00 00 02',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 4,
    targetGroups: ['ensomme', 'psykisk-saarbare', 'alle'],
    skillAreas: ['praktisk', 'socialt'],
  },
  {
    association: 'lyngbykirkernes-suppekoekken',
    title: 'Chauffør til afhentning af madvarer',
    summary: 'Hent overskudsmad hos lokale butikker, og kør den til suppekøkkenet fredag morgen.',
    description:
      'Flere butikker i Lyngby giver os madvarer, som ellers ville blive smidt ud. ' +
      'Vi søger en frivillig chauffør, der vil hente varerne en gang om ugen. ' +
      'Du kører i suppekøkkenets lille varebil ad en fast rute, så du ved, hvad du skal.',
    tasks: 'Hente madvarer hos 3–4 butikker\n' + 'Tjekke datoer og holde kølevarer kolde\n' + 'Bære varerne ind og sætte dem på plads',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '3 timer om ugen (fredag kl. 8–11)',
    place: 'Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du har kørekort til almindelig bil (kategori B) og kan løfte kasser på op til 15 kg.',
    childCertificateRequired: false,
    startsInDays: 10,
    endsInDays: null,
    deadlineInDays: 28,
    contactName: 'Hanne Eksempel',
    contactEmail: 'suppe@lyngbykirkerne.example.org',
    contactPhone: '+45 00 00 00 02',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 9,
    targetGroups: ['ensomme', 'alle'],
    skillAreas: ['praktisk'],
  },

  // --- Venskabsforeningen Lavuk Stjernen -------------------------------------------
  {
    association: 'venskabsforeningen-lavuk-stjernen',
    title: 'Venskabsfamilie for en nyankommen familie',
    summary: 'Bliv venskabsfamilie for en familie, der lige er flyttet til kommunen, og mød dem et par gange om måneden i et halvt år.',
    description:
      'Det er lettere at flytte til et nyt land, når man kender nogen. ' +
      'Som venskabsfamilie hjælper I en nyankommen familie med at finde rundt i hverdagen – fra biblioteket og skolen til en tur i Dyrehaven. ' +
      'I mødes på jeres egne betingelser, og foreningen følger forløbet med et opstartsmøde, netværksmøder og en afslutning efter seks måneder.',
    tasks:
      'Mødes med familien 2–3 gange om måneden\n' +
      'Vise rundt i lokalområdet\n' +
      'Hjælpe med at forstå breve, foreningsliv og traditioner\n' +
      'Tale dansk sammen i hverdagen',
    form: VolunteeringForm.PROGRAMME,
    commitment: Commitment.MONTHLY,
    timeCommitment: '2–4 timer, 2–3 gange om måneden i 6 måneder',
    place: 'Lyngby-Taarbæk – efter aftale med familien',
    localArea: null,
    skills: 'I er nysgerrige og åbne over for andre kulturer. I behøver ikke at kunne andre sprog end dansk.',
    childCertificateRequired: false,
    startsInDays: 30,
    endsInDays: 210,
    deadlineInDays: 21,
    contactName: 'Nadia Demo',
    contactEmail: 'venskab@lavuk-stjernen.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 7,
    targetGroups: ['flygtninge', 'familier'],
    skillAreas: ['socialt', 'sprog-og-undervisning'],
  },
  {
    association: 'venskabsforeningen-lavuk-stjernen',
    title: 'Samtalepartner i sprogcaféen',
    summary: 'Tal dansk over en kop kaffe med voksne, der gerne vil øve sig i sproget.',
    description:
      'I sprogcaféen mødes nye og erfarne dansktalende til en uformel snak. ' +
      'Der er ingen undervisning, men samtaler om alt fra vejret til arbejde og familie. ' +
      'Mange af deltagerne går på sprogskole og vil gerne øve det danske, de lærer dér.',
    tasks:
      'Sidde ved et bord og tale dansk med 2–4 deltagere\n' +
      'Hjælpe med ord og udtale, når nogen spørger\n' +
      'Tage emner med, der kan sætte gang i samtalen',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.MONTHLY,
    timeCommitment: '2 timer hver anden uge (torsdag kl. 17–19)',
    place: 'Foreningens lokale i Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du taler dansk og kan lide at lytte. Tålmodighed er vigtigere end grammatik.',
    childCertificateRequired: false,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 30,
    contactName: 'Nadia Demo',
    contactEmail: 'venskab@lavuk-stjernen.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 11,
    targetGroups: ['flygtninge', 'tosprogede', 'ensomme'],
    skillAreas: ['sprog-og-undervisning', 'socialt'],
  },

  // --- Frivilligcenter og Selvhjælp Lyngby-Taarbæk ---------------------------------
  {
    association: 'frivilligcenter-og-selvhjaelp',
    title: 'Besøgsven for en ældre, der sidder meget alene',
    summary: 'Besøg en ældre borger en gang om ugen til en snak, en gåtur eller et spil kort.',
    description:
      'Mange ældre i Lyngby-Taarbæk ser sjældent andre mennesker. ' +
      'Som besøgsven bliver du matchet med en ældre, der bor tæt på dig, og I aftaler selv, hvad I vil lave sammen. ' +
      'Frivilligcentret holder en introduktion og inviterer til erfaringsmøder med andre besøgsvenner et par gange om året.',
    tasks:
      'Besøge den samme person en gang om ugen\n' +
      'Finde på noget at lave sammen, fx gåture, kaffe eller spil\n' +
      'Sige til Frivilligcentret, hvis du bliver bekymret for den, du besøger',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '1–2 timer om ugen',
    place: 'Hjemme hos den ældre, i hele kommunen',
    localArea: null,
    skills: 'Du er stabil og kan lide at lytte. Du skal kunne forpligte dig i mindst et halvt år.',
    childCertificateRequired: false,
    startsInDays: null,
    endsInDays: null,
    deadlineInDays: 60,
    contactName: 'Peter Eksempelsen',
    contactEmail: 'besoegsven@frivilligcenter.example.org',
    contactPhone: '+45 00 00 00 03',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 15,
    targetGroups: ['aeldre', 'ensomme'],
    skillAreas: ['socialt'],
  },
  {
    association: 'frivilligcenter-og-selvhjaelp',
    title: 'Frivillig gruppeleder i en selvhjælpsgruppe',
    summary: 'Led en selvhjælpsgruppe for mennesker i en svær livssituation efter et kursus hos Frivilligcentret.',
    description:
      'I en selvhjælpsgruppe mødes 5–8 mennesker, der har noget til fælles, fx stress, sorg eller angst. ' +
      'Som gruppeleder sørger du for, at møderne har en god ramme, og at alle bliver hørt – du er ikke behandler. ' +
      'Forløbet begynder med et kursus over tre aftener, og du får løbende supervision.',
    tasks:
      'Deltage i kurset for nye gruppeledere\n' +
      'Lede gruppemøder hver anden uge\n' +
      'Holde styr på aftaler og lokaler\n' +
      'Deltage i supervision med andre gruppeledere',
    form: VolunteeringForm.PROGRAMME,
    commitment: Commitment.MONTHLY,
    timeCommitment: '3 timer hver anden uge i et forløb på 10 møder',
    place: 'Frivilligcentret, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du er god til at lytte og til at holde en ramme. ' + 'Egen erfaring med en svær livssituation kan være en styrke.',
    childCertificateRequired: false,
    startsInDays: 30,
    endsInDays: 170,
    deadlineInDays: 20,
    contactName: 'Maja Demo',
    contactEmail: 'selvhjaelp@frivilligcenter.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 6,
    targetGroups: ['psykisk-saarbare', 'ensomme'],
    skillAreas: ['socialt'],
  },
  {
    // Self-organised volunteering (the action plan, goal 1): the centre helps citizens start
    // something themselves rather than recruiting them into a task.
    association: 'frivilligcenter-og-selvhjaelp',
    title: 'Start en gågruppe i Hjortekær',
    summary: 'Saml naboer til en fast gåtur i Hjortekær – Frivilligcentret hjælper dig i gang.',
    description:
      'Har du lyst til at gå en tur sammen med andre? ' +
      'Frivilligcentret hjælper borgere, der selv vil starte et lille fællesskab. ' +
      'Du bestemmer, hvornår og hvor I går; vi hjælper med opslag, et mødested og kontakt til andre gågrupper i kommunen.',
    tasks:
      'Finde en fast dag, et tidspunkt og en rute\n' +
      'Byde nye deltagere velkommen\n' +
      'Holde en lille liste over deltagerne, så I kan give besked, hvis en tur bliver aflyst',
    form: VolunteeringForm.SELF_ORGANISED,
    commitment: Commitment.WEEKLY,
    timeCommitment: '1 time om ugen',
    place: 'Hjortekær – I vælger selv ruten',
    localArea: 'hjortekaer',
    skills: 'Ingen særlige krav. Du skal bare kunne lide at gå og at møde nye mennesker.',
    childCertificateRequired: false,
    startsInDays: null,
    endsInDays: null,
    deadlineInDays: 90,
    contactName: 'Peter Eksempelsen',
    contactEmail: 'besoegsven@frivilligcenter.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 1,
    targetGroups: ['ensomme', 'aeldre', 'alle'],
    skillAreas: ['idraet-og-bevaegelse', 'socialt'],
  },
  {
    // Published but past its deadline: shows that published openings expire by
    // themselves (they leave search without anyone closing them).
    association: 'frivilligcenter-og-selvhjaelp',
    title: 'Hjælpere til Frivillig Fredag på torvet',
    summary: 'Hjælp med at stille boder op og byde velkommen, når foreninger og virksomheder mødes til Frivillig Fredag.',
    description:
      'Frivillig Fredag fejrer de frivillige i Lyngby-Taarbæk med boder, musik og speeddating mellem virksomheder og foreninger. ' +
      'Vi har brug for hjælpere til opstilling, information og oprydning. ' +
      'Du kan hjælpe hele dagen eller nogle timer.',
    tasks:
      'Stille boder og telte op om morgenen\n' +
      'Vise gæster rundt og svare på spørgsmål\n' +
      'Hjælpe ved speeddatingen mellem virksomheder og foreninger\n' +
      'Rydde op sidst på eftermiddagen',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.ONE_OFF,
    timeCommitment: '1 dag, 3–8 timer',
    place: 'Lyngby Torv, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Ingen særlige krav.',
    childCertificateRequired: false,
    startsInDays: 5,
    endsInDays: 5,
    deadlineInDays: -2,
    contactName: 'Peter Eksempelsen',
    contactEmail: 'info@frivilligcenter.example.org',
    contactPhone: '+45 00 00 00 03',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 30,
    targetGroups: ['alle'],
    skillAreas: ['praktisk', 'kultur-og-formidling'],
  },

  // --- Bedste i Børnehuset ---------------------------------------------------------
  {
    association: 'bedste-i-boernehuset',
    title: 'Bedste i børnehaven: læs højt og leg med børnene',
    summary: 'Kom som frivillig senior en formiddag om ugen, og læs, syng eller byg med børnene i en børnehave.',
    description:
      'Børn holder af voksne, der har god tid. ' +
      'I Bedste i Børnehuset kommer frivillige seniorer fast i kommunens vuggestuer og børnehaver og laver aktiviteter sammen med børnene. ' +
      'Pædagogerne har ansvaret for børnene, og du er en ekstra voksen, der giver nærvær. ' +
      'Vi finder en institution tæt på, hvor du bor.',
    tasks:
      'Læse højt og synge med små grupper af børn\n' +
      'Bage, tegne eller gå ture sammen med børnene og personalet\n' +
      'Fortælle om dengang, du selv var barn',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2–3 timer om ugen (en formiddag)',
    place: 'Kommunale vuggestuer og børnehaver i hele kommunen',
    localArea: null,
    skills: 'Du er senior og holder af børn. Du skal kunne komme fast hver uge.',
    childCertificateRequired: true,
    startsInDays: 21,
    endsInDays: null,
    deadlineInDays: 45,
    contactName: 'Inger Eksempel',
    contactEmail: 'bedste@bedste-i-boernehuset.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 13,
    targetGroups: ['boern'],
    skillAreas: ['socialt', 'kultur-og-formidling'],
  },

  // --- Ung-til-ung -----------------------------------------------------------------
  {
    association: 'ung-til-ung',
    title: 'Ung-til-ung: bliv makker for en ung flygtning',
    summary: 'Mød en ung flygtning på din egen alder to timer om ugen i tre måneder – til sport, byliv eller bare en snak.',
    description:
      'I Ung-til-ung bliver gymnasieelever og andre unge mellem 16 og 25 år makkere med unge, der er kommet til Danmark som flygtninge. ' +
      'I finder selv ud af, hvad I vil lave sammen, og mødes også med de andre makkerpar til fælles arrangementer. ' +
      'Forløbet varer tre måneder, og mange bliver ved med at ses bagefter.',
    tasks:
      'Mødes med din makker ca. to timer om ugen\n' +
      'Deltage i et opstartsmøde og to fælles arrangementer\n' +
      'Hjælpe din makker med at finde fritidstilbud og foreninger',
    form: VolunteeringForm.PROGRAMME,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2 timer om ugen i 3 måneder',
    place: 'Virum Gymnasium og lokalområdet',
    localArea: 'virum',
    skills: 'Du er mellem 16 og 25 år og åben over for nye mennesker.',
    childCertificateRequired: false,
    startsInDays: 20,
    endsInDays: 110,
    deadlineInDays: 14,
    contactName: 'Jonas Demo',
    contactEmail: 'makker@ung-til-ung.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 5,
    targetGroups: ['unge', 'flygtninge'],
    skillAreas: ['socialt'],
  },
  {
    association: 'ung-til-ung',
    title: 'Lektiehjælp for unge flygtninge i Virum',
    summary: 'Giv unge flygtninge i 8.–10. klasse hjælp til lektier og danske tekster i en ugentlig lektiecafé.',
    description:
      'Lektiecaféen holdes af gymnasieelever fra Virum Gymnasium for unge, der er nye i Danmark. ' +
      'Mange af de unge er dygtige, men kæmper med det danske sprog i opgaverne. ' +
      'Som lektiehjælper sidder du sammen med en eller to unge og hjælper dem med at forstå opgaverne.',
    tasks:
      'Hjælpe med at læse og forstå opgaver på dansk\n' + 'Forklare fagord i fx matematik og naturfag\n' + 'Give respons på danske stile',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '1½ time om ugen (onsdag kl. 15–16.30)',
    place: 'Virum Gymnasium',
    localArea: 'virum',
    skills: 'Du er god til dansk og gerne til et eller flere andre fag. Du kan være elev, studerende eller voksen.',
    childCertificateRequired: true,
    startsInDays: 10,
    endsInDays: null,
    deadlineInDays: 40,
    contactName: 'Jonas Demo',
    contactEmail: 'makker@ung-til-ung.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 4,
    targetGroups: ['unge', 'flygtninge', 'tosprogede'],
    skillAreas: ['sprog-og-undervisning'],
  },

  // --- Frivilliggruppen ved Taarbæk Bibliotek --------------------------------------
  {
    association: 'frivilliggruppen-taarbaek-bibliotek',
    title: 'Lektiehjælper i lektiecaféen på Taarbæk Bibliotek',
    summary: 'Hjælp børn og unge fra Taarbæk med lektierne hver mandag eftermiddag på biblioteket.',
    description:
      'Frivilliggruppen holder lektiecafé på Taarbæk Bibliotek uden for den almindelige åbningstid. ' +
      'Børn og unge fra 4. til 10. klasse kommer for at få hjælp og ro til at lave lektier. ' +
      'Vi er fem frivillige i forvejen og vil gerne være flere, så der er tid til alle.',
    tasks:
      'Hjælpe med lektier i de fag, du er god til\n' +
      'Låse op og lukke lektiecaféen sammen med en anden frivillig\n' +
      'Sætte frugt og vand frem',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2 timer om ugen (mandag kl. 15–17)',
    place: 'Taarbæk Bibliotek',
    localArea: 'taarbaek',
    skills: 'Du er god til mindst ét skolefag og kan lide at forklare.',
    childCertificateRequired: true,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 50,
    contactName: 'Karen Eksempel',
    contactEmail: 'frivillig@taarbaek-bibliotek.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 3,
    targetGroups: ['boern', 'unge'],
    skillAreas: ['sprog-og-undervisning'],
  },
  {
    association: 'frivilliggruppen-taarbaek-bibliotek',
    title: 'Café-vært ved kulturaftener på biblioteket',
    summary: 'Stå for caféen, når frivilliggruppen holder foredrag, koncerter og litteraturaftener på Taarbæk Bibliotek.',
    description:
      'En gang om måneden holder vi kulturaften på biblioteket med foredrag, musik eller forfatterbesøg. ' +
      'Caféen er en vigtig del af aftenen, fordi folk bliver og snakker bagefter. ' +
      'Som café-vært laver du kaffe, sælger kage og sørger for, at alle føler sig velkomne.',
    tasks: 'Lave kaffe og te og stille kage frem\n' + 'Tage imod betaling\n' + 'Byde gæsterne velkommen\n' + 'Rydde op efter arrangementet',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.MONTHLY,
    timeCommitment: '1 aften om måneden, ca. 4 timer',
    place: 'Taarbæk Bibliotek',
    localArea: 'taarbaek',
    skills: 'Ingen særlige krav. Du skal kunne lide at møde nye mennesker.',
    childCertificateRequired: false,
    startsInDays: 14,
    endsInDays: null,
    deadlineInDays: 30,
    contactName: 'Karen Eksempel',
    contactEmail: 'frivillig@taarbaek-bibliotek.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 20,
    targetGroups: ['alle', 'ensomme'],
    skillAreas: ['praktisk', 'kultur-og-formidling'],
  },
  {
    // A draft, so an association member has something unpublished to finish.
    association: 'frivilliggruppen-taarbaek-bibliotek',
    title: 'Tovholder for en ny læsekreds',
    summary: 'Start og hold sammen på en ny læsekreds, der mødes på Taarbæk Bibliotek en gang om måneden.',
    description:
      'Vi vil gerne starte en læsekreds mere, fordi den første er fuld. ' +
      'Som tovholder aftaler du sammen med deltagerne, hvilke bøger I læser, og sørger for, at møderne bliver til noget. ' +
      'Biblioteket låner bogsæt ud, så deltagerne ikke selv skal købe bøgerne.',
    tasks:
      'Finde en fast mødedag sammen med deltagerne\n' + 'Bestille bogsæt gennem biblioteket\n' + 'Lede samtalen, så alle kommer til orde',
    form: VolunteeringForm.SELF_ORGANISED,
    commitment: Commitment.MONTHLY,
    timeCommitment: '2 timer om måneden',
    place: 'Taarbæk Bibliotek',
    localArea: 'taarbaek',
    skills: 'Du kan lide at læse og at tale om bøger.',
    childCertificateRequired: false,
    startsInDays: 45,
    endsInDays: null,
    deadlineInDays: 40,
    contactName: 'Karen Eksempel',
    contactEmail: 'frivillig@taarbaek-bibliotek.example.org',
    contactPhone: null,
    status: OpeningStatus.DRAFT,
    publishedDaysAgo: null,
    targetGroups: ['alle'],
    skillAreas: ['kultur-og-formidling'],
  },

  // --- Lyngby-Taarbæk Stadsbibliotek -----------------------------------------------
  {
    association: 'stadsbiblioteket',
    title: 'Frivillig lektiehjælp for tosprogede unge',
    summary: 'Hjælp tosprogede unge med lektier, opgaver og dansk i bibliotekets lektiecafé i Kongens Lyngby.',
    description:
      'Bibliotekets lektiecafé er åben for alle unge, men mange af dem, der kommer, har et andet modersmål end dansk. ' +
      'De har brug for en voksen, der kan forklare svære ord og hjælpe med at skrive opgaver. ' +
      'Bibliotekets personale er til stede, og du kommer på de dage, der passer dig.',
    tasks:
      'Hjælpe unge med lektier og opgaver\n' +
      'Forklare svære ord og begreber på dansk\n' +
      'Hjælpe med at finde materialer på biblioteket',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2 timer om ugen (tirsdag eller torsdag kl. 15–17)',
    place: 'Stadsbiblioteket, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du er god til dansk og gerne til mindst ét andet fag. ' + 'Taler du også et andet sprog, er det en fordel.',
    childCertificateRequired: true,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 55,
    contactName: 'Sofie Eksempel',
    contactEmail: 'lektiecafe@stadsbibliotek.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 2,
    targetGroups: ['unge', 'tosprogede'],
    skillAreas: ['sprog-og-undervisning'],
  },
  {
    // Closed by the library because it has the helpers it needs.
    association: 'stadsbiblioteket',
    title: 'Hjælpere til workshops i Medborgerskabsugen',
    summary: 'Hjælp skoleklasser og andre besøgende til rette i workshops om demokrati og fællesskab i Medborgerskabsugen.',
    description:
      'Medborgerskabsugen er et samarbejde mellem folkeskolerne, Frivilligcentret og Stadsbiblioteket. ' +
      'I løbet af ugen holder vi workshops, debatter og fortællinger om, hvad det vil sige at være en aktiv borger. ' +
      'Som hjælper tager du imod klasserne og hjælper workshopholderne med det praktiske.',
    tasks: 'Tage imod skoleklasser og vise dem til rette\n' + 'Hjælpe workshopholderne med materialer\n' + 'Stille lokaler op og rydde op',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.ONE_OFF,
    timeCommitment: '1–5 dage i samme uge, kl. 9–14',
    place: 'Stadsbiblioteket, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Ingen særlige krav.',
    childCertificateRequired: true,
    startsInDays: 20,
    endsInDays: 24,
    deadlineInDays: -3,
    contactName: 'Sofie Eksempel',
    contactEmail: 'frivillig@stadsbibliotek.example.org',
    contactPhone: null,
    status: OpeningStatus.CLOSED,
    publishedDaysAgo: 40,
    targetGroups: ['boern', 'unge'],
    skillAreas: ['kultur-og-formidling', 'praktisk'],
  },

  // --- Områdecenter Møllebo --------------------------------------------------------
  {
    association: 'omraadecenter-moellebo',
    title: 'IT-hjælper: hjælp beboerne med at holde kontakt med familien',
    summary: 'Hjælp ældre beboere med tablet, videoopkald og beskeder, så de kan holde kontakten med deres pårørende.',
    description:
      'Mange beboere på Møllebo har familie, der bor langt væk. ' +
      'Med en tablet kan de se børnebørnene på video, men det kræver lidt hjælp at komme i gang. ' +
      'Vi har gode erfaringer med unge fra 10. klassecentret og frivillige fra lokale virksomheder, og nu søger vi flere, der har tålmodighed og lyst til at hjælpe.',
    tasks:
      'Hjælpe beboere med at foretage videoopkald\n' +
      'Vise, hvordan man sender billeder og beskeder\n' +
      'Holde centrets tablets opdaterede sammen med personalet',
    form: VolunteeringForm.ONGOING,
    commitment: Commitment.WEEKLY,
    timeCommitment: '2 timer om ugen',
    place: 'Områdecenter Møllebo, Kongens Lyngby',
    localArea: 'kongens-lyngby',
    skills: 'Du er fortrolig med smartphone eller tablet og kan forklare tingene i et roligt tempo.',
    childCertificateRequired: false,
    startsInDays: 7,
    endsInDays: null,
    deadlineInDays: 45,
    contactName: 'Ole Demo',
    contactEmail: 'frivillig@moellebo.example.org',
    contactPhone: '+45 00 00 00 04',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 8,
    targetGroups: ['aeldre'],
    skillAreas: ['administration-og-it', 'socialt'],
  },
  {
    // Published but past its deadline (the second expired example).
    association: 'omraadecenter-moellebo',
    title: 'Udflugt i Dyrehaven med beboerne',
    summary: 'Skub en kørestol eller gå ved siden af en beboer, når Møllebo tager på tur i Dyrehaven.',
    description:
      'To gange om året tager beboere og personale på udflugt i Dyrehaven med madpakker og kaffe. ' +
      'Mange beboere sidder i kørestol, så vi har brug for ekstra hænder, for at alle, der har lyst, kan komme med. ' +
      'Personalet står for pleje og medicin; du er med som hjælper og selskab.',
    tasks:
      'Skubbe en kørestol eller følges med en beboer\n' +
      'Hjælpe med at pakke mad og kaffe ud\n' +
      'Være selskab og snakke med beboerne undervejs',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.ONE_OFF,
    timeCommitment: '1 dag, kl. 10–15',
    place: 'Jægersborg Dyrehave, med afgang fra Områdecenter Møllebo',
    localArea: 'kongens-lyngby',
    skills: 'Du kan gå et par kilometer og skubbe en kørestol. Personalet viser dig hvordan.',
    childCertificateRequired: false,
    startsInDays: 3,
    endsInDays: 3,
    deadlineInDays: -4,
    contactName: 'Ole Demo',
    contactEmail: 'frivillig@moellebo.example.org',
    contactPhone: '+45 00 00 00 04',
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 25,
    targetGroups: ['aeldre', 'mennesker-med-handicap'],
    skillAreas: ['socialt', 'praktisk'],
  },

  // --- Børnehuset Bulderby ---------------------------------------------------------
  {
    association: 'boernehuset-bulderby',
    title: 'Temadage i børnehuset: del din hobby med børnene',
    summary: 'Kom en eller flere formiddage, og vis børnene din hobby – fx træarbejde, musik, fugle eller bagning.',
    description:
      'Børnehuset Bulderby holder temadage, hvor forældre og andre voksne fra lokalområdet viser børnene noget, de selv er optaget af. ' +
      'Det giver børnene nye oplevelser og flere voksne at se op til. ' +
      'Du planlægger dagen sammen med en pædagog, som har ansvaret for børnene.',
    tasks: 'Planlægge en aktivitet sammen med en pædagog\n' + 'Vise børnene din hobby og lade dem prøve selv\n' + 'Hjælpe med at rydde op',
    form: VolunteeringForm.EPISODIC,
    commitment: Commitment.OCCASIONAL,
    timeCommitment: '1–3 formiddage i løbet af et halvt år',
    place: 'Børnehuset Bulderby',
    localArea: null,
    skills: 'Du har en hobby eller et håndværk, som du gerne vil dele. Du behøver ingen pædagogisk erfaring.',
    childCertificateRequired: true,
    startsInDays: 20,
    endsInDays: 180,
    deadlineInDays: 60,
    contactName: 'Rikke Eksempel',
    contactEmail: 'temadage@bulderby.example.org',
    contactPhone: null,
    status: OpeningStatus.PUBLISHED,
    publishedDaysAgo: 16,
    targetGroups: ['boern', 'familier'],
    skillAreas: ['praktisk', 'kultur-og-formidling'],
  },
];

// ---------------------------------------------------------------------------------
// Users and demo logins
// ---------------------------------------------------------------------------------

export interface DemoUser {
  /** Lower-case, as the users table stores it. */
  email: string;
  name: string;
  role: Role;
  /** Associations the user is a member of (only for ASSOCIATION_MEMBER). */
  memberOf: readonly AssociationSlug[];
  /** What the login is for, shown in the README and the start-up print. */
  description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'admin@example.org',
    name: 'Administrator (demo)',
    role: Role.ADMIN,
    memberOf: [],
    description:
      "Administrator: every staff page, any association's own pages, and /administration (accounts, settings, vocabularies, retention, audit log).",
  },
  {
    email: 'medarbejder@example.org',
    name: 'Kommunal medarbejder (demo)',
    role: Role.STAFF,
    memberOf: [],
    description:
      'Municipal staff: approves associations (one is pending), runs events, collaboration agreements and the action plan with its yearly review.',
  },
  {
    email: 'forening@example.org',
    name: 'Foreningsrepræsentant, IF Limone (demo)',
    role: Role.ASSOCIATION_MEMBER,
    memberOf: ['if-limone'],
    description: 'Association member of IF Limone: keeps its profile and openings current; gives its status on action-plan actions.',
  },
  {
    email: 'suppekoekken@example.org',
    name: 'Foreningsrepræsentant, Lyngbykirkernes Suppekøkken (demo)',
    role: Role.ASSOCIATION_MEMBER,
    memberOf: ['lyngbykirkernes-suppekoekken'],
    description: 'Association member of Lyngbykirkernes Suppekøkken (a second association, to show separation).',
  },
  {
    email: 'frivilligcenter@example.org',
    name: 'Foreningsrepræsentant, Frivilligcenter og Selvhjælp (demo)',
    role: Role.ASSOCIATION_MEMBER,
    memberOf: ['frivilligcenter-og-selvhjaelp'],
    description: 'Association member of the volunteer centre, a partner in the active "Grow Your Life" agreement.',
  },
  {
    email: 'biketown@example.org',
    name: 'Foreningsrepræsentant, Biketown Showdown (demo)',
    role: Role.ASSOCIATION_MEMBER,
    memberOf: ['biketown-showdown'],
    description: 'Association member of Biketown Showdown, whose registration awaits approval.',
  },
];

export interface DemoLogin {
  email: string;
  role: Role;
  description: string;
}

/** The demo logins for the README and the start-up print; all use DEMO_PASSWORD. */
export const DEMO_LOGINS: readonly DemoLogin[] = DEMO_USERS.map(({ email, role, description }) => ({
  email,
  role,
  description,
}));
