/**
 * Small icons drawn inline (SVG), so they look the same on every machine: an emoji depends on the
 * fonts installed, and a court workstation may have none. Each repeats words beside it (aria-hidden).
 */
export const LockIcon = () => (
  <svg className="ccpor-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.6 0h3.8V5a1.9 1.9 0 0 0-3.8 0z" fill="currentColor" />
  </svg>
);

export const WarningIcon = () => (
  <svg className="ccpor-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M8 1.2 15.4 14.5H.6zm-.9 4.6.2 4.6h1.4l.2-4.6zm.9 5.6a.9.9 0 1 0 0 1.8.9.9 0 0 0 0-1.8z" fill="currentColor" />
  </svg>
);

export const LinkedIcon = () => (
  <svg className="ccpor-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M2 3h8v8H2zm1.5 1.5v5h5v-5zM12 5h2v9H5v-2h1.5v.5h6v-6H12z" fill="currentColor" />
  </svg>
);
