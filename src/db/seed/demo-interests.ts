// Demo interests ("Jeg vil gerne hjælpe") on IF Limone's and Lyngbykirkernes
// Suppekøkken's openings, so the association pages have something to show. Every
// person is invented and obviously fake (example.org addresses, "Test …" names).
//
// Idempotent: each row is keyed on its submission key ('demo-interest-N'); running
// the seed again brings the rows back to the demo state (dates relative to `now`)
// but keeps the withdrawal-token hash it was created with. An opening the demo no
// longer has is skipped. The withdrawal tokens are random and never shown: demo
// interests are withdrawn by deleting them, like any other.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { InterestStatus } from '../../generated/prisma/enums.js';
import { CONSENT_TEXT_VERSION } from '../../features/interests/interest-service.js';

interface DemoInterest {
  submissionKey: string;
  association: string;
  openingTitle: string;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  status: InterestStatus;
  daysAgo: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEMO_INTERESTS: readonly DemoInterest[] = [
  {
    submissionKey: 'demo-interest-1',
    association: 'if-limone',
    openingTitle: 'Lektiehjælper til unge i Lundtofte',
    name: 'Test Borgersen',
    email: 'test.borgersen@example.org',
    phone: '+45 00 00 00 11',
    message: 'Jeg er lærerstuderende og vil gerne hjælpe med matematik og dansk om tirsdagen.',
    status: 'NEW',
    daysAgo: 1,
  },
  {
    submissionKey: 'demo-interest-2',
    association: 'if-limone',
    openingTitle: 'Fodboldtræner for børn i Ind i fællesskaber',
    name: 'Prøve Frivilligsen',
    email: 'proeve.frivilligsen@example.org',
    phone: null,
    message: 'Jeg har spillet fodbold i mange år og taler arabisk. Jeg kan træne om onsdagen.',
    status: 'CONTACTED',
    daysAgo: 5,
  },
  {
    submissionKey: 'demo-interest-3',
    association: 'if-limone',
    openingTitle: 'Lektiehjælper til unge i Lundtofte',
    name: 'Demo Hjælpesen',
    email: 'demo.hjaelpesen@example.org',
    phone: null,
    message: '',
    status: 'ACCEPTED',
    daysAgo: 12,
  },
  {
    submissionKey: 'demo-interest-4',
    association: 'lyngbykirkernes-suppekoekken',
    openingTitle: 'Køkkenhjælper i suppekøkkenet',
    name: 'Test Suppesen',
    email: 'test.suppesen@example.org',
    phone: '+45 00 00 00 12',
    message: 'Jeg er pensionist og laver gerne mad. Jeg kan komme hver anden torsdag.',
    status: 'NEW',
    daysAgo: 2,
  },
  {
    submissionKey: 'demo-interest-5',
    association: 'lyngbykirkernes-suppekoekken',
    openingTitle: 'Chauffør til afhentning af madvarer',
    name: 'Eksempel Chaufførsen',
    email: 'eksempel.chauffoersen@example.org',
    phone: null,
    message: 'Jeg har kørekort og fri om fredagen.',
    status: 'DECLINED',
    daysAgo: 20,
  },
];

export async function seedDemoInterests(prisma: PrismaClient, now: Date): Promise<void> {
  for (const demo of DEMO_INTERESTS) {
    const opening = await prisma.opening.findFirst({
      where: { title: demo.openingTitle, association: { slug: demo.association } },
      select: { id: true },
    });
    if (!opening) continue;
    const createdAt = new Date(now.getTime() - demo.daysAgo * DAY_MS);
    const fields = {
      openingId: opening.id,
      name: demo.name,
      email: demo.email,
      phone: demo.phone,
      message: demo.message,
      status: demo.status,
      statusChangedAt: demo.status === 'NEW' ? null : new Date(createdAt.getTime() + DAY_MS),
      consentedAt: createdAt,
      consentVersion: `${CONSENT_TEXT_VERSION}-da`,
      createdAt,
    };
    await prisma.interest.upsert({
      where: { submissionKey: demo.submissionKey },
      create: {
        ...fields,
        submissionKey: demo.submissionKey,
        withdrawalTokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      },
      update: fields,
    });
  }
}
