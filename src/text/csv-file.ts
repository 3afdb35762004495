// CSV files people open in a spreadsheet: the committee report's download
// (plan-reports) and the audit log's (audit-log). One way to write them, so each is
// safe to double-click in Danish Excel.
import { stringify } from 'csv-stringify/sync';

/**
 * Danish Excel opens a CSV by double-click with the system's list separator (";", as
 * "," is the decimal comma) and reads it as Windows-1252 unless the file starts with a
 * UTF-8 byte-order mark. So: ";" and a BOM, or æ, ø, å and every column break.
 */
export const CSV_DELIMITER = ';';

/**
 * A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV
 * injection), and cells hold text typed by associations, citizens and staff. Such a cell is
 * written with a leading apostrophe, which spreadsheets show as text; reading a CSV
 * removes it again. (The XLSX stores text as text, so it needs no guard.)
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell as written to a CSV: one that a spreadsheet would run as a formula starts with an apostrophe. */
export const guardCsvCell = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
/** A cell read back from a CSV this portal wrote: the guard's apostrophe removed. */
export const unguardCsvCell = (value: string) => (value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value);

export function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const text = stringify([header.map(guardCsvCell), ...rows.map((row) => row.map(guardCsvCell))], {
    delimiter: CSV_DELIMITER,
    bom: true,
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}
