import {
  accessReport,
  dataQualityReport,
  expiringReport,
  rejectsReport,
  serviceReport,
  statisticalReport,
  timelinessReport,
  type ReportFilter,
  type ReportSource,
  type ReportTable,
  type StatisticsDimension,
} from '@ccpor/adapters';
import type { GlobalAction } from '@ccpor/domain';
import type * as t from 'io-ts';
import type { ChartSpec } from './report-chart';
import { AccessReportQuery, ReportQuery, StatisticalReportQuery } from './report-request';

export type ReportName = 'statistical' | 'timeliness' | 'service' | 'expiring' | 'rejects' | 'data-quality' | 'access';

export interface KeyedTable extends ReportTable {
  readonly key: string;
}

/** One report: what it is called, which permission reads it, how it runs and how its chart is drawn. */
export interface ReportDefinition {
  readonly name: ReportName;
  readonly title: string;
  readonly summary: string;
  readonly rule: string;
  readonly action: Extract<GlobalAction, 'statistics.read' | 'reports.access.read'>;
  readonly query: t.Mixed;
  readonly chart: ChartSpec;
  /**
   * Without a date range, the months before now the report covers (its `from` is then stated in the
   * document's filters): a statewide timeliness over every order ever issued sorts every latency.
   */
  readonly defaultMonths?: number;
  readonly run: (src: ReportSource, filter: ReportFilter, query: { by?: StatisticsDimension }) => Promise<readonly KeyedTable[]>;
}

// Each adapter report is an object of named tables, in the order the page shows them.
const keyed = <R extends { [K in keyof R]: ReportTable }>(tables: R): KeyedTable[] =>
  Object.entries(tables as Record<string, ReportTable>).map(([key, table]) => ({ key, ...table }));

export const REPORTS: readonly ReportDefinition[] = [
  {
    name: 'statistical',
    title: 'Orders issued, entered, in force, renewed and canceled',
    summary: 'Orders issued and entered by month, county, court, order type or stage; orders in force now; renewals; cancellations by reason',
    rule: 'Registry statistics (issue 16); months in California time',
    action: 'statistics.read',
    query: StatisticalReportQuery,
    chart: { kind: 'columns', category: ['key'], series: ['issued', 'entered', 'inForce'] },
    run: async (src, f, q) => keyed(await statisticalReport(src, f, q.by ?? 'month')),
  },
  {
    name: 'timeliness',
    title: 'DOJ timeliness',
    summary: 'Per court, the share of orders that reached DOJ within one business day of issue, time from issue to transmission and to acknowledgement, late and overdue orders',
    rule: 'Fam. Code 6380(a): one business day of issue, on the court’s calendar (docs/law/doj-deadlines.md)',
    action: 'statistics.read',
    query: ReportQuery,
    chart: { kind: 'columns', category: ['court'], series: ['shareAcknowledgedInTime'] },
    defaultMonths: 12,
    run: async (src, f) => keyed(await timelinessReport(src, f)),
  },
  {
    name: 'service',
    title: 'Orders in force not yet served',
    summary: 'Orders in force never served, by age (over 7, 30 and 90 days since issue), per court and entering agency, with the list',
    rule: 'Fam. Code 6383 (service of the order); docs/law/service.md',
    action: 'statistics.read',
    query: ReportQuery,
    chart: { kind: 'columns', category: ['court', 'agency'], series: ['unserved', 'over7', 'over30', 'over90'] },
    run: async (src, f) => keyed(await serviceReport(src, f)),
  },
  {
    name: 'expiring',
    title: 'Orders expiring soon',
    summary: 'Orders in force expiring in the next 30, 60 and 90 days (the renewal window), per court',
    rule: 'Fam. Code 6345 (renewal before expiry)',
    action: 'statistics.read',
    query: ReportQuery,
    chart: { kind: 'columns', category: ['court'], series: ['within30', 'within60', 'within90'] },
    run: async (src, f) => keyed(await expiringReport(src, f)),
  },
  {
    name: 'rejects',
    title: 'DOJ rejects',
    summary: 'DOJ rejects by error code and court, month by month (the error notification owed to courts)',
    rule: 'CARPOS error notification to the entering court',
    action: 'statistics.read',
    query: ReportQuery,
    chart: { kind: 'pivot', category: 'month', seriesFrom: 'code', value: 'rejects' },
    run: async (src, f) => keyed(await rejectsReport(src, f)),
  },
  {
    name: 'data-quality',
    title: 'Data quality',
    summary: 'Orders in force without an image, drafts waiting for data, orders awaiting DOJ-required fields',
    rule: 'Registry data quality (issue 16)',
    action: 'statistics.read',
    query: ReportQuery,
    chart: { kind: 'columns', category: ['court'], series: ['withoutImage', 'drafts', 'awaitingDojFields'] },
    run: async (src, f) => keyed(await dataQualityReport(src, f)),
  },
  {
    name: 'access',
    title: 'Access: denials and sealed-order reads',
    summary: 'Denied access attempts and sealed-order reads by agency and user (state and local administrators only)',
    rule: 'Access audit (ADR 0031, 0034)',
    action: 'reports.access.read',
    query: AccessReportQuery,
    chart: { kind: 'columns', category: ['agency', 'user'], series: ['denied', 'sealedReads'] },
    run: async (src, f) => keyed(await accessReport(src, f)),
  },
];
