import { Link } from '@tanstack/react-router';
import { PublicLayout } from './public-layout';
import { useDocumentTitle } from './use-document-title';

export const NotFoundPage = () => {
  useDocumentTitle('Page not found');
  return (
    <PublicLayout>
      <div className="ccpor-sign-in">
        <h1>There is no such page</h1>
        <p>The address may be mistyped, or the page may have moved.</p>
        <p>
          <Link to="/search">Go to the statewide search</Link>
        </p>
      </div>
    </PublicLayout>
  );
};
