// What changed between two sent versions of an agreement, section by section, for the
// diff page (GET /medarbejder/samarbejdsaftaler/:id/forskel). Pure: it reads two
// versions' content (agreement-version.ts) and answers a model the view only draws.
// Texts are compared word by word (the `diff` package's diffWords), so a reader sees
// the changed words in place; short fields (dates, numbers, yes/no) are compared whole.
// Unchanged sections are named, not repeated: the reader came for the changes.
import { diffArrays, diffWords } from 'diff';
import type { VersionBudgetLine, VersionContent, VersionParty } from './agreement-version.js';

/** A piece of a compared text: kept, added in the newer version, or removed from the older. */
export interface TextPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A field compared whole: its value in each version, as shown text (or null: not given). */
export interface FieldChange {
  /** The field's name, e.g. "startsOn"; the view translates it. */
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
  /** For free text: the word-by-word comparison. */
  parts?: TextPart[];
}

export interface SectionDiff {
  key: string;
  titleDa: string;
  titleEn: string;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  parts: TextPart[];
}

export interface PartyDiff {
  partyId: number;
  name: string;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  changes: FieldChange[];
}

export interface BudgetLineChange {
  kind: 'same' | 'added' | 'removed';
  line: VersionBudgetLine;
}

export interface AgreementDiff {
  terms: FieldChange[];
  sections: SectionDiff[];
  parties: PartyDiff[];
  budget: { changed: boolean; lines: BudgetLineChange[] };
  /** True when the two versions say the same in everything compared. */
  identical: boolean;
}

/** Word-by-word comparison of two texts. */
export function textParts(from: string, to: string): TextPart[] {
  if (from === to) return from === '' ? [] : [{ kind: 'same', text: from }];
  return diffWords(from, to).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

const TERM_FIELDS = [
  'title',
  'municipalUnit',
  'level',
  'startsOn',
  'endsOn',
  'noticeMonths',
  'reviewIntervalMonths',
  'howToJoin',
] as const satisfies readonly (keyof VersionContent)[];

/** The terms whose texts are compared word by word; the others are compared whole. */
const TEXT_TERMS = new Set<string>(['title', 'howToJoin']);

const PARTY_TEXT_FIELDS = ['tasks', 'contributes'] as const;
const PARTY_FIELDS = [
  'name',
  'contactName',
  'contactEmail',
  ...PARTY_TEXT_FIELDS,
  'checksChildCertificates',
  'handlesPersonalData',
] as const;

function compareFields<T extends object>(
  from: T | undefined,
  to: T | undefined,
  fields: readonly (keyof T & string)[],
  textFields: ReadonlySet<string>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const before = (from?.[field] ?? null) as FieldChange['from'];
    const after = (to?.[field] ?? null) as FieldChange['to'];
    if (before === after) continue;
    const change: FieldChange = { field, from: before, to: after };
    if (textFields.has(field)) change.parts = textParts(String(before ?? ''), String(after ?? ''));
    changes.push(change);
  }
  return changes;
}

function diffSections(from: VersionContent, to: VersionContent): SectionDiff[] {
  const older = new Map(from.sections.map((s) => [s.key, s]));
  const newer = new Set(to.sections.map((s) => s.key));
  const result: SectionDiff[] = to.sections.map((section) => {
    const before = older.get(section.key);
    if (!before) return { ...pick(section), status: 'added', parts: textParts('', section.body) };
    const status = before.body === section.body ? 'unchanged' : 'changed';
    return { ...pick(section), status, parts: status === 'unchanged' ? [] : textParts(before.body, section.body) };
  });
  // A section only the older version had (a renewal from another template): shown as removed.
  for (const section of from.sections) {
    if (!newer.has(section.key)) result.push({ ...pick(section), status: 'removed', parts: textParts(section.body, '') });
  }
  return result;
}

const pick = (s: { key: string; titleDa: string; titleEn: string }) => ({ key: s.key, titleDa: s.titleDa, titleEn: s.titleEn });

function diffParties(from: VersionContent, to: VersionContent): PartyDiff[] {
  const older = new Map(from.parties.map((p) => [p.partyId, p]));
  const newerIds = new Set(to.parties.map((p) => p.partyId));
  const textFields = new Set<string>(PARTY_TEXT_FIELDS);
  const result: PartyDiff[] = to.parties.map((party) => {
    const before = older.get(party.partyId);
    const changes = compareFields<VersionParty>(before, party, PARTY_FIELDS, textFields);
    const status = !before ? 'added' : changes.length === 0 ? 'unchanged' : 'changed';
    return { partyId: party.partyId, name: party.name, status, changes };
  });
  for (const party of from.parties) {
    if (!newerIds.has(party.partyId)) {
      result.push({
        partyId: party.partyId,
        name: party.name,
        status: 'removed',
        changes: compareFields<VersionParty>(party, undefined, PARTY_FIELDS, textFields),
      });
    }
  }
  return result;
}

const sameLine = (a: VersionBudgetLine, b: VersionBudgetLine) =>
  a.label === b.label && a.amountDkk === b.amountDkk && a.paidBy === b.paidBy;

function diffBudget(from: VersionContent, to: VersionContent): AgreementDiff['budget'] {
  const lines: BudgetLineChange[] = [];
  for (const change of diffArrays(from.budgetLines, to.budgetLines, { comparator: sameLine })) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const line of change.value) lines.push({ kind, line });
  }
  return { changed: lines.some((l) => l.kind !== 'same'), lines };
}

/** What changed from version `from` to version `to` (any two; the older need not come first). */
export function diffVersions(from: VersionContent, to: VersionContent): AgreementDiff {
  const terms = compareFields<VersionContent>(from, to, TERM_FIELDS, TEXT_TERMS);
  const sections = diffSections(from, to);
  const parties = diffParties(from, to);
  const budget = diffBudget(from, to);
  return {
    terms,
    sections,
    parties,
    budget,
    identical:
      terms.length === 0 &&
      sections.every((s) => s.status === 'unchanged') &&
      parties.every((p) => p.status === 'unchanged') &&
      !budget.changed,
  };
}
