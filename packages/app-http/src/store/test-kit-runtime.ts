/**
 * The parts of @ccpor/test-kit the registry uses at run time (ADR 0005: the `memory` store and
 * `demo seed`). Imported by file, not through the package index, because the index also exports
 * the jest contract suites, and @jest/globals refuses to load outside jest.
 */
export { InMemoryEventStore } from '@ccpor/test-kit/dist/event-store/in-memory-event-store';
export { LA_SHERIFF_ORI, LA_SUPERIOR_COURT, ORANGE_COURT, sampleForForm } from '@ccpor/test-kit/dist/fixtures/sample-orders';
