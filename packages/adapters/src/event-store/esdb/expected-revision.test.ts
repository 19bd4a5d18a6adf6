import { describe, expect, it } from '@jest/globals';
import { NO_STREAM } from '@eventstore/db-client';
import { revisionAt, versionOf } from './expected-revision';

describe('versions and EventStoreDB revisions', () => {
  it('maps version n to revision n - 1 and version 0 to no stream', () => {
    expect(revisionAt(0)).toBe(NO_STREAM);
    expect(revisionAt(1)).toBe(0n);
    expect(revisionAt(7)).toBe(6n);
  });

  it('maps a reported revision back to a version', () => {
    expect(versionOf('no_stream')).toBe(0);
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(41n)).toBe(42);
  });
});
