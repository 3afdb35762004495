// Interests a citizen showed in an opening, as the form stores them.
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import type { InterestStatus } from '../../../src/generated/prisma/enums.js';
import { newSecretToken } from '../../../src/security/secret-token.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InterestOptions {
  name?: string;
  email?: string;
  phone?: string | null;
  message?: string;
  status?: InterestStatus;
  createdAt?: Date;
}

/** A stored interest; returns the row and its withdrawal token. */
export async function anInterest(prisma: PrismaClient, openingId: number, options: InterestOptions = {}) {
  const { token, tokenHash: hash } = newSecretToken();
  const createdAt = options.createdAt ?? new Date('2026-11-20T10:00:00Z');
  const interest = await prisma.interest.create({
    data: {
      openingId,
      name: options.name ?? 'Test Borgersen',
      email: options.email ?? 'test.borgersen@example.org',
      phone: options.phone === undefined ? '+45 00 00 00 11' : options.phone,
      message: options.message ?? 'Jeg vil gerne hjælpe.',
      status: options.status ?? 'NEW',
      consentedAt: createdAt,
      consentVersion: 'interest-consent-v1-da',
      withdrawalTokenHash: hash,
      submissionKey: randomBytes(16).toString('base64url'),
      createdAt,
    },
  });
  return { interest, token };
}

/** For `createdAt`: so many days before a date. */
export function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * DAY_MS);
}
