import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { PostgresLeadership, soloLeadership, type Leadership } from '@ccpor/adapters';
import type { Config } from '../config/config';
import { DEFAULT_SCALE } from '../config/scale-env';
import { buildContainer, closeServices, resolveServices, type Overrides } from '../composition/container';
import type { AppServices } from '../composition/services';
import { createApp, markShuttingDown } from '../http/app';
import { Problem } from '../http/problem';
import { withIntegrations } from '../integrations/start-integrations';
import { withNotifications } from '../notifications/start-notifications';
import { backgroundJobs, checkScanInbox, type LiveServices } from './background-jobs';

export interface RunningServer {
  readonly services: AppServices;
  readonly server: Server;
  readonly url: string;
  readonly bootstrap?: { username: string; password: string };
  /** Which background jobs this process leads (ADR 0061). */
  readonly leadership: Leadership;
  /** Stops accepting connections, hands its background jobs over at once, lets requests in flight finish (up to the grace period), then closes the store. */
  shutdown(): Promise<void>;
}

/**
 * First start: several processes starting together on one new database race to create the state
 * administrator; the one that loses finds it created (and prints nothing).
 */
const bootstrapOnce = async (s: AppServices): Promise<{ username: string; password: string } | undefined> => {
  try {
    return await s.identity.bootstrap(s.config.bootstrapAdmin);
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 409) throw error;
    await s.readModel.waitFor((await s.store.headPosition())!, 10_000);
    return s.identity.bootstrap(s.config.bootstrapAdmin);
  }
};

/** Composes the registry, catches the read model up, bootstraps the administrator, takes the background jobs it can lead, and listens. */
export const startServer = async (config: Config, overrides: Overrides = {}, onProgress?: (applied: number) => void): Promise<RunningServer> => {
  const resolved = await resolveServices(buildContainer(config, overrides), onProgress, { projector: 'by-leadership' });
  const scale = config.scale ?? DEFAULT_SCALE;
  const started: { leadership?: Leadership } = {};
  // A start that fails after this point (a missing scan inbox, a port in use) lets go of what it
  // started, so the store is released and the process (or a test) can go on.
  let services: LiveServices = resolved;
  const abandon = async (error: unknown): Promise<never> => {
    await started.leadership?.resign();
    await services.notifications?.stop();
    await services.integrations?.stop();
    await closeServices(services);
    throw error;
  };
  const bootstrap = await bootstrapOnce(resolved).catch(abandon);
  services = { ...(await withNotifications(await withIntegrations(resolved, closeServices), closeServices)) };
  await checkScanInbox(services).catch(abandon);
  const leadership: Leadership =
    config.store.kind === 'postgres' && services.sharedState.scope === 'database'
      ? await PostgresLeadership.open({
          connection: { connectionString: config.store.url },
          schema: config.store.schema,
          checkIntervalMs: scale.leaderCheckMs,
          onError: (err) => services.logger.error({ err }, 'background job leadership: lock connection or job start failed; retrying'),
          onTransition: (job, event, ms) => services.logger.info({ job, event, ms }, event === 'leading' ? 'leading background job' : 'stopped leading background job'),
        })
      : soloLeadership();
  started.leadership = leadership;
  services.leadership = leadership;
  // On the embedded and memory stores a job that cannot start stops the start, as before; on
  // PostgreSQL it is logged and tried again (here or in another process).
  for (const job of backgroundJobs(services)) await leadership.add(job).catch(abandon);

  const { app } = createApp(services);
  const sockets = new Map<Socket, number>();
  // A client gets headersTimeout for its headers and requestTimeout for the whole request, an upload
  // included; the connections are checked every second, so a slow one is cut off on time (ADR 0037).
  const { requestTimeoutMs, headersTimeoutMs } = config.transport;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createServer({ requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, connectionsCheckingInterval: 1000 }, app);
    s.once('error', reject);
    s.listen(config.port, config.host, () => {
      s.off('error', reject);
      resolve(s);
    });
  }).catch(abandon);
  // Track requests in flight per socket, so shutdown closes idle keep-alive sockets at once and busy ones after their response.
  server.on('connection', (socket) => {
    sockets.set(socket, 0);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    sockets.set(socket, (sockets.get(socket) ?? 0) + 1);
    res.on('finish', () => {
      const n = (sockets.get(socket) ?? 1) - 1;
      sockets.set(socket, n);
      if (n === 0 && app.get('ccpor.shuttingDown') === true) socket.end();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const led = leadership;
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      markShuttingDown(app);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, n] of sockets) if (n === 0) socket.end();
      // The background jobs go to another process at once, while requests in flight drain here
      // (a `?wait=` among them follows the views' checkpoint instead of the projector).
      const handedOver = led.resign();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      for (const socket of sockets.keys()) socket.destroy();
      await handedOver;
      await services.notifications?.stop();
      await services.integrations?.stop();
      await closeServices(services);
    })());
  return { services, server, url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`, ...(bootstrap ? { bootstrap } : {}), leadership, shutdown };
};
