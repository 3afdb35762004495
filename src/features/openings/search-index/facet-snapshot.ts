// A compact in-memory copy of what the search's facets read, for every opening that can
// be public (published, its association approved), and the facet counting over it.
//
// Why: counting facets in SQL means aggregating every match of a search once per facet;
// for a broad search at national scale (70,000 public openings) that took 90–150 ms
// whatever the plan (ADR 0033 has the figures). Counting the same thing over typed
// arrays in this process takes a few milliseconds. PostgreSQL stays the one source of
// truth: the snapshot is loaded from it, and search-facet-index.ts reloads it whenever
// a trigger says something it copies changed.
//
// The deadline rule of visibility.ts is applied at counting time with the search's
// "today", because deadlines pass without any write. The free text is still matched by
// PostgreSQL (search_vector); the snapshot intersects the ids it returns.
import type pg from 'pg';
import {
  COMMITMENTS,
  FORMS,
  ORGANISATION_TYPES,
  TAXONOMY_FACETS,
  type Facet,
  type SearchFilters,
  type TaxonomyFacet,
} from '../search-schemas.js';
import { PUBLIC_ASSOCIATION_STATUS, PUBLIC_OPENING_STATUS } from '../visibility.js';

/** Per facet: value (slug, enum member or 'ja'/'nej') → number of openings. Same shape as the search's. */
export type SnapshotCounts = Record<Facet, Map<string, number>>;

/** An opening without a deadline never expires. */
const NO_DEADLINE = 0x7fffffff;
const DAY_MS = 86_400_000;

/** Values of a facet with many values per opening, row by row (compressed sparse rows). */
interface MultiColumn {
  /** The values of row r are values[start[r]] .. values[start[r + 1] - 1]. */
  start: Uint32Array;
  values: Int32Array;
  /** One more than the largest value. */
  size: number;
}

interface ScalarColumn {
  codes: Int32Array | Uint8Array;
  size: number;
}

export interface FacetSnapshot {
  /** The search_index_version sequence's value read before the load. */
  readonly version: string;
  /** How many openings it holds. */
  readonly size: number;
  /** Its typed arrays' size in bytes. */
  readonly bytes: number;
  /** The rows (0-based) of the given opening ids that the snapshot holds; others are left out. */
  rowsOf(ids: ArrayLike<number>): Int32Array;
  /**
   * The total and every facet's counts: openings that are public on `today` (an ISO
   * date, the municipality's), among `rows` when given (the free text's matches),
   * passing the filters; each facet's counts apply every OTHER facet's filter.
   * Taxonomy values are named by `slugs` (active values only: others are not counted,
   * as in SQL); the filters name values by those slugs.
   */
  count(query: SnapshotQuery): { total: number; counts: SnapshotCounts };
}

export interface SnapshotQuery {
  today: string;
  rows: Int32Array | null;
  filters: SearchFilters;
  /** Per taxonomy facet: id → slug of its active values. */
  slugs: Record<TaxonomyFacet, Map<number, string>>;
}

type Row = [number, number | null, string, string, boolean, string, number | null, string | null, string | null, string | null];

/**
 * Loads the snapshot in one statement, in one REPEATABLE READ transaction with the
 * version read first: a change committed after that read has bumped the version
 * again, so the loaded snapshot is never taken for newer than it is.
 */
