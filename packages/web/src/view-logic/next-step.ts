import type { OrderRead } from '../api/types';
import { formatDateTime } from './format';

/**
 * What happens next to an order, in a sentence (issue 15, item 8): a draft awaits its data; an
 * order missing DOJ fields awaits data before the gateway sends it; otherwise it is queued for
 * DOJ until CARPOS answers, then acknowledged (or rejected and back with the agency). DOJ's own
 * answers are shown only as far as the API gives them to this user (CLETS data).
 */
/** "Enter the order in CARPOS" → "enter the order in CARPOS": inside a sentence, acronyms kept. */
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

export const nextStepWords = (r: OrderRead): string => {
  const o = r.order;
  if (o.status === 'draft') return `Draft: awaiting data. ${r.computed.missingForDoj.length} field${r.computed.missingForDoj.length === 1 ? '' : 's'} still missing for DOJ.`;
  if (o.status !== 'issued') return 'Nothing more happens to this record.';
  const pendingDoj = r.computed.pendingDeadlines.filter((d) => d.kind === 'doj-transmission');
  const rejection = o.doj?.lastRejection;
  const ack = o.doj?.lastAcknowledged;
  if (rejection && (!ack || rejection.at > ack.at)) return `Rejected by DOJ on ${formatDateTime(rejection.at)}: correct the order and it is sent again.`;
  if (r.computed.missingForDoj.length > 0)
    return `Awaiting data before it can go to DOJ: ${r.computed.missingForDoj.map((m) => lowerFirst(m.label)).join(', ')}.${pendingDoj[0] ? ` Due at DOJ by ${formatDateTime(pendingDoj[0].dueAt)}.` : ''}`;
  if (pendingDoj.length > 0) return `Queued for DOJ: ${pendingDoj.map((d) => lowerFirst(d.what)).join('; ')}, due by ${formatDateTime(pendingDoj[0]!.dueAt)}.`;
  if (ack) return `Acknowledged by DOJ on ${formatDateTime(ack.at)}.`;
  return 'Sent to DOJ; nothing is pending.';
};
