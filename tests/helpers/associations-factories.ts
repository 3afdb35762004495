// Test data for the association features: the reference rows (fields of work, local
// areas) the forms need, a valid registration form, and associations with traits.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { AssociationStatus, OrganisationType } from '../../src/generated/prisma/enums.js';
import { csrfTokenFrom, type Agent } from './test-app.js';

/** A CVR number with a valid check digit, and one without. */
export const VALID_CVR = '12345674';
export const INVALID_CVR = '12345678';

export const FIELDS = [
  { slug: 'idraet', nameDa: 'Idræt', nameEn: 'Sport', sortOrder: 10 },
  { slug: 'kultur', nameDa: 'Kultur', nameEn: 'Culture', sortOrder: 20 },
  { slug: 'socialt-arbejde', nameDa: 'Socialt arbejde', nameEn: 'Social work', sortOrder: 30 },
  { slug: 'boern-og-unge', nameDa: 'Børn og unge', nameEn: 'Children and young people', sortOrder: 40 },
] as const;

export const AREAS = [
  { slug: 'virum', nameDa: 'Virum', nameEn: 'Virum', sortOrder: 10 },
  { slug: 'sorgenfri', nameDa: 'Sorgenfri', nameEn: 'Sorgenfri', sortOrder: 20 },
  { slug: 'taarbaek', nameDa: 'Taarbæk', nameEn: 'Taarbæk', sortOrder: 30 },
] as const;

export type FieldSlug = (typeof FIELDS)[number]['slug'];
export type AreaSlug = (typeof AREAS)[number]['slug'];

export interface ReferenceData {
  fieldId: Record<FieldSlug, number>;
  areaId: Record<AreaSlug, number>;
}

/** The lookup rows, made once per database (safe to call again). */
export async function referenceData(prisma: PrismaClient): Promise<ReferenceData> {
  const fieldId = {} as Record<FieldSlug, number>;
  const areaId = {} as Record<AreaSlug, number>;
  for (const f of FIELDS) {
    fieldId[f.slug] = (await prisma.fieldOfWork.upsert({ where: { slug: f.slug }, create: f, update: {} })).id;
  }
  for (const a of AREAS) {
    areaId[a.slug] = (await prisma.localArea.upsert({ where: { slug: a.slug }, create: a, update: {} })).id;
  }
  return { fieldId, areaId };
}

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

/** Posts a form found at `pagePath` (for its CSRF token) to `action`. */
export async function postForm(agent: Agent, pagePath: string, action: string, form: Record<string, string | string[]> = {}) {
  const page = await agent.get(pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

export async function anAssociationWith(
  prisma: PrismaClient,
  traits: {
    name?: string;
    slug?: string;
    status?: AssociationStatus;
    type?: OrganisationType;
    description?: string;
    fieldIds?: number[];
    localAreaId?: number | null;
    websiteUrl?: string | null;
  } = {},
) {
  const name = traits.name ?? `Forening ${randomUUID().slice(0, 8)}`;
  return prisma.association.create({
    data: {
      name,
      slug: traits.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 4)}`,
      organisationType: traits.type ?? 'ASSOCIATION',
      status: traits.status ?? 'APPROVED',
      description: traits.description ?? 'En forening til test.',
      contactName: 'Kontakt Eksempel',
      websiteUrl: traits.websiteUrl ?? null,
      localAreaId: traits.localAreaId ?? null,
      fieldsOfWork: { connect: (traits.fieldIds ?? []).map((id) => ({ id })) },
    },
  });
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

/** The invitation link's token from an e-mail text. */
export function invitationTokenFrom(text: string): string {
  const match = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error('No invitation link in the e-mail');
  return match[1];
}

/** For `.then(...)` after a helper that already awaited the request: checks the status,
 * showing the start of the page when it is wrong. */
export function expectStatus(status: number) {
  return <R extends { status: number; text: string }>(response: R): R => {
    if (response.status !== status) {
      const main = /<main[\s\S]*<\/main>/.exec(response.text)?.[0] ?? response.text;
      throw new Error(
        `Expected status ${status}, got ${response.status}:\n${main
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 1500)}`,
      );
    }
    return response;
  };
}
