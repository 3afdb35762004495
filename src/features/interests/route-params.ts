// Numeric ids in paths. Express 5 (path-to-regexp v8) has no regex parameters, so
// routes like /opgaver/:id check the id themselves: anything that is not a plain
// positive integer lets other routes match (next()) or is a 404 — never a 500 from
// the database. PostgreSQL `integer` ends at 2^31 - 1; a larger number cannot be a
// row and must not reach Prisma (it would throw).
const MAX_INT4 = 2_147_483_647;

export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= MAX_INT4 ? id : null;
}
