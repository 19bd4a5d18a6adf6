import { REDACTED, type OrderPrecedence, type ProtectedPerson } from '@ccpor/domain';
import { Link } from '@tanstack/react-router';
import type { OrderRead } from '../api/types';
import { ruleWords } from '../view-logic/expiry-rule';
import { formatDate, formatName, formTypeOf, orderTypeWords } from '../view-logic/format';
import { DIMENSION_WORDS, provisionWording } from '../view-logic/provision-wording';
import { LockIcon, WarningIcon } from '../layout/icons';

type Pair = OrderPrecedence['pairs'][number];

const STATE_WORDS = { 'in-force': 'In force', 'not-yet-in-force': 'Not yet in force', expired: 'Expired', canceled: 'Canceled' } as const;
const STATE_SYMBOL = { 'in-force': '●', 'not-yet-in-force': '◐', expired: '○', canceled: '✕' } as const;

const OrderRef = ({ id, self }: { id: string; self: string }) =>
  id === self ? (
    <strong>this order</strong>
  ) : (
    <Link to="/orders/$orderId" params={{ orderId: id }}>
      order {id.slice(0, 8)}
    </Link>
  );

const personWords = (p: ProtectedPerson | undefined, i: number) => (p === undefined || p.name.last === REDACTED ? `protected person ${i + 1} (identity withheld)` : formatName(p.name));

