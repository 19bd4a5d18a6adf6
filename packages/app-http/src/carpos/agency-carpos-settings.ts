import type { CarposSettings } from '@ccpor/adapters';
import type { Agency } from '../identity/identity-view';

/**
 * The gateway's view of an agency's CARPOS settings (identity-events.ts `CarposSettings`).
 * An agency the registry does not know, or one without the gateway enabled, keys its orders into
 * CLETS itself: nothing is sent for it. Without an explicit `submitter`, a court submits for
 * itself and a law-enforcement agency is the sheriff; the records go out under `submitterOri`,
 * else the agency's own ORI.
 */
export const carposSettingsOf = (agencyOri: string, agency: Agency | undefined): CarposSettings => {
  if (agency === undefined || !agency.carpos.enabled) return { submitsThroughRegistry: false, submitter: 'court', submitterOri: agencyOri };
  const isCourt = agency.kind === 'superior-court' || agency.kind === 'tribal-court';
  return {
    submitsThroughRegistry: true,
    submitter: agency.carpos.submitter ?? (isCourt ? 'court' : 'sheriff'),
    submitterOri: agency.carpos.submitterOri ?? agency.ori,
  };
};
