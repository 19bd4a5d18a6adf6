import { delimiter } from 'node:path';
import * as t from 'io-ts';

/**
 * The scan inbox `serve` watches, decoded with the rest of the configuration (config/config.ts
 * spreads these into its one codec). Unset CCPOR_SCAN_INBOX: `serve` watches nothing.
 */
export const ScanEnvCodec = t.type({
  CCPOR_SCAN_INBOX: t.union([t.string, t.undefined]),
  CCPOR_SCAN_CONVENTION: t.union([t.string, t.undefined]),
  CCPOR_SCAN_INDEX: t.union([t.string, t.undefined]),
  CCPOR_SCAN_DRAFTS: t.union([t.keyof({ true: null, false: null }, 'true | false'), t.literal(''), t.undefined]),
});

export const SCAN_ENV_DOCS: Record<keyof typeof ScanEnvCodec.props, string> = {
  CCPOR_SCAN_INBOX:
    'A folder `serve` watches for scanned order images, as `ccpor import scans <dir> --watch` does (unset: none). Refused files go to `<inbox>-quarantine` with a `.reason.json`, imported ones to `<inbox>-archive`.',
  CCPOR_SCAN_CONVENTION: 'File-name convention of the scan inbox (default `<courtORI>_<caseNumber>_<formNumber>_<yyyymmdd>.pdf`).',
  CCPOR_SCAN_INDEX: `Index files (CSV or XML) mapping scans to case and form numbers, separated by \`${delimiter}\` (unset: none).`,
  CCPOR_SCAN_DRAFTS: '`false`: quarantine scans that match no order instead of creating drafts for data entry (default `true`).',
};

export interface ScanInboxConfig {
  readonly inbox: string;
  readonly convention?: string;
  readonly index: readonly string[];
  readonly createDrafts: boolean;
}

export const scanConfigFrom = (v: t.TypeOf<typeof ScanEnvCodec>): ScanInboxConfig | undefined =>
  v.CCPOR_SCAN_INBOX === undefined || v.CCPOR_SCAN_INBOX === ''
    ? undefined
    : {
        inbox: v.CCPOR_SCAN_INBOX,
        ...(v.CCPOR_SCAN_CONVENTION !== undefined && v.CCPOR_SCAN_CONVENTION !== '' ? { convention: v.CCPOR_SCAN_CONVENTION } : {}),
        index: (v.CCPOR_SCAN_INDEX ?? '').split(delimiter).filter((f) => f !== ''),
        createDrafts: v.CCPOR_SCAN_DRAFTS !== 'false',
      };
