// The difference between two versions of an agreement (agreement-diff.ts): sections
// word by word, unchanged sections only named, the terms, each party's part and the
// budget compared field by field.
import { describe, expect, it } from 'vitest';
import { diffVersions, textParts } from '../../../src/features/agreements/agreement-diff.js';
import type { VersionContent } from '../../../src/features/agreements/agreement-version.js';

function content(overrides: Partial<VersionContent> = {}): VersionContent {
  return {
    title: 'Grow Your Life',
    municipalUnit: 'Center for Sundhed',
    level: 'SHARED_TASKS',
    templateVersion: 0,
    startsOn: '2026-01-15',
    endsOn: '2027-12-31',
    noticeMonths: 3,
    reviewIntervalMonths: 6,
    howToJoin: '',
    sections: [
      { key: 'purpose', titleDa: 'Formål', titleEn: 'Purpose', body: 'Unge og ældre dyrker grøntsager sammen.' },
      { key: 'activities', titleDa: 'Aktiviteter', titleEn: 'Activities', body: 'Havedage hver tirsdag.' },
    ],
    parties: [
      {
        partyId: 1,
        kind: 'MUNICIPALITY',
        associationId: null,
        name: 'Center for Sundhed',
        contactName: '',
        contactEmail: null,
        tasks: 'Stiller have til rådighed.',
        contributes: '',
        checksChildCertificates: false,
        handlesPersonalData: false,
      },
      {
        partyId: 2,
        kind: 'ASSOCIATION',
        associationId: 7,
        name: 'Haveforeningen Spire',
        contactName: 'Kim',
        contactEmail: 'kim@example.org',
        tasks: 'Leder havedagene.',
        contributes: '40 timer',
        checksChildCertificates: false,
        handlesPersonalData: true,
      },
    ],
    budgetLines: [
      { label: 'Frø', amountDkk: 2000, paidBy: 'Kommunen' },
      { label: 'Redskaber', amountDkk: 5000, paidBy: 'Kommunen' },
    ],
    ...overrides,
  };
}

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    const diff = diffVersions(content(), content());
    expect(diff.identical).toBe(true);
    expect(diff.terms).toEqual([]);
    expect(diff.sections.every((s) => s.status === 'unchanged' && s.parts.length === 0)).toBe(true);
    expect(diff.parties.every((p) => p.status === 'unchanged')).toBe(true);
    expect(diff.budget.changed).toBe(false);
  });

  it('shows a changed section word by word and only names the unchanged one', () => {
    const newer = content();
    newer.sections = [{ ...newer.sections[0]!, body: 'Unge og ældre dyrker blomster sammen.' }, newer.sections[1]!];
    const diff = diffVersions(content(), newer);
    expect(diff.identical).toBe(false);
    const [purpose, activities] = diff.sections;
    expect(purpose).toMatchObject({ key: 'purpose', status: 'changed' });
    expect(purpose!.parts).toEqual([
      { kind: 'same', text: 'Unge og ældre dyrker ' },
      { kind: 'removed', text: 'grøntsager' },
      { kind: 'added', text: 'blomster' },
      { kind: 'same', text: ' sammen.' },
    ]);
    expect(activities).toMatchObject({ key: 'activities', status: 'unchanged', parts: [] });
  });

  it('marks sections only one version has as added or removed', () => {
    const newer = content({
      sections: [content().sections[0]!, { key: 'economy', titleDa: 'Økonomi', titleEn: 'Economy', body: 'Kommunen betaler.' }],
    });
    const diff = diffVersions(content(), newer);
    expect(diff.sections.map((s) => [s.key, s.status])).toEqual([
      ['purpose', 'unchanged'],
      ['economy', 'added'],
      ['activities', 'removed'],
    ]);
    expect(diff.sections[1]!.parts).toEqual([{ kind: 'added', text: 'Kommunen betaler.' }]);
    expect(diff.sections[2]!.parts).toEqual([{ kind: 'removed', text: 'Havedage hver tirsdag.' }]);
  });

  it('compares the terms field by field, and free-text terms word by word', () => {
    const diff = diffVersions(content(), content({ endsOn: null, noticeMonths: 6, title: 'Grow Your Life 2027' }));
    expect(diff.terms.map((t) => [t.field, t.from, t.to])).toEqual([
      ['title', 'Grow Your Life', 'Grow Your Life 2027'],
      ['endsOn', '2027-12-31', null],
      ['noticeMonths', 3, 6],
    ]);
    expect(diff.terms[0]!.parts).toEqual([
      { kind: 'same', text: 'Grow Your Life ' },
      { kind: 'added', text: '2027' },
    ]);
    expect(diff.terms[1]!.parts).toBeUndefined();
  });

  it("compares each party's part, and knows a party added or removed", () => {
    const older = content();
    const newer = content();
    newer.parties = [
      older.parties[0]!,
      { ...older.parties[1]!, tasks: 'Leder og planlægger havedagene.', checksChildCertificates: true },
      { ...older.parties[1]!, partyId: 3, kind: 'EXTERNAL', associationId: null, name: 'Aftenskolen' },
    ];
    const diff = diffVersions(older, newer);
    expect(diff.parties.map((p) => [p.name, p.status])).toEqual([
      ['Center for Sundhed', 'unchanged'],
      ['Haveforeningen Spire', 'changed'],
      ['Aftenskolen', 'added'],
    ]);
    const spire = diff.parties[1]!;
    expect(spire.changes.map((c) => c.field)).toEqual(['tasks', 'checksChildCertificates']);
    expect(spire.changes[0]!.parts).toContainEqual({ kind: 'added', text: 'og planlægger ' });
    expect(spire.changes[1]).toMatchObject({ from: false, to: true });

    const removed = diffVersions(newer, older).parties.find((p) => p.partyId === 3);
    expect(removed?.status).toBe('removed');
  });

  it('lists the budget lines with the ones added and removed', () => {
    const newer = content({
      budgetLines: [
        { label: 'Frø', amountDkk: 2500, paidBy: 'Kommunen' },
        { label: 'Redskaber', amountDkk: 5000, paidBy: 'Kommunen' },
      ],
    });
    const diff = diffVersions(content(), newer);
    expect(diff.budget.changed).toBe(true);
    expect(diff.budget.lines.map((l) => [l.kind, l.line.label, l.line.amountDkk])).toEqual([
      ['removed', 'Frø', 2000],
      ['added', 'Frø', 2500],
      ['same', 'Redskaber', 5000],
    ]);
  });
});

describe('textParts', () => {
  it('gives nothing for two empty texts and the whole text when nothing changed', () => {
    expect(textParts('', '')).toEqual([]);
    expect(textParts('Samme tekst', 'Samme tekst')).toEqual([{ kind: 'same', text: 'Samme tekst' }]);
  });
});
