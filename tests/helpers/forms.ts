// Valid input for the app's bigger forms, and the steps that submit them as a user
// would (open the page for its tokens, then post). A test overrides what it is about.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import supertest from 'supertest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { StoredMail } from '../../src/mail/mailer.js';
import type { ReferenceData } from './factories/index.js';
import { csrfTokenFrom, submissionKeyFrom, type Agent } from './http.js';
import { resetPathFrom, waitForMail } from './mail.js';
import type { TestContext } from './test-app.js';

// --- Association registration and profile ---

/** A CVR number with a valid check digit, and one without. */
export const VALID_CVR = '12345674';
export const INVALID_CVR = '12345678';

export const NEW_PASSWORD = 'en lang og god adgangssætning';

/** A complete, valid registration form (with account); override what the test is about. */
export function registrationForm(ref: ReferenceData, overrides: Record<string, string | string[] | undefined> = {}) {
  const form: Record<string, string | string[] | undefined> = {
    name: 'Virum Strikkeklub',
    organisationType: 'ASSOCIATION',
    fieldsOfWork: [String(ref.fieldId.kultur)],
    localAreaId: String(ref.areaId.virum),
    description: 'Vi strikker sammen hver tirsdag og lærer fra os.',
    contactName: 'Karen Eksempel',
    email: 'strik@example.org',
    phone: '+45 00 00 00 01',
    websiteUrl: 'https://strik.example.org',
    cvr: VALID_CVR,
    consent: 'ja',
    accountName: 'Karen Eksempel',
    accountEmail: `karen-${randomUUID().slice(0, 8)}@example.org`,
    password: NEW_PASSWORD,
    passwordRepeat: NEW_PASSWORD,
    website: '',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined)) as Record<string, string | string[]>;
}

/** Opens the registration page (for the CSRF token) and posts the form. */
export async function submitRegistration(agent: Agent, form: Record<string, string | string[]>) {
  const page = await agent.get('/foreninger/ny').expect(200);
  return agent
    .post('/foreninger/ny')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

/** The profile form's current values, as the edit page would post them. */
export async function profileFormOf(prisma: PrismaClient, associationId: number) {
  const a = await prisma.association.findUniqueOrThrow({ where: { id: associationId }, include: { fieldsOfWork: true } });
  return {
    name: a.name,
    organisationType: a.organisationType,
    fieldsOfWork: a.fieldsOfWork.map((f) => String(f.id)),
    localAreaId: a.localAreaId ? String(a.localAreaId) : '',
    description: a.description,
    contactName: a.contactName ?? 'Kontakt',
    email: a.email ?? '',
    phone: a.phone ?? '',
    websiteUrl: a.websiteUrl ?? '',
    cvr: a.cvr ?? '',
    version: String(a.version),
  };
}

// --- Showing interest in an opening ---

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

// --- Forgotten password ---

export async function postForgotPassword(agent: Agent, email: string) {
  const page = await agent.get('/glemt-adgangskode').expect(200);
  return agent
    .post('/glemt-adgangskode')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), email });
}

/** Asks for a link for this e-mail and returns the path in the newest e-mail to it. */
export async function resetLinkFor(ctx: TestContext, email: string): Promise<string> {
  const isResetMail = (m: StoredMail) => m.to === email && m.subject.startsWith('Nulstil');
  const before = (await ctx.readMail()).filter(isResetMail).length;
  const response = await postForgotPassword(supertest.agent(ctx.app), email);
  if (response.status !== 303) throw new Error(`Forgot-password form answered ${response.status}`);
  const mails = await waitForMail(ctx, isResetMail, before + 1);
  return resetPathFrom(mails.at(-1)!);
}

/** Opens the reset page and submits a new password (and its repeat). */
export async function submitNewPassword(agent: Agent, path: string, password: string, repeat = password) {
  const page = await agent.get(path);
  if (page.status !== 200) return page;
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), password, passwordRepeat: repeat });
}
