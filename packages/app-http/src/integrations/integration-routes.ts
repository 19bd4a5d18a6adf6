import { randomBytes, randomUUID } from 'node:crypto';
import * as t from 'io-ts';
import { WEBHOOK_TOPICS, type WebhookTopic } from '@ccpor/adapters';
import { agencyScopeOf, Ori, type EventStore, type Clock } from '@ccpor/domain';
import type { Request, Response } from 'express';
import type { ApiRouter } from '../http/api-router';
import { bodyCodec } from '../http/body-codec';
import type { Guard } from '../http/guard';
import type { Authenticated } from '../http/principal';
import { Problem } from '../http/problem';
import { renderChange } from './change-renderer';
import type { IntegrationService } from './integration-service';
import type { Config } from '../config/config';
import type { IdentityService } from '../identity/identity-service';
import type { AccessAuditLog } from '../audit/access-audit';

const TAG = 'integrations';

const Limit = t.refinement(t.string, (s) => /^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 500, 'limit (1–500)');
const Cursor = t.refinement(t.string, (s) => /^\d{1,18}$/.test(s), 'cursor (the seq of the last entry read)');
const FeedQuery = t.exact(t.partial({ after: Cursor, limit: Limit, agencyOri: Ori }), 'FeedQuery');
const DeliveryQuery = t.exact(
  t.partial({ status: t.keyof({ pending: null, 'in-flight': null, delivered: null, dead: null, withheld: null }), subscriptionId: t.string, after: Cursor, limit: Limit, agencyOri: Ori }),
  'DeliveryQuery',
);
const Topic = t.keyof(Object.fromEntries(WEBHOOK_TOPICS.map((k) => [k, null])) as Record<WebhookTopic, null>, 'WebhookTopic');
const WebhookUrl = t.refinement(t.string, (s) => s.length <= 2000 && URL.canParse(s), 'absolute URL (at most 2000 characters)');
const NewSubscription = bodyCodec('NewWebhookSubscription', { url: WebhookUrl }, { topics: t.array(Topic), apiKeyId: t.string });

const off = (): Problem =>
  new Problem(503, 'INTEGRATIONS_OFF', 'Integrations not running', 'This registry runs without the integration feed (CCPOR_INTEGRATIONS=false, or an EventStoreDB log).');

/** The agencies a request covers: the caller's own, the one a state administrator names, or (listing, state administrator) all. */
const scopeFor = (p: Authenticated, requested: string | undefined): string | undefined => {
  const scope = agencyScopeOf(p, requested);
  if (scope.kind === 'refused') {
    throw new Problem(403, scope.code, 'Forbidden', 'An integration sees its own agency only.', { rule: 'integrations: own agency', field: 'agencyOri' });
  }
  return scope.kind === 'agency' ? scope.agencyOri : undefined;
};

/** The one agency a request acts on: the caller's own, or the one a state administrator names. */
const agencyFor = (p: Authenticated, requested: string | undefined): string => scopeFor(p, requested) ?? p.agencyOri;

/** What the integration feed and webhook routes read: the feed when `serve` runs it (503 without), the log, accounts and the access audit. */
export interface IntegrationRouteNeeds {
  readonly config: Config;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly identity: IdentityService;
  readonly audit: AccessAuditLog;
  readonly integrations?: IntegrationService;
}

/**
 * The event feed for case-management systems (ADR 0072): webhook subscriptions of an agency's API
 * key, the pull feed, and the webhook delivery log with the operator's retry.
 */