/** One protected person: the orders about the pair, which term governs and why, the conflicts, and what is withheld. */
const PairView = ({ pair, self, person, caseOf }: { pair: Pair; self: string; person: string; caseOf: (id: string) => string | undefined }) => {
  const e = pair.enforcement;
  const conflicts = pair.conflicts ?? [];
  return (
    <section className="ccpor-pair" aria-labelledby={`pair-${pair.protectedPerson}`}>
      <h3 id={`pair-${pair.protectedPerson}`}>Protecting {person}</h3>
      {pair.tooManyRelatedOrders !== undefined && (
        <div className="usa-alert usa-alert--warning usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              <WarningIcon /> {pair.tooManyRelatedOrders.orders} orders about these two people are in force: more than the {pair.tooManyRelatedOrders.limit} the registry ranks
              against each other. Which term governs and the conflicts are not worked out here; read the orders in the list below.
            </p>
          </div>
        </div>
      )}
      <p>
        {e === undefined
          ? null
          : e.inForce.length === 0
          ? 'No order about these two people is in force now.'
          : `${e.inForce.length} ${e.inForce.length === 1 ? 'order is' : 'orders are'} in force about these two people now (as of ${formatDate(e.at)}).`}
        {pair.withheldOrders > 0 && (
          <strong className="ccpor-withheld">
            {' '}
            <LockIcon /> {pair.withheldOrders} more {pair.withheldOrders === 1 ? 'order about them is' : 'orders about them are'} withheld from you (sealed). A supervisor can see {pair.withheldOrders === 1 ? 'it' : 'them'}.
          </strong>
        )}
      </p>

      <h4>Orders about these people</h4>
      <div className="ccpor-table-scroll">
      <table className="usa-table usa-table--borderless usa-table--compact ccpor-related-table">
        <caption className="usa-sr-only">Orders about the restrained person and {person}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Case</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">Now</th>
            <th scope="col">Name match</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <strong>This order</strong>
            </td>
            <td>{caseOf(self)}</td>
            <td colSpan={4} className="ccpor-muted">
              (the order on this page)
            </td>
          </tr>
          {pair.relatedOrders.map((o) => (
            <tr key={o.orderId}>
              <td>
                <Link to="/orders/$orderId" params={{ orderId: o.orderId }} className="ccpor-nowrap">
                  {o.form}
                </Link>
                <span className="ccpor-results__sub">{orderTypeWords(formTypeOf(o.form))}</span>
              </td>
              <td className="ccpor-nowrap">{o.caseNumber}</td>
              <td className="ccpor-nowrap">{formatDate(o.issuedAt)}</td>
              <td className="ccpor-nowrap">{o.expiresAt === null ? 'Does not expire' : formatDate(o.expiresAt)}</td>
              <td>
                <span aria-hidden="true">{STATE_SYMBOL[o.state]} </span>
                {STATE_WORDS[o.state]}
              </td>
              <td>{o.match === 'exact' ? 'Same name and date of birth' : 'Name sounds alike, same date of birth'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {pair.relatedOrders.length === 0 && <p className="ccpor-muted">No other order about these two people is in the registry{pair.withheldOrders > 0 ? ' that you may see' : ''}.</p>}

      {e !== undefined && (
        <>
      <h4>What to enforce</h4>
      {e.terms.length === 0 ? (
        <p className="ccpor-muted">No typed term is in force; read the judges’ terms below and the order images.</p>
      ) : (
        <table className="usa-table usa-table--borderless ccpor-terms-table">
          <caption className="usa-sr-only">The term that governs each kind of conduct, and why</caption>
          <thead>
            <tr>
              <th scope="col">About</th>
              <th scope="col">Enforce</th>
              <th scope="col">From</th>
              <th scope="col">Why this order governs</th>
            </tr>
          </thead>
          <tbody>
            {e.terms.map((t) => (
              <tr key={t.dimension}>
                <th scope="row">{DIMENSION_WORDS[t.dimension]}</th>
                <td>{provisionWording(t.provision)}</td>
                <td>
                  <OrderRef id={t.orderId} self={self} />
                </td>
                <td>
                  {t.explanation}
                  <span className="ccpor-rule">Rule: {ruleWords(t.rule)}</span>
                  {t.overrides.length > 0 && (
                    <span className="ccpor-rule">
                      Gives way:{' '}
                      {t.overrides.map((o, i) => (
                        <span key={o.orderId}>
                          {i > 0 ? '; ' : ''}
                          <OrderRef id={o.orderId} self={self} /> ({provisionWording(o.provision)})
                        </span>
                      ))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.otherTerms.length > 0 && (
        <>
          <h4>Judges’ own terms of the orders in force</h4>
          <ul className="ccpor-other-terms">
            {e.otherTerms.map((t) => (
              <li key={t.orderId}>
                <OrderRef id={t.orderId} self={self} />: <q>{t.text}</q>
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>Conflicts between the orders</h4>
      {conflicts.length === 0 ? (
        <p>None found.</p>
      ) : (
        <ul className="ccpor-conflicts">
          {conflicts.map((c, i) => (
            <li key={i}>
              <strong>
                <WarningIcon /> 
                {DIMENSION_WORDS[c.dimension]}
                {c.needsJudge ? ' — needs a judge' : ''}:
              </strong>{' '}
              {c.explanation}{' '}
              <span className="ccpor-rule">
                Orders:{' '}
                {c.orderIds.map((id, k) => (
                  <span key={id}>
                    {k > 0 ? ', ' : ''}
                    <OrderRef id={id} self={self} />
                  </span>
                ))}
                . Rule: {ruleWords(c.rule)}
              </span>
            </li>
          ))}
        </ul>
      )}
        </>
      )}
    </section>
  );
};

/** The enforcement view an officer needs before acting: per protected person, what governs and why. */
export const EnforcementView = ({ read, caseNumber, protectedPersons }: { read: OrderRead; caseNumber: string | undefined; protectedPersons: readonly ProtectedPerson[] }) => {
  if (read.precedenceUnavailable !== undefined)
    return (
      <div className="usa-alert usa-alert--warning" role="status">
        <div className="usa-alert__body">
          <h2 className="usa-alert__heading">The enforcement view is not available just now</h2>
          <p className="usa-alert__text">{read.precedenceUnavailable} Read the order and its image; check other orders with a search by name.</p>
        </div>
      </div>
    );
  const p = read.precedence;
  if (p === undefined) return <p>This order has no enforcement view (a draft, or no protected person entered).</p>;
  return (
    <div className="ccpor-enforcement">
      <h2>Enforcement</h2>
      <p className="ccpor-lede">
        Which orders about the same people are in force in any county, which term governs where they differ (Pen. Code 136.2(c)(1); Fam. Code 6383(h), 6405(b)), and the conflicts a judge should resolve.
        {p.withheldOrders > 0 && ` ${p.withheldOrders} related ${p.withheldOrders === 1 ? 'order is' : 'orders are'} withheld from you in all.`}
      </p>
      {p.pairs.length === 0 && <p>No protected person on this order to compare.</p>}
      {p.pairs.map((pair) => (
        <PairView key={pair.protectedPerson} pair={pair} self={read.orderId} person={personWords(protectedPersons[pair.protectedPerson], pair.protectedPerson)} caseOf={(id) => (id === read.orderId ? caseNumber : undefined)} />
      ))}
    </div>
  );
};
