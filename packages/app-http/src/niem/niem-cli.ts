import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as E from 'fp-ts/Either';
import { InvalidArgumentError, type Command } from 'commander';
import { ORDER_STREAM_PREFIX, Ori, OrderId, type Actor, type GlobalPosition, type Principal, type EventStore, type IdGenerator, type CommandHandler } from '@ccpor/domain';
import type { Config } from '../config/config';
import { progressBar } from '../cli/progress';
import { Problem } from '../http/problem';
import { niemDocumentFor, readNiemDocument } from './niem-documents';
import type { IdentityService } from '../identity/identity-service';

/** What the NIEM export and import commands read and write: orders, the log, and the agencies. */
export interface NiemCliNeeds {
  readonly store: EventStore;
  readonly ids: IdGenerator;
  readonly commands: CommandHandler;
  readonly identity: IdentityService;
}

type WithServices = <T>(fn: (s: NiemCliNeeds, c: Config) => Promise<T>) => Promise<T>;

const out = (v: unknown): void => {
  process.stdout.write(`${typeof v === 'string' ? v : JSON.stringify(v, null, 2)}\n`);
};

const ori = (value: string): string => {
  const decoded = Ori.decode(value);
  if (E.isLeft(decoded)) throw new InvalidArgumentError('not an ORI (two letters and seven letters or digits)');
  return decoded.right;
};

const FIRST_EVENTS = new Set(['DraftCreated', 'OrderAdded', 'OrderCloned']);

/** Every order the agency entered, from the log (the first event of each order names its agency). */
const ordersOfAgency = async (s: NiemCliNeeds, agencyOri: string): Promise<string[]> => {
  const ids: string[] = [];
  let after: GlobalPosition | undefined;
  for (;;) {
    const page = await s.store.readAll({ ...(after !== undefined ? { after } : {}), maxCount: 1000 });
    for (const e of page) {
      if (!e.streamId.startsWith(ORDER_STREAM_PREFIX) || !FIRST_EVENTS.has(e.type)) continue;
      if ((e.data as { enteringAgencyOri?: string }).enteringAgencyOri === agencyOri) ids.push(e.streamId.slice(ORDER_STREAM_PREFIX.length));
    }
    const last = page[page.length - 1];
    if (last === undefined) return [...new Set(ids)];
    after = last.globalPosition;
  }
};

const xmlFilesIn = async (inputs: readonly string[]): Promise<string[]> => {
  const files: string[] = [];
  for (const input of inputs) {
    if ((await stat(input)).isDirectory()) files.push(...(await readdir(input)).filter((f) => f.toLowerCase().endsWith('.xml')).sort().map((f) => path.join(input, f)));
    else files.push(input);
  }
  return files;
};

/** `ccpor niem export|import`: batches of NIEM protection-order documents (ADR 0070). */
export const addNiemCommands = (program: Command, withServices: WithServices, cliActor: () => Actor): void => {
  const niem = program.command('niem').description('NIEM protection-order documents (docs/niem-protection-order-mapping.md)');
  // The command line acts for the state: it sees what a supervisor sees, so nothing is redacted.
  const operator = (): Principal => {
    const a = cliActor();
    return { userId: a.userId, agencyOri: a.agencyOri, roles: ['state-admin', 'supervisor'], cletsCertified: false, kind: 'user' };
  };

  niem
    .command('export [orderIds...]')
    .requiredOption('--out <dir>', 'folder for the documents (<orderId>.xml), created if missing')
    .option('--agency <ori>', 'every order the agency entered', ori)
    .description('Write orders as NIEM documents; exit 1 if any could not be written')
    .action((orderIds: string[], o: { out: string; agency?: string }) =>
      withServices(async (s) => {
        const ids = [...orderIds, ...(o.agency !== undefined ? await ordersOfAgency(s, o.agency) : [])];
        if (ids.length === 0) throw new InvalidArgumentError('name order ids or --agency');
        await mkdir(o.out, { recursive: true });
        const bar = progressBar('exporting', ids.length);
        let written = 0;
        const failures: string[] = [];
        for (const [i, id] of ids.entries()) {
          const decoded = OrderId.decode(id);
          const loaded = E.isLeft(decoded) ? undefined : await s.commands.load(decoded.right);
          if (loaded === undefined || E.isLeft(loaded) || loaded.right.state.status === 'none') failures.push(`${id}: no such order`);
          else {
            try {
              await writeFile(path.join(o.out, `${id}.xml`), niemDocumentFor(id, loaded.right.state, operator()).xml);
              written += 1;
            } catch (error) {
              failures.push(`${id}: ${error instanceof Problem ? error.detail : String(error)}`);
            }
          }
          bar.update(i + 1);
        }
        bar.stop();
        out(`Wrote ${written} document${written === 1 ? '' : 's'} to ${o.out}.`);
        for (const f of failures) out(`NOT WRITTEN ${f}`);
        if (failures.length > 0) process.exitCode = 1;
      }),
    );

  niem
    .command('import <files...>')
    .requiredOption('--agency <ori>', 'the agency the drafts are entered for', ori)
    .option('--dry-run', 'check every document without creating drafts', false)
    .option('--json', 'one JSON line per document', false)
    .description('Create a draft from each NIEM document (files, or folders of .xml files); exit 2 if any was refused')
    .action((inputs: string[], o: { agency: string; dryRun: boolean; json: boolean }) =>
      withServices(async (s) => {
        if (!s.identity.view.agencies.has(o.agency)) throw new InvalidArgumentError(`agency ${o.agency} is not registered`);
        const files = await xmlFilesIn(inputs);
        let refused = 0;
        for (const file of files) {
          try {
            const imported = await readNiemDocument(await readFile(file, 'utf8'));
            let orderId: string | undefined;
            if (!o.dryRun) {
              orderId = s.ids.newId();
              const r = await s.commands.handle(
                { type: 'CreateDraft', orderId: orderId as OrderId, enteringAgencyOri: o.agency as Ori, details: imported.details },
                { actor: cliActor(), extra: { source: 'niem-import', file: path.basename(file), ...(imported.sourceOrderId !== undefined ? { sourceOrderId: imported.sourceOrderId } : {}) } },
              );
              if (E.isLeft(r)) throw new Problem(422, 'DRAFT_REFUSED', 'Refused', JSON.stringify(r.left));
            }
            if (o.json) out(JSON.stringify({ file, ok: true, ...(orderId !== undefined ? { orderId } : {}), servicesNotApplied: imported.services.length }));
            else out(`${file}: ${orderId !== undefined ? `draft ${orderId}` : 'valid'}${imported.services.length > 0 ? ` (${imported.services.length} service records not applied: a draft cannot be served)` : ''}`);
          } catch (error) {
            refused += 1;
            const errors = error instanceof Problem ? ((error.extra.errors as { field: string; reason: string }[] | undefined) ?? [{ field: '/', reason: error.detail }]) : [{ field: '/', reason: String(error) }];
            if (o.json) out(JSON.stringify({ file, ok: false, errors }));
            else out([`${file}: REFUSED, ${errors.length} error${errors.length === 1 ? '' : 's'}`, ...errors.map((e) => `  ${e.field}: ${e.reason}`)].join('\n'));
          }
        }
        if (!o.json) out(`${files.length - refused} of ${files.length} document${files.length === 1 ? '' : 's'} ${o.dryRun ? 'valid' : 'imported as drafts'}.`);
        if (refused > 0) process.exitCode = 2;
      }),
    );
};
