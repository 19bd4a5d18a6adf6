import { useEffect } from 'react';

export const APP_NAME = 'Protective Order Registry';

/** Each page names itself in the browser tab and for screen readers (WCAG 2.4.2). */
export const useDocumentTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} — ${APP_NAME}`;
  }, [title]);
};
