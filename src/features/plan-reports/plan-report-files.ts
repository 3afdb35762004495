// Tables to and from files: the report's CSV and XLSX downloads, and reading an
// uploaded CSV or XLSX back into rows of text for the import. The file holds the text
// the page shows; reading it back gives the same text, so an exported file imports
// unchanged.
import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { unguardCsvCell } from '../../text/csv-file.js';

// The CSV writing (delimiter, BOM, the guard against CSV injection) is shared with the
// audit log's download: src/text/csv-file.ts.
export { CSV_DELIMITER, csvFile } from '../../text/csv-file.js';

export interface XlsxOptions {
  sheetName: string;
  /** A title row above the header (e.g. "not final"); the import finds the header under it. */
  title?: string;
  /** Columns whose values are whole numbers: written as numbers, so Excel can sum them. */
  numberColumns: ReadonlySet<number>;
  /** Column widths in characters. */
  widths: readonly number[];
}

/**
 * exceljs, loaded on first use: only staff's report downloads and imports need it, and
 * loaded at start it would hold ~28 MB of every portal process's memory (docs/PERFORMANCE.md).
 */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export async function xlsxFile(header: readonly string[], rows: readonly (readonly string[])[], options: XlsxOptions): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  // The header row (and the title above it) stays in view while scrolling.
  const headerRowNumber = options.title ? 2 : 1;
  const sheet = workbook.addWorksheet(options.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: headerRowNumber }],
  });
  sheet.columns = header.map((_, index) => ({ width: options.widths[index] ?? 20 }));
  if (options.title) {
    sheet.addRow([options.title]);
    sheet.getRow(1).font = { bold: true, size: 14 };
  }
  sheet.addRow([...header]);
  sheet.getRow(headerRowNumber).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row.map((value, index) => (options.numberColumns.has(index) && /^-?\d+$/.test(value) ? Number(value) : value)));
  }
  sheet.eachRow((row, number) => {
    if (number > headerRowNumber) row.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type ReadFailure = 'empty' | 'type' | 'unreadable';
export type ReadResult = { ok: true; rows: string[][] } | { ok: false; reason: ReadFailure };

const isZip = (data: Buffer) => data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;

/** The most an XLSX may unpack to: a spreadsheet of 500 rows is far below it. */
export const XLSX_MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

/**
 * The unpacked size a zip declares in its central directory (null: no readable
 * directory, or ZIP64). A 1 MB upload could otherwise unpack to gigabytes in memory
 * (a "zip bomb") before the spreadsheet is read.
 */
export function zipUnpackedSize(data: Buffer): number | null {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i -= 1) {
    if (data.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== ENTRY) return null;
    const size = data.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return null;
    total += size;
    offset += 46 + data.readUInt16LE(offset + 28) + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return total;
}

/** The file's type from its name, confirmed by its content (an XLSX is a zip; a CSV is not). */
function fileType(fileName: string, data: Buffer): 'csv' | 'xlsx' | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'xlsx') return isZip(data) ? 'xlsx' : null;
  if (extension === 'csv' || extension === 'txt') return isZip(data) || data.includes(0) ? null : 'csv';
  return null;
}

/**
 * Windows-1252's bytes 0x80–0x9F (Node's TextDecoder('windows-1252') reads them as
 * latin1, i.e. as C1 control characters). The five bytes cp1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay control characters, which the import refuses.
 */
const CP1252_HIGH: Record<number, string> = {
  0x80: '\u20AC',
  0x82: '\u201A',
  0x83: '\u0192',
  0x84: '\u201E',
  0x85: '\u2026',
  0x86: '\u2020',
  0x87: '\u2021',
  0x88: '\u02C6',
  0x89: '\u2030',
  0x8a: '\u0160',
  0x8b: '\u2039',
  0x8c: '\u0152',
  0x8e: '\u017D',
  0x91: '\u2018',
  0x92: '\u2019',
  0x93: '\u201C',
  0x94: '\u201D',
  0x95: '\u2022',
  0x96: '\u2013',
  0x97: '\u2014',
  0x98: '\u02DC',
  0x99: '\u2122',
  0x9a: '\u0161',
  0x9b: '\u203A',
  0x9c: '\u0153',
  0x9e: '\u017E',
  0x9f: '\u0178',
};

/** Bytes as Windows-1252 text: latin1, with 0x80–0x9F from the real cp1252 table. */
export function decodeCp1252(data: Buffer): string {
  let text = '';
  for (const byte of data) text += CP1252_HIGH[byte] ?? String.fromCharCode(byte);
  return text;
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: Excel's "CSV (semikolonsepareret)" writes Windows-1252.
    return decodeCp1252(data);
  }
}

function readCsv(data: Buffer): string[][] {
  const text = decodeText(data).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Our own files use ";"; a file saved elsewhere may use ",".
  const delimiter = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ',';
  const records = parse(text, { delimiter, relax_column_count: true }) as string[][];
  return records.map((record) => record.map(unguardCsvCell));
}

/** A cell's value as the text it shows (exceljs gives numbers, dates, rich text, formula results …). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const unpacked = zipUnpackedSize(data);
  if (unpacked === null || unpacked > XLSX_MAX_UNPACKED_BYTES) throw new Error('xlsx too large unpacked');
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    rows.push(cells);
  });
  return rows;
}

/**
 * An uploaded file as rows of text (the first is the header), or why it cannot be read.
 * Empty rows are kept, so a row's index + 1 is the row number a spreadsheet shows.
 */
export async function readTable(fileName: string, data: Buffer): Promise<ReadResult> {
  if (data.length === 0) return { ok: false, reason: 'empty' };
  const type = fileType(fileName, data);
  if (!type) return { ok: false, reason: 'type' };
  try {
    const rows = (type === 'csv' ? readCsv(data) : await readXlsx(data)).map((row) => row.map((cell) => cell.trim()));
    const nonEmpty = rows.filter((row) => row.some((cell) => cell !== ''));
    return nonEmpty.length === 0 ? { ok: false, reason: 'empty' } : { ok: true, rows };
  } catch {
    // A broken zip or an unclosed quote: the file is not what it claims to be.
    return { ok: false, reason: 'unreadable' };
  }
}
