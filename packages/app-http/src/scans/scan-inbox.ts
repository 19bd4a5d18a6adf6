import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { watchInbox, type CourtProfile, type FormReadingService } from '@ccpor/adapters';
import type { Actor, CommandHandler, ImageStore } from '@ccpor/domain';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { IdentityService } from '../identity/identity-service';
import type { OrderSearchService } from '../search/order-search-service';
import { viewOrderLookup } from './order-lookup';
import type { ScanInboxConfig } from './scan-env';

/** Folders beside the inbox, so nothing the import writes is mistaken for a new scan. */
export const besideInbox = (inbox: string, suffix: string): string => join(dirname(resolve(inbox)), `${basename(resolve(inbox))}-${suffix}`);

/** What court details for a scan's draft are read from: the registered agencies. */
export interface CourtProfileNeeds {
  readonly identity: IdentityService;
}

/** Court details for the drafts a scan creates, from the registered agencies. */
export const courtProfiles =
  (s: CourtProfileNeeds) =>
  (ori: string): CourtProfile | undefined => {
    const a = s.identity.view.agencies.get(ori);
    return a === undefined ? undefined : { ori: a.ori, county: a.county, name: a.name };
  };

/** Who the scanning station acts as in the log when `serve` imports its files. */
export const SCAN_INBOX_ACTOR: Actor = { userId: 'system:scan-inbox', agencyOri: 'CASTATE00', roles: ['state-admin'], kind: 'system' };

/** What watching the scan inbox inside `serve` reads and writes: drafts and images, the search views, the readers. */
export interface ScanInboxNeeds extends CourtProfileNeeds {
  readonly config: Config;
  readonly commands: CommandHandler;
  readonly images: ImageStore;
  readonly search: OrderSearchService;
  readonly formReading: FormReadingService;
  readonly logger: Logger;
}

export interface RunningScanInbox {
  /** Stops after the file in hand; resolves once the watcher has let go of the journal. */
  stop(): Promise<void>;
}

/**
 * Watches CCPOR_SCAN_INBOX inside `serve` (the adapters' `watchInbox`, as `ccpor import scans
 * --watch` runs it). On the embedded store this is the only way to watch an inbox while the
 * registry runs: PGlite admits one process per data directory. A folder that is not there stops
 * the start; a round that fails later (an index that does not parse, a full disk) is logged and
 * retried by the watcher. Logs carry outcomes and order ids, never file names, which hold case
 * numbers.
 */
export const startScanInbox = async (s: ScanInboxNeeds, config: ScanInboxConfig): Promise<RunningScanInbox> => {
  const inbox = resolve(config.inbox);
  const found = await stat(inbox).catch(() => undefined);
  if (!found?.isDirectory()) throw new Error(`CCPOR_SCAN_INBOX: ${inbox} is not a folder`);
  const quarantine = besideInbox(inbox, 'quarantine');
  const stop = new AbortController();
  const watching = watchInbox({
    inbox,
    quarantine,
    archive: besideInbox(inbox, 'archive'),
    ...(config.convention !== undefined ? { convention: config.convention } : {}),
    ...(config.index.length > 0 ? { index: config.index } : {}),
    handler: s.commands,
    imageStore: s.images,
    findOrderByCaseAndForm: viewOrderLookup(s.search.views),
    actor: SCAN_INBOX_ACTOR,
    createDrafts: config.createDrafts,
    courtFor: courtProfiles(s),
    // New drafts arrive pre-filled from their form, for the clerk to confirm beside the image (issue 20).
    ...(s.config.formReading.readScans ? { formReader: s.formReading } : {}),
    signal: stop.signal,
    onFile: (r) =>
      r.outcome.kind === 'quarantined'
        ? s.logger.warn({ outcome: 'quarantined', code: r.outcome.code }, 'scan quarantined')
        : s.logger.info(
            { outcome: r.outcome.kind, orderId: r.outcome.orderId, ...(r.outcome.kind === 'draft-created' && r.outcome.reading ? { reading: r.outcome.reading.status, ...(r.outcome.reading.status === 'not-read' ? { code: r.outcome.reading.code } : {}) } : {}) },
            'scan imported',
          ),
    onError: (err) => s.logger.error({ err }, 'scan inbox round failed; retrying'),
  }).catch((err: unknown) => s.logger.error({ err }, 'scan inbox stopped'));
  s.logger.info({ inbox, quarantine }, 'watching the scan inbox');
  return {
    stop: async () => {
      stop.abort();
      await watching;
    },
  };
};
