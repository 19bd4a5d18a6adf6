import { statusBadge } from '../view-logic/order-status';

/** The status in words, with a symbol and a colour that only repeat what the words say. */
export const StatusBadge = ({ hit, withDetail = false }: { hit: Parameters<typeof statusBadge>[0]; withDetail?: boolean }) => {
  const b = statusBadge(hit);
  return (
    <span className="ccpor-status">
      <span className={`ccpor-badge ccpor-badge--${b.tone}`}>
        <span aria-hidden="true" className="ccpor-badge__symbol">
          {b.symbol}
        </span>
        {b.label}
      </span>
      {withDetail && b.detail && <span className="ccpor-status__detail">{b.detail}</span>}
    </span>
  );
};
