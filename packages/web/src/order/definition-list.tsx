import type { ReactNode } from 'react';

/** Label and value pairs, in reading order; empty values say so rather than disappear. */
export const Facts = ({ items, columns = 2 }: { items: readonly (readonly [string, ReactNode])[]; columns?: 1 | 2 | 3 }) => (
  <dl className={`ccpor-facts ccpor-facts--${columns}`}>
    {items.map(([label, value]) => (
      <div key={label} className="ccpor-facts__item">
        <dt>{label}</dt>
        <dd>{value === undefined || value === null || value === '' ? <span className="ccpor-muted">Not entered</span> : value}</dd>
      </div>
    ))}
  </dl>
);

export const Section = ({ id, title, children, aside }: { id: string; title: string; children: ReactNode; aside?: ReactNode }) => (
  <section className="ccpor-section" aria-labelledby={id}>
    <div className="ccpor-section__head">
      <h2 id={id}>{title}</h2>
      {aside}
    </div>
    {children}
  </section>
);
