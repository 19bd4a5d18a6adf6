import { CALIFORNIA_COUNTIES } from '@ccpor/domain';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Agency } from '../api/types';
import { orderTypeWords, ORDER_TYPES } from '../view-logic/format';
import type { ReportParams } from './report-params';

const Field = ({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) => (
  <div className="ccpor-field">
    <label className="usa-label" htmlFor={id}>
      {label}
      {hint && <span className="usa-hint"> {hint}</span>}
    </label>
    {children}
  </div>
);

const DIMENSIONS = [
  ['month', 'Month'],
  ['county', 'County'],
  ['court', 'Court'],
  ['orderType', 'Order type'],
  ['stage', 'Stage'],
] as const;

/**
 * The filters every report takes: a date range (California dates), county, court and order type;
 * the statistical report also its grouping. A problem the registry found is shown on its field.
 */
export const ReportFilters = ({
  params,
  agencies,
  grouping,
  decisionsOnly = false,
  problem,
  onApply,
}: {
  params: ReportParams;
  agencies: readonly Agency[] | undefined;
  grouping: boolean;
  /** The access report is filtered by the days of the decisions only. */
  decisionsOnly?: boolean;
  problem?: { readonly field?: string; readonly text: string };
  onApply: (p: ReportParams) => void;
}) => {
  const [draft, setDraft] = useState<Record<string, string | undefined>>({ ...params });
  useEffect(() => setDraft({ ...params }), [params]);
  const set = (k: keyof ReportParams, v: string) => setDraft((d) => ({ ...d, [k]: v === '' ? undefined : v }));
  const courts = (agencies ?? []).filter((a) => a.kind === 'superior-court' || a.kind === 'tribal-court').sort((a, b) => a.name.localeCompare(b.name));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as ReportParams);
  };
  const errorOn = (field: string) => (problem?.field === field ? problem.text : undefined);
  const described = (field: string) => (errorOn(field) ? { 'aria-describedby': `${field}-error`, 'aria-invalid': true } : {});
  const fieldError = (field: string) =>
    errorOn(field) && (
      <span className="usa-error-message" id={`${field}-error`} role="alert">
        {errorOn(field)}
      </span>
    );

  return (
    <form className="usa-form ccpor-report-filters" onSubmit={submit} aria-label="Report filters">
      {problem && problem.field === undefined && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{problem.text}</p>
          </div>
        </div>
      )}
      <div className="ccpor-row">
        <Field id="from" label={decisionsOnly ? 'Decisions from' : 'Issued from'}>
          {fieldError('from')}
          <input className="usa-input" type="date" id="from" name="from" value={draft.from ?? ''} onChange={(e) => set('from', e.target.value)} {...described('from')} />
        </Field>
        <Field id="to" label={decisionsOnly ? 'Decisions to' : 'Issued to'}>
          {fieldError('to')}
          <input className="usa-input" type="date" id="to" name="to" value={draft.to ?? ''} onChange={(e) => set('to', e.target.value)} {...described('to')} />
        </Field>
        {!decisionsOnly && (
          <>
        <Field id="county" label="County">
          {fieldError('county')}
          <select className="usa-select" id="county" name="county" value={draft.county ?? ''} onChange={(e) => set('county', e.target.value)} {...described('county')}>
            <option value="">Every county</option>
            {CALIFORNIA_COUNTIES.map(([code, name]) => (
              <option key={code} value={code}>
                {name} ({code})
              </option>
            ))}
          </select>
        </Field>
        <Field id="court" label="Court">
          {fieldError('court')}
          <select className="usa-select" id="court" name="court" value={draft.court ?? ''} onChange={(e) => set('court', e.target.value)} {...described('court')}>
            <option value="">Every court</option>
            {courts.map((a) => (
              <option key={a.ori} value={a.ori}>
                {a.name} ({a.ori})
              </option>
            ))}
          </select>
        </Field>
        <Field id="orderType" label="Order type">
          {fieldError('orderType')}
          <select className="usa-select" id="orderType" name="orderType" value={draft.orderType ?? ''} onChange={(e) => set('orderType', e.target.value)} {...described('orderType')}>
            <option value="">Every type</option>
            {ORDER_TYPES.map((t) => (
              <option key={t} value={t}>
                {orderTypeWords(t)} ({t})
              </option>
            ))}
          </select>
        </Field>
          </>
        )}
        {grouping && (
          <Field id="by" label="Group by">
            <select className="usa-select" id="by" name="by" value={draft.by ?? 'month'} onChange={(e) => set('by', e.target.value === 'month' ? '' : e.target.value)}>
              {DIMENSIONS.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <button type="submit" className="usa-button">
        Show report
      </button>
    </form>
  );
};
