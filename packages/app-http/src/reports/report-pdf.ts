import * as echarts from 'echarts';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Cell } from '@ccpor/adapters';
import type { ReportDocument, ReportTableOut } from './report-document';

/** The PDF's standard fonts, known to every reader: nothing is read from disk or the network. */
const FONTS = { Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } };
const STANDARD_FONT_NAMES = new Set(Object.values(FONTS.Helvetica));
pdfmake.setFonts(FONTS);
// pdfmake would fetch URLs and read files a document names; a report names none, so refuse all.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONT_NAMES.has(path));

const CHART_WIDTH = 760;
const CHART_HEIGHT = 320;

/** The chart as SVG, drawn by ECharts' server-side renderer from the same option the page uses. */
export const chartSvg = (option: Record<string, unknown>): string => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};

/** A cell as the page and the PDF show it: shares in percent, minutes and days as numbers, instants in UTC. */
export const displayCell = (v: Cell, kind: ReportTableOut['columns'][number]['kind']): string => {
  if (v === null) return '—';
  if (kind === 'share' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'instant' && typeof v === 'string') return v.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return String(v);
};

const tableContent = (table: ReportTableOut): Content[] => [
  { text: table.title, style: 'tableTitle' },
  table.rows.length === 0
    ? { text: 'No rows for these filters.', italics: true, margin: [0, 0, 0, 8] }
    : {
        table: {
          headerRows: 1,
          body: [
            table.columns.map((c) => ({ text: c.label, bold: true })),
            ...table.rows.map((r) => table.columns.map((c) => ({ text: displayCell(r[c.key] ?? null, c.kind), alignment: (c.kind === 'text' || c.kind === 'instant' ? 'left' : 'right') as 'left' | 'right' }))),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: table.columns.length > 8 ? 6.5 : 8,
        margin: [0, 0, 0, 12],
      },
];

/** The report as a PDF: title, filters, the chart (SVG) and every table, the chart's table first. */
export const reportPdf = async (doc: ReportDocument): Promise<Buffer> => {
  const filters = Object.entries(doc.filters)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('; ');
  const definition: TDocumentDefinitions = {
    pageSize: 'LETTER',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 28],
    defaultStyle: { font: 'Helvetica', fontSize: 9 },
    info: { title: `CCPOR — ${doc.title}`, creator: 'CCPOR registry' },
    styles: { title: { fontSize: 16, bold: true }, tableTitle: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] } },
    content: [
      { text: doc.title, style: 'title' },
      { text: doc.rule, italics: true },
      { text: `As of ${doc.asOf}; ${doc.scope.kind === 'statewide' ? 'statewide' : `agency ${doc.scope.agencyOri}`}${filters ? `; ${filters}` : ''}`, margin: [0, 2, 0, 8] },
      { svg: chartSvg(doc.chart.option), width: CHART_WIDTH * 0.9 },
      { text: doc.chart.summary, fontSize: 8, italics: true, margin: [0, 2, 0, 8] },
      ...doc.tables.flatMap(tableContent),
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
};
