import { authorizeOrder, checkServiceMethod, firearmsOrdered, formInfo, FORM_NUMBERS, ORDER_FORMS, renewalWindow, SERVICE_METHOD_RULES, type FormNumber, type OrderAction, type OrderDetails, type ServiceMethod, type ServiceRecord } from '@ccpor/domain';
import type { Me, OrderRead } from '../api/types';
import { principalOf } from '../view-logic/principal';

/**
 * Which changes the order page offers, decided by the domain in the browser (issue 15, item 6):
 * the one access policy for who may (ADR 0034), and the order's life for when (a canceled order
 * is not modified, renewed or served; an expired one only renewed). When a change is not offered
 * the page says why and who may. The server decides again; this only spares the clerk a refusal.
 */
export type ChangeKind = 'modify' | 'renew' | 'service' | 'cancel' | 'clone' | 'images' | 'firearm-receipt' | 'court-filing';

const ACTION: Record<ChangeKind, OrderAction> = {
  modify: 'order.modify',
  renew: 'order.renew',
  service: 'order.serve',
  cancel: 'order.cancel',
  clone: 'order.clone',
  images: 'order.image.attach',
  'firearm-receipt': 'order.firearms.receipt',
  'court-filing': 'order.court-filing',
};

export type Availability = { readonly offered: true } | { readonly offered: false; readonly why: string };


export const availability = (me: Me, read: OrderRead, kind: ChangeKind): Availability => {
  const o = read.order;
  if (o.status !== 'issued' && o.status !== 'draft') return { offered: false, why: 'This record holds no order.' };
  const decision = authorizeOrder(principalOf(me), ACTION[kind], {
    ownerAgencyOri: o.enteringAgencyOri,
    assignedAgencies: o.details.assignedAgencies ?? [],
    sealed: o.details.sealed ?? false,
    stage: o.status === 'draft' ? 'draft' : 'issued',
  });
  if (!decision.allowed) return { offered: false, why: decision.reason };
  if (o.status === 'draft') return kind === 'clone' || kind === 'images' ? { offered: true } : { offered: false, why: 'This is a draft: finish its entry and add it first.' };
  const canceled = o.canceled !== undefined;
  const expired = read.computed.status === 'expired';
  switch (kind) {
    case 'modify':
    case 'service':
      if (canceled) return { offered: false, why: `This order was canceled; a canceled order is not ${kind === 'modify' ? 'modified' : 'served'}. Enter a new order instead.` };
      if (expired) return { offered: false, why: 'This order has expired; an expired order can only be renewed.' };
      return { offered: true };
    case 'renew':
      if (canceled) return { offered: false, why: 'A canceled order cannot be renewed.' };
      return renewalRule(o.details.form) ? { offered: true } : { offered: false, why: `A ${o.details.form} is not renewed; the court issues a new order.` };
    case 'cancel':
      return canceled ? { offered: false, why: 'This order is already canceled.' } : { offered: true };
    case 'clone':
    case 'images':
      return { offered: true };
    case 'firearm-receipt':
      return firearmsOrdered(o.details) ? { offered: true } : { offered: false, why: 'This order does not order firearms relinquished (Fam. Code 6389(c)(1)); if its form does, enter the firearm term first (modify).' };
    case 'court-filing':
      if (formInfo(o.details.form).stage !== 'emergency') return { offered: false, why: 'Only an emergency order, made in the field, is filed with the court afterwards (Pen. Code 18140(c); Fam. Code 6271).' };
      return o.status === 'issued' && o.courtFiling !== undefined ? { offered: false, why: 'The filing with the court is already recorded.' } : { offered: true };
  }
};

const renewalRule = (form: string): boolean => form in ORDER_FORMS && formInfo(form as FormNumber).stage === 'after-hearing';

/** The renewal window of an order, by the domain's rule. */
export const windowOf = (details: OrderDetails, expiresAt: string | null) => (expiresAt === null ? undefined : renewalWindow(details.form, expiresAt));

/**
 * The service methods the law allows for this order (the domain's service rules), judged on the
 * order itself: a method refused only because of the date or an earlier service is still offered,
 * and the registry says so on its field if it applies.
 */
export const offeredServiceMethods = (details: OrderDetails): { method: ServiceMethod; description: string }[] =>
  (Object.keys(SERVICE_METHOD_RULES) as ServiceMethod[]).flatMap((method) => {
    const probe = { serviceId: 'probe', servedAt: details.issuedAt, method, servedBy: { name: 'probe' }, servingAgencyOri: 'CA0000000' } as ServiceRecord;
    const r = checkServiceMethod(details, [], probe);
    return r._tag === 'Right' || r.left.field === 'service.servedAt' ? [{ method, description: SERVICE_METHOD_RULES[method].description }] : [];
  });

/** The form a temporary order becomes after its hearing (DV-110 → DV-130), for the clone's default. */
export const afterHearingForm = (form: string): FormNumber | undefined => {
  if (!(form in ORDER_FORMS)) return undefined;
  const info = formInfo(form as FormNumber);
  if (info.stage !== 'temporary' && info.stage !== 'emergency') return undefined;
  const prefix = form.split('-')[0];
  return FORM_NUMBERS.find((f) => formInfo(f).type === info.type && formInfo(f).stage === 'after-hearing' && f.startsWith(`${prefix}-`)) ?? FORM_NUMBERS.find((f) => formInfo(f).type === info.type && formInfo(f).stage === 'after-hearing');
};
