import type { ReactNode } from 'react';
import { Brand } from './brand';

/** Pages before sign-in: the registry's name, and the page. */
export const PublicLayout = ({ children }: { children: ReactNode }) => (
  <>
    <a className="usa-skipnav" href="#main-content">
      Skip to main content
    </a>
    <header className="ccpor-header">
      <div className="ccpor-header__bar">
        <Brand />
      </div>
    </header>
    <main id="main-content" className="ccpor-public-main" tabIndex={-1}>
      {children}
    </main>
  </>
);
