import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createCommandHandler, expectNoStream, orderDecider, OrderDetails, type Actor, type CommandHandler, type CommandInput, type EventStore } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { Pool } from 'pg';
import { TcpCletsLink } from '../../clets-link/tcp-clets-link';
import { pgliteDatabase } from '../../event-store/pglite/pglite-database';
import { PgliteEventStore } from '../../event-store/pglite/pglite-event-store';
import { postgresDatabase } from '../../event-store/postgres/postgres-database';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import { dropSchema, testPostgresConfig, throwawaySchemaName } from '../../event-store/postgres/throwaway-schema';
import { type SqlDatabase } from '../../sql/sql-database';
import { CarposGateway, type CarposGatewayOptions } from '../carpos-gateway';
import { type CarposSettings } from '../carpos-settings';

export const COURT_ORI = 'CA019015J';
export const SHERIFF_ORI = 'CA0194200';
/** An agency that keys its orders into CLETS itself. */
export const SELF_KEYING_ORI = 'CA030015J';
export const OTHER_SHERIFF_ORI = 'CA0370000';

export const carposSettings = (ori: string): CarposSettings =>
  ori === SELF_KEYING_ORI
    ? { submitsThroughRegistry: false, submitter: 'court', submitterOri: ori }
    : { submitsThroughRegistry: true, submitter: 'court', submitterOri: ori };

export const clerk: Actor = { userId: 'clerk-1', agencyOri: COURT_ORI, roles: ['clerk'], kind: 'user' };

export interface Registry {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly eventStore: EventStore;
  readonly commands: CommandHandler;
  close(): Promise<void>;
}

const systemClock = { now: () => new Date().toISOString() };
const uuids = { newId: () => randomUUID() };

/** The embedded store: event log and gateway tables on one in-memory PGlite. */
export const openPgliteRegistry = async (): Promise<Registry> => {
  const pglite = await PGlite.create('memory://');
  const schema = 'ccpor';
  const eventStore = await PgliteEventStore.open({ db: pglite, schema, pollIntervalMs: 50 });
  const commands = createCommandHandler({ eventStore, clock: systemClock, ids: uuids });
  return {
    db: pgliteDatabase(pglite),
    schema,
    eventStore,
    commands,
    close: async () => {
      await eventStore.close();
      await pglite.close();
    },
  };
};

export const pgConnection = testPostgresConfig();

/** PostgreSQL in a throwaway schema (127.0.0.1:5432 `test`, or CCPOR_TEST_PG_URL). */
export const openPostgresRegistry = async (schema = throwawaySchemaName('carpos'), drop = true): Promise<Registry> => {
  const eventStore = await PostgresEventStore.open({ connection: pgConnection, schema, pollIntervalMs: 50, poolSize: 24 });
  const pool = new Pool({ ...pgConnection, max: 32 });
  pool.on('error', () => undefined);
  const commands = createCommandHandler({ eventStore, clock: systemClock, ids: uuids });
  return {
    db: postgresDatabase(pool),
    schema,
    eventStore,
    commands,
    close: async () => {
      await eventStore.close();
      await pool.end();
      if (drop) await dropSchema(pgConnection, schema);
    },
  };
};

export const run = async (commands: CommandHandler, input: CommandInput): Promise<void> => {
  const result = await commands.handle(input, { actor: clerk });
  if (E.isLeft(result)) throw new Error(`${input.type} failed: ${JSON.stringify(result.left)}`);
};

/**
 * A complete Los Angeles DV order after hearing with its own case number, so DOJ's duplicate
 * rule never joins two. (Production-side helpers may not use test-kit's fixtures, hence this copy.)
 */
export const orderDetails = (n: number, overrides: Record<string, unknown> = {}): OrderDetails => {
  const input = {
    form: 'DV-130',
    court: { ori: COURT_ORI, county: '19', name: 'Superior Court of California, County of Los Angeles' },
    caseNumber: `26FL${String(n).padStart(6, '0')}`,
    issuedAt: '2026-03-02T10:15:00-08:00',
    restrainedPerson: {
      name: { last: 'Rivera', first: 'Daniel', middle: 'James' },
      dateOfBirth: '1988-07-14',
      sex: 'M',
      race: 'H',
      height: '510',
      weight: '185',
      eyes: 'BRO',
      hair: 'BLK',
    },
    protectedPersons: [{ name: { last: 'Rivera', first: 'Ana' }, dateOfBirth: '1990-02-03', sex: 'F', race: 'H', confidential: false, minor: false }],
    petitioner: { kind: 'person', name: { last: 'Rivera', first: 'Ana' } },
    pcoCodes: ['01', '04', '07'],
    terms: 'Respondent must stay 100 yards away from petitioner, her home and workplace.',
    brady: 'Y',
    ...overrides,
  };
  const decoded = OrderDetails.decode(input);
  if (E.isLeft(decoded)) throw new Error(`invalid order fixture ${JSON.stringify(input).slice(0, 200)}`);
  return decoded.right;
};

