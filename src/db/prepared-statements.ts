// Names for the statements Prisma sends, so PostgreSQL parses and plans a repeated
// statement once per connection instead of on every execution (docs/adr/0035).
//
// Without a name, node-postgres sends each statement as an unnamed one: PostgreSQL
// parses, analyses and plans it every time. For the public pages' statements that was
// most of PostgreSQL's work (planning 0.15–0.55 ms against 0.1–0.3 ms executing, with the
// demo data), and PostgreSQL shares the machine with the portal. With a name,
// node-postgres prepares it once on each connection and afterwards only binds and
// executes it; after five executions PostgreSQL keeps a generic plan when that plan
// costs no more than the custom ones did (plan_cache_mode auto).
//
// A statement is named from its second use on: one-off statements (migrations' data
// fixes, the demo data's inserts) stay unnamed and cost no memory on the server. At most
// `limit` texts are named per process, each prepared on a connection only when it runs
// there, so the prepared statements a connection holds stay bounded whatever a caller
// builds (a list of n values is a different text for each n).
//
// A statement whose best plan depends on its values (the search: a rare word is best
// found through the text index, a common one by walking the newest openings) is marked
// with `planEachTime` and never named, so PostgreSQL plans it for each execution's values.
import { Prisma } from '../generated/prisma/client.js';

/** What the driver adapter passes: the statement's text. */
interface Statement {
  sql: string;
}

export const PREPARED_STATEMENT_LIMIT = 400;

/** An empty name is node-postgres's unnamed statement (parsed and planned each time). */
export const UNNAMED = '';

const PLAN_EACH_TIME = '/* planned for its values */ ';

/** The statement, marked to be planned for each execution's values (never prepared). */
export function planEachTime(statement: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(PLAN_EACH_TIME)}${statement}`;
}

export function preparedStatementNames(limit = PREPARED_STATEMENT_LIMIT): (statement: Statement) => string {
  const names = new Map<string, string>();
  // Texts seen once; bounded too, so a stream of one-off texts cannot grow it.
  const seenOnce = new Set<string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit || sql.startsWith(PLAN_EACH_TIME)) return UNNAMED;
    if (!seenOnce.has(sql)) {
      if (seenOnce.size >= limit * 4) seenOnce.clear();
      seenOnce.add(sql);
      return UNNAMED;
    }
    seenOnce.delete(sql);
    // Unique per text within the process; node-postgres refuses a name reused for another text.
    const name = `portal_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}
