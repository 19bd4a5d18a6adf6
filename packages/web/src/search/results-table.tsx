import { Link } from '@tanstack/react-router';
import type { KeyboardEvent } from 'react';
import type { Agency, SearchHit } from '../api/types';
import { formatCounty, formatDate, formatName, formTitle } from '../view-logic/format';
import { RelatedIndicator } from './related-indicator';
import { StatusBadge } from './status-badge';

/**
 * The hits as a table a keyboard can walk: Tab reaches each order's link, and the arrow keys move
 * up and down the rows (Home and End to the first and last).
 */
export const ResultsTable = ({ hits, agencies, caption }: { hits: readonly SearchHit[]; agencies: readonly Agency[] | undefined; caption: string }) => {
  const court = (ori: string | null) => (ori === null ? undefined : agencies?.find((a) => a.ori === ori)?.name);
  const walk = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : e.key === 'ArrowUp' ? Math.max(at - 1, 0) : e.key === 'Home' ? 0 : links.length - 1;
    e.preventDefault();
    links[next]?.focus();
  };
  return (
    <div className="ccpor-table-scroll">
      <table className="usa-table usa-table--striped usa-table--compact ccpor-results">
        <caption className="usa-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="ccpor-results__person">Person</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Order</th>
            <th scope="col">Court and county</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">Images</th>
            <th scope="col">Other orders about these people</th>
          </tr>
        </thead>
        <tbody onKeyDown={walk}>
          {hits.map((h) => (
            <tr key={`${h.orderId}-${h.matchedAs}-${h.person.last}-${h.person.first}`}>
              <th scope="row">
                <Link to="/orders/$orderId" params={{ orderId: h.orderId }} data-row-link="" className="ccpor-results__name">
                  {formatName(h.person)}
                </Link>
                <span className="ccpor-results__role">
                  {h.matchedAs === 'restrained' ? 'Restrained person' : 'Protected person'}
                  {h.sealed ? ' · Sealed order' : ''}
                  {h.person.minor ? ' · Minor' : h.person.confidential ? ' · Confidential' : ''}
                </span>
              </th>
              <td>{formatDate(h.person.dateOfBirth)}</td>
              <td>
                <strong className="ccpor-nowrap">{h.form ?? '—'}</strong> {formTitle(h.form)}
                <span className="ccpor-results__sub">Case {h.caseNumber ?? '—'}</span>
              </td>
              <td>
                {court(h.courtOri) ?? h.courtOri ?? '—'}
                <span className="ccpor-results__sub">{formatCounty(h.county)} County</span>
              </td>
              <td>
                <StatusBadge hit={h} withDetail />
              </td>
              <td>{h.expiresAt === null && (h.status === 'active' || h.status === 'served') ? 'Does not expire' : formatDate(h.expiresAt)}</td>
              <td>{h.imageCount === 0 ? <span className="ccpor-muted">None</span> : `${h.imageCount} ${h.imageCount === 1 ? 'image' : 'images'}`}</td>
              <td>
                <RelatedIndicator related={h.related} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
