import { and, num, Params, run, type ReportFilter, type ReportSource, type ReportTable } from './report-filter';

export interface AccessReport {
  readonly byAgencyAndUser: ReportTable;
}

/**
 * Denied access attempts and sealed-order reads by agency and user (`access_counts`, kept from the
 * access audit's AccessDecisionsRecorded events; California days). For state and local
 * administrators only — the route asks the policy; a local administrator's are their agency's users.
 */
export const accessReport = async (src: ReportSource, f: Pick<ReportFilter, 'from' | 'to' | 'agencyOri'>): Promise<AccessReport> => {
  const p = new Params();
  const where = and([
    ...(f.from ? [`day >= ${p.add(f.from, 'text')}`] : []),
    ...(f.to ? [`day <= ${p.add(f.to, 'text')}`] : []),
    ...(f.agencyOri !== undefined ? [`agency_ori = ${p.add(f.agencyOri, 'text')}`] : []),
  ]);
  const rows = await run<Record<string, unknown>>(
    src,
    `SELECT agency_ori, user_id,
            sum(events) FILTER (WHERE kind = 'denied') AS denied,
            sum(events) FILTER (WHERE kind = 'sealed-read') AS sealed_reads
     FROM {{schema}}.access_counts WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
    p,
  );
  return {
    byAgencyAndUser: {
      title: 'Denied access attempts and sealed-order reads',
      columns: [
        { key: 'agency', label: 'Agency', kind: 'text' },
        { key: 'user', label: 'User', kind: 'text' },
        { key: 'denied', label: 'Denied attempts', kind: 'count' },
        { key: 'sealedReads', label: 'Sealed-order reads', kind: 'count' },
      ],
      rows: rows.map((r) => ({ agency: String(r.agency_ori), user: String(r.user_id), denied: num(r.denied), sealedReads: num(r.sealed_reads) })),
    },
  };
};
