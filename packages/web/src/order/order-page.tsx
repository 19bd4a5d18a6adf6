import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate, useRouter } from '@tanstack/react-router';
import { api } from '../api/client';
import { problemWords, unwrap } from '../api/problem';
import type { IssuedOrDraft, OrderRead } from '../api/types';
import { useDocumentTitle } from '../layout/use-document-title';
import { StatusBadge } from '../search/status-badge';
import { agenciesQuery } from '../session/session-queries';
import { formatCounty, formTitle } from '../view-logic/format';
import { ImagePane } from '../viewer/image-pane';
import { OrderSplit } from '../viewer/order-split';
import { EnforcementView } from './enforcement-view';
import { ChangesPanel } from './changes-panel';
import { HistoryView } from './history-view';
import { OrderDetailsView } from './order-details';
import type { OrderTab } from './order-params';
import { Tabs } from './tabs';
import { LockIcon } from '../layout/icons';
import { nextStepWords } from '../view-logic/next-step';

const routeApi = getRouteApi('/app/orders/$orderId');

/** One order: its data (details, enforcement, history) beside its image. */
export const OrderPage = () => {
  const { orderId } = routeApi.useParams();
  const { tab = 'order', image = 0, added = false } = routeApi.useSearch();
  const navigate = useNavigate();
  const router = useRouter();
  const agencies = useQuery(agenciesQuery).data;
  const read = useQuery({
    queryKey: ['order', orderId],
    // The document describes `order` only as an object; its fields are the domain's OrderState (api/types.ts).
    queryFn: async () => unwrap(await api.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } } })) as unknown as OrderRead,
  });
  const state = read.data?.order.status === 'issued' || read.data?.order.status === 'draft' ? (read.data.order as IssuedOrDraft) : undefined;
  const d = state?.details;
  useDocumentTitle(d ? `${d.form ?? 'Order'} ${d.caseNumber ?? ''}`.trim() : 'Order');

  const select = (next: { tab?: OrderTab; image?: number }) => void navigate({ to: '/orders/$orderId', params: { orderId }, search: (s) => ({ ...s, ...next }), replace: true });

  if (read.isPending)
    return (
      <div className="ccpor-page">
        <h1 tabIndex={-1}>Order</h1>
        <p role="status">Loading the order…</p>
      </div>
    );
  if (read.isError || !read.data || !state || !d)
    return (
      <div className="ccpor-page">
        <h1 tabIndex={-1}>Order not shown</h1>
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{read.isError ? problemWords(read.error) : 'This order was discarded as a draft and has no data to show.'}</p>
          </div>
        </div>
        <p>
          <Link to="/search">Back to the search</Link>
        </p>
      </div>
    );

  const r = read.data;
  const images = state.images;
  const pairs = r.precedence?.pairs ?? [];
  const inForce = pairs.reduce((n, p) => n + (p.enforcement?.inForce.filter((id) => id !== orderId).length ?? p.relatedOrders.filter((o) => o.state === 'in-force').length), 0);
  const conflicts = pairs.reduce((n, p) => n + (p.conflicts?.length ?? 0), 0);

  const data = (
    <div className="ccpor-order-data">
      <Tabs
        id="order"
        selected={tab}
        onSelect={(t) => select({ tab: t })}
        tabs={[
          { key: 'order', label: 'Order details' },
          { key: 'enforcement', label: `Enforcement${conflicts > 0 ? ` (${conflicts} ${conflicts === 1 ? 'conflict' : 'conflicts'})` : inForce > 0 ? ` (${inForce} more in force)` : ''}` },
          { key: 'history', label: 'History' },
          { key: 'changes', label: 'Change' },
        ]}
      >
        {tab === 'order' && <OrderDetailsView read={r} state={state} agencies={agencies} onShowImage={(i) => select({ image: i })} />}
        {tab === 'enforcement' && <EnforcementView read={r} caseNumber={d.caseNumber} protectedPersons={d.protectedPersons ?? []} />}
        {tab === 'history' && <HistoryView orderId={orderId} agencies={agencies} />}
        {tab === 'changes' && <ChangesPanel read={r} />}
      </Tabs>
    </div>
  );

  const viewer = (
    <ImagePane
      orderId={orderId}
      images={images}
      index={image}
      onSelect={(i) => select({ image: i })}
      empty={<p>No image is attached to this order yet. The data on the left is all the registry has; ask the issuing court for the signed order.</p>}
    />
  );

  return (
    <div className="ccpor-order-page">
      <div className="ccpor-order-head">
        <div>
          <p className="ccpor-order-head__back">
            <a
              href="/search"
              onClick={(e) => {
                if (window.history.length > 1) {
                  e.preventDefault();
                  router.history.back();
                }
              }}
            >
              ‹ Back to the results
            </a>
          </p>
          <h1 tabIndex={-1}>
            {d.form ?? 'Draft'} <span className="ccpor-order-head__title">{formTitle(d.form)}</span>
          </h1>
          <p className="ccpor-order-head__sub">
            Case <strong>{d.caseNumber ?? '—'}</strong> · {d.court?.name ?? '—'} · {formatCounty(d.court?.county)} County
            {d.sealed && <span className="ccpor-flag ccpor-flag--sealed"><LockIcon /> Sealed</span>}
          </p>
        </div>
        <StatusBadge hit={{ status: r.computed.status, stage: r.computed.stage ?? null, hearingAt: d.hearing?.at ?? null, expiresAt: state.status === 'issued' ? state.expiresAt : null }} withDetail />
      </div>
      <p className={`ccpor-next ${added ? 'usa-alert usa-alert--success usa-alert--slim' : ''}`} role="status" data-testid="next-step">
        {added && <strong>Saved. </strong>}
        <strong>What happens next:</strong> {nextStepWords(r)}
      </p>
      {r.redacted.some((x) => x.startsWith('details.protectedPersons')) && (
        <p className="ccpor-note"><LockIcon /> A confidential or minor protected person’s identity is withheld from your role; see “Protected persons”.</p>
      )}
      <OrderSplit data={data} image={viewer} />
    </div>
  );
};
