import type { DraftDetails } from '../order/order-details';
import type { ProtectedPerson } from '../order/parties';
import type { DojStatus } from '../order/order-state';
import { actsForOrder, type OrderFacts } from './policy';
import { DATA_ENTRY_ROLES, type Principal } from './roles';

/**
 * Query-side redaction: identifying fields of confidential or minor protected
 * persons are hidden from anyone outside the order's own or assigned agency (Fam. Code 6301.5;
 * 18 U.S.C. 2265(d)(3), the federal bar on publishing a protected party's identity or location), and data that came
 * back from DOJ over CLETS is hidden from users who are not CLETS-certified (the CLETS policy on data received through CLETS).
 * Supervisors are no exception outside their own agency's orders: least privilege, as for sealed orders (ADR 0034).
 */
export const maySeeConfidential = (p: Principal, o: OrderFacts): boolean => DATA_ENTRY_ROLES.some((r) => p.roles.includes(r)) && actsForOrder(p, o);

export const REDACTED = 'REDACTED';

export const redactProtectedPerson = (person: ProtectedPerson): ProtectedPerson => ({
  name: { last: REDACTED, first: person.name.first.slice(0, 1) || REDACTED },
  confidential: person.confidential,
  minor: person.minor,
  ...(person.sex !== undefined ? { sex: person.sex } : {}),
});

export interface RedactionResult<T> {
  readonly value: T;
  /** Paths of what was hidden, for the response and the audit log. */
  readonly redacted: readonly string[];
}

export const redactDetails = <D extends DraftDetails>(details: D, p: Principal, o: OrderFacts): RedactionResult<D> => {
  if (maySeeConfidential(p, o) || !details.protectedPersons) return { value: details, redacted: [] };
  const redacted: string[] = [];
  const protectedPersons = details.protectedPersons.map((person, i) => {
    if (!person.confidential && !person.minor) return person;
    redacted.push(`protectedPersons.${i}`);
    return redactProtectedPerson(person);
  });
  // The petitioner is the protected person, or a minor's parent or guardian: a name that points
  // at the person it would hide. Hidden with them (Fam. Code 6301.5: the minor's information).
  const petitioner = details.petitioner;
  if (redacted.length > 0 && petitioner?.kind === 'person') {
    redacted.push('petitioner');
    return { value: { ...details, protectedPersons, petitioner: { kind: 'person', name: { last: REDACTED, first: petitioner.name.first.slice(0, 1) || REDACTED } } }, redacted };
  }
  return { value: { ...details, protectedPersons }, redacted };
};

export const redactDoj = (doj: DojStatus, p: Principal): RedactionResult<DojStatus | undefined> =>
  p.cletsCertified ? { value: doj, redacted: [] } : { value: undefined, redacted: Object.keys(doj).length > 0 ? ['doj'] : [] };
