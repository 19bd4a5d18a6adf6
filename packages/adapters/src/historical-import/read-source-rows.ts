import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export type SourceFormat = 'csv' | 'jsonl';

export interface SourceRow {
  /** 1-based number of the data row (the CSV header and blank lines do not count). */
  readonly row: number;
  /** Line in the file where the row starts. */
  readonly line: number;
  readonly record: Readonly<Record<string, string>>;
  /** Set when the row could not be read as a record at all. */
  readonly unreadable?: string;
}

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** CSV with a header row, streamed through csv-parse: the file is never held whole. */
async function* csvRows(path: string): AsyncIterable<SourceRow> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  let row = 0;
  // csv-parse counts rows with the wrong number of fields so far; a row is bad when the count grows.
  let invalidSoFar = 0;
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
    row += 1;
    const invalid = item.info.invalid_field_length > invalidSoFar;
    invalidSoFar = item.info.invalid_field_length;
    yield {
      row,
      line: item.info.lines,
      record: item.record,
      ...(invalid ? { unreadable: 'the row has a different number of fields than the header' } : {}),
    };
  }
}

/** JSON lines: one object per line; blank lines are skipped, a line that is not an object is a rejected row. */
async function* jsonlRows(path: string): AsyncIterable<SourceRow> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let row = 0;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    row += 1;
    try {
      const value = JSON.parse(text) as unknown;
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
      yield { row, line, record: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)])) };
    } catch (error) {
      yield { row, line, record: {}, unreadable: `not a JSON object: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}

export const readSourceRows = (path: string, format: SourceFormat): AsyncIterable<SourceRow> => (format === 'csv' ? csvRows(path) : jsonlRows(path));

export const formatOf = (path: string): SourceFormat => (/\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv');
