import type { KeyboardEvent, ReactNode } from 'react';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: ReactNode;
}

/**
 * Tabs as the ARIA pattern has them: one tab stop, arrow keys between tabs, the panel labelled by
 * its tab. The selected tab lives in the address, so the back button and a bookmark keep it.
 */
export const Tabs = <K extends string>({ id, tabs, selected, onSelect, children }: { id: string; tabs: readonly TabSpec<K>[]; selected: K; onSelect: (k: K) => void; children: ReactNode }) => {
  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.key === selected);
    const next = e.key === 'ArrowRight' ? (at + 1) % tabs.length : e.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const key = tabs[next]!.key;
    onSelect(key);
    document.getElementById(`${id}-tab-${key}`)?.focus();
  };
  return (
    <div className="ccpor-tabs">
      <div role="tablist" aria-label="Parts of the order" className="ccpor-tabs__list" onKeyDown={keys}>
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === selected}
            aria-controls={`${id}-panel`}
            tabIndex={t.key === selected ? 0 : -1}
            className="ccpor-tabs__tab"
            onClick={() => onSelect(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${selected}`} className="ccpor-tabs__panel" tabIndex={0}>
        {children}
      </div>
    </div>
  );
};
