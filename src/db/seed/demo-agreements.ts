// A demo collaboration-agreement draft, run after seedDemoData (which creates the
// association used here by slug): "Grow Your Life" between a municipal unit, the
// Frivilligcenter og Selvhjælp Lyngby-Taarbæk and an invented evening school.
//
// Written from the template in use when it is seeded, with its sections copied as
// the portal does for an agreement staff write. Idempotent: an agreement with the
// demo title is left as it is (staff may have edited it in the demo), so re-seeding
// never piles up copies. Dates are relative to `now` so the review date never goes stale.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { DEFAULT_SECTIONS } from '../../features/agreement-template/default-template.js';
import { municipalityTodayDate } from '../../features/openings/visibility.js';
import { addMonths } from '../../time/calendar-months.js';
import { sectionsFromTemplate } from '../../features/agreements/agreement-service.js';

export const DEMO_AGREEMENT_TITLE = 'Grow Your Life';
const ASSOCIATION_SLUG = 'frivilligcenter-og-selvhjaelp';

const BODIES: Record<string, string> = {
  purpose: 'Borgere, der har brug for et fællesskab, dyrker grøntsager sammen i kommunens nyttehaver og lærer om havebrug og madlavning.',
  'target-group': 'Voksne i kommunen, der føler sig ensomme eller er på vej tilbage efter sygdom.',
};

export async function seedDemoAgreements(prisma: PrismaClient, now: Date): Promise<void> {
  if (await prisma.agreement.findFirst({ where: { title: DEMO_AGREEMENT_TITLE }, select: { id: true } })) return;
  const association = await prisma.association.findUnique({
    where: { slug: ASSOCIATION_SLUG },
    select: { id: true, contactName: true, email: true },
  });
  if (!association) return;
  const template = await prisma.agreementTemplateVersion.findFirst({
    orderBy: { number: 'desc' },
    include: { sections: { orderBy: { sortOrder: 'asc' } } },
  });
  const sections = template?.sections ?? DEFAULT_SECTIONS;
  const municipalUnit = 'Center for Sundhed og Omsorg (demo)';
  await prisma.agreement.create({
    data: {
      title: DEMO_AGREEMENT_TITLE,
      municipalUnit,
      level: 'SHARED_TASKS',
      templateVersion: template?.number ?? 0,
      // Began three months ago, reviewed every six months: the next review is ahead.
      startsOn: addMonths(municipalityTodayDate(now), -3),
      noticeMonths: 3,
      reviewIntervalMonths: 6,
      publicHowToJoin: false,
      createdAt: now,
      sections: {
        create: sectionsFromTemplate(sections, (key) => BODIES[key] ?? ''),
      },
      parties: {
        create: [
          { kind: 'MUNICIPALITY', name: municipalUnit, tasks: 'Stiller nyttehaverne og en koordinator til rådighed.', sortOrder: 1 },
          {
            kind: 'ASSOCIATION',
            associationId: association.id,
            contactName: association.contactName ?? '',
            contactEmail: association.email,
            tasks: 'Finder og støtter de frivillige havementorer.',
            contributes: 'Cirka 10 timer om ugen',
            sortOrder: 2,
          },
          {
            kind: 'EXTERNAL',
            name: 'Aftenskolen (demo)',
            contactName: 'Kursusleder (demo)',
            contactEmail: 'kursus@aftenskolen.example.org',
            tasks: 'Holder kurser i havebrug og madlavning.',
            contributes: 'Undervisere og et køkken',
            sortOrder: 3,
          },
        ],
      },
      budgetLines: {
        create: [
          { label: 'Frø, planter og redskaber', amountDkk: 15000, paidBy: 'Kommunen', sortOrder: 1 },
          { label: 'Kurser', amountDkk: 8000, paidBy: 'Aftenskolen (demo)', sortOrder: 2 },
        ],
      },
    },
  });
}
