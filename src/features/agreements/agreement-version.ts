// A sent version of an agreement: the whole agreement as the partners were asked to
// accept it, stored as JSON in agreement_versions.content. The working copy (the
// agreement's own rows) is what staff edit; sending freezes it into the next version.
// A database trigger refuses any change of a stored version's content.
import type { AgreementWithRows } from './agreement-service.js';
import { partyName } from './agreement-service.js';

export interface VersionSection {
  key: string;
  titleDa: string;
  titleEn: string;
  body: string;
}

export interface VersionParty {
  /** agreement_parties.id: answers and evaluations refer to the party by it. */
  partyId: number;
  kind: 'MUNICIPALITY' | 'ASSOCIATION' | 'EXTERNAL';
  associationId: number | null;
  name: string;
  contactName: string;
  contactEmail: string | null;
  tasks: string;
  contributes: string;
  checksChildCertificates: boolean;
  handlesPersonalData: boolean;
}

export interface VersionBudgetLine {
  label: string;
  amountDkk: number;
  paidBy: string;
}

export interface VersionContent {
  title: string;
  municipalUnit: string;
  level: string;
  templateVersion: number;
  /** Calendar dates as YYYY-MM-DD, or null. */
  startsOn: string | null;
  endsOn: string | null;
  noticeMonths: number | null;
  reviewIntervalMonths: number | null;
  howToJoin: string;
  sections: VersionSection[];
  parties: VersionParty[];
  budgetLines: VersionBudgetLine[];
}

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The working copy as the content of a new version. */
export function versionContentOf(agreement: AgreementWithRows): VersionContent {
  return {
    title: agreement.title,
    municipalUnit: agreement.municipalUnit,
    level: agreement.level,
    templateVersion: agreement.templateVersion,
    startsOn: isoDate(agreement.startsOn),
    endsOn: isoDate(agreement.endsOn),
    noticeMonths: agreement.noticeMonths,
    reviewIntervalMonths: agreement.reviewIntervalMonths,
    howToJoin: agreement.howToJoin,
    sections: agreement.sections.map((s) => ({ key: s.key, titleDa: s.titleDa, titleEn: s.titleEn, body: s.body })),
    parties: agreement.parties.map((p) => ({
      partyId: p.id,
      kind: p.kind,
      associationId: p.associationId,
      name: partyName(p),
      contactName: p.contactName,
      contactEmail: p.contactEmail,
      tasks: p.tasks,
      contributes: p.contributes,
      checksChildCertificates: p.checksChildCertificates,
      handlesPersonalData: p.handlesPersonalData,
    })),
    budgetLines: agreement.budgetLines.map((l) => ({ label: l.label, amountDkk: l.amountDkk, paidBy: l.paidBy })),
  };
}

/** A stored version's content (written only by versionContentOf, so the cast is its shape). */
export const readVersionContent = (content: unknown): VersionContent => content as VersionContent;

const dateOf = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00.000Z`) : null);

/**
 * A version's content as the content and terms partials (views/agreements/content.ejs,
 * terms.ejs) show it, in the reader's language. The working copy's page gives them
 * the same shape.
 */
export function versionDocument(content: VersionContent, lang: string) {
  return {
    ...content,
    startsOn: dateOf(content.startsOn),
    endsOn: dateOf(content.endsOn),
    sections: content.sections.map((s) => ({ ...s, title: lang === 'da' ? s.titleDa : s.titleEn, guidance: '' })),
    parties: content.parties.map((p) => ({ ...p, displayName: p.name })),
    budgetTotal: content.budgetLines.reduce((sum, line) => sum + line.amountDkk, 0),
  };
}

export type VersionDocument = ReturnType<typeof versionDocument>;
