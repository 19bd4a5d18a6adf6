import * as t from 'io-ts';

const Cell = t.union([t.string, t.number, t.null], 'ReportCell');
const Column = t.type(
  { key: t.string, label: t.string, kind: t.keyof({ text: null, count: null, share: null, minutes: null, days: null, instant: null }) },
  'ReportColumn',
);
export const ReportTableCodec = t.type(
  { key: t.string, title: t.string, columns: t.array(Column), rows: t.array(t.record(t.string, Cell)) },
  'ReportTable',
);

/**
 * A report as every format carries it (JSON, CSV, PDF, the web page): its tables — the first is
 * the one the chart draws, and is the chart's text alternative — and the chart as an Apache
 * ECharts option, built once on the server so the page and the PDF draw the same chart.
 */
export const ReportDocumentCodec = t.type(
  {
    report: t.string,
    title: t.string,
    /** The statute or rule the report measures, where there is one. */
    rule: t.string,
    asOf: t.string,
    scope: t.union([t.type({ kind: t.literal('statewide') }), t.type({ kind: t.literal('agency'), agencyOri: t.string })]),
    filters: t.record(t.string, t.union([t.string, t.array(t.string)])),
    /** Which table the chart draws, its summary in words, and the ECharts option. */
    chart: t.type({ table: t.string, summary: t.string, option: t.UnknownRecord }),
    tables: t.array(ReportTableCodec),
  },
  'ReportDocument',
);
export type ReportDocument = t.TypeOf<typeof ReportDocumentCodec>;
export type ReportTableOut = t.TypeOf<typeof ReportTableCodec>;
