// Bulk data for `npm run bench`: 10,000 associations and 100,000 openings with varied,
// realistic Danish text, written by a handful of INSERT ... SELECT generate_series
// statements (seconds, not 100,000 round trips). Every value derives from the row
// number through hashint4, so each run builds the same data and the figures compare.
// The demo seed must have run first: the taxonomies (local areas, target groups, ...)
// are the demo's.
import type { PrismaClient } from '../src/generated/prisma/client.js';

export const BENCH_ASSOCIATIONS = 10_000;
export const BENCH_OPENINGS = 100_000;

// Words the titles, summaries and descriptions are built from. Several roles are
// forms of the same Danish stem (lektiehjælp/lektiehjælper), as real openings are.
const ROLES = [
  'Lektiehjælper',
  'Besøgsven',
  'Fodboldtræner',
  'Køkkenhjælper',
  'Chauffør',
  'Kasserer',
  'Spejderleder',
  'Café-vært',
  'IT-hjælper',
  'Samtalepartner',
  'Gruppeleder',
  'Hjælper til arrangementer',
  'Mentor',
  'Tovholder',
  'Svømmetræner',
  'Formidler',
  'Bestyrelsesmedlem',
  'Sprogmakker',
  'Naturvejleder',
  'Cykelmekaniker',
  'Korleder',
  'Madlavningsven',
  'Gåturs-makker',
  'Lektiecafé-frivillig',
  'Højtlæser',
  'Havehjælper',
  'Instruktør i bevægelse',
  'Rådgiver i foreningsøkonomi',
  'Værkstedshjælper',
  'Ledsager',
];
const AUDIENCES = [
  'for børn',
  'for unge',
  'for ældre',
  'for familier',
  'for nye danskere',
  'for mennesker med handicap',
  'i lektiecaféen',
  'i suppekøkkenet',
  'i sprogcaféen',
  'på biblioteket',
  'i klubhuset',
  'på plejecentret',
  'for psykisk sårbare',
  'for ensomme',
  'for tosprogede unge',
];
const PLACES = ['Kongens Lyngby', 'Virum', 'Sorgenfri', 'Lundtofte', 'Taarbæk', 'Hjortekær', 'Bondebyen', 'Ulrikkenborg', 'Brede'];
const SUMMARIES = [
  'Hjælp børn og unge med lektier og opgaver en eftermiddag om ugen.',
  'Bliv en fast ven for en ældre, der sidder meget alene, og få en god snak over en kop kaffe.',
  'Vær med til at træne et hold og skabe et trygt fællesskab på og uden for banen.',
  'Lav varm mad sammen med andre frivillige, og server den for gæsterne.',
  'Hent overskudsmad hos lokale butikker, og kør den ud til dem, der har brug for den.',
  'Hold styr på foreningens regnskab, kontingenter og tilskud sammen med bestyrelsen.',
  'Tag imod gæsterne, lav kaffe og sørg for, at alle føler sig velkomne.',
  'Hjælp nye danskere med at øve dansk i hverdagen og finde vej i foreningslivet.',
  'Vær med, når vi holder arrangementer, koncerter og fester for hele lokalområdet.',
  'Hjælp beboerne med tablet, videoopkald og beskeder, så de kan holde kontakt med familien.',
  'Start en gruppe, der mødes om noget, I er fælles om, og hold den i gang.',
  'Gå ture i naturen med andre, og vær med til at gøre det let at komme ud.',
];
const SENTENCES = [
  'Vi er en lille gruppe frivillige, som gerne vil være flere, så der er tid til alle.',
  'Du behøver ingen erfaring: du får en grundig introduktion og en erfaren makker.',
  'Opgaven passer godt til dig, der er studerende, i job eller pensionist.',
  'Vi mødes i hyggelige lokaler, og der er altid kaffe, te og frugt.',
  'Mange af dem, der kommer, er nye i Danmark og har brug for en voksen, der har tid.',
  'Foreningen betaler kurser, kørsel og andre udgifter, du har som frivillig.',
  'Du bestemmer selv, hvor meget tid du vil give, når du først er kommet i gang.',
  'Vi holder fællesmøder et par gange om året, hvor vi spiser sammen og planlægger.',
  'Lektiecaféen er åben for alle skoleelever, og mange kommer for at få ro til at lave lektier.',
  'Det vigtigste er, at du er stabil, tålmodig og kan lide at være sammen med andre.',
  'Personalet har ansvaret; du er et supplement og et ekstra par hænder.',
  'Taler du et andet sprog end dansk, fx arabisk, ukrainsk eller tigrinya, er det en stor hjælp.',
  'Aktiviteterne foregår både inde og ude, og vi tager på ture i weekenderne.',
  'Vi samarbejder med Frivilligcentret, biblioteket og de lokale skoler.',
  'Som frivillig bliver du en del af et stærkt fællesskab med plads til forskellighed.',
  'Opgaven kræver børneattest, som vi hjælper dig med at indhente.',
  'Du får et lederkursus og mulighed for at mødes med frivillige fra andre foreninger.',
  'Vi holder til tæt ved stationen, så det er let at komme frem med offentlig transport.',
];
const TASKS = [
  'Hjælpe med lektier i dansk, matematik og engelsk',
  'Tage imod nye deltagere og deres familier',
  'Planlægge aktiviteter sammen med de andre frivillige',
  'Lave kaffe og stille kage frem',
  'Køre ud med madvarer',
  'Holde kontakt med deltagerne mellem møderne',
  'Stille borde og stole op og rydde op bagefter',
  'Føre regnskab og betale regninger',
  'Læse højt og lege med børnene',
  'Vise rundt i lokalområdet',
  'Hjælpe med tablet, smartphone og videoopkald',
  'Træne et hold to gange om ugen',
];
const SKILLS = [
  'Ingen særlige krav.',
  'Du er god til mindst ét skolefag og kan lide at forklare.',
  'Du har kørekort og kan løfte kasser.',
  'Du er vant til at arbejde med tal og regneark.',
  'Du har tålmodighed og kan lytte.',
  'Du kan lide at være ude i al slags vejr.',
  'Du taler dansk og gerne et andet sprog.',
];
const ASSOCIATION_KINDS = ['Foreningen', 'Netværket', 'Klubben', 'Fællesskabet', 'Gruppen', 'Lektiecaféen', 'Venskabsforeningen'];
const ASSOCIATION_NAMES = [
  'Stjernen',
  'Fælleshuset',
  'Mølleåen',
  'Dyrehaven',
  'Nabohjælpen',
  'Bølgen',
  'Ege',
  'Lærken',
  'Broen',
  'Kilden',
  'Sammen',
  'Hånd i hånd',
  'Nordlys',
  'Solsikken',
  'Bøgen',
];

