// An agreement as a PDF to download: the working copy (GET /medarbejder/samarbejdsaftaler/
// :id/pdf) or a sent version (…/versioner/:number/pdf), from the document shape the
// content and terms partials share (agreement-version.ts versionDocument): the
// same content as its page, in the reader's language, without the template's guidance
// (it is advice for the writer, not part of the agreement). The standard Helvetica fonts
// need no font files and cover Danish letters (WinAnsi encoding).
import type PDFKit from 'pdfkit';
import type { TFunction } from 'i18next';

/**
 * What the PDF shows: the shared document shape (the working copy's page view, or a
 * sent version's versionDocument). A sent version has no status or next review of its
 * own (they belong to the agreement), so those are optional; its subtitle names it.
 */
export interface AgreementPdfContent {
  title: string;
  status?: string;
  /** A line under the title, e.g. "Version 2, sent 1 November 2026". */
  subtitle?: string;
  level: string;
  municipalUnit: string;
  startsOn: Date | null;
  endsOn: Date | null;
  noticeMonths: number | null;
  reviewIntervalMonths: number | null;
  nextReview?: Date | null;
  parties: readonly {
    kind: string;
    displayName: string;
    contactName: string | null;
    contactEmail: string | null;
    tasks: string;
    contributes: string;
    checksChildCertificates: boolean;
    handlesPersonalData: boolean;
  }[];
  budgetLines: readonly { label: string; amountDkk: number; paidBy: string }[];
  budgetTotal: number;
  sections: readonly { title: string; body: string }[];
  /** The public "how to join in" text (part of the content, like the page shows it). */
  howToJoin?: string;
}

export interface PdfReader {
  t: TFunction;
  formatDate: (date: Date) => string;
  formatAmount: (amount: number) => string;
}

/** A4 with the print stylesheet's 18 mm margins, in points. */
const MARGIN = (18 / 25.4) * 72;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** pdfkit, loaded on first use: only the agreements' PDF downloads need it (~22 MB of memory). */
const loadPdfKit = async (): Promise<typeof PDFKit> => (await import('pdfkit')).default;

export async function agreementPdf(agreement: AgreementPdfContent, reader: PdfReader): Promise<Buffer> {
  const { t, formatDate, formatAmount } = reader;
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: agreement.title },
    displayTitle: true,
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string, size: number) => {
    doc.moveDown(0.8).font(BOLD).fontSize(size).text(text).moveDown(0.3);
  };
  const fact = (label: string, value: string) => {
    doc.font(BOLD).fontSize(10).text(`${label}: `, { continued: true }).font(REGULAR).text(value);
  };
  const months = (value: number | null) => (value === null ? t('agreements.show.notSet') : t('agreements.show.months', { count: value }));
  const written = (text: string) => (text.trim() === '' ? t('agreements.show.notWritten') : text);
  const yesNo = (value: boolean) => (value ? t('agreements.show.yes') : t('agreements.show.no'));

  doc.font(BOLD).fontSize(18).text(agreement.title);
  const level = t(`agreements.level.${agreement.level}`);
  doc
    .font(REGULAR)
    .fontSize(11)
    .text(agreement.status ? `${t(`agreements.status.${agreement.status}`)} · ${level}` : level);
  if (agreement.subtitle) doc.font(REGULAR).fontSize(11).text(agreement.subtitle);

  heading(t('agreements.show.factsHeading'), 14);
  if (agreement.status) fact(t('agreements.fields.status'), t(`agreements.status.${agreement.status}`));
  fact(t('agreements.fields.level'), t(`agreements.level.${agreement.level}`));
  fact(t('agreements.fields.municipalUnit'), agreement.municipalUnit);
  fact(t('agreements.fields.startsOn'), agreement.startsOn ? formatDate(agreement.startsOn) : t('agreements.show.notSet'));
  fact(t('agreements.fields.endsOn'), agreement.endsOn ? formatDate(agreement.endsOn) : t('agreements.show.noEnd'));
  fact(t('agreements.fields.noticeMonths'), months(agreement.noticeMonths));
  fact(t('agreements.fields.reviewIntervalMonths'), months(agreement.reviewIntervalMonths));
  if (agreement.nextReview !== undefined)
    fact(t('agreements.fields.nextReview'), agreement.nextReview ? formatDate(agreement.nextReview) : t('agreements.show.noNextReview'));

  heading(t('agreements.show.partiesHeading'), 14);
  for (const party of agreement.parties) {
    heading(`${party.displayName} (${t(`agreements.partyKind.${party.kind}`)})`, 12);
    const contact = [party.contactName, party.contactEmail].filter(Boolean).join(', ');
    if (contact) fact(t('agreements.fields.contact'), contact);
    fact(t('agreements.fields.tasks'), written(party.tasks));
    fact(t('agreements.fields.contributes'), written(party.contributes));
    fact(t('agreements.fields.checksChildCertificates'), yesNo(party.checksChildCertificates));
    fact(t('agreements.fields.handlesPersonalData'), yesNo(party.handlesPersonalData));
  }

  heading(t('agreements.show.budgetHeading'), 14);
  if (agreement.budgetLines.length === 0) {
    doc.font(REGULAR).fontSize(10).text(t('agreements.show.noBudget'));
  } else {
    for (const line of agreement.budgetLines) {
      doc
        .font(REGULAR)
        .fontSize(10)
        .text(t('agreements.pdf.budgetLine', { label: line.label, amount: formatAmount(line.amountDkk), paidBy: line.paidBy }));
    }
    fact(t('agreements.show.total'), t('agreements.pdf.amount', { amount: formatAmount(agreement.budgetTotal) }));
  }

  heading(t('agreements.show.sectionsHeading'), 14);
  agreement.sections.forEach((section, index) => {
    heading(`${index + 1}. ${section.title}`, 12);
    doc.font(REGULAR).fontSize(10).text(written(section.body));
  });

  heading(t('agreements.fields.howToJoin'), 14);
  doc
    .font(REGULAR)
    .fontSize(10)
    .text(written(agreement.howToJoin ?? ''));

  doc.end();
  return done;
}
