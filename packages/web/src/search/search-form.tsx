import { CALIFORNIA_COUNTIES, FORM_NUMBERS } from '@ccpor/domain';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Agency } from '../api/types';
import { formTitle, orderTypeWords, ORDER_TYPES } from '../view-logic/format';
import { PAGE_SIZES, type SearchParams } from './search-params';

type Draft = { -readonly [K in keyof SearchParams]?: SearchParams[K] };

const STATUSES = [
  ['active', 'Active (not yet served)'],
  ['served', 'Active and served'],
  ['expired', 'Expired'],
  ['canceled', 'Canceled'],
  ['draft', 'Draft (your agency’s)'],
] as const;

const Field = ({ id, label, hint, children, className }: { id: string; label: string; hint?: string; children: ReactNode; className?: string }) => (
  <div className={`ccpor-field ${className ?? ''}`}>
    <label className="usa-label" htmlFor={id}>
      {label}
      {hint && <span className="usa-hint"> {hint}</span>}
    </label>
    {children}
  </div>
);

/**
 * Every criterion and filter the search API takes, laid out as a clerk reads a request: who, then
 * which case, then narrowing filters (folded away until asked for, opened when one is set).
 */
export const SearchForm = ({
  params,
  agencies,
  cletsCertified,
  onSearch,
  problem,
}: {
  params: SearchParams;
  agencies: readonly Agency[] | undefined;
  cletsCertified: boolean;
  onSearch: (p: SearchParams) => void;
  problem?: string;
}) => {
  const [draft, setDraft] = useState<Draft>({ ...params });
  useEffect(() => setDraft({ ...params }), [params]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K] | '') => setDraft((d) => ({ ...d, [k]: v === '' ? undefined : v }));
  const single = (k: 'county' | 'orderType' | 'form') => draft[k]?.[0] ?? '';
  const filtersSet = ['county', 'courtOri', 'orderType', 'form', 'status', 'issuedFrom', 'issuedTo', 'expiresFrom', 'expiresTo'].some((k) => params[k as keyof SearchParams] !== undefined);
  const courts = (agencies ?? []).filter((a) => a.kind === 'superior-court' || a.kind === 'tribal-court').sort((a, b) => a.name.localeCompare(b.name));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { c: _c, ...rest } = draft;
    onSearch(rest);
  };

  return (
    <form className="usa-form ccpor-search-form" onSubmit={submit} role="search" aria-label="Statewide order search">
      {problem && (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{problem}</p>
          </div>
        </div>
      )}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend ccpor-legend">Person</legend>
        <div className="ccpor-role" role="radiogroup" aria-label="Whose name to search">
          {(
            [
              ['any', 'Restrained or protected'],
              ['restrained', 'Restrained person'],
              ['protected', 'Protected person'],
            ] as const
          ).map(([value, label]) => (
            <div className="usa-radio" key={value}>
              <input className="usa-radio__input" id={`role-${value}`} type="radio" name="role" value={value} checked={(draft.role ?? 'any') === value} onChange={() => set('role', value === 'any' ? '' : value)} />
              <label className="usa-radio__label" htmlFor={`role-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
        <div className="ccpor-row">
          <Field id="lastName" label="Last name" hint="(typos allowed)" className="ccpor-field--wide">
            <input className="usa-input" id="lastName" name="lastName" autoComplete="off" spellCheck={false} value={draft.lastName ?? ''} onChange={(e) => set('lastName', e.target.value)} />
          </Field>
          <Field id="firstName" label="First name">
            <input className="usa-input" id="firstName" name="firstName" autoComplete="off" spellCheck={false} value={draft.firstName ?? ''} onChange={(e) => set('firstName', e.target.value)} />
          </Field>
          <Field id="dateOfBirth" label="Date of birth">
            <input className="usa-input" id="dateOfBirth" name="dateOfBirth" type="date" min="1900-01-01" value={draft.dateOfBirth ?? ''} onChange={(e) => set('dateOfBirth', e.target.value)} />
          </Field>
          <Field id="dobYears" label="Give or take">
            <select className="usa-select" id="dobYears" name="dobYears" value={draft.dobYears ?? '0'} onChange={(e) => set('dobYears', e.target.value === '0' ? '' : e.target.value)} disabled={draft.dateOfBirth === undefined}>
              <option value="0">Exact date</option>
              {['1', '2', '3', '4', '5'].map((y) => (
                <option key={y} value={y}>
                  ± {y} {y === '1' ? 'year' : 'years'}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend ccpor-legend">Case</legend>
        <div className="ccpor-row ccpor-row--narrow">
          <Field id="caseNumber" label="Case number">
            <input className="usa-input" id="caseNumber" name="caseNumber" autoComplete="off" spellCheck={false} value={draft.caseNumber ?? ''} onChange={(e) => set('caseNumber', e.target.value)} />
          </Field>
          {cletsCertified && (
            <Field id="fcn" label="FCN" hint="(DOJ file control number)">
              <input className="usa-input" id="fcn" name="fcn" autoComplete="off" spellCheck={false} value={draft.fcn ?? ''} onChange={(e) => set('fcn', e.target.value)} />
            </Field>
          )}
        </div>
      </fieldset>
      <details className="ccpor-filters" open={filtersSet}>
        <summary>More filters: county, court, order type, form, status, dates</summary>
        <div className="ccpor-row">
          <Field id="county" label="County">
            <select className="usa-select" id="county" name="county" value={single('county')} onChange={(e) => set('county', e.target.value === '' ? '' : [e.target.value])}>
              <option value="">Any county</option>
              {CALIFORNIA_COUNTIES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name} ({code})
                </option>
              ))}
            </select>
          </Field>
          <Field id="courtOri" label="Court">
            <select className="usa-select" id="courtOri" name="courtOri" value={draft.courtOri ?? ''} onChange={(e) => set('courtOri', e.target.value)}>
              <option value="">Any court</option>
              {courts.map((a) => (
                <option key={a.ori} value={a.ori}>
                  {a.name} ({a.ori})
                </option>
              ))}
            </select>
          </Field>
          <Field id="orderType" label="Order type">
            <select className="usa-select" id="orderType" name="orderType" value={single('orderType')} onChange={(e) => set('orderType', e.target.value === '' ? '' : [e.target.value])}>
              <option value="">Any type</option>
              {ORDER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {orderTypeWords(t)} ({t})
                </option>
              ))}
            </select>
          </Field>
          <Field id="form" label="Form">
            <select className="usa-select" id="form" name="form" value={single('form')} onChange={(e) => set('form', e.target.value === '' ? '' : [e.target.value])}>
              <option value="">Any form</option>
              {FORM_NUMBERS.map((f) => (
                <option key={f} value={f}>
                  {f}: {formTitle(f)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <fieldset className="usa-fieldset ccpor-statuses">
          <legend className="usa-legend">Status</legend>
          {STATUSES.map(([value, label]) => (
            <div className="usa-checkbox" key={value}>
              <input
                className="usa-checkbox__input"
                id={`status-${value}`}
                type="checkbox"
                name="status"
                value={value}
                checked={draft.status?.includes(value) ?? false}
                onChange={(e) => {
                  const now = new Set(draft.status ?? []);
                  if (e.target.checked) now.add(value);
                  else now.delete(value);
                  set('status', now.size === 0 ? '' : [...now]);
                }}
              />
              <label className="usa-checkbox__label" htmlFor={`status-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="ccpor-row">
          <Field id="issuedFrom" label="Issued from">
            <input className="usa-input" id="issuedFrom" type="date" value={draft.issuedFrom ?? ''} onChange={(e) => set('issuedFrom', e.target.value)} />
          </Field>
          <Field id="issuedTo" label="Issued to">
            <input className="usa-input" id="issuedTo" type="date" value={draft.issuedTo ?? ''} onChange={(e) => set('issuedTo', e.target.value)} />
          </Field>
          <Field id="expiresFrom" label="Expires from">
            <input className="usa-input" id="expiresFrom" type="date" value={draft.expiresFrom ?? ''} onChange={(e) => set('expiresFrom', e.target.value)} />
          </Field>
          <Field id="expiresTo" label="Expires to">
            <input className="usa-input" id="expiresTo" type="date" value={draft.expiresTo ?? ''} onChange={(e) => set('expiresTo', e.target.value)} />
          </Field>
        </div>
      </details>
      <div className="ccpor-actions">
        <button type="submit" className="usa-button">
          Search statewide
        </button>
        <label className="ccpor-page-size" htmlFor="limit">
          Results per page
          <select className="usa-select" id="limit" name="limit" value={draft.limit ?? '25'} onChange={(e) => set('limit', e.target.value === '25' ? '' : e.target.value)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="usa-button usa-button--unstyled" onClick={() => setDraft(draft.limit !== undefined ? { limit: draft.limit } : {})}>
          Clear the form
        </button>
      </div>
    </form>
  );
};
