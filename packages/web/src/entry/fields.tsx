import type { ReactNode } from 'react';

/**
 * USWDS form fields named by the path the API's problems use (`data-field`), so a refusal is shown
 * on its field and "next missing field" can find it. Every field has a label; an error is linked
 * to its input (aria-describedby) and marked invalid.
 */
const idOf = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

interface Common {
  readonly path: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  readonly className?: string;
}

const Wrap = ({ path, label, hint, error, className, children }: Common & { children: ReactNode }) => (
  <div className={`usa-form-group ccpor-field ${className ?? ''} ${error ? 'usa-form-group--error' : ''}`}>
    <label className={`usa-label ${error ? 'usa-label--error' : ''}`} htmlFor={idOf(path)}>
      {label}
    </label>
    {hint && (
      <span className="usa-hint" id={`${idOf(path)}-hint`}>
        {hint}
      </span>
    )}
    {error && (
      <span className="usa-error-message" id={`${idOf(path)}-error`} role="alert">
        {error}
      </span>
    )}
    {children}
  </div>
);

const describedBy = (path: string, hint?: string, error?: string) => [hint ? `${idOf(path)}-hint` : '', error ? `${idOf(path)}-error` : ''].filter(Boolean).join(' ') || undefined;

export const TextField = (p: Common & { readonly value: string; readonly onChange: (v: string) => void; readonly inputMode?: 'numeric' | 'text'; readonly maxLength?: number; readonly autoFocus?: boolean; readonly suggestions?: readonly (readonly [string, string])[] }) => (
  <Wrap {...p}>
    <input
      id={idOf(p.path)}
      data-field={p.path}
      className={`usa-input ${p.error ? 'usa-input--error' : ''}`}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      aria-describedby={describedBy(p.path, p.hint, p.error)}
      aria-invalid={p.error ? true : undefined}
      inputMode={p.inputMode}
      maxLength={p.maxLength}
      autoComplete="off"
      spellCheck={false}
      autoFocus={p.autoFocus}
      list={p.suggestions ? `${idOf(p.path)}-list` : undefined}
    />
    {p.suggestions && (
      <datalist id={`${idOf(p.path)}-list`}>
        {p.suggestions.map(([code, word]) => (
          <option key={code} value={code}>
            {word}
          </option>
        ))}
      </datalist>
    )}
  </Wrap>
);

export const TextArea = (p: Common & { readonly value: string; readonly onChange: (v: string) => void }) => (
  <Wrap {...p}>
    <textarea id={idOf(p.path)} data-field={p.path} className="usa-textarea ccpor-textarea" value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-describedby={describedBy(p.path, p.hint, p.error)} aria-invalid={p.error ? true : undefined} />
  </Wrap>
);

export const SelectField = (p: Common & { readonly value: string; readonly onChange: (v: string) => void; readonly options: readonly { value: string; label: string }[]; readonly empty?: string }) => (
  <Wrap {...p}>
    <select id={idOf(p.path)} data-field={p.path} className="usa-select" value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-describedby={describedBy(p.path, p.hint, p.error)} aria-invalid={p.error ? true : undefined}>
      {p.empty !== undefined && <option value="">{p.empty}</option>}
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </Wrap>
);

export const CheckField = ({ path, label, checked, onChange, error }: { path: string; label: string; checked: boolean; onChange: (v: boolean) => void; error?: string }) => (
  <div className={`usa-checkbox ccpor-check ${error ? 'usa-form-group--error' : ''}`}>
    <input id={idOf(path)} data-field={path} className="usa-checkbox__input" type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={error ? `${idOf(path)}-error` : undefined} />
    <label className="usa-checkbox__label" htmlFor={idOf(path)}>
      {label}
    </label>
    {error && (
      <span className="usa-error-message" id={`${idOf(path)}-error`} role="alert">
        {error}
      </span>
    )}
  </div>
);

/** The error for a path: its own, else one the API gave a parent or child path of it. */
export const errorFor = (errors: Record<string, string>, path: string): string | undefined =>
  errors[path] ?? errors[`details.${path}`] ?? Object.entries(errors).find(([k]) => k.replace(/^details\./, '').startsWith(`${path}.`))?.[1];

/** Moves focus to the input of a field path (or the first one inside it). */
export const focusField = (path: string): boolean => {
  const el = document.querySelector<HTMLElement>(`[data-field="${path}"]`) ?? document.querySelector<HTMLElement>(`[data-field^="${path}."]`);
  if (!el) return false;
  el.focus();
  el.scrollIntoView({ block: 'center' });
  return true;
};
