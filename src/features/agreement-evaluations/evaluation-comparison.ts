// The parties' answers to an evaluation side by side, per checklist item, with a flag
// where they see the partnership differently: that is what the evaluation meeting
// should talk about first. Pure, so the rule is tested on its own.
import type { ChecklistAnswers, ChecklistRating } from '../agreements/evaluation-checklist.js';

export interface ComparisonParty {
  partyId: number;
  name: string;
}

export interface ComparisonItem {
  key: string;
  textDa: string;
  textEn: string;
}

export interface ComparisonCell {
  partyId: number;
  name: string;
  /** False when the party has not answered at all. */
  answered: boolean;
  rating: ChecklistRating | null;
  howItWent: string;
  toChange: string;
}

export interface ComparisonRow {
  key: string;
  textDa: string;
  textEn: string;
  cells: ComparisonCell[];
  differs: boolean;
}

/**
 * Two ratings differ when they are two or more steps apart, or one says "mostly" or
 * "fully" and the other "not at all" or "partly". "Don't know" (null) differs from
 * nothing: it is not an opinion to compare.
 */
export function ratingsDiffer(ratings: readonly (ChecklistRating | null)[]): boolean {
  const known = ratings.filter((r): r is ChecklistRating => r !== null);
  if (known.length < 2) return false;
  const high = Math.max(...known);
  const low = Math.min(...known);
  return high - low >= 2 || (high >= 3 && low <= 2);
}

export function compareAnswers(
  items: readonly ComparisonItem[],
  parties: readonly ComparisonParty[],
  answers: readonly { partyId: number; checklist: ChecklistAnswers }[],
): ComparisonRow[] {
  const byParty = new Map(answers.map((a) => [a.partyId, a.checklist]));
  return items.map((item) => {
    const cells = parties.map((party): ComparisonCell => {
      const checklist = byParty.get(party.partyId);
      const answer = checklist?.[item.key];
      return {
        partyId: party.partyId,
        name: party.name,
        answered: checklist !== undefined,
        rating: answer?.rating ?? null,
        howItWent: answer?.howItWent ?? '',
        toChange: answer?.toChange ?? '',
      };
    });
    return { key: item.key, textDa: item.textDa, textEn: item.textEn, cells, differs: ratingsDiffer(cells.map((c) => c.rating)) };
  });
}
