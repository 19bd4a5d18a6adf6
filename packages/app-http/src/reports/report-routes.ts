import type { ReportSource } from '@ccpor/adapters';
import { californiaLocalDate, reportScopeOf, type Clock } from '@ccpor/domain';
import type { Request, Response } from 'express';
import { jsonContent } from '../conflicts/precedence-codecs';
import type { ApiRouter } from '../http/api-router';
import type { Guard } from '../http/guard';
import { badRequest } from '../http/problem';
import { searchVisibility } from '../search/search-visibility';
import { setPosition, waitForHeader, type WaitForNeeds } from '../search/search-routes';
import { chartOption, chartSummary } from './report-chart';
import { REPORTS, type ReportDefinition } from './report-catalog';
import { streamCsv } from './report-csv';
import { ReportDocumentCodec, type ReportDocument } from './report-document';
import { reportPdf } from './report-pdf';
import { CsvQuery, toFilter, type ReportQuery } from './report-request';
import type { OrderSearchService } from '../search/order-search-service';
import type { CarposService } from '../carpos/carpos-service';

const TAG = 'reports';

/** What the report routes read: the search views and, when `serve` runs it, the CARPOS gateway's SQL. */
export interface ReportRouteNeeds extends WaitForNeeds {
  readonly clock: Clock;
  readonly search: OrderSearchService;
  readonly carpos?: CarposService;
}

/**
 * Every report as JSON, CSV (streamed) and PDF (issue 16, ADR 0026): one route per report and
 * format, authorized by the domain's policy (`statistics.read`; the access report
 * `reports.access.read`) and audited by the guard like every other route, read from the report
 * views (never the log).
 */
export const registerReportRoutes = (api: ApiRouter, s: ReportRouteNeeds, guard: Guard): void => {
  const source = (): ReportSource => {
    const views = s.search.views;
    // The gateway's tables share the log's database and schema when the views are beside the log too.
    const carposSchema = s.carpos !== undefined && views.placement === 'beside the log' && s.carpos.store.schema === views.schema ? views.schema : undefined;
    return { db: views.db, schema: views.schema, ...(carposSchema !== undefined ? { carposSchema } : {}) };
  };

  const build = async (def: ReportDefinition, req: Request, res: Response, query: ReportQuery & { by?: 'month' | 'county' | 'court' | 'orderType' | 'stage' }): Promise<ReportDocument> => {
    const principal = guard.global(req, res, def.action);
    await waitForHeader(req, s);
    const now = s.clock.now();
    if (def.defaultMonths !== undefined && query.from === undefined && query.to === undefined) {
      // The first day of the month `defaultMonths` before now's, in California.
      const [y, m] = californiaLocalDate(now).split('-').map(Number) as [number, number];
      const start = new Date(Date.UTC(y, m - 1 - def.defaultMonths, 1)).toISOString().slice(0, 10);
      query = { ...query, from: start as ReportQuery['from'] & string };
    }
    // Whose records the report counts is the access policy's (domain/access/visibility.ts).
    const scope = reportScopeOf(principal, def.action === 'reports.access.read' ? 'access' : 'orders');
    const filter = {
      ...toFilter(query, now),
      ...(scope.kind === 'agency' ? { agencyOri: scope.agencyOri } : {}),
      // What the caller could not find is neither listed nor counted (ADR 0034).
      visibility: searchVisibility(principal),
    };
    const tables = await def.run(source(), filter, query);
    const first = tables[0]!;
    setPosition(res, s);
    const filters = Object.fromEntries(
      Object.entries(query)
        .filter(([k, v]) => v !== undefined && k !== 'table')
        .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
    );
    return {
      report: def.name,
      title: def.title,
      rule: def.rule,
      asOf: now,
      scope,
      filters,
      chart: { table: first.key, summary: chartSummary(first, def.chart), option: chartOption(first, def.chart) },
      tables: tables.map((t) => ({ key: t.key, title: t.title, columns: t.columns.map((c) => ({ ...c })), rows: t.rows.map((r) => ({ ...r })) })),
    };
  };

  for (const def of REPORTS) {
    const path = `/reports/${def.name}`;
    api.add({
      method: 'get',
      path,
      summary: `${def.summary} (JSON: the chart as an ECharts option and the tables behind it)`,
      tag: TAG,
      query: def.query,
      headers: ['X-CCPOR-Wait-For'],
      success: 200,
      responseContent: jsonContent(ReportDocumentCodec),
      handler: async ({ req, res, query }) => build(def, req, res, query as ReportQuery),
    });
    api.add({
      method: 'get',
      path: `${path}.csv`,
      summary: `${def.title}: one table as CSV, streamed (\`table\` names it; the chart's table by default)`,
      tag: TAG,
      query: CsvQuery(def.query),
      success: 200,
      responseContent: { 'text/csv': { schema: { type: 'string' } } },
      handler: async ({ req, res, query }) => {
        const q = query as ReportQuery & { table?: string };
        const doc = await build(def, req, res, q);
        const table = q.table === undefined ? doc.tables[0] : doc.tables.find((t) => t.key === q.table);
        if (table === undefined) throw badRequest('UNKNOWN_TABLE', `This report has the tables ${doc.tables.map((t) => t.key).join(', ')}.`, 'table');
        await streamCsv(res, table, `ccpor-${def.name}-${table.key}-${doc.asOf.slice(0, 10)}.csv`);
        return undefined;
      },
    });
    api.add({
      method: 'get',
      path: `${path}.pdf`,
      summary: `${def.title} as a PDF: the chart (SVG) and every table behind it`,
      tag: TAG,
      query: def.query,
      success: 200,
      responseContent: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
      handler: async ({ req, res, query }) => {
        const doc = await build(def, req, res, query as ReportQuery);
        const pdf = await reportPdf(doc);
        res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="ccpor-${def.name}-${doc.asOf.slice(0, 10)}.pdf"`);
        res.end(pdf);
        return undefined;
      },
    });
  }
};
