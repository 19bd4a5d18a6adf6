import type { Response } from 'express';
import type { Cell } from '@ccpor/adapters';
import type { KeyedTable } from './report-catalog';

/**
 * A cell as RFC 4180 CSV. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
 * prefixed with an apostrophe (OWASP's CSV-injection advice): case numbers and names are typed by
 * people. Numbers stay numbers.
 */
export const csvCell = (v: Cell): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * Writes the table as CSV, a line at a time, waiting for the socket to drain when its buffer is
 * full: a list of hundreds of orders is never one string in memory, and a slow client slows the
 * writer rather than growing a buffer.
 */
export const streamCsv = async (res: Response, table: KeyedTable, fileName: string): Promise<void> => {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  const write = async (line: string): Promise<void> => {
    if (!res.write(`${line}\r\n`)) await new Promise<void>((resolve) => res.once('drain', resolve));
  };
  await write(table.columns.map((c) => csvCell(c.label)).join(','));
  for (const row of table.rows) await write(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(','));
  res.end();
};
