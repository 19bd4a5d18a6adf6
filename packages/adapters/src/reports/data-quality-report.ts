import { and, iso, issuedInRange, num, Params, rowFilters, run, type ReportFilter, type ReportRow, type ReportSource, type ReportTable } from './report-filter';

export interface DataQualityReport {
  readonly byCourt: ReportTable;
  /** Orders in force with no image of the signed order. */
  readonly withoutImage: ReportTable;
  /** Drafts waiting for data, the longest waiting first. */
  readonly drafts: ReportTable;
}

/**
 * Data quality (issue 16): orders in force without an image, drafts waiting for data (a scan that
 * made a draft, an entry begun), and orders whose DOJ message waits for DOJ-required fields (the
 * gateway's awaiting-data queue, when it runs beside the views). Partial indexes
 * order_search_no_image and order_search_drafts keep each a short read.
 */
export const dataQualityReport = async (src: ReportSource, f: ReportFilter): Promise<DataQualityReport> => {
  // Each statement binds its own parameters: an unused one has no type PostgreSQL can infer.
  const noImageWhere = (p: Params, scope: readonly string[]): string =>
    and(['s.image_count = 0', "s.status IN ('active', 'served')", `coalesce(s.expires_at, 'infinity'::timestamptz) > ${p.add(f.now, 'timestamptz')}`, ...issuedInRange(f, p, 's.issued_at'), ...scope]);
  const draftsWhere = (p: Params, scope: readonly string[]): string => and(["s.status = 'draft'", ...issuedInRange(f, p, 's.created_at'), ...scope]);
  const p = new Params();
  const scope = rowFilters(f, p);
  const noImage = noImageWhere(p, scope);
  const drafts = draftsWhere(p, scope);
  const awaiting =
    src.carposSchema === undefined
      ? ''
      : `UNION ALL
         SELECT coalesce(s.court_ori, ''), 'awaitingDojFields', count(DISTINCT s.order_id)
         FROM "${src.carposSchema}".carpos_outbox o JOIN {{schema}}.order_search s ON s.order_id = o.order_id::uuid
         WHERE o.status = 'awaiting-data' AND ${and(scope)} GROUP BY 1`;
  const counts = await run<{ court: string; measure: string; n: unknown }>(
    src,
    `SELECT coalesce(s.court_ori, '') AS court, 'withoutImage' AS measure, count(*) AS n FROM {{schema}}.order_search s WHERE ${noImage} GROUP BY 1
     UNION ALL
     SELECT coalesce(s.court_ori, ''), 'drafts', count(*) FROM {{schema}}.order_search s WHERE ${drafts} GROUP BY 1
     ${awaiting}`,
    p,
  );
  const byCourt = new Map<string, Record<string, number>>();
  for (const c of counts) {
    const k = c.court === '' ? 'unknown' : c.court;
    byCourt.set(k, { ...(byCourt.get(k) ?? {}), [c.measure]: num(c.n) });
  }
  const q = new Params();
  const forList = { noImage: noImageWhere(q, rowFilters(f, q)) };
  const imageless = await run<Record<string, unknown>>(
    src,
    `SELECT s.order_id::text AS order_id, s.case_number, s.court_ori, s.entering_ori, s.order_type, s.issued_at FROM {{schema}}.order_search s
     WHERE ${forList.noImage} ORDER BY s.issued_at, s.order_id LIMIT ${q.add(f.listLimit ?? 500, 'int')}`,
    q,
  );
  const r = new Params();
  const forDrafts = { drafts: draftsWhere(r, rowFilters(f, r)), now: r.add(f.now, 'timestamptz') };
  const waiting = await run<Record<string, unknown>>(
    src,
    `SELECT s.order_id::text AS order_id, s.case_number, s.court_ori, s.entering_ori, s.form, s.created_at,
            floor(extract(epoch FROM ${forDrafts.now} - s.created_at) / 86400)::int AS age_days
     FROM {{schema}}.order_search s WHERE ${forDrafts.drafts} ORDER BY s.created_at, s.order_id LIMIT ${r.add(f.listLimit ?? 500, 'int')}`,
    r,
  );
  const orderColumns: ReportTable['columns'] = [
    { key: 'orderId', label: 'Order', kind: 'text' },
    { key: 'caseNumber', label: 'Case number', kind: 'text' },
    { key: 'court', label: 'Court', kind: 'text' },
    { key: 'agency', label: 'Entering agency', kind: 'text' },
  ];
  return {
    byCourt: {
      title: 'Data quality by court',
      columns: [
        { key: 'court', label: 'Court', kind: 'text' },
        { key: 'withoutImage', label: 'In force without an image', kind: 'count' },
        { key: 'drafts', label: 'Drafts waiting for data', kind: 'count' },
        ...(src.carposSchema !== undefined ? [{ key: 'awaitingDojFields', label: 'Awaiting DOJ-required fields', kind: 'count' as const }] : []),
      ],
      rows: [...byCourt.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([court, v]) => ({
          court,
          withoutImage: v.withoutImage ?? 0,
          drafts: v.drafts ?? 0,
          ...(src.carposSchema !== undefined ? { awaitingDojFields: v.awaitingDojFields ?? 0 } : {}),
        })),
    },
    withoutImage: {
      title: 'Orders in force without an image',
      columns: [...orderColumns, { key: 'orderType', label: 'Order type', kind: 'text' }, { key: 'issuedAt', label: 'Issued', kind: 'instant' }],
      rows: imageless.map(
        (r): ReportRow => ({
          orderId: String(r.order_id),
          caseNumber: (r.case_number as string | null) ?? null,
          court: (r.court_ori as string | null) ?? null,
          agency: String(r.entering_ori),
          orderType: (r.order_type as string | null) ?? null,
          issuedAt: iso(r.issued_at),
        }),
      ),
    },
    drafts: {
      title: 'Drafts waiting for data, the longest waiting first',
      columns: [...orderColumns, { key: 'form', label: 'Form', kind: 'text' }, { key: 'createdAt', label: 'Created', kind: 'instant' }, { key: 'ageDays', label: 'Waiting (days)', kind: 'days' }],
      rows: waiting.map(
        (r): ReportRow => ({
          orderId: String(r.order_id),
          caseNumber: (r.case_number as string | null) ?? null,
          court: (r.court_ori as string | null) ?? null,
          agency: String(r.entering_ori),
          form: (r.form as string | null) ?? null,
          createdAt: iso(r.created_at),
          ageDays: num(r.age_days),
        }),
      ),
    },
  };
};
