import type { FormNumber } from '@ccpor/domain';
import { Weighted } from './weighted';

/**
 * The mix of forms a synthetic registry holds. Civil orders are about 80%: domestic violence
 * about 70% of them and civil harassment about 25% (the Contra Costa request mix of
 * 2020–April 2024, Contra Costa County Bar Association, 2024), the rest elder abuse, workplace,
 * gun violence, juvenile and school orders; criminal protective orders and emergency orders make
 * up the other 20%. Temporary and after-hearing
 * stages are drawn about 45/55 within each civil type.
 */
const civil = (share: number, temporary: FormNumber, afterHearing: FormNumber): (readonly [FormNumber, number])[] => [
  [temporary, 0.8 * share * 0.45],
  [afterHearing, 0.8 * share * 0.55],
];

export const FORM_MIX = new Weighted<FormNumber>([
  ...civil(0.7, 'DV-110', 'DV-130'),
  ...civil(0.25, 'CH-110', 'CH-130'),
  ...civil(0.02, 'EA-110', 'EA-130'),
  ...civil(0.015, 'WV-110', 'WV-130'),
  ...civil(0.005, 'GV-110', 'GV-130'),
  ...civil(0.005, 'JV-250', 'JV-255'),
  ...civil(0.005, 'SV-110', 'SV-130'),
  ['EPO-001', 0.075],
  ['EPO-002', 0.005],
  ['CR-160', 0.1],
  ['CR-161', 0.02],
]);

/** Letters courts use in case numbers, by kind of case (a synthetic convention). */
export const CASE_PREFIX: Readonly<Record<string, string>> = {
  DV: 'FL', CH: 'CV', EA: 'PR', WV: 'CV', GV: 'GV', JV: 'JV', SV: 'CV', EPO: 'EP', CPO: 'CR',
};
