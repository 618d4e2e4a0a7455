/**
 * Formula neutralisation for every cell the exports write (OWASP, "CSV Injection"): a cell
 * that a spreadsheet could read as a formula or a DDE command is prefixed with a single quote,
 * so Excel and LibreOffice show it as text. The triggers are =, +, -, @, tab and carriage
 * return at the start, also after leading spaces (Excel skips them) and in their full-width
 * forms (some spreadsheets fold them to ASCII). The XLSX writer uses it too: a string cell is
 * not evaluated there, but a sheet re-saved as CSV or edited in place would be.
 */
const trigger = /^[ \u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export function neutraliseCell(text: string): string {
  return trigger.test(text) ? `'${text}` : text;
}

/** True when `neutraliseCell` would change it (tests and reports). */
export function isFormulaLike(text: string): boolean {
  return trigger.test(text);
}
