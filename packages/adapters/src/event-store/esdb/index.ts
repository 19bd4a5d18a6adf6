export { EsdbEventStore } from './esdb-event-store';
export { esdbConfigFromEnv, ESDB_CONNECTION_STRING_ENV, type EsdbEventStoreConfig } from './esdb-config';
