// Demo activities and events for the calendar, run after seedDemoData (which creates
// the associations, local areas and target groups used here by slug).
//
// The activities are what real associations of the municipality do: Bragekoret's
// choir, IF Limone with "Ind i fællesskaber", De Grønne Pigespejdere, Lyngbykirkernes
// Suppekøkken, Frivilligcentret and Taarbæk Bibliotek. The events are the
// municipality-wide kinds: Frivillig Fredag (last Friday of September, week 39 — when
// the municipality takes stock of its volunteering each year), a network meeting
// across associations, and a course.
//
// Times are relative to `now` so the demo never goes stale: weekly activities began
// last week and run about half a year ahead; events lie in the coming weeks; Frivillig
// Fredag is the next one. Addresses are invented ("Eksempelvej").
//
// Idempotent, and like seedDemoData it repairs rather than skips: activities are
// found by (association, title) and events by title, then brought back to the demo
// state with freshly computed dates. Keying events by title (not title + week)
// means re-seeding on a later day moves the demo events along instead of piling up
// copies. Rows the demo does not know are never touched.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { ActivityRecurrence, EventKind } from '../../generated/prisma/enums.js';
import { addDays, dbDateOf, localDateOf, zonedToUtc } from '../../features/calendar/copenhagen-time.js';

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay counts. */
type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

interface DemoActivity {
  association: string;
  title: string;
  description: string;
  place: string;
  localArea: string | null;
  targetGroups: readonly string[];
  accessibilityNotes: string;
  /** Weekly on this weekday, or once `inDays` from today. */
  when: { weekly: Weekday } | { inDays: number };
  start: string;
  end: string | null;
  published: boolean;
}

interface DemoEvent {
  title: string;
  kind: EventKind;
  description: string;
  place: string;
  /** Null: the whole municipality (shown under any area filter). */
  localArea: string | null;
  /** Empty: for everyone (shown under any target-group filter). */
  targetGroups: readonly string[];
  /** Days from today, or "next Frivillig Fredag". */
  when: { inDays: number } | 'frivillig-fredag';
  start: string;
  end: string | null;
  url: string | null;
}

/** Weekly demo activities repeat this long ahead. */
const WEEKLY_RUN_DAYS = 26 * 7;

