// The route × role matrix (ASVS 8.2.1), generated from the router itself: every route
// the app has must appear in EXPECTED below, so a new route without a decided access
// rule fails this suite. For each route we then check who is let in and who is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestContext, type TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, logIn, type Agent } from '../../helpers/http.js';
import { aUser, anAssociation, TEST_PASSWORD } from '../../helpers/factories/index.js';
import { concrete as concreteWith, routesOf } from '../../helpers/routes.js';

type Access = 'public' | 'login' | 'member' | 'staff' | 'admin';

const EXPECTED: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /sprog/:lang': 'public',
  'GET /': 'public',
  'GET /log-ind': 'public',
  'POST /log-ind': 'public',
  'POST /log-ud': 'public',
  'GET /logget-ud': 'public',
  'GET /log-ind/kode': 'public',
  'POST /log-ind/kode': 'public',
  'GET /log-ind/tofaktor': 'public',
  'POST /log-ind/tofaktor': 'public',
  'GET /log-ind/gendannelseskoder': 'login',
  'GET /min-side/tofaktor': 'login',
  'POST /min-side/tofaktor': 'login',
  'POST /administration/brugere/:userId/nulstil-tofaktor': 'admin',
  'GET /min-side': 'login',
  'GET /medarbejder': 'staff',
  'GET /administration/log': 'admin',
  'GET /administration/log.csv': 'admin',
  'GET /administration/log/:id': 'admin',
  'GET /tilgaengelighed': 'public',
  'GET /privatliv': 'public',
  'GET /opgaver': 'public',
  'GET /feed/opgaver.rss': 'public',
  'GET /feed/opgaver.atom': 'public',
  'GET /opgaver/:id': 'public',
  'POST /opgaver/:id/interesse': 'public',
  'GET /opgaver/:id/interesse/kvittering': 'public',
  'GET /opgaver/besked': 'public',
  'POST /opgaver/besked': 'public',
  'GET /opgaver/besked/sendt': 'public',
  'GET /opgaver/besked/bekraeft/:token': 'public',
  'POST /opgaver/besked/bekraeft/:token': 'public',
  'GET /opgaver/besked/afmeld/:token': 'public',
  'POST /opgaver/besked/afmeld/:token': 'public',
  'GET /interesse/tilbagetrukket': 'public',
  'GET /interesse/tilbagetraek/:token': 'public',
  'POST /interesse/tilbagetraek/:token': 'public',
  'GET /min-forening/:associationId/interesserede': 'member',
  'GET /min-forening/:associationId/interesserede.csv': 'member',
  'POST /min-forening/:associationId/interesserede/:interestId/status': 'member',
  'GET /min-forening/:associationId/opgaver': 'member',
  'GET /min-forening/:associationId/opgaver/ny': 'member',
  'POST /min-forening/:associationId/opgaver/ny': 'member',
  'GET /min-forening/:associationId/opgaver/:openingId/rediger': 'member',
  'POST /min-forening/:associationId/opgaver/:openingId/rediger': 'member',
  'POST /min-forening/:associationId/opgaver/:openingId/offentliggoer': 'member',
  'POST /min-forening/:associationId/opgaver/:openingId/afpublicer': 'member',
  'POST /min-forening/:associationId/opgaver/:openingId/luk': 'member',
  'GET /foreninger': 'public',
  'GET /foreninger/ny': 'public',
  'POST /foreninger/ny': 'public',
  'GET /foreninger/:slug': 'public',
  'GET /invitation/:token': 'public',
  'POST /invitation/:token': 'public',
  'GET /min-forening/:associationId/profil': 'member',
  'POST /min-forening/:associationId/profil': 'member',
  'GET /min-forening/:associationId/medlemmer': 'member',
  'POST /min-forening/:associationId/medlemmer/inviter': 'member',
  'POST /min-forening/:associationId/medlemmer/invitationer/:invitationId/traek-tilbage': 'member',
  'POST /min-forening/:associationId/medlemmer/forlad': 'member',
  'GET /medarbejder/foreninger': 'staff',
  'GET /medarbejder/foreninger/:id': 'staff',
  'POST /medarbejder/foreninger/:id/godkend': 'staff',
  'POST /medarbejder/foreninger/:id/afvis': 'staff',
  'POST /medarbejder/foreninger/:id/suspender': 'staff',
  'POST /medarbejder/foreninger/:id/arkiver': 'staff',
  'POST /medarbejder/foreninger/:id/genaktiver': 'staff',
  'GET /kalender': 'public',
  'GET /kalender.ics': 'public',
  'GET /kalender/arrangementer/:eventId': 'public',
  'GET /foreninger/:slug/kalender.ics': 'public',
  'GET /min-forening/:associationId/aktiviteter': 'member',
  'GET /min-forening/:associationId/aktiviteter/ny': 'member',
  'POST /min-forening/:associationId/aktiviteter/ny': 'member',
  'GET /min-forening/:associationId/aktiviteter/:activityId/rediger': 'member',
  'POST /min-forening/:associationId/aktiviteter/:activityId/rediger': 'member',
  'GET /min-forening/:associationId/aktiviteter/:activityId/slet': 'member',
  'POST /min-forening/:associationId/aktiviteter/:activityId/slet': 'member',
  'GET /medarbejder/arrangementer': 'staff',
  'GET /medarbejder/arrangementer/ny': 'staff',
  'POST /medarbejder/arrangementer/ny': 'staff',
  'GET /medarbejder/arrangementer/:eventId/rediger': 'staff',
  'POST /medarbejder/arrangementer/:eventId/rediger': 'staff',
  'GET /medarbejder/arrangementer/:eventId/slet': 'staff',
  'POST /medarbejder/arrangementer/:eventId/slet': 'staff',
  'GET /glemt-adgangskode': 'public',
  'POST /glemt-adgangskode': 'public',
  'GET /nulstil-adgangskode/:token': 'public',
  'POST /nulstil-adgangskode/:token': 'public',
  'GET /min-side/adgangskode': 'login',
  'POST /min-side/adgangskode': 'login',
  'GET /medarbejder/aftaleskabelon': 'staff',
  'GET /medarbejder/aftaleskabelon/rediger': 'admin',
  'POST /medarbejder/aftaleskabelon/rediger': 'admin',
  'GET /medarbejder/aftaleskabelon/version/:number': 'staff',
  'GET /administration/ordlister': 'admin',
  'GET /administration/ordlister/:kind': 'admin',
  'GET /administration/ordlister/:kind/ny': 'admin',
  'POST /administration/ordlister/:kind/ny': 'admin',
  'GET /administration/ordlister/:kind/:id/rediger': 'admin',
  'POST /administration/ordlister/:kind/:id/rediger': 'admin',
  'POST /administration/ordlister/:kind/:id/udfas': 'admin',
  'POST /administration/ordlister/:kind/:id/genaktiver': 'admin',
  'GET /administration/ordlister/:kind/:id/flet': 'admin',
  'POST /administration/ordlister/:kind/:id/flet': 'admin',
  'GET /medarbejder/samarbejdsaftaler': 'staff',
  'GET /medarbejder/samarbejdsaftaler/opfoelgning': 'staff',
  'GET /medarbejder/samarbejdsaftaler/ny': 'staff',
  'POST /medarbejder/samarbejdsaftaler/ny': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/pdf': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/rediger': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/rediger': 'staff',
  'GET /min-forening/:associationId/samarbejdsaftaler': 'member',
  'GET /min-forening/:associationId/samarbejdsaftaler/:agreementId': 'member',
  'POST /min-forening/:associationId/samarbejdsaftaler/:agreementId/svar': 'member',
  'GET /samarbejdsaftale/svar/:token': 'public',
  'POST /samarbejdsaftale/svar/:token': 'public',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/evaluering': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/evaluering/aabn': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/evaluering/svar': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/evaluering/beslutning': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/evaluering/:evaluationId': 'staff',
  'GET /min-forening/:associationId/samarbejdsaftaler/:agreementId/evaluering': 'member',
  'POST /min-forening/:associationId/samarbejdsaftaler/:agreementId/evaluering': 'member',
  'GET /samarbejdsaftale/evaluering/tak': 'public',
  'GET /samarbejdsaftale/evaluering/:token': 'public',
  'POST /samarbejdsaftale/evaluering/:token': 'public',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/send': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/opsig': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/versioner': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/versioner/:number': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/versioner/:number/pdf': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/forskel': 'staff',
  'GET /medarbejder/samarbejdsaftaler/:agreementId/historik': 'staff',
  'GET /samarbejder': 'public',
  'GET /samarbejder/:agreementId': 'public',
  'GET /medarbejder/handleplaner': 'staff',
  'GET /medarbejder/handleplaner/ny': 'staff',
  'POST /medarbejder/handleplaner/ny': 'staff',
  'GET /medarbejder/handleplaner/:planId': 'staff',
  'GET /medarbejder/handleplaner/:planId/rediger': 'staff',
  'POST /medarbejder/handleplaner/:planId/rediger': 'staff',
  'GET /medarbejder/handleplaner/:planId/maal/ny': 'staff',
  'POST /medarbejder/handleplaner/:planId/maal/ny': 'staff',
  'GET /medarbejder/handleplaner/:planId/maal/:goalId/rediger': 'staff',
  'POST /medarbejder/handleplaner/:planId/maal/:goalId/rediger': 'staff',
  'GET /medarbejder/handleplaner/:planId/handlinger/ny': 'staff',
  'POST /medarbejder/handleplaner/:planId/handlinger/ny': 'staff',
  'GET /medarbejder/handleplaner/:planId/handlinger/:actionId/rediger': 'staff',
  'POST /medarbejder/handleplaner/:planId/handlinger/:actionId/rediger': 'staff',
  'GET /medarbejder/handleplaner/:planId/historik': 'staff',
  'POST /medarbejder/samarbejdsaftaler/:agreementId/parter/:partyId/handling': 'staff',
  'GET /medarbejder/handleplaner/:planId/status/:year': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/start': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/moede': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/moede/ret': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/handlinger/:actionId': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/handlinger/:actionId/ret': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/samlet-status': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/udvalg': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/tilstand': 'staff',
  'POST /medarbejder/handleplaner/:planId/status/:year/videref': 'staff',
  'GET /min-forening/:associationId/handleplaner': 'member',
  'POST /min-forening/:associationId/handleplaner/:actionId': 'member',
  'GET /handleplaner': 'public',
  'GET /handleplaner/:slug': 'public',
  'GET /handleplaner/:slug/feed.xml': 'public',
  'GET /medarbejder/handleplaner/:planId/overblik': 'staff',
  'GET /medarbejder/handleplaner/:planId/status/:year/rapport': 'staff',
  'GET /medarbejder/handleplaner/:planId/status/:year/rapport.csv': 'staff',
  'GET /medarbejder/handleplaner/:planId/status/:year/rapport.xlsx': 'staff',
  'GET /medarbejder/handleplaner/:planId/import': 'staff',
  'POST /medarbejder/handleplaner/:planId/import': 'staff',
  'POST /medarbejder/handleplaner/:planId/import/bekraeft': 'staff',
  // Municipality settings (admins) and the public pages that read them
  'GET /om': 'public',
  'GET /logo': 'public',
  'GET /administration/indstillinger': 'admin',
  'POST /administration/indstillinger': 'admin',
  'POST /administration/indstillinger/logo': 'admin',
  'POST /administration/indstillinger/logo/fjern': 'admin',
  'GET /administration/sider': 'admin',
  'POST /administration/sider': 'admin',
  'GET /administration/opbevaring': 'admin',
  'POST /administration/opbevaring': 'admin',
  'GET /administration': 'admin',
  'GET /administration/brugere': 'admin',
  'POST /administration/brugere/inviter': 'admin',
  'POST /administration/brugere/invitationer/:invitationId/traek-tilbage': 'admin',
  'GET /administration/brugere/:userId': 'admin',
  'POST /administration/brugere/:userId/rolle': 'admin',
  'POST /administration/brugere/:userId/deaktiver': 'admin',
  'POST /administration/brugere/:userId/genaktiver': 'admin',
  'GET /medarbejder-invitation/:token': 'public',
  'POST /medarbejder-invitation/:token': 'public',
  'GET /opsaetning': 'public',
  'POST /opsaetning': 'public',
  'GET /mine-data': 'public',
  'POST /mine-data': 'public',
  'GET /mine-data/sendt': 'public',
  'GET /mine-data/:token': 'public',
  'GET /mine-data/:token/data.json': 'public',
  'POST /mine-data/:token/tilbagetraek-alle': 'public',
  'POST /mine-data/:token/tilbagetraek/:interestId': 'public',
  'POST /mine-data/:token/stop-besked/:alertId': 'public',
  'GET /min-side/data.json': 'login',
  'GET /min-side/slet-konto': 'login',
  'POST /min-side/slet-konto': 'login',
  'GET /administration/sletning': 'admin',
  'POST /administration/sletning': 'admin',
};

