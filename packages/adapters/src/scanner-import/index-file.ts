import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { XMLParser } from 'fast-xml-parser';
import { left, right, type Either } from 'fp-ts/Either';
import type { ScanFields } from './scan-fields';

/** File name (as it is in the inbox) → what the index says about it. */
export type ScanIndex = ReadonlyMap<string, ScanFields>;

export interface IndexFileError {
  readonly code: 'INDEX_UNREADABLE' | 'INDEX_INVALID';
  readonly message: string;
}

/** Index column and field names are matched without regard to case, spaces, hyphens or underscores. */
const canonical = (s: string): string => s.toLowerCase().replace(/[\s_\-.]/g, '');

const ALIASES: Readonly<Record<string, keyof ScanFields | 'file'>> = {
  file: 'file',
  filename: 'file',
  document: 'file',
  documentfile: 'file',
  image: 'file',
  casenumber: 'caseNumber',
  caseno: 'caseNumber',
  case: 'caseNumber',
  formnumber: 'formNumber',
  form: 'formNumber',
  formno: 'formNumber',
  courtori: 'courtOri',
  ori: 'courtOri',
  court: 'courtOri',
  date: 'date',
  filingdate: 'date',
  scandate: 'date',
};

const normalizeDate = (s: string): string | undefined => {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : undefined;
};

const normalizeForm = (s: string): string => {
  const m = /^([A-Za-z]{2,3})-?(\d{3})$/.exec(s.trim());
  return m ? `${m[1]!.toUpperCase()}-${m[2]}` : s.trim().toUpperCase();
};

/** Turns one record of named values into an index entry, or says what is missing. */
const toEntry = (values: Readonly<Record<string, string>>, where: string): Either<IndexFileError, [string, ScanFields]> => {
  const picked: Partial<Record<keyof ScanFields | 'file', string>> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = ALIASES[canonical(key)];
    if (field && value.trim() !== '' && picked[field] === undefined) picked[field] = value.trim();
  }
  const missing = (['file', 'caseNumber', 'formNumber'] as const).filter((f) => picked[f] === undefined);
  if (missing.length > 0) return left({ code: 'INDEX_INVALID', message: `${where}: missing ${missing.join(', ')}` });
  const date = picked.date === undefined ? undefined : normalizeDate(picked.date);
  if (picked.date !== undefined && date === undefined) {
    return left({ code: 'INDEX_INVALID', message: `${where}: date ${JSON.stringify(picked.date)} is not YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY` });
  }
  return right([
    // Exports made on Windows carry the scan station's folder: only the name reaches the inbox.
    picked.file!.split(/[\\/]/).pop()!,
    {
      caseNumber: picked.caseNumber!.toUpperCase(),
      formNumber: normalizeForm(picked.formNumber!),
      ...(picked.courtOri !== undefined ? { courtOri: picked.courtOri.toUpperCase() } : {}),
      ...(date !== undefined ? { date } : {}),
    },
  ]);
};

const readCsvIndex = async (path: string): Promise<Either<IndexFileError, ScanIndex>> => {
  const entries = new Map<string, ScanFields>();
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      row += 1;
      const entry = toEntry(record, `${basename(path)} row ${row}`);
      if (entry._tag === 'Left') return entry;
      entries.set(entry.right[0], entry.right[1]);
    }
  } catch (error) {
    return left({ code: 'INDEX_UNREADABLE', message: `${basename(path)}: ${error instanceof Error ? error.message : String(error)}` });
  }
  return right(entries);
};

type XmlNode = Record<string, unknown>;

/** The primitive values of a node: its attributes, its text-only children and `<Field name=".." value=".."/>` pairs. */
const valuesOf = (node: XmlNode): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' || typeof value === 'number') values[key.replace(/^@_/, '')] = String(value);
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (item && typeof item === 'object') {
        const named = item as XmlNode;
        const name = named['@_name'] ?? named['@_Name'];
        const val = named['@_value'] ?? named['@_Value'] ?? named['#text'];
        if (typeof name === 'string' && (typeof val === 'string' || typeof val === 'number')) values[name] = String(val);
      }
    }
  }
  return values;
};

/**
 * XML index exports differ by product; any element that names a file together with a case and
 * form number (as attributes, child elements, or name/value field pairs) is one entry.
 */
const readXmlIndex = async (path: string): Promise<Either<IndexFileError, ScanIndex>> => {
  let tree: unknown;
  try {
    tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false }).parse(
      await readFile(path, 'utf8'),
      true,
    );
  } catch (error) {
    return left({ code: 'INDEX_UNREADABLE', message: `${basename(path)}: ${error instanceof Error ? error.message : String(error)}` });
  }
  const entries = new Map<string, ScanFields>();
  let count = 0;
  const visit = (node: unknown): Either<IndexFileError, void> => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const r = visit(n);
        if (r._tag === 'Left') return r;
      }
      return right(undefined);
    }
    if (!node || typeof node !== 'object') return right(undefined);
    const values = valuesOf(node as XmlNode);
    if (Object.keys(values).some((k) => ALIASES[canonical(k)] === 'file')) {
      count += 1;
      const entry = toEntry(values, `${basename(path)} entry ${count}`);
      if (entry._tag === 'Left') return entry;
      entries.set(entry.right[0], entry.right[1]);
      return right(undefined);
    }
    for (const child of Object.values(node as XmlNode)) {
      const r = visit(child);
      if (r._tag === 'Left') return r;
    }
    return right(undefined);
  };
  const visited = visit(tree);
  return visited._tag === 'Left' ? visited : right(entries);
};

/**
 * Reads a scanner's index export. The format is told by the content's first character (`<` is
 * XML, anything else CSV with a header row), so a `.txt` export works too. Index files are
 * small (one line per order of a batch), so the XML one is parsed whole.
 */
export const readScanIndex = async (path: string): Promise<Either<IndexFileError, ScanIndex>> => {
  let first: string;
  try {
    const handle = await readFile(path, { encoding: 'utf8', flag: 'r' });
    first = handle.replace(/^\uFEFF/, '').trimStart().charAt(0);
  } catch (error) {
    return left({ code: 'INDEX_UNREADABLE', message: `${basename(path)}: ${error instanceof Error ? error.message : String(error)}` });
  }
  return first === '<' ? readXmlIndex(path) : readCsvIndex(path);
};

/** Several index files (one per batch) merged; a later file wins for the same name. */
export const readScanIndexes = async (paths: readonly string[]): Promise<Either<IndexFileError, ScanIndex>> => {
  const merged = new Map<string, ScanFields>();
  for (const path of paths) {
    const one = await readScanIndex(path);
    if (one._tag === 'Left') return one;
    for (const [k, v] of one.right) merged.set(k, v);
  }
  return right(merged);
};
