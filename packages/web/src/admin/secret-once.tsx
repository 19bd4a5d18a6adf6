import { useState } from 'react';

/**
 * A secret the registry shows once (a one-time password, an API key): in full, with a copy button,
 * and the warning that it cannot be shown again. It lives only in this page's memory.
 */
export const SecretOnce = ({ title, secret, note, onDone }: { title: string; secret: string; note: string; onDone: () => void }) => {
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="usa-alert usa-alert--warning ccpor-secret" role="region" aria-label={title}>
      <div className="usa-alert__body">
        <h3 className="usa-alert__heading">{title}</h3>
        <p className="usa-alert__text">{note} It is shown this once: the registry keeps only a hash of it.</p>
        <p>
          <code className="ccpor-secret__value" data-testid="secret-value">
            {secret}
          </code>{' '}
          <button type="button" className="usa-button usa-button--outline ccpor-small-button" onClick={() => void copy()}>
            Copy
          </button>
          <span role="status" aria-live="polite" className="ccpor-muted">
            {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'The browser did not allow copying: select the text and copy it.' : ''}
          </span>
        </p>
        <button type="button" className="usa-button usa-button--unstyled" onClick={onDone}>
          I have given it on; hide it
        </button>
      </div>
    </div>
  );
};
