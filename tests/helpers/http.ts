// Talking to the app as a browser would, through supertest: the tokens its forms
// carry, logging in, and posting a form with the token of the page it is on.
import type { Express } from 'express';
import supertest from 'supertest';
import { loginCode, nextStepCode, secretFromPage } from './two-factor.js';

export type Agent = ReturnType<typeof supertest.agent>;

/** The hidden CSRF token in the first form of an HTML page. */
export function csrfTokenFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

/** The hidden one-time submission key in the interest form. */
export function submissionKeyFrom(html: string): string {
  const match = /name="submissionKey" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No submission key on the page');
  return match[1];
}

/**
 * Logs an agent in through the real login form; returns the agent. Staff and admins
 * (and members who enrolled) give the second factor too: the code of TEST_TOTP_SECRET
 * by the app's clock; an account not enrolled yet is enrolled with the secret its
 * enrolment page shows (that secret is then lost to the test).
 */
export async function logIn(app: Express, email: string, password: string): Promise<Agent> {
  const agent = supertest.agent(app);
  const page = await agent.get('/log-ind').expect(200);
  const token = csrfTokenFrom(page.text);
  const response = await agent.post('/log-ind').type('form').send({ _csrf: token, email, password }).expect(303);
  const next = response.headers.location;
  if (next === '/log-ind/kode') {
    const codePage = await agent.get(next).expect(200);
    const answer = await agent
      .post(next)
      .type('form')
      .send({ _csrf: csrfTokenFrom(codePage.text), code: await loginCode(app, email) });
    if (answer.status === 422) {
      // The step was used outside this helper (a replay is refused): the next one.
      await agent
        .post(next)
        .type('form')
        .send({ _csrf: csrfTokenFrom(answer.text), code: nextStepCode(app) })
        .expect(303);
    } else if (answer.status !== 303) {
      throw new Error(`logIn: the second step answered ${answer.status}`);
    }
  } else if (next === '/log-ind/tofaktor') {
    const enrolPage = await agent.get(next).expect(200);
    const secret = secretFromPage(enrolPage.text);
    await agent
      .post(next)
      .type('form')
      .send({ _csrf: csrfTokenFrom(enrolPage.text), code: await loginCode(app, email, secret) })
      .expect(303);
  }
  return agent;
}

/** Posts a form found at `pagePath` (for its CSRF token) to `action`. */
export async function postForm(agent: Agent, pagePath: string, action: string, form: Record<string, string | string[]> = {}) {
  const page = await agent.get(pagePath);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form });
}

/** The hidden fields an app form carries: its CSRF token and, on edit forms, the version it was loaded with. */
export function formTokens(html: string): { _csrf: string; version?: string } {
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  return { _csrf: csrfTokenFrom(html), ...(version ? { version } : {}) };
}

/** Loads the form page at `path` and posts `fields` back to it, as the browser would. */
export async function submitForm(agent: Agent, path: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(path).expect(200);
  return agent
    .post(path)
    .type('form')
    .send({ ...formTokens(page.text), ...fields });
}

const unescapeHtml = (text: string) =>
  text.replaceAll('&#39;', "'").replaceAll('&#34;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/**
 * The values the form posting to `action` holds (text and hidden inputs, textareas,
 * checked boxes), as the browser would send them. `action` may be a pattern, for paths
 * with ids in them.
 */
export function formFieldsOf(html: string, action: string | RegExp): Record<string, string> {
  const forms = [...html.matchAll(/<form [^>]*action="([^"]*)"[\s\S]*?<\/form>/g)];
  const form = forms.find(([, formAction]) => (typeof action === 'string' ? formAction === action : action.test(formAction!)))?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input [^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    if (tag.includes('type="checkbox"') && !tag.includes(' checked')) continue;
    fields[name] = unescapeHtml(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const [, name, value] of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    fields[name!] = unescapeHtml(value!);
  return fields;
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
