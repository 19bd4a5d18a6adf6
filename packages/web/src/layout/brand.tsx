import { APP_NAME } from './use-document-title';

/** The registry's mark and name, as on the sign-in page and the header. */
export const Brand = () => (
  <span className="ccpor-brand">
    <svg className="ccpor-brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 3l11 4.6v7.2c0 7.1-4.7 12-11 14.2C9.7 26.8 5 21.9 5 14.8V7.6z" fill="#fff" />
      <path d="M16 7.5l7 2.9v4.6c0 4.6-2.9 7.7-7 9.3-4.1-1.6-7-4.7-7-9.3v-4.6z" fill="#005ea2" />
    </svg>
    <span className="ccpor-brand__text">
      <span className="ccpor-brand__name">{APP_NAME}</span>
      <span className="ccpor-brand__sub">California courts and law enforcement</span>
    </span>
  </span>
);