export const DEMO_ACTIVITIES: readonly DemoActivity[] = [
  {
    association: 'bragekoret',
    title: 'Korprøve i Bragekoret',
    description:
      'Vi øver hver uge til årets koncerter og til Idræts- og Kulturdagen i Taarbæk. ' +
      'Nye sangere er velkomne til at komme og lytte eller synge med en aften – du behøver ikke at kunne læse noder.',
    place: 'Kulturhuset, Eksempelvej 5, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['alle'],
    accessibilityNotes: 'Trinfri adgang og elevator. Teleslynge i salen.',
    when: { weekly: 2 },
    start: '19:00',
    end: '21:30',
    published: true,
  },
  {
    association: 'if-limone',
    title: 'Fodboldtræning for børn og unge',
    description:
      'Træning for børn og unge fra 8 til 15 år – også for nye i Danmark gennem projektet ”Ind i fællesskaber”. ' +
      'Kom i tøj, du kan løbe i. Vi har bolde og trøjer.',
    place: 'Lundtofte Idrætsanlæg, Eksempelvej 12, 2800 Kongens Lyngby',
    localArea: 'lundtofte',
    targetGroups: ['boern', 'unge', 'flygtninge'],
    accessibilityNotes: 'Banen ligger i niveau med parkeringspladsen, uden trapper. Omklædning i stueetagen.',
    when: { weekly: 3 },
    start: '16:30',
    end: '18:00',
    published: true,
  },
  {
    association: 'if-limone',
    title: 'Sæsonafslutning med grill (kladde)',
    description: 'Fælles afslutning for spillere, forældre og frivillige. Ikke offentliggjort endnu.',
    place: 'Lundtofte Idrætsanlæg, Eksempelvej 12, 2800 Kongens Lyngby',
    localArea: 'lundtofte',
    targetGroups: ['familier'],
    accessibilityNotes: '',
    when: { inDays: 24 },
    start: '15:00',
    end: '18:00',
    published: false,
  },
  {
    association: 'lyngbykirkernes-suppekoekken',
    title: 'Suppekøkken – varmt måltid for alle',
    description:
      'Frivillige laver varm suppe og brød hver uge. Alle er velkomne, og ingen skal forklare, hvorfor de kommer. ' +
      'Der er tid til en snak og en kop kaffe bagefter.',
    place: 'Sognegården, Eksempelvej 3, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['alle', 'ensomme'],
    accessibilityNotes: 'Trinfri adgang ad rampen ved sideindgangen. Handicaptoilet.',
    when: { weekly: 4 },
    start: '17:30',
    end: '19:00',
    published: true,
  },
  {
    association: 'de-groenne-pigespejdere',
    title: 'Spejdermøde for piger',
    description:
      'Vi laver bål, bygger, går på opdagelse i naturen og lærer at samarbejde. ' +
      'Piger fra 7 år er velkomne til at prøve et møde, før de melder sig ind.',
    place: 'Spejderhytten, Eksempelvej 20, 2800 Kongens Lyngby',
    localArea: 'sorgenfri',
    targetGroups: ['boern', 'unge'],
    accessibilityNotes: 'To trin op til hytten. Det meste af mødet foregår udendørs på grus og græs.',
    when: { weekly: 1 },
    start: '18:00',
    end: '19:30',
    published: true,
  },
  {
    association: 'venskabsforeningen-lavuk-stjernen',
    title: 'Sprogcafé – snak dansk over en kop kaffe',
    description: 'Øv dansk i et hyggeligt fællesskab. Frivillige taler med dig om hverdagen – alle niveauer er velkomne.',
    place: 'Stadsbiblioteket, Eksempelvej 8, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['tosprogede', 'flygtninge', 'alle'],
    accessibilityNotes: 'Trinfri adgang og elevator. Handicaptoilet på 1. sal.',
    when: { weekly: 6 },
    start: '13:00',
    end: '15:00',
    published: true,
  },
  {
    association: 'frivilligcenter-og-selvhjaelp',
    title: 'Netværkscafé for frivillige',
    description:
      'Mød andre frivillige, hør hvad der sker i foreningerne, og få råd fra Frivilligcentret, hvis du leder efter en frivilligopgave. ' +
      'Der er kaffe og kage.',
    place: 'Frivilligcentret, Eksempelvej 10, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['alle'],
    accessibilityNotes: 'Trinfri adgang. Teleslynge kan lånes i receptionen.',
    when: { inDays: 9 },
    start: '15:00',
    end: '17:00',
    published: true,
  },
  {
    association: 'frivilliggruppen-taarbaek-bibliotek',
    title: 'Læsekreds i Taarbæk Bibliotek',
    description: 'Vi taler om månedens bog over en kop te. Bogen kan lånes på biblioteket.',
    place: 'Taarbæk Bibliotek, Eksempelvej 2, 2930 Klampenborg',
    localArea: 'taarbaek',
    targetGroups: ['aeldre', 'alle'],
    accessibilityNotes: 'Ét trin ved indgangen; der er en rampe, spørg gerne.',
    when: { inDays: 5 },
    start: '19:00',
    end: '21:00',
    published: true,
  },
  {
    // The association is PENDING: published, but the calendar must not show it.
    association: 'biketown-showdown',
    title: 'Åbent cykelværksted',
    description: 'Kom og sæt din cykel i stand med hjælp fra frivillige.',
    place: 'Vidensbyen, Eksempelvej 30, 2800 Kongens Lyngby',
    localArea: 'lundtofte',
    targetGroups: ['unge', 'alle'],
    accessibilityNotes: '',
    when: { weekly: 4 },
    start: '16:00',
    end: '19:00',
    published: true,
  },
];

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    title: 'Frivillig Fredag – fejring af de frivillige',
    kind: EventKind.FRIVILLIG_FREDAG,
    description:
      'Kommunen og Frivilligcentret siger tak til alle frivillige i Lyngby-Taarbæk. ' +
      'Vi gør også årets status på handleplanen for frivillighed: hvad er lykkedes, og hvad skal vi prioritere næste år?',
    place: 'Rådhuspladsen, Eksempelvej 1, 2800 Kongens Lyngby',
    localArea: null,
    targetGroups: [],
    when: 'frivillig-fredag',
    start: '15:00',
    end: '18:00',
    url: 'https://example.org/frivillig-fredag',
  },
  {
    title: 'Netværksmøde for foreninger: samarbejde på tværs',
    kind: EventKind.NETWORK_MEETING,
    description:
      'Foreninger, frivilligcentret og kommunen mødes og deler erfaringer. ' +
      'Tema: Hvordan finder vi sammen om fælles aktiviteter, og hvordan tager vi godt imod nye frivillige?',
    place: 'Frivilligcentret, Eksempelvej 10, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['alle'],
    when: { inDays: 12 },
    start: '17:00',
    end: '19:00',
    url: null,
  },
  {
    title: 'Kursus: Rekruttér og fasthold frivillige',
    kind: EventKind.COURSE,
    description: 'Gratis aftenkursus for foreninger om at finde nye frivillige, tage godt imod dem og holde på dem.',
    place: 'Stadsbiblioteket, Eksempelvej 8, 2800 Kongens Lyngby',
    localArea: 'kongens-lyngby',
    targetGroups: ['alle'],
    when: { inDays: 20 },
    start: '18:00',
    end: '21:00',
    url: 'https://example.org/kursus-frivillige',
  },
  {
    title: 'Infomøde: Bliv frivillig i Taarbæk',
    kind: EventKind.OTHER,
    description:
      'Kommunen og Frivilliggruppen ved Taarbæk Bibliotek fortæller om frivilligopgaver i Taarbæk for seniorer, ' +
      'der har tid og lyst til at give en hånd med. Kaffe og kage.',
    place: 'Taarbæk Bibliotek, Eksempelvej 2, 2930 Klampenborg',
    localArea: 'taarbaek',
    targetGroups: ['aeldre'],
    when: { inDays: 4 },
    start: '10:00',
    end: '11:30',
    url: null,
  },
];

