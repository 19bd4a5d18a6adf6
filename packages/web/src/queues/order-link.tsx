import { Link } from '@tanstack/react-router';

/** Every queue row opens its order (beside its image); a correction is made from there. */
export const OrderLink = ({ orderId, children }: { orderId: string; children?: React.ReactNode }) => (
  <Link to="/orders/$orderId" params={{ orderId }} className="ccpor-queue__order">
    {children ?? `Order ${orderId.slice(0, 8)}`}
  </Link>
);
