// Test data and steps for interests and association openings. The shared factories
// (factories.ts) stay as they are; these add what these features need.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import supertest from 'supertest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { InterestStatus } from '../../src/generated/prisma/enums.js';
import { newWithdrawalToken } from '../../src/features/interests/withdrawal-token.js';
import { csrfTokenFrom, type Agent } from './test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An opening with every field a volunteer sees filled in. */
export async function aDetailedOpening(
  prisma: PrismaClient,
  associationId: number,
  overrides: {
    title?: string;
    status?: 'DRAFT' | 'PUBLISHED' | 'CLOSED';
    deadline?: Date | null;
    childCertificateRequired?: boolean;
    contactPhone?: string | null;
  } = {},
) {
  const localArea = await prisma.localArea.upsert({
    where: { slug: 'test-omraade' },
    create: { slug: 'test-omraade', nameDa: 'Testrup', nameEn: 'Testrup' },
    update: {},
  });
  const youth = await prisma.targetGroup.upsert({
    where: { slug: 'test-unge' },
    create: { slug: 'test-unge', nameDa: 'Unge', nameEn: 'Young people' },
    update: {},
  });
  const social = await prisma.skillArea.upsert({
    where: { slug: 'test-socialt' },
    create: { slug: 'test-socialt', nameDa: 'Socialt', nameEn: 'Social' },
    update: {},
  });
  return prisma.opening.create({
    data: {
      associationId,
      title: overrides.title ?? 'Lektiehjælper til unge',
      summary: 'Hjælp unge med lektierne om tirsdagen.',
      description: 'Vi holder lektiecafé hver tirsdag.\nDer er altid frugt.',
      tasks: 'Hjælpe med matematik\nLæse danske stile igennem',
      form: 'ONGOING',
      commitment: 'WEEKLY',
      timeCommitment: '2 timer om ugen',
      place: 'Klubhuset',
      localAreaId: localArea.id,
      skills: 'Du er tålmodig.',
      childCertificateRequired: overrides.childCertificateRequired ?? true,
      startsOn: new Date('2026-12-01T00:00:00Z'),
      endsOn: new Date('2027-06-30T00:00:00Z'),
      deadline: overrides.deadline === undefined ? new Date('2026-12-15T00:00:00Z') : overrides.deadline,
      contactName: 'Kontakt Eksempel',
      contactEmail: 'kontakt@example.org',
      contactPhone: overrides.contactPhone === undefined ? '+45 00 00 00 01' : overrides.contactPhone,
      status: overrides.status ?? 'PUBLISHED',
      publishedAt: new Date('2026-11-01T10:00:00Z'),
      targetGroups: { connect: [{ id: youth.id }] },
      skillAreas: { connect: [{ id: social.id }] },
    },
    include: { targetGroups: true, skillAreas: true },
  });
}

/** A stored interest; returns the row and its withdrawal token. */
export async function anInterest(
  prisma: PrismaClient,
  openingId: number,
  overrides: { name?: string; email?: string; phone?: string | null; message?: string; status?: InterestStatus; createdAt?: Date } = {},
) {
  const { token, hash } = newWithdrawalToken();
  const createdAt = overrides.createdAt ?? new Date('2026-11-20T10:00:00Z');
  const interest = await prisma.interest.create({
    data: {
      openingId,
      name: overrides.name ?? 'Test Borgersen',
      email: overrides.email ?? 'test.borgersen@example.org',
      phone: overrides.phone === undefined ? '+45 00 00 00 11' : overrides.phone,
      message: overrides.message ?? 'Jeg vil gerne hjælpe.',
      status: overrides.status ?? 'NEW',
      consentedAt: createdAt,
      consentVersion: 'interest-consent-v1-da',
      withdrawalTokenHash: hash,
      submissionKey: randomBytes(16).toString('base64url'),
      createdAt,
    },
  });
  return { interest, token };
}

export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * DAY_MS);
}

/** The hidden one-time submission key in the interest form. */
export function submissionKeyFrom(html: string): string {
  const match = /name="submissionKey" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No submission key on the page');
  return match[1];
}

export const VALID_INTEREST = {
  name: 'Test Borgersen',
  email: 'test.borgersen@example.org',
  phone: '+45 00 00 00 11',
  message: 'Jeg har tid tirsdag eftermiddag.',
  consent: 'ja',
} as const;

/**
 * Opens the opening page as a citizen would (a fresh agent unless one is given),
 * then posts the form with its CSRF token and submission key.
 */
export async function showInterest(
  app: Express,
  openingId: number,
  fields: Record<string, string> = { ...VALID_INTEREST },
  agent: Agent = supertest.agent(app),
) {
  const page = await agent.get(`/opgaver/${openingId}`).expect(200);
  const form = { _csrf: csrfTokenFrom(page.text), submissionKey: submissionKeyFrom(page.text), ...fields };
  const response = await agent.post(`/opgaver/${openingId}/interesse`).type('form').send(form);
  return { agent, page, form, response };
}