/**
 * Inserts the bench data; taxonomy ids are looked up from the (demo-seeded) tables.
 * One transaction, so the session-local helper function stays on one connection.
 */
export async function seedBenchData(client: PrismaClient, today: Date): Promise<void> {
  await client.$transaction((tx) => insertAll(tx as unknown as PrismaClient, today), {
    maxWait: 10_000,
    timeout: 15 * 60_000,
  });
}

async function insertAll(prisma: PrismaClient, today: Date): Promise<void> {
  // The big statements run longer than the app's statement timeout.
  await prisma.$executeRaw`SET LOCAL statement_timeout = 0`;
  const ids = async (table: 'local_areas' | 'target_groups' | 'fields_of_work' | 'skill_areas'): Promise<number[]> => {
    // The table name is one of four constants, never input.
    const rows =
      table === 'local_areas'
        ? await prisma.localArea.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
        : table === 'target_groups'
          ? await prisma.targetGroup.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
          : table === 'fields_of_work'
            ? await prisma.fieldOfWork.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
            : await prisma.skillArea.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    return rows.map((row) => row.id);
  };
  const [areaIds, targetGroupIds, fieldIds, skillIds] = await Promise.all([
    ids('local_areas'),
    ids('target_groups'),
    ids('fields_of_work'),
    ids('skill_areas'),
  ]);

  // h(i, salt) = a stable pseudo-random non-negative integer per row and purpose.
  await prisma.$executeRaw`
    CREATE OR REPLACE FUNCTION pg_temp.h(i bigint, salt int) RETURNS int
      LANGUAGE sql IMMUTABLE AS 'SELECT abs(hashint8(i * 7919 + salt) % 1000000)::int'`;

  await prisma.$executeRaw`
    INSERT INTO associations (slug, name, organisation_type, status, description, email, contact_name,
                              local_area_id, approved_at, created_at, updated_at)
    SELECT 'bench-' || i,
           (${ASSOCIATION_KINDS}::text[])[1 + pg_temp.h(i, 1) % ${ASSOCIATION_KINDS.length}] || ' ' ||
             (${ASSOCIATION_NAMES}::text[])[1 + pg_temp.h(i, 2) % ${ASSOCIATION_NAMES.length}] || ' ' ||
             (${PLACES}::text[])[1 + pg_temp.h(i, 3) % ${PLACES.length}] || ' ' || i,
           (ARRAY['ASSOCIATION','ASSOCIATION','ASSOCIATION','SELF_ORGANISED_GROUP','NETWORK','VOLUNTEER_CENTRE',
                  'EVENING_SCHOOL','CHURCH','COMPANY','MUNICIPAL_INSTITUTION','OTHER'])[1 + pg_temp.h(i, 4) % 11]::"OrganisationType",
           (CASE WHEN i % 20 = 0 THEN 'PENDING' WHEN i % 50 = 1 THEN 'ARCHIVED' ELSE 'APPROVED' END)::"AssociationStatus",
           (${SENTENCES}::text[])[1 + pg_temp.h(i, 5) % ${SENTENCES.length}] || ' ' ||
             (${SENTENCES}::text[])[1 + pg_temp.h(i, 6) % ${SENTENCES.length}],
           'forening' || i || '@bench.example.org',
           'Kontakt Eksempel',
           CASE WHEN pg_temp.h(i, 7) % 10 = 0 THEN NULL
                ELSE (${areaIds}::int[])[1 + pg_temp.h(i, 8) % ${areaIds.length}] END,
           now() - make_interval(days => pg_temp.h(i, 9) % 900),
           now() - make_interval(days => 900),
           now()
      FROM generate_series(1, ${BENCH_ASSOCIATIONS}::int) AS i`;

  await prisma.$executeRaw`
    INSERT INTO "_AssociationToFieldOfWork" ("A", "B")
    SELECT a.id, (${fieldIds}::int[])[1 + pg_temp.h(a.id, 10 + k) % ${fieldIds.length}]
      FROM associations a CROSS JOIN generate_series(1, 3) AS k
     WHERE a.slug LIKE 'bench-%' AND k <= 1 + pg_temp.h(a.id, 13) % 3
    ON CONFLICT DO NOTHING`;

  const firstAssociation = await prisma.association.findFirstOrThrow({
    where: { slug: 'bench-1' },
    select: { id: true },
  });
  const todayIso = today.toISOString().slice(0, 10);

  // Statuses: 85 % published, 10 % drafts, 5 % closed; deadlines: 30 % none, the rest
  // from 30 days ago to 150 days ahead, so about a sixth of the published have expired.
  await prisma.$executeRaw`
    INSERT INTO openings (association_id, title, summary, description, tasks, form, commitment, time_commitment,
                          place, local_area_id, skills, child_certificate_required, starts_on, deadline,
                          contact_name, contact_email, status, published_at, created_at, updated_at)
    SELECT ${firstAssociation.id}::int + pg_temp.h(i, 20) % ${BENCH_ASSOCIATIONS}::int,
           (${ROLES}::text[])[1 + pg_temp.h(i, 21) % ${ROLES.length}] || ' ' ||
             (${AUDIENCES}::text[])[1 + pg_temp.h(i, 22) % ${AUDIENCES.length}] || ' i ' ||
             (${PLACES}::text[])[1 + pg_temp.h(i, 23) % ${PLACES.length}],
           (${SUMMARIES}::text[])[1 + pg_temp.h(i, 24) % ${SUMMARIES.length}],
           (${SENTENCES}::text[])[1 + pg_temp.h(i, 25) % ${SENTENCES.length}] || ' ' ||
             (${SENTENCES}::text[])[1 + pg_temp.h(i, 26) % ${SENTENCES.length}] || ' ' ||
             (${SENTENCES}::text[])[1 + pg_temp.h(i, 27) % ${SENTENCES.length}] || ' ' ||
             (${SENTENCES}::text[])[1 + pg_temp.h(i, 28) % ${SENTENCES.length}],
           (${TASKS}::text[])[1 + pg_temp.h(i, 29) % ${TASKS.length}] || E'\n' ||
             (${TASKS}::text[])[1 + pg_temp.h(i, 30) % ${TASKS.length}] || E'\n' ||
             (${TASKS}::text[])[1 + pg_temp.h(i, 31) % ${TASKS.length}],
           (ARRAY['ONGOING','ONGOING','EPISODIC','PROGRAMME','SELF_ORGANISED'])[1 + pg_temp.h(i, 32) % 5]::"VolunteeringForm",
           (ARRAY['ONE_OFF','OCCASIONAL','MONTHLY','WEEKLY','WEEKLY'])[1 + pg_temp.h(i, 33) % 5]::"Commitment",
           (ARRAY['2 timer om ugen','1 aften om måneden','1 dag','3–4 timer om måneden','Efter aftale'])[1 + pg_temp.h(i, 33) % 5],
           (${PLACES}::text[])[1 + pg_temp.h(i, 23) % ${PLACES.length}],
           CASE WHEN pg_temp.h(i, 34) % 12 = 0 THEN NULL
                ELSE (${areaIds}::int[])[1 + pg_temp.h(i, 23) % ${areaIds.length}] END,
           (${SKILLS}::text[])[1 + pg_temp.h(i, 35) % ${SKILLS.length}],
           pg_temp.h(i, 36) % 3 = 0,
           ${todayIso}::date + pg_temp.h(i, 37) % 60,
           CASE WHEN pg_temp.h(i, 38) % 10 < 3 THEN NULL
                ELSE ${todayIso}::date - 30 + pg_temp.h(i, 39) % 180 END,
           'Kontakt Eksempel',
           'opgave' || i || '@bench.example.org',
           (CASE WHEN pg_temp.h(i, 40) % 20 < 17 THEN 'PUBLISHED'
                 WHEN pg_temp.h(i, 40) % 20 < 19 THEN 'DRAFT' ELSE 'CLOSED' END)::"OpeningStatus",
           CASE WHEN pg_temp.h(i, 40) % 20 BETWEEN 17 AND 18 THEN NULL
                ELSE now() - make_interval(mins => pg_temp.h(i, 41) % (365 * 24 * 60)) END,
           now() - make_interval(days => 400),
           now()
      FROM generate_series(1, ${BENCH_OPENINGS}::int) AS i`;

  await prisma.$executeRaw`
    INSERT INTO "_OpeningToTargetGroup" ("A", "B")
    SELECT o.id, (${targetGroupIds}::int[])[1 + pg_temp.h(o.id, 50 + k) % ${targetGroupIds.length}]
      FROM openings o CROSS JOIN generate_series(1, 3) AS k
     WHERE o.contact_email LIKE '%@bench.example.org' AND k <= 1 + pg_temp.h(o.id, 54) % 3
    ON CONFLICT DO NOTHING`;
  await prisma.$executeRaw`
    INSERT INTO "_OpeningToSkillArea" ("A", "B")
    SELECT o.id, (${skillIds}::int[])[1 + pg_temp.h(o.id, 60 + k) % ${skillIds.length}]
      FROM openings o CROSS JOIN generate_series(1, 2) AS k
     WHERE o.contact_email LIKE '%@bench.example.org' AND k <= 1 + pg_temp.h(o.id, 63) % 2
    ON CONFLICT DO NOTHING`;
}
