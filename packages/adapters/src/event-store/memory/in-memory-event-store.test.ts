import { describeEventStoreContract } from '@ccpor/test-kit';
import { InMemoryEventLog } from './in-memory-event-log';
import { InMemoryEventStore } from './in-memory-event-store';

// One log per suite run, shared by every store the suite opens (the factory contract).
const log = new InMemoryEventLog();

describeEventStoreContract(
  'in-memory',
  async ({ upcaster }) => {
    const store = new InMemoryEventStore({ log, ...(upcaster ? { upcaster } : {}) });
    return { store, dispose: () => store.close() };
  },
  { concurrentWriters: true },
);
