import type { GlobalAction } from '@ccpor/domain';
import type { Me } from '../api/types';
import { may } from '../view-logic/principal';

/** The reports the registry answers (GET /api/v1/reports/<name>), as the pages list them. */
export const REPORT_NAMES = ['statistical', 'timeliness', 'service', 'expiring', 'rejects', 'data-quality', 'access'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_PAGES: Record<ReportName, { readonly title: string; readonly about: string; readonly action: GlobalAction }> = {
  statistical: { title: 'Orders issued, entered, in force, renewed and canceled', about: 'By month, county, court, order type or stage; cancellations by reason.', action: 'statistics.read' },
  timeliness: { title: 'DOJ timeliness', about: 'Per court, the share of orders that reached DOJ within one business day of issue (Fam. Code 6380), time to transmission and acknowledgement, late and overdue orders.', action: 'statistics.read' },
  service: { title: 'Orders in force not yet served', about: 'By age since issue (over 7, 30, 90 days), per court and agency, with the list.', action: 'statistics.read' },
  expiring: { title: 'Orders expiring soon', about: 'Orders expiring in the next 30, 60 and 90 days (the renewal window), per court.', action: 'statistics.read' },
  rejects: { title: 'DOJ rejects', about: 'DOJ rejects by error code and court, month by month.', action: 'statistics.read' },
  'data-quality': { title: 'Data quality', about: 'Orders without an image, drafts waiting for data, orders awaiting DOJ-required fields.', action: 'statistics.read' },
  access: { title: 'Access: denials and sealed-order reads', about: 'Denied access attempts and sealed-order reads by agency and user.', action: 'reports.access.read' },
};

export const isReportName = (s: string): s is ReportName => (REPORT_NAMES as readonly string[]).includes(s);

/** What the domain's access policy lets this user read: the same rule the registry applies. */
export const mayRead = (me: Me, action: GlobalAction): boolean => may(me, action);

export const mayReadReports = (me: Me): boolean => mayRead(me, 'statistics.read') || mayRead(me, 'reports.access.read');