/** The last Friday of September (week 39) on or after `today`, as YYYY-MM-DD. */
export function nextFrivilligFredag(today: string): string {
  const lastFridayOfSeptember = (year: number) => {
    const date = new Date(Date.UTC(year, 8, 30));
    date.setUTCDate(30 - ((date.getUTCDay() + 2) % 7)); // back to Friday (5)
    return date.toISOString().slice(0, 10);
  };
  const year = Number(today.slice(0, 4));
  const thisYear = lastFridayOfSeptember(year);
  return thisYear >= today ? thisYear : lastFridayOfSeptember(year + 1);
}

/** The latest `weekday` strictly before `today` (so weekly demo activities are under way). */
function previousWeekday(today: string, weekday: Weekday): string {
  const current = new Date(`${today}T00:00:00Z`).getUTCDay();
  const back = (current - weekday + 7) % 7 || 7;
  return addDays(today, -back);
}

export async function seedDemoCalendar(prisma: PrismaClient, now: Date): Promise<void> {
  const today = localDateOf(now);
  await prisma.$transaction(
    async (tx) => {
      const [associations, areas, groups] = await Promise.all([
        tx.association.findMany({
          where: { slug: { in: [...new Set(DEMO_ACTIVITIES.map((a) => a.association))] } },
          select: { id: true, slug: true },
        }),
        tx.localArea.findMany({ select: { id: true, slug: true } }),
        tx.targetGroup.findMany({ select: { id: true, slug: true } }),
      ]);
      const idOf = (rows: { id: number; slug: string }[], slug: string, what: string) => {
        const row = rows.find((r) => r.slug === slug);
        if (!row) throw new Error(`Demo calendar refers to unknown ${what} "${slug}"; run seedDemoData first.`);
        return row.id;
      };

      for (const activity of DEMO_ACTIVITIES) {
        const associationId = idOf(associations, activity.association, 'association');
        const weekly = 'weekly' in activity.when;
        const date = 'weekly' in activity.when ? previousWeekday(today, activity.when.weekly) : addDays(today, activity.when.inDays);
        const data = {
          associationId,
          title: activity.title,
          description: activity.description,
          place: activity.place,
          localAreaId: activity.localArea === null ? null : idOf(areas, activity.localArea, 'local area'),
          accessibilityNotes: activity.accessibilityNotes,
          recurrence: weekly ? ActivityRecurrence.WEEKLY : ActivityRecurrence.ONCE,
          startsAt: zonedToUtc(date, activity.start),
          endsAt: activity.end === null ? null : zonedToUtc(date, activity.end),
          repeatUntil: weekly ? dbDateOf(addDays(today, WEEKLY_RUN_DAYS)) : null,
          published: activity.published,
        } satisfies Prisma.ActivityUncheckedUpdateInput;
        const targetGroups = activity.targetGroups.map((slug) => ({ id: idOf(groups, slug, 'target group') }));
        const existing = await tx.activity.findFirst({
          where: { associationId, title: activity.title },
          orderBy: { id: 'asc' },
          select: { id: true },
        });
        if (existing) {
          await tx.activity.update({ where: { id: existing.id }, data: { ...data, targetGroups: { set: targetGroups } } });
        } else {
          await tx.activity.create({ data: { ...data, targetGroups: { connect: targetGroups } } });
        }
      }

      for (const event of DEMO_EVENTS) {
        const date = event.when === 'frivillig-fredag' ? nextFrivilligFredag(today) : addDays(today, event.when.inDays);
        const data = {
          kind: event.kind,
          title: event.title,
          description: event.description,
          place: event.place,
          startsAt: zonedToUtc(date, event.start),
          endsAt: event.end === null ? null : zonedToUtc(date, event.end),
          url: event.url,
          localAreaId: event.localArea === null ? null : idOf(areas, event.localArea, 'local area'),
        } satisfies Prisma.EventUncheckedUpdateInput;
        const targetGroups = event.targetGroups.map((slug) => ({ id: idOf(groups, slug, 'target group') }));
        const existing = await tx.event.findFirst({ where: { title: event.title }, orderBy: { id: 'asc' }, select: { id: true } });
        if (existing) await tx.event.update({ where: { id: existing.id }, data: { ...data, targetGroups: { set: targetGroups } } });
        else await tx.event.create({ data: { ...data, targetGroups: { connect: targetGroups } } });
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