export async function loadFacetSnapshot(pool: pg.Pool): Promise<FacetSnapshot> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const versionRow = await client.query<{ v: string }>(`SELECT last_value::text AS v FROM search_index_version`);
    // Link values as comma-separated text: parsing one string per row is much cheaper
    // in node-pg than an array type. Ordered by id, so ids → rows is a binary search too.
    const result = await client.query<Row>({
      // Each link table aggregated once and hash-joined: three times faster at 100,000
      // openings than a subquery per opening.
      text: `SELECT o.id, o.local_area_id, o.form::text, o.commitment::text, o.child_certificate_required,
                    a.organisation_type::text, o.deadline - DATE '1970-01-01', tg.v, sk.v, fw.v
               FROM openings o
               JOIN associations a ON a.id = o.association_id
               LEFT JOIN (SELECT "A", string_agg("B"::text, ',') AS v FROM "_OpeningToTargetGroup" GROUP BY "A") tg ON tg."A" = o.id
               LEFT JOIN (SELECT "A", string_agg("B"::text, ',') AS v FROM "_OpeningToSkillArea" GROUP BY "A") sk ON sk."A" = o.id
               LEFT JOIN (SELECT "A", string_agg("B"::text, ',') AS v FROM "_AssociationToFieldOfWork" GROUP BY "A") fw
                      ON fw."A" = o.association_id
              WHERE o.status = $1 AND a.status = $2
              ORDER BY o.id`,
      values: [PUBLIC_OPENING_STATUS, PUBLIC_ASSOCIATION_STATUS],
      rowMode: 'array',
    });
    await client.query('COMMIT');
    return buildSnapshot(versionRow.rows[0]?.v ?? '0', result.rows);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function buildSnapshot(version: string, rows: Row[]): FacetSnapshot {
  const size = rows.length;
  const ids = new Int32Array(size);
  const deadline = new Int32Array(size);
  const area = new Int32Array(size);
  const form = new Uint8Array(size);
  const commitment = new Uint8Array(size);
  const child = new Uint8Array(size);
  const orgType = new Uint8Array(size);
  const targetGroups = multiBuilder(size);
  const skillAreas = multiBuilder(size);
  const fieldsOfWork = multiBuilder(size);
  const formCode = codeOf(FORMS);
  const commitmentCode = codeOf(COMMITMENTS);
  const orgTypeCode = codeOf(ORGANISATION_TYPES);
  let areaSize = 1;
  for (let r = 0; r < size; r++) {
    const [id, areaId, formValue, commitmentValue, certificate, type, deadlineDay, tg, sk, fw] = rows[r] as Row;
    ids[r] = id;
    area[r] = areaId ?? 0;
    if (areaId !== null && areaId >= areaSize) areaSize = areaId + 1;
    form[r] = formCode(formValue);
    commitment[r] = commitmentCode(commitmentValue);
    child[r] = certificate ? 1 : 0;
    orgType[r] = orgTypeCode(type);
    deadline[r] = deadlineDay ?? NO_DEADLINE;
    targetGroups.add(r, tg);
    skillAreas.add(r, sk);
    fieldsOfWork.add(r, fw);
  }
  const columns = {
    omraade: { codes: area, size: areaSize },
    form: { codes: form, size: FORMS.length },
    tid: { codes: commitment, size: COMMITMENTS.length },
    type: { codes: orgType, size: ORGANISATION_TYPES.length },
    boerneattest: { codes: child, size: 2 },
  } satisfies Record<string, ScalarColumn>;
  const multi = {
    maalgruppe: targetGroups.done(),
    kompetence: skillAreas.done(),
    fagomraade: fieldsOfWork.done(),
  } satisfies Record<string, MultiColumn>;
  const bytes =
    [ids, deadline, area, form, commitment, child, orgType].reduce((sum, array) => sum + array.byteLength, 0) +
    Object.values(multi).reduce((sum, column) => sum + column.start.byteLength + column.values.byteLength, 0);

  return {
    version,
    size,
    bytes,
    rowsOf(wanted) {
      const out = new Int32Array(wanted.length);
      let n = 0;
      for (let i = 0; i < wanted.length; i++) {
        const row = rowOfId(ids, wanted[i] as number);
        if (row >= 0) out[n++] = row;
      }
      return out.subarray(0, n);
    },
    count(query) {
      return countSnapshot(query, { size, deadline, columns, multi });
    },
  };
}

interface Columns {
  size: number;
  deadline: Int32Array;
  columns: Record<'omraade' | 'form' | 'tid' | 'type' | 'boerneattest', ScalarColumn>;
  multi: Record<'maalgruppe' | 'kompetence' | 'fagomraade', MultiColumn>;
}

// Facets in a fixed order: 0–4 one value per opening, 5–7 many.
const SCALARS = ['omraade', 'form', 'tid', 'type', 'boerneattest'] as const;
const MULTIS = ['maalgruppe', 'kompetence', 'fagomraade'] as const;
const ALL: readonly Facet[] = [...SCALARS, ...MULTIS];

/**
 * One pass over the rows. A row failing no filter counts for the total and for every
 * facet's values; a row failing exactly one filter counts only for that facet's values
 * (its own filter is the one a facet ignores); a row failing two counts nowhere.
 */
