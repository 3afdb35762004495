// "Min side" in one place: every page of the account (/min-side/…) and of an
// association's area (/min-forening/…) starts its breadcrumb trail with a link to
// Min side, and no page adds a "Tilbage til Min side" link of its own. (An admin in an
// association's area who is not its member gets the association's staff page instead.) The layout
// engine applies this to every page it renders, so a new page in either area gets
// the link without asking for it, and never twice.
import type { Breadcrumb } from '../types/express.js';

export const MY_PAGE_PATH = '/min-side';

/** The pages that sit under Min side (not Min side itself). */
const UNDER_MY_PAGE = /^\/(min-side|min-forening)\/[^?#]/;

/**
 * The trail to show on the page at `path`: under Min side, it starts with one link to it
 * (the page's own first step to Min side is replaced, so the wording is the same
 * everywhere), and a page without a trail gets "Min side › <its title>". Elsewhere the
 * trail is left as the page gave it.
 */
export function withMyPageTrail(
  trail: readonly Breadcrumb[],
  path: string,
  title: string,
  myPageLabel: string,
  administered?: { id: number; name: string },
): Breadcrumb[] {
  if (!UNDER_MY_PAGE.test(path)) return [...trail];
  const rest = trail[0]?.href === MY_PAGE_PATH ? trail.slice(1) : trail;
  return [firstStep(myPageLabel, administered), ...(rest.length ? rest : [{ label: title }])];
}

/**
 * Min side, except for an admin working in an association's area they are not a member
 * of: Min side does not list that association, so the step back is the association's
 * page for staff (named by the association, typed content).
 */
function firstStep(myPageLabel: string, administered?: { id: number; name: string }): Breadcrumb {
  if (administered) return { href: `/medarbejder/foreninger/${administered.id}`, label: administered.name, typed: true };
  return { href: MY_PAGE_PATH, label: myPageLabel };
}
