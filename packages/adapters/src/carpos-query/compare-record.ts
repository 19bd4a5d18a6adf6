import { orderStatusAt } from '@ccpor/domain';
import { type DojRecordView } from './doj-record';
import { expectedDojFields, type RegistryOrder } from './registry-order';

/** A key field on which DOJ's record and the registry's order disagree, both sides in CARPOS spelling. */
export interface FieldDifference {
  readonly field: 'EXP' | 'STS' | 'NAM' | 'PPN' | 'DOB' | 'FCN';
  readonly label: string;
  readonly registry: string | null;
  readonly doj: string | null;
}

export type Comparison =
  | { readonly kind: 'same' }
  /** The order is in force in the registry and DOJ holds it differently. */
  | { readonly kind: 'different'; readonly fields: readonly FieldDifference[] }
  /** Canceled or expired in the registry, still in force at DOJ. */
  | { readonly kind: 'inactive-in-registry'; readonly registryStatus: 'canceled' | 'expired'; readonly fields: readonly FieldDifference[] };

const LABELS: Readonly<Record<FieldDifference['field'], string>> = {
  EXP: 'expiry',
  STS: 'status',
  NAM: 'restrained person name',
  PPN: 'protected person name',
  DOB: 'restrained person date of birth',
  FCN: 'record number (FCN)',
};

const field = (code: string, doj: DojRecordView): string | null => doj.fields.find((f) => f.code === code)?.values[0] ?? null;

/**
 * Compares the key fields the issue names (expiry, status, names, date of birth) and the record
 * number, in the form the gateway would send them, so a difference is exactly what a modify or
 * resend would change (ADR 0013). A DOJ status of A or S is in force; C, X and E are not.
 */
export const compareWithRegistry = (registry: RegistryOrder, doj: DojRecordView, asOf: string): Comparison => {
  const { order } = registry;
  const expected = expectedDojFields(order);
  const differences: FieldDifference[] = [];
  const add = (code: FieldDifference['field'], mine: string | null, theirs: string | null): void => {
    if (mine !== theirs) differences.push({ field: code, label: LABELS[code], registry: mine, doj: theirs });
  };
  for (const code of ['EXP', 'NAM', 'PPN', 'DOB'] as const) add(code, expected.get(code)?.[0] ?? null, field(code, doj));
  if (order.doj.fcn !== undefined) add('FCN', order.doj.fcn, doj.fcn);

  const status = orderStatusAt(order, asOf);
  const dojInForce = doj.status === 'active' || doj.status === 'served';
  if (status === 'canceled' || status === 'expired') {
    return dojInForce ? { kind: 'inactive-in-registry', registryStatus: status, fields: [{ field: 'STS', label: LABELS.STS, registry: status === 'canceled' ? 'X' : 'E', doj: doj.statusCode }] } : { kind: 'same' };
  }
  add('STS', order.services.length > 0 ? 'S' : 'A', doj.statusCode);
  return differences.length === 0 ? { kind: 'same' } : { kind: 'different', fields: differences };
};
