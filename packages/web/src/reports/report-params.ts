/**
 * A report's filters as they stand in the address bar (`/reports/service?from=2026-01-01&court=CA019015J`),
 * so a report can be bookmarked and sent; the same parameters go to the API, and to its CSV and PDF.
 */
export interface ReportParams {
  /** California dates, both inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly county?: string;
  readonly court?: string;
  readonly orderType?: string;
  /** The statistical report's grouping. */
  readonly by?: string;
}

const KEYS = ['from', 'to', 'county', 'court', 'orderType', 'by'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const validateReportParams = (raw: Record<string, unknown>): ReportParams => {
  const out: Record<string, string> = {};
  for (const k of KEYS) {
    const v = Array.isArray(raw[k]) ? (raw[k] as unknown[])[0] : raw[k];
    if ((typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '' && String(v).length <= 40) out[k] = String(v).trim();
  }
  for (const k of ['from', 'to'] as const) if (out[k] !== undefined && !DATE.test(out[k])) delete out[k];
  return out;
};

/** The query string the API takes for these filters (without the leading '?'). */
export const reportQueryString = (p: ReportParams, extra: Record<string, string> = {}): string => {
  const q = new URLSearchParams();
  for (const k of KEYS) if (p[k] !== undefined) q.set(k, p[k]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
};
