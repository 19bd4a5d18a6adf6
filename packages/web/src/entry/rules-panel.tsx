import { formatDate, formatDateTime } from '../view-logic/format';
import { focusField } from './fields';
import type { LiveRules } from './live-rules';

/** What the domain will decide, beside the form while the clerk types (issue 15, item 4). */
export const RulesPanel = ({ rules }: { rules: LiveRules }) => (
  <section className="ccpor-rules" aria-labelledby="rules-heading" aria-live="polite">
    <h2 id="rules-heading">What the registry will decide</h2>
    <dl className="ccpor-rules__list">
      <div>
        <dt>Expires</dt>
        <dd data-testid="live-expiry">
          {rules.expiry ? (
            <>
              <strong>{rules.expiry.at === null ? 'Does not expire' : formatDateTime(rules.expiry.at)}</strong>
              <span className="ccpor-rules__why">{rules.expiry.rule}</span>
              {rules.expiry.lawLimit && <span className="ccpor-rules__why">The law’s latest end for this order: {formatDateTime(rules.expiry.lawLimit)}.</span>}
            </>
          ) : rules.expiryProblem ? (
            <>
              <button type="button" className="usa-button usa-button--unstyled ccpor-rules__problem" onClick={() => focusField(rules.expiryProblem!.field)}>
                {rules.expiryProblem.message}
              </button>
              {rules.expiryProblem.rule && <span className="ccpor-rules__why">{rules.expiryProblem.rule}</span>}
            </>
          ) : (
            'Needs the form and the date issued.'
          )}
        </dd>
      </div>
      {rules.hearingWindow && (
        <div>
          <dt>Hearing window</dt>
          <dd>
            By {formatDate(rules.hearingWindow.latest)}, or {formatDate(rules.hearingWindow.latestGoodCause)} for good cause ({rules.hearingWindow.rule}).
          </dd>
        </div>
      )}
      <div>
        <dt>Due at DOJ</dt>
        <dd data-testid="live-doj-deadline">
          {rules.dojDeadline ? (
            <>
              {formatDateTime(rules.dojDeadline.at)}
              <span className="ccpor-rules__why">{rules.dojDeadline.rule}</span>
            </>
          ) : (
            'Needs the form and the date issued.'
          )}
        </dd>
      </div>
      <div>
        <dt>Still missing</dt>
        <dd>
          {rules.missingForDoj.length === 0 ? (
            <span data-testid="missing-none">Nothing: ready for DOJ once added.</span>
          ) : (
            <div data-testid="missing-list">
              {[
                ['To add the order', rules.missingForDoj.filter((m) => rules.missingForRegistry.some((x) => x.field === m.field))],
                ['Before it goes to DOJ', rules.missingForDoj.filter((m) => !rules.missingForRegistry.some((x) => x.field === m.field))],
              ].map(([title, list]) =>
                (list as typeof rules.missingForDoj).length === 0 ? null : (
                  <p key={title as string} className="ccpor-rules__missing">
                    <span className="ccpor-rules__missing-title">{title as string}:</span>{' '}
                    {(list as typeof rules.missingForDoj).map((m, i) => (
                      <span key={m.field}>
                        {i > 0 && ', '}
                        <button type="button" className="usa-button usa-button--unstyled" onClick={() => focusField(m.field)}>
                          {m.label}
                        </button>
                      </span>
                    ))}
                  </p>
                ),
              )}
            </div>
          )}
        </dd>
      </div>
    </dl>
  </section>
);
