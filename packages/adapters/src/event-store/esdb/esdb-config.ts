import type { Upcaster } from '@ccpor/domain';

export interface EsdbEventStoreConfig {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`, or `esdb+discover://…` for a cluster. */
  readonly connectionString: string;
  /** Lifts old event schemas on read (default: none). */
  readonly upcaster?: Upcaster;
  /** Appends in flight at once on the shared connection (default 64). */
  readonly maxInFlightAppends?: number;
  /** Attempts for an `any` or `exists` append that keeps losing races (default 50). */
  readonly maxAppendAttempts?: number;
}

/** The environment variable that names the EventStoreDB connection string. */
export const ESDB_CONNECTION_STRING_ENV = 'CCPOR_ESDB_CONNECTION_STRING';

/** Reads the EventStoreDB settings from the environment, failing with a sentence on bad input. */
export const esdbConfigFromEnv = (env: Readonly<Record<string, string | undefined>>): EsdbEventStoreConfig => {
  const connectionString = env[ESDB_CONNECTION_STRING_ENV]?.trim();
  if (!connectionString) throw new Error(`${ESDB_CONNECTION_STRING_ENV} is not set; expected e.g. esdb://127.0.0.1:2113?tls=false`);
  if (!/^esdb(\+discover)?:\/\//.test(connectionString)) {
    throw new Error(`${ESDB_CONNECTION_STRING_ENV} must start with esdb:// or esdb+discover://`);
  }
  return { connectionString };
};
