// Talking to the app as a browser would, through supertest: the tokens its forms
// carry, logging in, and posting a form with the token of the page it is on.
import type { Express } from 'express';
import supertest from 'supertest';

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

/** Logs an agent in through the real login form; returns the agent. */
export async function logIn(app: Express, email: string, password: string): Promise<Agent> {
  const agent = supertest.agent(app);
  const page = await agent.get('/log-ind').expect(200);
  const token = csrfTokenFrom(page.text);
  await agent.post('/log-ind').type('form').send({ _csrf: token, email, password }).expect(303);
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