export const registerIntegrationRoutes = (api: ApiRouter, s: IntegrationRouteNeeds, guard: Guard): void => {
  const running = (): IntegrationService => {
    if (s.integrations === undefined) throw off();
    return s.integrations;
  };
  const authorize = (req: Request, res: Response, action: 'integrations.manage' | 'integrations.feed.read', agencyOri?: string): Authenticated =>
    guard.global(req, res, action, agencyOri !== undefined ? { agencyOri } : {});

  api.add({
    method: 'post',
    path: '/integrations/webhooks',
    summary:
      'Subscribe an API key to its agency’s order changes and DOJ outcomes by webhook. Called with the key itself, or by an administrator naming `apiKeyId`. The answer holds the signing `secret` once; each delivery is signed `CCPOR-Signature: t=<unix seconds>,v1=<HMAC-SHA256(secret, "<t>.<body>")>` and carries `CCPOR-Delivery-Id`',
    tag: TAG,
    body: NewSubscription,
    success: 201,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res, body }) => {
      const principal = res.locals.principal as Authenticated | undefined;
      const keyId = principal?.kind === 'api-key' ? principal.userId.replace(/^api-key:/, '') : body.apiKeyId;
      const key = keyId === undefined ? undefined : s.identity.view.apiKeys.get(keyId);
      const p = authorize(req, res, 'integrations.manage', key?.agencyOri);
      const integrations = running();
      if (key === undefined || key.revoked) throw new Problem(400, 'INVALID_VALUE', 'Invalid request', 'apiKeyId: name an active API key of your agency (or call with the key itself).', { field: 'apiKeyId' });
      if (integrations.secrets === undefined) throw new Problem(503, 'SECRETS_KEY_MISSING', 'Secrets key not set', 'Set CCPOR_SECRETS_KEY so webhook signing secrets can be stored encrypted.');
      const url = new URL(body.url);
      if (url.username !== '' || url.password !== '') throw new Problem(400, 'INVALID_VALUE', 'Invalid request', 'url: must not carry credentials; the signature authenticates the registry.', { field: 'url' });
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && s.config.integrations.allowHttp)) {
        throw new Problem(400, 'INVALID_VALUE', 'Invalid request', 'url: must be https (CCPOR_WEBHOOK_ALLOW_HTTP allows http).', { field: 'url' });
      }
      const secret = randomBytes(32).toString('base64url');
      const subscription = await integrations.store.createSubscription({
        id: randomUUID(),
        agencyOri: key.agencyOri,
        apiKeyId: key.keyId,
        url: url.toString(),
        topics: body.topics !== undefined && body.topics.length > 0 ? [...new Set(body.topics)] : [...WEBHOOK_TOPICS],
        secretSealed: integrations.secrets.seal(secret),
        createdBy: p.userId,
      });
      return { subscription, secret };
    },
  });

  api.add({
    method: 'get',
    path: '/integrations/webhooks',
    summary: 'The agency’s webhook subscriptions (never their secrets)',
    tag: TAG,
    query: t.exact(t.partial({ agencyOri: Ori })),
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = authorize(req, res, 'integrations.manage', query.agencyOri);
      return { subscriptions: await running().store.subscriptions(scopeFor(p, query.agencyOri)) };
    },
  });

  api.add({
    method: 'delete',
    path: '/integrations/webhooks/:id',
    summary: 'Stop a webhook subscription; deliveries not yet made are withheld',
    tag: TAG,
    success: 204,
    handler: async ({ req, res }) => {
      const sub = await running().store.subscription(String(req.params.id));
      authorize(req, res, 'integrations.manage', sub?.agencyOri);
      if (sub === undefined) throw new Problem(404, 'NOT_FOUND', 'Not found', 'No such subscription.', { field: 'id' });
      await running().store.deactivate(sub.id);
      return undefined;
    },
  });

  api.add({
    method: 'get',
    path: '/integrations/feed',
    summary:
      'The pull alternative to webhooks: the agency’s order changes and DOJ outcomes after `after` (a cursor), oldest first, each rendered as a webhook body is. Answer `{ entries, next }`; pass `next` as `after` to continue. Changes the caller may not see are left out',
    tag: TAG,
    query: FeedQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = authorize(req, res, 'integrations.feed.read', query.agencyOri);
      const integrations = running();
      const entries = await integrations.store.feed(agencyFor(p, query.agencyOri), query.after, query.limit !== undefined ? Number(query.limit) : 100);
      const out: Record<string, unknown>[] = [];
      for (const e of entries) {
        const rendered = await renderChange({ store: s.store, audit: s.audit, now: () => s.clock.now() }, p, e, `GET ${req.baseUrl}/integrations/feed`);
        if (rendered.allowed) out.push({ seq: e.seq, ...rendered.body });
      }
      const last = entries[entries.length - 1];
      return { entries: out, next: last?.seq ?? query.after ?? null };
    },
  });

  api.add({
    method: 'get',
    path: '/integrations/deliveries',
    summary: 'The webhook delivery log of the agency: each delivery’s id, subscription, event, state, attempts, next attempt and last error',
    tag: TAG,
    query: DeliveryQuery,
    success: 200,
    handler: async ({ req, res, query }) => {
      const p = authorize(req, res, 'integrations.manage', query.agencyOri);
      const agency = scopeFor(p, query.agencyOri);
      const rows = await running().webhooks.list({
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(agency !== undefined ? { agencyOri: agency } : {}),
        ...(query.subscriptionId !== undefined ? { target: query.subscriptionId } : {}),
        ...(query.after !== undefined ? { after: query.after } : {}),
        limit: query.limit !== undefined ? Number(query.limit) : 100,
      });
      return { deliveries: rows.map(({ target, ...d }) => ({ ...d, subscriptionId: target })) };
    },
  });

  api.add({
    method: 'post',
    path: '/integrations/deliveries/:id/retry',
    summary: 'Send a dead-lettered webhook delivery again with a fresh attempt count (later changes of its order wait behind it)',
    tag: TAG,
    success: 200,
    headers: ['Idempotency-Key'],
    handler: async ({ req, res }) => {
      const integrations = running();
      const d = await integrations.webhooks.find(String(req.params.id));
      authorize(req, res, 'integrations.manage', d?.agencyOri ?? undefined);
      if (d === undefined) throw new Problem(404, 'NOT_FOUND', 'Not found', 'No such delivery.', { field: 'id' });
      if (!(await integrations.webhooks.retry(d.id))) throw new Problem(409, 'NOT_DEAD_LETTERED', 'Not dead-lettered', `Delivery ${d.id} is ${d.status}, not dead-lettered.`, { field: 'id' });
      integrations.wake();
      const after = await integrations.webhooks.find(d.id);
      return after === undefined ? undefined : (({ target, ...rest }) => ({ ...rest, subscriptionId: target }))(after);
    },
  });
};