export const addOrder = async (commands: CommandHandler, n: number, overrides: Record<string, unknown> = {}, ori = COURT_ORI): Promise<string> => {
  const orderId = randomUUID();
  await run(commands, { type: 'AddOrder', orderId, enteringAgencyOri: ori, details: orderDetails(n, overrides) } as CommandInput);
  return orderId;
};

/** What the rig needs of the DOJ simulator (tests start it from test-kit and pass it in). */
export interface DojEndpoint {
  readonly host: string;
  readonly port: number;
}

/**
 * Adds an order the way the command handler would, minus reading the (empty) stream first:
 * the 10,000-order tests spend their time on the gateway, not on loading new orders.
 */
export const appendNewOrder = async (eventStore: EventStore, n: number, at = new Date().toISOString()): Promise<string> => {
  const orderId = randomUUID();
  const decided = orderDecider.decide({ type: 'AddOrder', orderId, enteringAgencyOri: COURT_ORI, details: orderDetails(n), at } as Parameters<typeof orderDecider.decide>[0], { status: 'none' });
  if (E.isLeft(decided)) throw new Error(`AddOrder failed: ${decided.left.message}`);
  const appended = await eventStore.append(
    `order-${orderId}`,
    decided.right.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: { eventId: randomUUID(), actor: clerk, correlationId: orderId, recordedAt: at } })),
    expectNoStream,
  );
  if (E.isLeft(appended)) throw new Error(`append failed: ${appended.left.code}`);
  return orderId;
};

export interface Rig {
  readonly registry: Registry;
  readonly link: TcpCletsLink;
  readonly gateway: CarposGateway;
  readonly errors: unknown[];
  stop(): Promise<void>;
}

export const fastDispatch = { responseTimeoutMs: 1_000, maxAttempts: 8, retry: { initialMs: 50, maxMs: 1_000 }, maxInFlight: 128 };

/** Simulator, link and gateway over a registry, tuned for tests (short timeouts and polls). */
export const startRig = async (registry: Registry, simulator: DojEndpoint, options: { gateway?: Partial<CarposGatewayOptions> } = {}): Promise<Rig> => {
  const link = TcpCletsLink.open({ host: simulator.host, port: simulator.port, reconnect: { initialMs: 20, maxMs: 200 }, sendTimeoutMs: 2_000 });
  const errors: unknown[] = [];
  const gateway = await CarposGateway.start({
    db: registry.db,
    schema: registry.schema,
    eventStore: registry.eventStore,
    commands: registry.commands,
    link,
    settings: carposSettings,
    dispatch: fastDispatch,
    pollIntervalMs: 25,
    onError: (_where, error) => errors.push(error),
    ...options.gateway,
  });
  return {
    registry,
    link,
    gateway,
    errors,
    stop: async () => {
      await gateway.stop();
      await link.close();
    },
  };
};

/** Polls until `check` holds (it may be async), or fails with `what` after `timeoutMs`. */
export const eventually = async (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The order's events by type, in stream order. */
export const eventTypes = async (eventStore: EventStore, orderId: string): Promise<string[]> =>
  (await eventStore.readStream(`order-${orderId}`)).map((e) => e.type);

export const outboxRows = async (registry: Registry, orderId: string): Promise<{ transaction: string; status: string; attempts: number; screen: string | null; message: { key: string; ori: string } }[]> =>
  (
    await registry.db.query<{ transaction: string; status: string; attempts: number; screen: string | null; message: { key: string; ori: string } }>(
      `SELECT transaction, status, attempts, screen, message FROM "${registry.schema}".carpos_outbox WHERE order_id = $1 ORDER BY id`,
      [orderId],
    )
  ).rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
