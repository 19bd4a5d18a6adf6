import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A change that asks first: the button turns into a question with "Yes" and "Cancel", focus on
 * "Yes" (Escape cancels). Every administrative change goes through one; the API audits it.
 */
export const ConfirmButton = ({ label, question, confirmLabel, onConfirm, disabled, danger, srContext }: { label: string; question: ReactNode; confirmLabel: string; onConfirm: () => void; disabled?: boolean; danger?: boolean; srContext?: string }) => {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) yes.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    setTimeout(() => opener.current?.focus(), 0);
  };
  if (!asking) {
    return (
      <button ref={opener} type="button" className="usa-button usa-button--outline ccpor-small-button" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
        {srContext !== undefined && <span className="usa-sr-only"> {srContext}</span>}
      </button>
    );
  }
  return (
    <span className="ccpor-confirm" role="group" aria-label="Confirm" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <span className="ccpor-confirm__question">{question}</span>
      <button
        ref={yes}
        type="button"
        className={`usa-button ccpor-small-button${danger ? ' usa-button--secondary' : ''}`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="usa-button usa-button--unstyled" onClick={cancel}>
        Cancel
      </button>
    </span>
  );
};
