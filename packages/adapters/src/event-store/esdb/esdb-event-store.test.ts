import { afterAll, describe } from '@jest/globals';
import type { Upcaster } from '@ccpor/domain';
import {
  describeEventStoreContract,
  startEsdbStandIn,
  type EsdbStandIn,
  type EsdbStandInOptions,
  type EventStoreUnderTest,
} from '@ccpor/test-kit';
import { EsdbEventStore } from './esdb-event-store';

const openStore = async (connectionString: string, upcaster: Upcaster | undefined): Promise<EventStoreUnderTest> => {
  const store = await EsdbEventStore.connect({ connectionString, ...(upcaster ? { upcaster } : {}) });
  return { store, dispose: () => store.close() };
};

/** The contract on a stand-in of its own, shared by every store the contract opens. */
const onStandIn = (name: string, options: EsdbStandInOptions): void => {
  let standIn: Promise<EsdbStandIn> | undefined;
  describe(name, () => {
    // Runs after the contract's own afterAll has closed its stores.
    afterAll(async () => {
      await (await standIn)?.close();
    });
    describeEventStoreContract(name, async ({ upcaster }) => {
      standIn ??= startEsdbStandIn(options);
      return openStore((await standIn).connectionString, upcaster);
    });
  });
};

onStandIn('EventStoreDB adapter on the gRPC stand-in, appending through BatchAppend', {});
// The client falls back to the client-streaming Append RPC on servers without BatchAppend.
onStandIn('EventStoreDB adapter on the gRPC stand-in, appending through Append', { batchAppend: false });

const realServer = process.env.CCPOR_TEST_ESDB_URL;
if (realServer) {
  describe('a real EventStoreDB server (CCPOR_TEST_ESDB_URL)', () => {
    describeEventStoreContract(`EventStoreDB adapter on ${realServer}`, ({ upcaster }) => openStore(realServer, upcaster));
  });
}
