// Shared steps of the alert tests: ask for an alert through the form, read the link out
// of the confirmation e-mail, confirm it.
import supertest from 'supertest';
import { expect } from 'vitest';
import type { TestContext } from '../../helpers/test-app.js';
import { csrfTokenFrom, type Agent } from '../../helpers/http.js';

export const text = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Opens the form from a search's query string and posts it. */
export async function askForAlert(ctx: TestContext, search: string, fields: Record<string, string>, agent?: Agent) {
  const client = agent ?? supertest.agent(ctx.app);
  const page = await client.get(`/opgaver/besked${search ? `?${search}` : ''}`).expect(200);
  const query = /name="query" value="([^"]*)"/.exec(page.text)?.[1]?.replaceAll('&amp;', '&') ?? '';
  const response = await client
    .post('/opgaver/besked')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), website: '', query, ...fields });
  return { agent: client, page, response };
}

/** The path of a link of `kind` in an e-mail text. */
export function linkIn(mailText: string, kind: 'bekraeft' | 'afmeld'): string {
  const path = new RegExp(`https?://[^/\\s]+(/opgaver/besked/${kind}/[A-Za-z0-9_-]{43})`).exec(mailText)?.[1];
  if (!path) throw new Error(`no ${kind} link in the e-mail`);
  return path;
}

/** Subscribes and confirms; answers the agent and the confirmation mail. */
export async function subscribeAndConfirm(ctx: TestContext, search: string, email: string, frequency: 'DAILY' | 'WEEKLY') {
  const before = (await ctx.readMail()).length;
  const { agent, response } = await askForAlert(ctx, search, { email, frequency });
  expect(response.status).toBe(303);
  const mail = (await ctx.readMail()).slice(before).find((m) => m.to === email);
  if (!mail) throw new Error('no confirmation e-mail');
  const confirmPath = linkIn(mail.text, 'bekraeft');
  const page = await agent.get(confirmPath).expect(200);
  const confirmed = await agent
    .post(confirmPath)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text) });
  expect(confirmed.status).toBe(200);
  return { agent, mail, confirmPath, confirmed };
}
