import { useId, useState } from 'react';
import { newIdempotencyKey, sendChange } from '../api/client';
import { problemWords } from '../api/problem';

/** Uploads one scan (PDF or TIFF; the registry decides by its content) to a draft or an order. */
export const uploadScan = async (orderId: string, file: File, ifMatch: number, kind: 'order' | 'proof-of-service' | 'other' = 'order', replaces?: string) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendChange<{ version: number }>('POST', `/orders/${orderId}/images/upload?kind=${kind}${replaces ? `&replaces=${replaces}` : ''}`, { form, ifMatch, idempotencyKey: newIdempotencyKey() });
};

export const UploadButton = ({ orderId, version, onUploaded, label, kind = 'order' }: { orderId: string; version: () => number; onUploaded: () => Promise<void> | void; label: string; kind?: 'order' | 'proof-of-service' | 'other' }) => {
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  return (
    <div className="ccpor-upload-button">
      <label htmlFor={id} className="usa-button usa-button--outline ccpor-small-button">
        {state.busy ? 'Uploading…' : label}
      </label>
      <input
        id={id}
        type="file"
        className="ccpor-visually-hidden-file"
        accept="application/pdf,image/tiff,.pdf,.tif,.tiff"
        disabled={state.busy}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setState({ busy: true });
          try {
            await uploadScan(orderId, file, version(), kind);
            await onUploaded();
            setState({ busy: false });
          } catch (err) {
            setState({ busy: false, error: problemWords(err) });
          }
        }}
      />
      {state.error && (
        <span className="usa-error-message" role="alert">
          {state.error}
        </span>
      )}
    </div>
  );
};
