import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { CarposService } from '../carpos/carpos-service';
import { registeredCourts } from '../carpos/registered-courts';
import type { Config } from '../config/config';
import { buildContainer, closeServices, resolveServices, type Overrides } from '../composition/container';
import type { AppServices } from '../composition/services';
import { createApp, markShuttingDown } from '../http/app';
import { startScanInbox } from '../scans/scan-inbox';
import { withIntegrations } from '../integrations/start-integrations';
import { withNotifications } from '../notifications/start-notifications';

export interface RunningServer {
  readonly services: AppServices;
  readonly server: Server;
  readonly url: string;
  readonly bootstrap?: { username: string; password: string };
  /** Stops accepting connections, lets requests in flight finish (up to the grace period), then closes the store. */
  shutdown(): Promise<void>;
}

/** Composes the registry, catches the read model up, bootstraps the administrator and listens. */
export const startServer = async (config: Config, overrides: Overrides = {}, onProgress?: (applied: number) => void): Promise<RunningServer> => {
  const resolved = await resolveServices(buildContainer(config, overrides), onProgress);
  const bootstrap = await resolved.identity.bootstrap(config.bootstrapAdmin);
  const services = await withNotifications(await withIntegrations(await withCarpos(resolved)));
  let scans: Awaited<ReturnType<typeof startScanInbox>> | undefined;
  // A start that fails after this point (a missing scan inbox, a port in use) lets go of what it
  // started, so the store is released and the process (or a test) can go on.
  const abandon = async (error: unknown): Promise<never> => {
    await scans?.stop();
    await services.notifications?.stop();
    await services.integrations?.stop();
    await services.carpos?.stop();
    await closeServices(services);
    throw error;
  };
  if (config.scans !== undefined) scans = await startScanInbox(services, config.scans).catch(abandon);
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
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      markShuttingDown(app);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, n] of sockets) if (n === 0) socket.end();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownGraceMs).unref());
      await Promise.race([closed, grace]);
      for (const socket of sockets.keys()) socket.destroy();
      // The scan inbox and the gateway first: they use the store that closeServices closes.
      await scans?.stop();
      await services.notifications?.stop();
      await services.integrations?.stop();
      await services.carpos?.stop();
      await closeServices(services);
    })());
  return { services, server, url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`, ...(bootstrap ? { bootstrap } : {}), shutdown };
};

/** Starts the CARPOS gateway when the configuration names a CLETS link (CCPOR_CLETS_HOST). */
const withCarpos = async (s: AppServices): Promise<AppServices> => {
  const config = s.config.carpos;
  if (config === undefined) return s;
  // A gateway that cannot start (on EventStoreDB, say) stops the start; release the store so the process can exit.
  const carpos = await CarposService.start({
    config,
    eventStore: s.store,
    memoryStore: s.config.store.kind === 'memory',
    commands: s.commands,
    clock: s.clock,
    agency: (ori) => s.identity.view.agencies.get(ori),
    logger: s.logger,
    metrics: s.metrics,
    // A state reconciliation also lists registered courts that have no order in the registry yet.
    courts: () => registeredCourts(s.identity.view.agencies.values()),
  }).catch(async (error: unknown) => {
    await closeServices(s);
    throw error;
  });
  s.logger.info({ host: config.host, port: config.port, tls: config.tls !== undefined }, 'CARPOS gateway started');
  return { ...s, carpos };
};
