import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { AGENCY_KINDS, NOTIFICATION_KINDS, PROTECTED_PERSON_KINDS, type NotificationKind } from '@ccpor/adapters';
import { agencyScopeOf, OrderId, Ori, type CommandHandler } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import type { Authenticated } from '../http/principal';
import { badRequest, fromHandlerError, Problem } from '../http/problem';
import { factsOf } from '../orders/order-facts';
import { isMailAddress, PROTECTED_PERSON_HINT, staffAddressHint } from './address-hint';
import type { NotificationService } from './notification-service';
import { LANGUAGES, renderNotification, SAMPLE_DATA, TEMPLATES, type Language } from './templates';
import type { IdentityService } from '../identity/identity-service';

const TAG = 'notifications';

const keys = <K extends string>(name: string, values: readonly K[]) => t.keyof(Object.fromEntries(values.map((v) => [v, null])) as Record<K, null>, name);
const Kind = keys('NotificationKind', NOTIFICATION_KINDS);
const AgencyKind = keys('AgencyNotificationKind', AGENCY_KINDS);
const PersonKind = keys('ProtectedPersonNotificationKind', PROTECTED_PERSON_KINDS);
const LanguageCodec = keys('Language', LANGUAGES);
// Validated here, never echoed back in an error (the value may be a protected person's address).
const Address = new t.Type<string, string, unknown>(
  'e-mail address',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' && isMailAddress(u.trim()) ? t.success(u.trim()) : t.failure('(hidden)', c, 'must be an e-mail address')),
  (a) => a,
);
const Recipients = bodyCodec('AgencyRecipients', { recipients: t.array(t.type({ address: Address, kinds: t.array(AgencyKind), language: LanguageCodec })) });
const NewContact = bodyCodec('ProtectedPersonContact', { protectedPerson: t.Int, address: Address, language: LanguageCodec }, { kinds: t.array(PersonKind) });
const Preview = bodyCodec('TemplatePreview', { language: LanguageCodec });
const LogQuery = t.exact(
  t.partial({
    status: t.keyof({ pending: null, 'in-flight': null, delivered: null, dead: null, withheld: null }),
    after: t.refinement(t.string, (s) => /^\d{1,18}$/.test(s), 'cursor'),
    limit: t.refinement(t.string, (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 500, 'limit (1–500)'),
    agencyOri: Ori,
  }),
  'NotificationLogQuery',
);

const off = (): Problem => new Problem(503, 'NOTIFICATIONS_OFF', 'Mail notifications not running', 'This registry runs without e-mail notifications (CCPOR_SMTP_URL is not set).');

const page = (title: string, text: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:18px;max-width:40em;margin:2em auto"><h1>${title}</h1><p>${text}</p></body></html>`;

/** What the e-mail notification routes read: the mail outbox when `serve` runs it (503 without), orders and accounts. */
export interface NotificationRouteNeeds {
  readonly commands: CommandHandler;
  readonly identity: IdentityService;
  readonly notifications?: NotificationService;
}

/**
 * E-mail notifications (ADR 0073): who receives what per agency, protected persons' opt-in on an
 * order, the unsubscribe link, the redacted delivery log with the operator's retry, and template
 * previews for the administration.
 */
export const registerNotificationRoutes = (api: ApiRouter, s: NotificationRouteNeeds, guard: Guard): void => {
  const running = (): NotificationService => {
    if (s.notifications === undefined) throw off();
    return s.notifications;
  };
  const admin = (req: Request, res: Response, action: 'notifications.manage' | 'notifications.log.read', agencyOri: string | undefined): Authenticated =>
    guard.global(req, res, action, agencyOri !== undefined ? { agencyOri } : {});

  api.add({
    method: 'get',
    path: '/notifications/agencies/:ori/recipients',
    summary: 'Who at the agency receives which notification (DOJ reject, DOJ deadline passed, renewal window); addresses shown as hints',
    tag: TAG,
    success: 200,
    handler: async ({ req, res }) => {
      const ori = String(req.params.ori);
      admin(req, res, 'notifications.manage', ori);
      return { recipients: await running().store.agencyContacts(ori) };
    },
  });

  api.add({
    method: 'put',
    path: '/notifications/agencies/:ori/recipients',
    summary: 'Set the agency’s designated staff for notifications, each with the notifications they receive and their language (replaces the list)',
    tag: TAG,
    body: Recipients,
    success: 200,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res, body }) => {
      const ori = String(req.params.ori);
      const p = admin(req, res, 'notifications.manage', ori);
      if (!Ori.is(ori) || !s.identity.view.agencies.has(ori)) throw new Problem(404, 'NOT_FOUND', 'Not found', `No agency ${ori}.`, { field: 'ori' });
      const n = running();
      const recipients = await n.store.replaceAgencyContacts(
        ori,
        body.recipients.map((r) => ({
          id: randomUUID(),
          scope: 'agency' as const,
          agencyOri: ori,
          kinds: [...new Set(r.kinds)],
          language: r.language,
          addressSealed: n.secrets.seal(r.address),
          addressHint: staffAddressHint(r.address),
          createdBy: p.userId,
        })),
      );
      return { recipients };
    },
  });

  api.add({
    method: 'post',
    path: '/orders/:orderId/notification-contacts',
    summary:
      'A protected person opts in to e-mail about the order (service; expiry near), by the order’s own or assigned agency. The address is stored encrypted, never shown, searched or logged; the answer names the contact only',
    tag: TAG,
    body: NewContact,
    success: 201,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res, body }) => {
      const orderId = OrderId.decode(req.params.orderId);
      if (E.isLeft(orderId)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      const loaded = await s.commands.load(orderId.right);
      if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
      const state = loaded.right.state;
      if (state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
      // Recording a protected person's contact is a change to what the registry holds about the order.
      const p = guard.order(req, res, 'order.modify', factsOf(state), orderId.right);
      if (state.status !== 'issued') throw new Problem(409, 'ORDER_NOT_ISSUED', 'Conflict', 'Notifications concern added orders.');
      if (body.protectedPerson < 0 || body.protectedPerson >= state.details.protectedPersons.length) {
        throw badRequest('INVALID_VALUE', `protectedPerson: the order has ${state.details.protectedPersons.length} protected person(s), numbered from 0`, 'protectedPerson');
      }
      const n = running();
      const contact = await n.store.addContact({
        id: randomUUID(),
        scope: 'protected-person',
        agencyOri: state.enteringAgencyOri,
        orderId: orderId.right,
        kinds: body.kinds !== undefined && body.kinds.length > 0 ? [...new Set(body.kinds)] : [...PROTECTED_PERSON_KINDS],
        language: body.language,
        addressSealed: n.secrets.seal(body.address),
        addressHint: PROTECTED_PERSON_HINT,
        createdBy: p.userId,
      });
      return { contact: { ...contact, protectedPerson: body.protectedPerson } };
    },
  });

  api.add({
    method: 'delete',
    path: '/orders/:orderId/notification-contacts/:contactId',
    summary: 'Stop e-mail to a protected person who opted in (as the unsubscribe link does)',
    tag: TAG,
    success: 204,
    handler: async ({ req, res }) => {
      const orderId = OrderId.decode(req.params.orderId);
      if (E.isLeft(orderId)) throw badRequest('INVALID_VALUE', 'orderId: must be a UUID', 'orderId');
      const loaded = await s.commands.load(orderId.right);
      if (E.isLeft(loaded)) throw fromHandlerError(loaded.left, false);
      if (loaded.right.state.status === 'none') throw new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' });
      guard.order(req, res, 'order.modify', factsOf(loaded.right.state), orderId.right);
      const contact = await running().store.contact(String(req.params.contactId));
      if (contact === undefined || contact.orderId !== orderId.right) throw new Problem(404, 'NOT_FOUND', 'Not found', 'No such contact on this order.', { field: 'contactId' });
      await running().store.unsubscribe(contact.id);
      return undefined;
    },
  });

  const unsubscribe = async (req: Request, res: Response): Promise<void> => {
    const c = typeof req.query.c === 'string' ? req.query.c : '';
    const sig = typeof req.query.s === 'string' ? req.query.s : '';
    const n = running();
    res.setHeader('Cache-Control', 'no-store');
    if (c === '' || !n.links.verify(c, sig)) {
      res.status(400).type('text/html').send(page('Link not valid', 'This unsubscribe link is not valid. Use the link in the most recent e-mail.'));
      return;
    }
    await n.store.unsubscribe(c);
    // Same answer whether it was subscribed or not: the page tells nothing about the contact.
    res.status(200).type('text/html').send(page('Unsubscribed', 'You will receive no more e-mails about this order. / Ya no recibirá más correos sobre esta orden.'));
  };
  for (const method of ['get', 'post'] as const) {
    api.add({
      method,
      path: '/notifications/unsubscribe',
      summary: `The unsubscribe link in every notification (signed; no sign-in). ${method === 'post' ? 'One-click unsubscribe (RFC 8058) from the mail client' : 'Answers a short page'}`,
      tag: TAG,
      auth: false,
      success: 200,
      responseContent: { 'text/html': { schema: { type: 'string' } } },
      handler: async ({ req, res }) => unsubscribe(req, res),
    });
  }

  api.add({
    method: 'get',
    path: '/notifications/deliveries',
    summary: 'The mail delivery log of the agency: what (notification, order), to whom (redacted), when, outcome, attempts',
    tag: TAG,
    query: LogQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = admin(req, res, 'notifications.log.read', query.agencyOri);
      const scope = agencyScopeOf(p, query.agencyOri);
      if (scope.kind === 'refused') throw new Problem(403, scope.code, 'Forbidden', 'You see the mail log of your own agency only.', { rule: 'notifications: own agency', field: 'agencyOri' });
      const agency = scope.kind === 'agency' ? scope.agencyOri : undefined;
      const n = running();
      const rows = await n.outbox.list({
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(agency !== undefined ? { agencyOri: agency } : {}),
        ...(query.after !== undefined ? { after: query.after } : {}),
        limit: query.limit !== undefined ? Number(query.limit) : 100,
      });
      const contacts = await n.store.contactsByIds([...new Set(rows.map((r) => r.target))]);
      return {
        deliveries: rows.map((r) => ({
          id: r.id,
          deliveryId: r.deliveryId,
          notification: r.kind,
          orderId: (r.payload as { orderId: string }).orderId,
          to: contacts.get(r.target)?.addressHint ?? 'unknown recipient',
          contactId: r.target,
          status: r.status,
          attempts: r.attempts,
          createdAt: r.createdAt,
          deliveredAt: r.deliveredAt,
          nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
          lastError: r.lastError,
        })),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/notifications/deliveries/:id/retry',
    summary: 'Send a dead-lettered notification again with a fresh attempt count',
    tag: TAG,
    success: 200,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res }) => {
      const n = running();
      const d = await n.outbox.find(String(req.params.id));
      admin(req, res, 'notifications.log.read', d?.agencyOri ?? undefined);
      if (d === undefined) throw new Problem(404, 'NOT_FOUND', 'Not found', 'No such delivery.', { field: 'id' });
      if (!(await n.outbox.retry(d.id))) throw new Problem(409, 'NOT_DEAD_LETTERED', 'Not dead-lettered', `Delivery ${d.id} is ${d.status}, not dead-lettered.`, { field: 'id' });
      n.wake();
      return { id: d.id, status: 'pending' };
    },
  });

  api.add({
    method: 'get',
    path: '/notifications/templates',
    summary: 'The notification templates: each notification, who receives it, and its languages',
    tag: TAG,
    success: 200,
    handler: ({ req, res }) => {
      admin(req, res, 'notifications.manage', undefined);
      return {
        templates: (Object.keys(TEMPLATES) as NotificationKind[]).map((kind) => ({
          kind,
          recipients: (AGENCY_KINDS as readonly string[]).includes(kind) ? 'agency staff' : 'protected person who opted in',
          languages: Object.keys(TEMPLATES[kind]),
        })),
      };
    },
  });

  api.add({
    method: 'post',
    path: '/notifications/templates/:kind/preview',
    summary: 'Render a notification template with invented sample data (the administration’s preview): subject, plain text and HTML',
    tag: TAG,
    body: Preview,
    success: 200,
    handler: ({ req, res, body }) => {
      admin(req, res, 'notifications.manage', undefined);
      const kind = Kind.decode(req.params.kind);
      if (E.isLeft(kind)) throw badRequest('INVALID_VALUE', `kind: one of ${NOTIFICATION_KINDS.join(', ')}`, 'kind');
      return { kind: kind.right, language: body.language, ...renderNotification(kind.right, body.language as Language, SAMPLE_DATA) };
    },
  });
};