let ctx: TestContext;
let associationA: { id: number; slug: string };
const agents: Partial<Record<'anonymous' | 'otherMember' | 'staff', { agent: Agent; token: string }>> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  associationA = await anAssociation(ctx.db.prisma);
  const associationB = await anAssociation(ctx.db.prisma);
  const otherMember = await aUser(ctx.db.prisma, { associationId: associationB.id });
  const staff = await aUser(ctx.db.prisma, { role: 'STAFF' });

  const anonymous = supertest.agent(ctx.app);
  agents.anonymous = { agent: anonymous, token: csrfTokenFrom((await anonymous.get('/log-ind')).text) };
  for (const [name, user] of [
    ['otherMember', otherMember],
    ['staff', staff],
  ] as const) {
    const agent = await logIn(ctx.app, user.email, TEST_PASSWORD);
    // Any page with a form (the header's log-out form) carries the session's token.
    agents[name] = { agent, token: csrfTokenFrom((await agent.get('/min-side')).text) };
  }
});
afterAll(() => ctx.close());

// Real values where the access rule needs them (the association of the member
// routes); any id elsewhere, as the check comes before the lookup.
const FIXED: Record<string, () => string> = {
  associationId: () => String(associationA.id),
  slug: () => associationA.slug,
  lang: () => 'en',
  token: () => 'not-a-real-token',
  number: () => '0',
  kind: () => 'omraader',
};

