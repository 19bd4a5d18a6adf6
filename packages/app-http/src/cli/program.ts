import { Command, InvalidArgumentError, Option } from 'commander';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { decodeWith, Role, type Actor } from '@ccpor/domain';
import { replayOrder } from '../audit/replay-order';
import { addCarposCommands } from '../carpos/carpos-cli';
import { verifyChains } from '../audit/verify-chains';
import { loadConfig, type Config } from '../config/config';
import { buildContainer, closeServices, resolveServices } from '../composition/container';
import type { AppServices } from '../composition/services';
import { seedDemo } from '../demo/seed-demo';
import { fromDomainError, Problem } from '../http/problem';
import { openApiDocumentWithoutStore } from '../openapi/document-without-store';
import { identityCommandProblem } from '../identity/identity-command-problem';
import { AgencyKind, AgencyRegistered, UserCreated } from '../identity/identity-events';
import { startServer } from '../server/start-server';
import { createUser } from '../use-cases/identity/create-user';
import { disableUser } from '../use-cases/identity/disable-user';
import type { IdentityOutcome } from '../use-cases/identity/identity-command';
import { issueApiKey } from '../use-cases/identity/issue-api-key';
import { operatorAccess } from '../use-cases/identity/operator-access';
import { registerAgency } from '../use-cases/identity/register-agency';
import { resetPassword } from '../use-cases/identity/reset-password';
import { revokeApiKey } from '../use-cases/identity/revoke-api-key';
import { describeStore } from '../store/open-event-store';
import { addImportCommands } from './import-cli';
import { addNiemCommands } from '../niem/niem-cli';
import { progressBar } from './progress';
import { isClusterWorker, runPrimary, workerNumber } from './serve-workers';

/** Who the command line acts as: the operating-system user, recorded as a system actor. */
const cliActor = (): Actor => ({ userId: `cli:${process.env.USER ?? 'operator'}`, agencyOri: 'CASTATE00', roles: ['state-admin'], kind: 'system' });

/**
 * The identity use cases' dependencies for the command line. Its access port is the installation's
 * operator (use-cases/identity/operator-access.ts): the policy is not asked, as it never was for
 * `ccpor`, because whoever runs it holds the store itself.
 */
const asOperator = (s: AppServices) => ({ access: operatorAccess(cliActor()), identity: s.identity, ids: s.ids, logins: s.identity.logins });

/** Arguments as an identity event holds them; what does not decode is refused as the API refuses it. */
const decoded = <C extends t.Mixed>(codec: C, input: unknown): t.TypeOf<C> => {
  const r = decodeWith(codec)(input);
  if (E.isLeft(r)) throw fromDomainError(r.left);
  return r.right;
};

/** A use case's result; its error is thrown as the problem, printed as the API would name it. */
const decided = async <A>(outcome: Promise<IdentityOutcome<never, A>>): Promise<A> => {
  const r = await outcome;
  if (E.isLeft(r)) throw identityCommandProblem(r.left);
  return r.right;
};

const out = (v: unknown): void => {
  process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
};

const roleList = (value: string, previous: string[] = []): string[] => {
  if (!Role.is(value)) throw new InvalidArgumentError(`not a role; one of ${Object.keys(Role.keys).join(', ')}`);
  return [...previous, value];
};

/** Opens the store and the read model, runs `fn`, and closes everything, whatever happens. */
const withServices = async <T>(fn: (s: AppServices, c: Config) => Promise<T>, showProgress = false): Promise<T> => {
  const config = loadConfig();
  let bar: ReturnType<typeof progressBar> | undefined;
  const s = await resolveServices(buildContainer(config), showProgress ? (n) => (bar ??= progressBar('reading the log', 0)).update(n) : undefined);
  bar?.stop();
  try {
    return await fn(s, config);
  } finally {
    await closeServices(s);
  }
};

