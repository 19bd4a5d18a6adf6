import { describe, expect, it } from '@jest/globals';
import { esdbConfigFromEnv, ESDB_CONNECTION_STRING_ENV } from './esdb-config';

describe('esdbConfigFromEnv', () => {
  it('reads the connection string', () => {
    expect(esdbConfigFromEnv({ [ESDB_CONNECTION_STRING_ENV]: ' esdb://db.local:2113?tls=false ' })).toEqual({
      connectionString: 'esdb://db.local:2113?tls=false',
    });
    expect(esdbConfigFromEnv({ [ESDB_CONNECTION_STRING_ENV]: 'esdb+discover://cluster.local:2113' }).connectionString).toBe(
      'esdb+discover://cluster.local:2113',
    );
  });

  it('names the variable when it is missing or not an esdb URL', () => {
    expect(() => esdbConfigFromEnv({})).toThrow(ESDB_CONNECTION_STRING_ENV);
    expect(() => esdbConfigFromEnv({ [ESDB_CONNECTION_STRING_ENV]: 'http://db.local:2113' })).toThrow(/esdb:\/\//);
  });
});
