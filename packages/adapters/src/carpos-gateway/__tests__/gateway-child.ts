/**
 * The gateway as its own process, for the kill -9 test: `gateway-child.ts <schema> <port>`.
 * It opens the PostgreSQL registry in that schema (settings from CCPOR_TEST_PG_URL or PG*),
 * connects to the simulator on 127.0.0.1:<port>, prints `ready`, and runs until killed.
 */
import { TcpCletsLink } from '../../clets-link/tcp-clets-link';
import { CarposGateway } from '../carpos-gateway';
import { carposSettings, fastDispatch, openPostgresRegistry } from './gateway-harness';

const main = async (): Promise<void> => {
  const [schema, port] = process.argv.slice(2);
  if (schema === undefined || port === undefined) throw new Error('usage: gateway-child.ts <schema> <port>');
  const registry = await openPostgresRegistry(schema, false);
  const link = TcpCletsLink.open({ host: '127.0.0.1', port: Number(port), reconnect: { initialMs: 20, maxMs: 200 } });
  await CarposGateway.start({
    db: registry.db,
    schema,
    eventStore: registry.eventStore,
    commands: registry.commands,
    link,
    settings: carposSettings,
    dispatch: { ...fastDispatch, maxInFlight: 64 },
    pollIntervalMs: 25,
    onError: (where, error) => process.stderr.write(`${where}: ${String(error)}\n`),
  });
  process.stdout.write('ready\n');
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