function countSnapshot(query: SnapshotQuery, data: Columns): { total: number; counts: SnapshotCounts } {
  const today = Math.round(Date.parse(`${query.today}T00:00:00Z`) / DAY_MS);
  const facetColumn = (facet: Facet): ScalarColumn | MultiColumn =>
    (SCALARS as readonly string[]).includes(facet)
      ? data.columns[facet as (typeof SCALARS)[number]]
      : data.multi[facet as (typeof MULTIS)[number]];
  const sizes = ALL.map((facet) => facetColumn(facet).size);
  // accept[f] is null when facet f has no filter.
  const accept: (Uint8Array | null)[] = ALL.map((facet, f) => acceptedCodes(facet, query, sizes[f] as number));
  const active = ALL.map((_, f) => f).filter((f) => accept[f] !== null);
  const tallies = sizes.map((size) => new Int32Array(size));
  const scalarCodes = SCALARS.map((facet) => data.columns[facet].codes);
  const multiColumns = MULTIS.map((facet) => data.multi[facet]);

  const passes = (f: number, r: number): boolean => {
    const accepted = accept[f] as Uint8Array;
    if (f < SCALARS.length) return accepted[(scalarCodes[f] as Int32Array | Uint8Array)[r] as number] === 1;
    const { start, values } = multiColumns[f - SCALARS.length] as MultiColumn;
    for (let j = start[r] as number, end = start[r + 1] as number; j < end; j++) {
      const value = values[j] as number;
      if (value < accepted.length && accepted[value] === 1) return true;
    }
    return false;
  };
  const tally = (f: number, r: number): void => {
    const counts = tallies[f] as Int32Array;
    if (f < SCALARS.length) {
      const code = (scalarCodes[f] as Int32Array | Uint8Array)[r] as number;
      counts[code] = (counts[code] as number) + 1;
      return;
    }
    const { start, values } = multiColumns[f - SCALARS.length] as MultiColumn;
    for (let j = start[r] as number, end = start[r + 1] as number; j < end; j++) {
      const value = values[j] as number;
      counts[value] = (counts[value] as number) + 1;
    }
  };

  let total = 0;
  const visit = (r: number): void => {
    if ((data.deadline[r] as number) < today) return;
    let failed = -1;
    for (const f of active) {
      if (passes(f, r)) continue;
      if (failed >= 0) return;
      failed = f;
    }
    if (failed >= 0) {
      tally(failed, r);
      return;
    }
    total++;
    for (let f = 0; f < ALL.length; f++) tally(f, r);
  };
  if (query.rows) for (const r of query.rows) visit(r);
  else for (let r = 0; r < data.size; r++) visit(r);

  const counts = {} as SnapshotCounts;
  ALL.forEach((facet, f) => {
    const map = new Map<string, number>();
    const name = valueNames(facet, query);
    (tallies[f] as Int32Array).forEach((n, code) => {
      if (n === 0) return;
      const key = name(code);
      if (key !== undefined) map.set(key, n);
    });
    counts[facet] = map;
  });
  return { total, counts };
}

/** Which codes pass the facet's filter (1), or null when it has none. */
function acceptedCodes(facet: Facet, query: SnapshotQuery, size: number): Uint8Array | null {
  const { filters } = query;
  if (facet === 'boerneattest') {
    if (!filters.boerneattest) return null;
    const accepted = new Uint8Array(2);
    accepted[filters.boerneattest === 'ja' ? 1 : 0] = 1;
    return accepted;
  }
  const chosen = filters[facet];
  if (chosen.length === 0) return null;
  const accepted = new Uint8Array(size);
  const mark = (code: number | undefined) => {
    if (code !== undefined && code >= 0 && code < size) accepted[code] = 1;
  };
  if ((TAXONOMY_FACETS as readonly string[]).includes(facet)) {
    const idOfSlug = new Map([...query.slugs[facet as TaxonomyFacet]].map(([id, slug]) => [slug, id]));
    for (const slug of chosen) mark(idOfSlug.get(slug));
  } else {
    const list: readonly string[] = facet === 'form' ? FORMS : facet === 'tid' ? COMMITMENTS : ORGANISATION_TYPES;
    for (const value of chosen) mark(list.indexOf(value));
  }
  return accepted;
}

function valueNames(facet: Facet, query: SnapshotQuery): (code: number) => string | undefined {
  if (facet === 'boerneattest') return (code) => (code === 1 ? 'ja' : 'nej');
  if (facet === 'form') return (code) => FORMS[code];
  if (facet === 'tid') return (code) => COMMITMENTS[code];
  if (facet === 'type') return (code) => ORGANISATION_TYPES[code];
  const slugs = query.slugs[facet];
  return (code) => slugs.get(code);
}

function codeOf(list: readonly string[]): (value: string) => number {
  const codes = new Map(list.map((value, code) => [value, code]));
  return (value) => {
    const code = codes.get(value);
    // A new enum member added to the database without a new build of the app.
    if (code === undefined) throw new Error(`unknown enum value in the search index: ${value}`);
    return code;
  };
}

function multiBuilder(rows: number) {
  const start = new Uint32Array(rows + 1);
  let values = new Int32Array(Math.max(16, rows * 2));
  let length = 0;
  let size = 1;
  return {
    add(row: number, list: string | null) {
      start[row] = length;
      if (list !== null) {
        for (const part of list.split(',')) {
          const value = Number(part);
          if (length === values.length) {
            const grown = new Int32Array(values.length * 2);
            grown.set(values);
            values = grown;
          }
          values[length++] = value;
          if (value >= size) size = value + 1;
        }
      }
      start[row + 1] = length;
    },
    done(): MultiColumn {
      return { start, values: values.slice(0, length), size };
    },
  };
}

/** Binary search in the ascending ids; -1 when absent. */
function rowOfId(ids: Int32Array, id: number): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = ids[middle] as number;
    if (value === id) return middle;
    if (value < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
