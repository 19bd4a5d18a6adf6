import { Link } from '@tanstack/react-router';
import type { Conflict } from '@ccpor/domain';
import { ruleWords } from '../view-logic/expiry-rule';
import { LockIcon } from '../layout/icons';

export interface CommandWarnings {
  readonly warnings?: readonly Conflict[];
  readonly withheldOrders?: number;
  readonly warningsUnavailable?: string;
}

/**
 * The conflicts a draft or an add answers with (ADR 0040): other orders in force about the same
 * people and where their terms differ, the withheld (sealed) ones only counted. Shown before the
 * clerk adds the order; the clerk confirms having seen them (ADR 0056).
 */
export const ConflictWarnings = ({ w, seen, onSeen, self }: { w: CommandWarnings; seen: boolean; onSeen: (v: boolean) => void; self: string }) => {
  const list = w.warnings ?? [];
  const withheld = w.withheldOrders ?? 0;
  if (list.length === 0 && withheld === 0 && !w.warningsUnavailable) return null;
  return (
    <section className="usa-alert usa-alert--warning usa-alert--slim ccpor-conflict-warnings" aria-labelledby="conflicts-heading">
      <div className="usa-alert__body">
        <h2 id="conflicts-heading" className="usa-alert__heading">
          Other orders about the same people
        </h2>
        {list.length > 0 && (
          <ul data-testid="conflict-list">
            {list.map((c, i) => (
              <li key={i}>
                {c.explanation}
                {c.needsJudge && <strong> For a judge to resolve.</strong>}{' '}
                {c.orderIds
                  .filter((id) => id !== self)
                  .map((id) => (
                    <Link key={id} to="/orders/$orderId" params={{ orderId: id }} target="_blank">
                      order {id.slice(0, 8)}
                    </Link>
                  ))}
                <span className="ccpor-rules__why">{ruleWords(c.rule)}</span>
              </li>
            ))}
          </ul>
        )}
        {withheld > 0 && (
          <p data-testid="withheld-count">
            <LockIcon /> {withheld} more {withheld === 1 ? 'order' : 'orders'} about these people {withheld === 1 ? 'is' : 'are'} withheld from you (sealed); a supervisor can see {withheld === 1 ? 'it' : 'them'}.
          </p>
        )}
        {w.warningsUnavailable && <p>{w.warningsUnavailable}</p>}
        <div className="usa-checkbox">
          <input id="conflicts-seen" className="usa-checkbox__input" type="checkbox" checked={seen} onChange={(e) => onSeen(e.target.checked)} />
          <label className="usa-checkbox__label" htmlFor="conflicts-seen">
            I have seen these orders and warnings
          </label>
        </div>
      </div>
    </section>
  );
};
