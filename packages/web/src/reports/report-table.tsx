import { Link } from '@tanstack/react-router';
import type { ReportTable } from './report-types';

type Column = ReportTable['columns'][number];
type Cell = ReportTable['rows'][number][string];

/** A cell in words: shares in percent, instants in California time, empty as a dash. */
export const cellText = (v: Cell | undefined, kind: Column['kind']): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (kind === 'share' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'instant' && typeof v === 'string')
    return new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(v));
  if (typeof v === 'number') return v.toLocaleString('en-US');
  return v;
};

const numeric = (kind: Column['kind']): boolean => kind !== 'text' && kind !== 'instant';

/** One table of a report, with its title as caption; an order's id opens the order. */
export const ReportTableView = ({ table, id }: { table: ReportTable; id: string }) => (
  <div className="ccpor-report-table">
    <table className="usa-table usa-table--striped usa-table--compact" id={id}>
      <caption>{table.title}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th key={c.key} scope="col" className={numeric(c.kind) ? 'ccpor-num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 && (
          <tr>
            <td colSpan={table.columns.length}>No rows for these filters.</td>
          </tr>
        )}
        {table.rows.map((row, i) => (
          <tr key={String(row.orderId ?? i)}>
            {table.columns.map((c) => (
              <td key={c.key} className={numeric(c.kind) ? 'ccpor-num' : undefined}>
                {c.key === 'orderId' && typeof row.orderId === 'string' ? (
                  <Link to="/orders/$orderId" params={{ orderId: row.orderId }}>
                    {`${row.orderId.slice(0, 8)}…`}
                  </Link>
                ) : (
                  cellText(row[c.key], c.kind)
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
