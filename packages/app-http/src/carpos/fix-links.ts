import type { FixAction, FixSuggestion } from '@ccpor/adapters';

/**
 * A fix as the API offers it (ADR 0013): the command's route, method and body, so a page (or a
 * script) starts the right command from a difference. Fixes a person must carry out at a CLETS
 * terminal, or that only wait, have no route.
 */
export interface FixLink extends FixSuggestion {
  readonly method?: 'POST';
  readonly href?: string;
  readonly body?: Readonly<Record<string, unknown>>;
}

const API = '/api/v1';

const resend = (transaction: string) => (f: FixSuggestion) => ({ method: 'POST' as const, href: `${API}/carpos/orders/${f.orderId ?? ''}/resend`, body: { transaction } });

const ROUTES: Readonly<Record<FixAction, ((f: FixSuggestion) => Pick<FixLink, 'method' | 'href' | 'body'>) | undefined>> = {
  'resend-enter': resend('enter'),
  'resend-modify': resend('modify'),
  'resend-service': resend('service'),
  'resend-cancel': resend('cancel'),
  'resend-clear': resend('clear'),
  'modify-order': (f) => ({ method: 'POST', href: `${API}/orders/${f.orderId ?? ''}/modifications` }),
  'complete-order-data': (f) => ({ method: 'POST', href: `${API}/orders/${f.orderId ?? ''}/modifications` }),
  'correct-order': (f) => ({ method: 'POST', href: `${API}/orders/${f.orderId ?? ''}/modifications` }),
  'record-service': (f) => ({ method: 'POST', href: `${API}/orders/${f.orderId ?? ''}/services` }),
  'retry-dead-letter': (f) => ({ method: 'POST', href: `${API}/carpos/queues/dead-letter/${f.outboxId ?? ''}/retry` }),
  'check-record-at-doj': (f) => ({ method: 'POST', href: `${API}/carpos/queries`, ...(f.fcn !== undefined ? { body: { fcn: f.fcn } } : {}) }),
  'draft-order': () => ({ method: 'POST', href: `${API}/orders/drafts` }),
  'await-doj-answer': undefined,
  'enter-at-clets-terminal': undefined,
};

export const fixLink = (fix: FixSuggestion): FixLink => {
  const route = ROUTES[fix.action];
  return route === undefined ? fix : { ...fix, ...route(fix) };
};

export const fixLinks = (fixes: readonly FixSuggestion[]): FixLink[] => fixes.map(fixLink);