function concrete(path: string): string {
  return concreteWith(path, (name) => FIXED[name]?.() ?? (name === 'id' || name.endsWith('Id') ? '1' : undefined));
}

async function call(who: 'anonymous' | 'otherMember' | 'staff', route: string) {
  const [method, path] = route.split(' ') as [string, string];
  const { agent, token } = agents[who]!;
  const url = concrete(path);
  return method === 'POST' ? agent.post(url).type('form').send({ _csrf: token }) : agent.get(url);
}

describe('route × role matrix', () => {
  it('has a decided access rule for every route, and no rule for a route that is gone', () => {
    const routes = routesOf(ctx.app);
    expect(routes.filter((route) => !(route in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('sends anonymous readers to log in on every non-public route', async () => {
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (access === 'public') continue;
      const response = await call('anonymous', route);
      expect([route, response.status, response.headers.location]).toEqual([route, 303, '/log-ind']);
    }
  });

  it("refuses another association's member on member, staff and admin routes", async () => {
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (access === 'public' || access === 'login') continue;
      const response = await call('otherMember', route);
      expect([route, response.status]).toEqual([route, 403]);
    }
  });

  it('refuses staff on association member routes (staff are not members; admins are)', async () => {
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (access !== 'member') continue;
      const response = await call('staff', route);
      expect([route, response.status]).toEqual([route, 403]);
    }
  });

  it('refuses staff on admin routes (only admins manage the municipality-wide templates)', async () => {
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (access !== 'admin') continue;
      const response = await call('staff', route);
      expect([route, response.status]).toEqual([route, 403]);
    }
  });

  it('lets anyone reach public routes without a login redirect or refusal', async () => {
    for (const [route, access] of Object.entries(EXPECTED)) {
      if (access !== 'public' || route.startsWith('POST')) continue;
      const response = await call('anonymous', route);
      expect([route, response.status === 403 || response.headers.location === '/log-ind']).toEqual([route, false]);
      expect([route, response.status < 500]).toEqual([route, true]);
    }
  });
});
