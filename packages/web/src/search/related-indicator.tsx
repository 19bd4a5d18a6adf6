import type { SearchHit } from '../api/types';
import { LinkedIcon, WarningIcon } from '../layout/icons';

/** Other orders in force about the same people, and their conflicts: the officer's first question. */
export const relatedWords = (r: SearchHit['related']): string => {
  if (r.otherOrdersInForce === 0) return 'None';
  const orders = `${r.otherOrdersInForce} other ${r.otherOrdersInForce === 1 ? 'order' : 'orders'} in force`;
  // Past the ranking limit the API gives the count alone: conflicts are read from the order's list.
  if (r.tooManyRelatedOrders !== undefined) return `${orders}: too many to compare here, see the order`;
  if (r.conflicts === undefined || r.conflicts === 0) return orders;
  return `${orders}, ${r.conflicts} ${r.conflicts === 1 ? 'conflict' : 'conflicts'}${r.needsJudge ? ' (needs a judge)' : ''}`;
};

export const RelatedIndicator = ({ related }: { related: SearchHit['related'] }) => {
  const words = relatedWords(related);
  if (related.otherOrdersInForce === 0) return <span className="ccpor-muted">{words}</span>;
  return (
    <span className={(related.conflicts ?? 0) > 0 || related.tooManyRelatedOrders ? 'ccpor-related ccpor-related--conflict' : 'ccpor-related'}>
      {(related.conflicts ?? 0) > 0 || related.tooManyRelatedOrders ? <WarningIcon /> : <LinkedIcon />}{' '}
      {words}
    </span>
  );
};
