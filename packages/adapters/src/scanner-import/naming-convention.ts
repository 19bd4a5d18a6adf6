import { left, right, type Either } from 'fp-ts/Either';
import type { ScanFields } from './scan-fields';

/** Kofax-style default: one file per order, `CA019015J_26FL001234_DV-130_20260302.pdf`. */
export const DEFAULT_NAMING_CONVENTION = '<courtORI>_<caseNumber>_<formNumber>_<yyyymmdd>.pdf';

type Field = 'courtOri' | 'caseNumber' | 'formNumber' | 'date' | 'ignore';

interface Token {
  readonly field: Field;
  readonly regex: string;
  /** Turns the captured text into the field's value (dates to YYYY-MM-DD). */
  readonly normalize?: (s: string) => string;
}

const TOKENS: Readonly<Record<string, Token>> = {
  courtORI: { field: 'courtOri', regex: '[A-Za-z]{2}[A-Za-z0-9]{7}' },
  caseNumber: { field: 'caseNumber', regex: '[A-Za-z0-9][A-Za-z0-9.\\- ]*?' },
  formNumber: { field: 'formNumber', regex: '[A-Za-z]{2,3}-?\\d{3}' },
  yyyymmdd: { field: 'date', regex: '\\d{8}', normalize: (s) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` },
  'yyyy-mm-dd': { field: 'date', regex: '\\d{4}-\\d{2}-\\d{2}' },
  mmddyyyy: { field: 'date', regex: '\\d{8}', normalize: (s) => `${s.slice(4, 8)}-${s.slice(0, 2)}-${s.slice(2, 4)}` },
  any: { field: 'ignore', regex: '.*?' },
};

/** `.pdf`, `.tif` and `.tiff` in any case: the extension only helps matching; content decides the type. */
const EXT = '(?:pdf|tiff?)';

export type ConventionMatcher = (fileName: string) => ScanFields | undefined;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Forms are written `DV-130` in the registry; scanners often drop the hyphen (`DV130`). */
const normalizeForm = (s: string): string => {
  const m = /^([A-Za-z]{2,3})-?(\d{3})$/.exec(s);
  return m ? `${m[1]!.toUpperCase()}-${m[2]}` : s.toUpperCase();
};

const isRealDate = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

/**
 * Compiles a naming convention: literal text with placeholders in angle brackets —
 * `<courtORI>`, `<caseNumber>`, `<formNumber>`, a date as `<yyyymmdd>`, `<yyyy-mm-dd>` or
 * `<mmddyyyy>`, `<any>` for text to ignore, and `<ext>` for pdf/tif/tiff. Literals match
 * without regard to case. `<caseNumber>` and `<formNumber>` are required.
 */
export const compileConvention = (pattern: string): Either<string, ConventionMatcher> => {
  const fields: Field[] = [];
  const normalizers: ((s: string) => string)[] = [];
  let regex = '';
  let rest = pattern;
  while (rest.length > 0) {
    const open = rest.indexOf('<');
    if (open < 0) {
      regex += escape(rest);
      break;
    }
    regex += escape(rest.slice(0, open));
    const close = rest.indexOf('>', open);
    if (close < 0) return left(`naming convention ${JSON.stringify(pattern)}: "<" without ">"`);
    const name = rest.slice(open + 1, close);
    if (name === 'ext') {
      regex += EXT;
    } else {
      const token = TOKENS[name];
      if (!token) return left(`naming convention ${JSON.stringify(pattern)}: unknown placeholder <${name}> (known: ${[...Object.keys(TOKENS), 'ext'].join(', ')})`);
      if (token.field !== 'ignore' && fields.includes(token.field)) return left(`naming convention ${JSON.stringify(pattern)}: ${token.field} appears twice`);
      regex += `(${token.regex})`;
      fields.push(token.field);
      normalizers.push(token.normalize ?? ((s) => s));
    }
    rest = rest.slice(close + 1);
  }
  if (!fields.includes('caseNumber') || !fields.includes('formNumber')) {
    return left(`naming convention ${JSON.stringify(pattern)} must contain <caseNumber> and <formNumber>`);
  }
  const compiled = new RegExp(`^${regex}$`, 'i');
  return right((fileName) => {
    const m = compiled.exec(fileName);
    if (!m) return undefined;
    const values: Partial<Record<Field, string>> = {};
    fields.forEach((field, i) => {
      values[field] = normalizers[i]!(m[i + 1] ?? '');
    });
    if (values.date !== undefined && !isRealDate(values.date)) return undefined;
    return {
      caseNumber: values.caseNumber!.toUpperCase(),
      formNumber: normalizeForm(values.formNumber!),
      ...(values.courtOri !== undefined ? { courtOri: values.courtOri.toUpperCase() } : {}),
      ...(values.date !== undefined ? { date: values.date } : {}),
    };
  });
};
