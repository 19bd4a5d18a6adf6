import * as E from 'fp-ts/Either';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { SqlHome } from '@ccpor/adapters';
import type { EventStore, ImageStore, Role } from '@ccpor/domain';
import { FixedClock, LA_SHERIFF_ORI, LA_SUPERIOR_COURT, ORANGE_COURT } from '@ccpor/test-kit';
import { InMemoryEventStore } from '@ccpor/adapters';
import { decodeConfig, type Config } from '../config/config';
import { buildContainer, closeServices, resolveServices } from '../composition/container';
import type { AppServices } from '../composition/services';
import { createApp } from '../http/app';
import { SYSTEM_ACTOR } from '../identity/identity-service';

export const NOW = '2026-03-03T18:00:00.000Z';
export const COURT = LA_SUPERIOR_COURT.ori;
export const SHERIFF = LA_SHERIFF_ORI;
export const OTHER_COURT = ORANGE_COURT.ori;

export const testConfig = (env: Record<string, string> = {}): Config => {
  const c = decodeConfig({ CCPOR_STORE: 'memory', CCPOR_LOG_LEVEL: 'silent', CCPOR_LOGIN_RATE_PER_MINUTE: '100000', CCPOR_WAIT_MAX_MS: '2000', ...env });
  if (E.isLeft(c)) throw c.left;
  return c.right;
};

export interface Client {
  readonly agent: ReturnType<typeof request.agent>;
  readonly csrf: string;
  readonly username: string;
}

export interface Harness {
  readonly app: Express;
  readonly services: AppServices;
  readonly clock: FixedClock;
  readonly operations: ReturnType<typeof createApp>['operations'];
  readonly admin: Client;
  /** A signed-in user with a changed password. */
  user(role: Role, agencyOri?: string, cletsCertified?: boolean): Promise<Client>;
  close(): Promise<void>;
}

/** Signs in and, for a one-time password, changes it; returns an agent carrying the cookie. */
export const signIn = async (app: Express, username: string, oneTimePassword: string): Promise<Client> => {
  const agent = request.agent(app);
  const login = await agent.post('/api/v1/session').send({ username, password: oneTimePassword }).expect(201);
  let csrf = login.body.csrfToken as string;
  if (login.body.mustChangePassword) {
    const changed = await agent
      .post('/api/v1/session/password')
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: oneTimePassword, newPassword: `${username}-long-password-1` })
      .expect(200);
    csrf = changed.body.csrfToken as string;
  }
  return { agent, csrf, username };
};

/** `sqlHome`: the given store's SQL database and schema, as the store opener gives them beside a SQL store. */
export const startHarness = async (options: { store?: EventStore; sqlHome?: SqlHome; config?: Record<string, string>; logger?: pino.Logger; imageStore?: ImageStore } = {}): Promise<Harness> => {
  const clock = new FixedClock(NOW);
  const config = testConfig(options.config);
  const services = await resolveServices(
    buildContainer(config, {
      eventStore: options.store ?? new InMemoryEventStore(),
      ...(options.sqlHome ? { sqlHome: options.sqlHome } : {}),
      clock,
      logger: options.logger ?? pino({ level: 'silent' }),
      ...(options.imageStore ? { imageStore: options.imageStore } : {}),
    }),
  );
  const boot = await services.identity.bootstrap(config.bootstrapAdmin);
  if (!boot) throw new Error('expected a bootstrap administrator on an empty store');
  const { app, operations } = createApp(services);
  for (const a of [
    { ori: COURT, name: LA_SUPERIOR_COURT.name, kind: 'superior-court', county: '19', carpos: { enabled: true, mnemonic: 'LASC' } },
    { ori: SHERIFF, name: 'Los Angeles County Sheriff', kind: 'sheriff', county: '19', carpos: { enabled: true } },
    { ori: OTHER_COURT, name: ORANGE_COURT.name, kind: 'superior-court', county: '30', carpos: { enabled: true } },
  ])
    await services.identity.registerAgency(a, SYSTEM_ACTOR);
  const admin = await signIn(app, boot.username, boot.password);
  let n = 0;
  return {
    app,
    services,
    clock,
    operations,
    admin,
    async user(role, agencyOri = COURT, cletsCertified = false) {
      n += 1;
      const username = `${role.replace(/[^a-z]/g, '')}${n}`;
      const created = await services.identity.createUser({ username, displayName: `Test ${role}`, agencyOri, roles: [role], cletsCertified }, SYSTEM_ACTOR);
      return signIn(app, username, created.oneTimePassword);
    },
    close: () => closeServices(services),
  };
};
