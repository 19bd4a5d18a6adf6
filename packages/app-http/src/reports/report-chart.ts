import type { ReportTable } from '@ccpor/adapters';

/**
 * How a report's first table becomes a bar chart: the category axis (one column, or several
 * joined), the series (columns), or a pivot (one column's values become the series).
 */
export type ChartSpec =
  | { readonly kind: 'columns'; readonly category: readonly string[]; readonly series: readonly string[]; readonly stacked?: boolean }
  | { readonly kind: 'pivot'; readonly category: string; readonly seriesFrom: string; readonly value: string };

const PALETTE = ['#005ea2', '#d83933', '#00a91c', '#ffbe2e', '#8168b3', '#1a4480', '#e66f0e', '#4d8055'];

/**
 * The Apache ECharts option of a report's chart: plain JSON (no functions), so the browser and the
 * server-side SVG renderer draw it alike. Shares are drawn in percent. `aria` lets ECharts describe
 * the chart to screen readers; the table is the full text alternative.
 */
export const chartOption = (table: ReportTable, spec: ChartSpec): Record<string, unknown> => {
  let categories: string[];
  let series: { name: string; data: number[]; stack?: string }[];
  if (spec.kind === 'columns') {
    categories = table.rows.map((r) => spec.category.map((c) => String(r[c] ?? '')).join(' / '));
    // A column the table does not hold this time (in force now, grouped by month) draws no series.
    series = spec.series.filter((key) => table.columns.some((c) => c.key === key)).map((key) => {
      const column = table.columns.find((c) => c.key === key);
      const percent = column?.kind === 'share';
      return {
        name: `${column?.label ?? key}${percent ? ' (%)' : ''}`,
        data: table.rows.map((r) => {
          const v = r[key];
          return typeof v === 'number' ? (percent ? Math.round(v * 1000) / 10 : v) : 0;
        }),
        ...(spec.stacked ? { stack: 'total' } : {}),
      };
    });
  } else {
    categories = [...new Set(table.rows.map((r) => String(r[spec.category])))];
    const names = [...new Set(table.rows.map((r) => String(r[spec.seriesFrom])))];
    series = names.map((name) => ({
      name,
      stack: 'total',
      data: categories.map((c) =>
        table.rows.filter((r) => String(r[spec.category]) === c && String(r[spec.seriesFrom]) === name).reduce((n, r) => n + Number(r[spec.value] ?? 0), 0),
      ),
    }));
  }
  return {
    animation: false,
    aria: { enabled: true },
    color: PALETTE,
    textStyle: { fontFamily: 'Helvetica, Arial, sans-serif' },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: series.map((s) => s.name) },
    grid: { left: 56, right: 24, top: 48, bottom: 72 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
    // Shares are drawn against the whole: 0–100 %.
    yAxis: { type: 'value', ...(spec.kind === 'columns' && spec.series.every((k) => table.columns.find((c) => c.key === k)?.kind === 'share') ? { min: 0, max: 100 } : {}) },
    series: series.map((s) => ({ type: 'bar', ...s })),
  };
};

/** A sentence that says what the chart shows, for the page and the PDF. */
export const chartSummary = (table: ReportTable, spec: ChartSpec): string =>
  spec.kind === 'columns'
    ? `${table.title}: ${spec.series.filter((k) => table.columns.some((c) => c.key === k)).map((k) => table.columns.find((c) => c.key === k)?.label ?? k).join(', ')} for each of ${table.rows.length} rows; the table below holds every figure.`
    : `${table.title}: ${table.columns.find((c) => c.key === spec.value)?.label ?? spec.value} stacked by ${spec.seriesFrom}; the table below holds every figure.`;