export const buildProgram = (): Command => {
  const program = new Command('ccpor').description('The CCPOR statewide protective-order registry').showHelpAfterError();

  program
    .command('serve')
    .description('Run the HTTP service (configuration from CCPOR_* environment variables)')
    .option('--seed-demo <count>', 'seed this many demo orders when the store has none (overrides CCPOR_DEMO_SEED)', (v) => Number(v))
    .option('--workers <count>', 'run this many registry processes sharing the port (node:cluster; PostgreSQL store only; ADR 0061)', (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) throw new InvalidArgumentError('a whole number from 1 to 256');
      return Number(v);
    })
    .action(async (opts: { seedDemo?: number; workers?: number }) => {
      const config = loadConfig();
      if ((opts.workers ?? 1) > 1 && !isClusterWorker()) {
        await runPrimary(config, opts.workers!, process.argv.slice(2), out);
        process.exit(0);
      }
      const running = await startServer(config, {});
      if (workerNumber() > 1) {
        // One banner (and one demo seeding) per cluster: worker 1's.
        out(`CCPOR registry worker ${workerNumber()} (pid ${process.pid}) listening on ${running.url}`);
      }
      const seed = workerNumber() > 1 ? 0 : (opts.seedDemo ?? config.demoSeed);
      if (seed > 0 && (await running.services.search.orderCount()) === 0) {
        const bar = progressBar('seeding demo orders', seed);
        const r = await seedDemo(running.services, seed, bar.update);
        bar.stop();
        out(`Seeded ${r.added} demo orders.`);
      }
      if (workerNumber() <= 1) {
        out(`CCPOR registry listening on ${running.url}  (store: ${describeStore(config.store)})`);
        out(`  web application: ${running.url}/`);
        out(`  API docs: ${running.url}/docs   health: ${running.url}/healthz   metrics: ${running.url}/metrics`);
      }
      if (running.bootstrap) {
        // Printed once, on first start only; the password must be changed at first sign-in.
        out(`\n  First start: state administrator created.\n    user name: ${running.bootstrap.username}\n    one-time password: ${running.bootstrap.password}\n  Open ${running.url}/ and sign in with them; you will choose a new password. (API: POST /api/v1/session, then POST /api/v1/session/password.)\n`);
      }
      const stop = (signal: string) => {
        running.services.logger.info({ signal }, 'shutting down: draining requests');
        void running.shutdown().then(() => process.exit(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      // A worker whose primary died (kill -9) drains and stops rather than serve on unsupervised.
      if (isClusterWorker()) process.once('disconnect', () => stop('primary gone'));
    });

  program
    .command('openapi')
    .description('Print the OpenAPI document the registry serves at /api/v1/openapi.json, without opening a store')
    .action(() => out(openApiDocumentWithoutStore()));

  program
    .command('migrate')
    .description('Apply pending event-store migrations (SQL stores) and exit')
    .action(async () => {
      await withServices(async (_s, c) => out(`Store ${describeStore(c.store)} is migrated.`));
    });

  const users = program.command('users').description('Manage users');
  users
    .command('add <username>')
    .requiredOption('--agency <ori>', 'the user’s agency ORI')
    .requiredOption('--role <role>', 'a role (repeat for several)', roleList)
    .option('--name <display name>', 'display name')
    .option('--clets', 'CLETS-certified', false)
    .description('Create a user; prints a one-time password')
    .action((username: string, o: { agency: string; role: string[]; name?: string; clets: boolean }) =>
      withServices(async (s) => {
        const r = await decided(createUser(asOperator(s), decoded(UserCreated, { username, displayName: o.name ?? username, agencyOri: o.agency, roles: o.role, cletsCertified: o.clets })));
        out(`Created ${username}. One-time password (shown once): ${r.oneTimePassword}`);
      }),
    );
  users
    .command('list')
    .description('List users')
    .action(() =>
      withServices(async (s) =>
        out(
          [...s.identity.view.users.values()].map((u) => `${u.username}\t${u.agencyOri}\t${u.roles.join(',')}${u.cletsCertified ? '\tCLETS' : ''}${u.disabled ? '\tDISABLED' : ''}`).join('\n') || '(no users)',
        ),
      ),
    );
  users
    .command('reset-password <username>')
    .description('Reset a password; prints a new one-time password')
    .action((username: string) => withServices(async (s) => out(`One-time password for ${username} (shown once): ${(await decided(resetPassword(asOperator(s), { username }))).oneTimePassword}`)));
  users
    .command('disable <username>')
    .option('--reason <text>')
    .description('Disable a user; their sessions end at once')
    .action((username: string, o: { reason?: string }) =>
      withServices(async (s) => {
        await decided(disableUser(asOperator(s), { username, reason: o.reason }));
        out(`Disabled ${username}.`);
      }),
    );

  const agencies = program.command('agencies').description('Manage agencies');
  agencies
    .command('add <ori>')
    .requiredOption('--name <name>')
    .addOption(new Option('--kind <kind>').choices(Object.keys(AgencyKind.keys)).makeOptionMandatory())
    .requiredOption('--county <code>', 'two-digit county code')
    .option('--carpos-mnemonic <mnemonic>', 'CLETS mnemonic; enables CARPOS for the agency')
    .description('Register an agency')
    .action((ori: string, o: { name: string; kind: string; county: string; carposMnemonic?: string }) =>
      withServices(async (s) => {
        await decided(
          registerAgency(
            asOperator(s),
            decoded(AgencyRegistered, { ori, name: o.name, kind: o.kind, county: o.county, carpos: o.carposMnemonic ? { enabled: true, mnemonic: o.carposMnemonic } : { enabled: false } }),
          ),
        );
        out(`Registered ${ori}.`);
      }),
    );
  agencies
    .command('list')
    .description('List agencies')
    .action(() => withServices(async (s) => out([...s.identity.view.agencies.values()].map((a) => `${a.ori}\t${a.kind}\tcounty ${a.county}\t${a.name}`).join('\n') || '(no agencies)')));

  const keys = program.command('api-keys').description('Manage API keys for CMS integrations');
  keys
    .command('issue')
    .requiredOption('--agency <ori>')
    .requiredOption('--label <label>')
    .requiredOption('--role <role>', 'a role (repeat for several)', roleList)
    .description('Issue a key; prints it once')
    .action((o: { agency: string; label: string; role: string[] }) =>
      withServices(async (s) => {
        const r = await decided(issueApiKey(asOperator(s), { agencyOri: o.agency, label: o.label, roles: o.role as Role[] }));
        out(`API key ${r.key.keyId} (shown once; send as "Authorization: Bearer <key>"):\n${r.secret}`);
      }),
    );
  keys
    .command('list')
    .description('List keys (never their secrets)')
    .action(() => withServices(async (s) => out([...s.identity.view.apiKeys.values()].map((k) => `${k.keyId}\t${k.agencyOri}\t${k.roles.join(',')}\t${k.label}${k.revoked ? '\tREVOKED' : ''}`).join('\n') || '(no keys)')));
  keys
    .command('revoke <keyId>')
    .option('--reason <text>')
    .description('Revoke a key')
    .action((keyId: string, o: { reason?: string }) =>
      withServices(async (s) => {
        await decided(revokeApiKey(asOperator(s), { keyId, reason: o.reason }));
        out(`Revoked ${keyId}.`);
      }),
    );

  program
    .command('demo')
    .description('Demo data')
    .command('seed')
    .option('--orders <count>', 'how many synthetic orders', (v) => Number(v), 1000)
    .description('Add synthetic demo orders (invented people)')
    .action((o: { orders: number }) =>
      withServices(async (s) => {
        const bar = progressBar('seeding demo orders', o.orders);
        const r = await seedDemo(s, o.orders, bar.update);
        bar.stop();
        out(`Added ${r.added} orders${r.rejected ? `; ${r.rejected} rejected by the rules` : ''}.`);
      }),
    );

  program
    .command('projections')
    .description('Read models')
    .command('rebuild')
    .description('Empty the search views (order search, party index, statistics) and replay the whole log into them; the identity view is rebuilt at every start')
    .action(() =>
      withServices(async (s) => {
        // The identity view read the whole log from the start on opening: its count is the log's length.
        const bar = progressBar('rebuilding the search views', Math.max(1, s.readModel.eventsApplied));
        const r = await s.search.rebuild((p) => {
          if (p.applied > s.readModel.eventsApplied) bar.setTotal(p.applied);
          bar.update(p.applied);
        });
        bar.stop();
        out(`Rebuilt the search views from ${r.applied} events in ${(r.elapsedMs / 1000).toFixed(1)} s (${r.eventsPerSecond} events/s): ${await s.search.orderCount()} orders.`);
        out(`Identity view: ${s.identity.view.agencies.size} agencies, ${s.identity.view.users.size} users, ${s.identity.view.apiKeys.size} API keys.`);
      }, true),
    );

  const audit = program.command('audit').description('Audit replay for investigators');
  audit
    .command('order <orderId>')
    .option('--as-of <time>', 'ISO time: show the order as it stood then')
    .description('Print an order’s state as of a time and its timeline (who, what, when, which agency)')
    .action(async (orderId: string, o: { asOf?: string }) => {
      if (o.asOf !== undefined && Number.isNaN(Date.parse(o.asOf))) throw new InvalidArgumentError('--as-of must be an ISO date-time');
      const config = loadConfig();
      const { openEventStore } = await import('../store/open-event-store');
      const { store } = await openEventStore(config.store);
      try {
        const r = await replayOrder(store, orderId, o.asOf);
        if (!r.exists) {
          out(`No order ${orderId}.`);
          process.exitCode = 1;
          return;
        }
        out(`Order ${orderId} as of ${r.asOf}: version ${r.version}, status ${r.computed.status}`);
        out(r.state);
        out('Timeline:');
        for (const e of r.timeline) out(`  v${e.version}  ${e.at}  ${e.type.padEnd(26)} by ${e.userId} (${e.kind}) of ${e.agencyOri} [${e.roles.join(',')}]`);
      } finally {
        await store.close();
      }
    });
  audit
    .command('verify')
    .description('Recompute every stream’s hash chain; exit 1 and name each event that does not match')
    .action(async () => {
      const config = loadConfig();
      const { openEventStore } = await import('../store/open-event-store');
      const { store } = await openEventStore(config.store);
      try {
        const bar = progressBar('verifying', 0);
        const r = await verifyChains(store, (n) => {
          bar.setTotal(n);
          bar.update(n);
        });
        bar.stop();
        out(`${r.events} events in ${r.streams} streams checked.`);
        if (r.faults.length === 0) out('Every hash chain is intact.');
        for (const f of r.faults) out(`TAMPERED: ${f.streamId} v${f.streamVersion} (${f.type}, event ${f.eventId}): ${f.problem}`);
        if (r.faults.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  addCarposCommands(program, () => loadConfig(), withServices, cliActor);
  addImportCommands(program, () => loadConfig(), withServices, cliActor);
  addNiemCommands(program, withServices, cliActor);

  return program;
};

/** Runs the program; problems and configuration errors become one clear line and exit code 1. */
export const runCli = async (argv: string[]): Promise<void> => {
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    const message = e instanceof Problem ? `${e.code}: ${e.detail}` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`ccpor: ${message}\n`);
    process.exitCode = 1;
  }
};


