import { evolve, initialState, type OrderEvent, type OrderState, type Provision } from '@ccpor/domain';
import { eyeWords, formatCounty, formatDate, formatDateTime, hairWords, raceWords, sexWords } from './format';
import { provisionWording } from './provision-wording';

/** One line of "what changed": a field in words, and its value before and after, in words. */
export interface FieldChange {
  readonly field: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: string;
  readonly after?: string;
}

/** An event of `GET /orders/{id}/history`. */
export interface HistoryEvent {
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: { readonly userId: string; readonly agencyOri: string; readonly roles?: readonly string[]; readonly kind?: string };
  readonly data?: unknown;
  readonly redacted?: readonly string[];
}

export interface HistoryEntry extends HistoryEvent {
  /** Undefined when the event's data is withheld from this user, or an earlier event's was. */
  readonly changes?: readonly FieldChange[];
}

const SEGMENT_WORDS: Record<string, string> = {
  restrainedPerson: 'Restrained person',
  protectedPersons: 'Protected person',
  petitioner: 'Petitioner',
  last: 'last name',
  first: 'first name',
  middle: 'middle name',
  suffix: 'suffix',
  dateOfBirth: 'date of birth',
  sex: 'sex',
  race: 'race',
  height: 'height',
  weight: 'weight',
  eyes: 'eyes',
  hair: 'hair',
  relationship: 'relationship',
  confidential: 'confidential',
  minor: 'minor',
  kind: 'kind',
  court: 'Court',
  ori: 'ORI',
  county: 'county',
  department: 'department',
  form: 'Form',
  caseNumber: 'Case number',
  issuedAt: 'Issued',
  judicialOfficer: 'Judicial officer',
  expiration: 'Expiration',
  date: 'date',
  time: 'time',
  hearing: 'Hearing',
  at: 'date and time',
  goodCause: 'good cause',
  provisions: 'Provision',
  pcoCodes: 'PCO codes',
  terms: 'Judge’s terms',
  sealed: 'Sealed',
  brady: 'Brady indicator',
  serviceByMailPermitted: 'Service by mail allowed',
  agencyCaseNumber: 'Agency case number',
  assignedAgencies: 'Assigned agencies',
  images: 'Image',
  services: 'Service',
  renewals: 'Renewals',
  expiresAt: 'Expires',
  dojDeadline: 'DOJ deadline',
  canceled: 'Cancellation',
  reason: 'reason',
  note: 'note',
  supersededBy: 'superseded by order',
  doj: 'DOJ',
  fcn: 'FCN',
  nic: 'NIC',
  awaitingReview: 'answers awaiting review',
  lastAcknowledged: 'last acknowledgement',
  lastRejection: 'last rejection',
  clonedFrom: 'Cloned from order',
  stage: 'Record',
  enteringAgencyOri: 'Entering agency',
};

/** Paths whose value is shown whole (a provision, an image, a service), not field by field. */
const WHOLE = /^(details\.provisions\.\d+|images\.\d+|services\.\d+|details\.pcoCodes|details\.assignedAgencies|doj\.awaitingReview|doj\.lastAcknowledged|doj\.lastRejection)$/;

/** A path such as `details.protectedPersons.0.name.last` in words: "Protected person 1 › last name". */
export const fieldWords = (path: string): string => {
  const words: string[] = [];
  for (const segment of path.split('.')) {
    if (segment === 'details' || segment === 'name') continue;
    if (/^\d+$/.test(segment)) {
      const i = words.length - 1;
      if (i >= 0) words[i] = `${words[i]} ${Number(segment) + 1}`;
      continue;
    }
    words.push(SEGMENT_WORDS[segment] ?? segment);
  }
  return words.join(' › ');
};

const isProvision = (v: unknown): v is Provision => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';

/** A value in words, knowing the field it belongs to. */
export const valueWords = (path: string, value: unknown): string => {
  if (value === null) return 'none';
  if (value === undefined) return '—';
  const last = path.split('.').at(-1) ?? '';
  if (/\.provisions\.\d+$/.test(path) && isProvision(value)) return provisionWording(value);
  if (/^images\.\d+$/.test(path)) {
    const i = value as { kind: string; pages: number; mediaType: string; fileName?: string };
    return `${i.kind === 'proof-of-service' ? 'proof of service' : i.kind === 'order' ? 'order' : 'other'} image, ${i.mediaType === 'image/tiff' ? 'TIFF' : 'PDF'}, ${i.pages} ${i.pages === 1 ? 'page' : 'pages'}${i.fileName ? ` (${i.fileName})` : ''}`;
  }
  if (/^services\.\d+$/.test(path)) {
    const s = value as { method: string; servedAt: string; servedBy: { name: string }; servingAgencyOri: string };
    return `${s.method.replace(/-/g, ' ')} service on ${formatDateTime(s.servedAt)} by ${s.servedBy.name} (${s.servingAgencyOri})`;
  }
  if (path === 'doj.lastAcknowledged') {
    const a = value as { transaction: string; at: string };
    return `${a.transaction} acknowledged ${formatDateTime(a.at)}`;
  }
  if (path === 'doj.lastRejection') {
    const r = value as { transaction: string; at: string; errors: { field?: string; reason: string }[] };
    return `${r.transaction} rejected ${formatDateTime(r.at)}: ${r.errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; ')}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => valueWords(`${path}.x`, v)).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (last === 'sex') return sexWords(value);
    if (last === 'race') return raceWords(value);
    if (last === 'eyes') return eyeWords(value);
    if (last === 'hair') return hairWords(value);
    if (last === 'county') return formatCounty(value);
    if (last === 'dateOfBirth' || last === 'date') return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    return value;
  }
  return JSON.stringify(value);
};

/** Leaves of a value keyed by path; arrays by index; whole-valued paths kept whole; empty containers left out. */
export const flatten = (value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> => {
  if (prefix !== '' && WHOLE.test(prefix)) {
    if (!(Array.isArray(value) && value.length === 0)) out.set(prefix, value);
    return out;
  }
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, prefix === '' ? String(i) : `${prefix}.${i}`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  else if (value !== undefined && prefix !== '') out.set(prefix, value);
  return out;
};

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Field-by-field differences between two values, in the order the fields first appear. */
export const diffValues = (before: unknown, after: unknown): FieldChange[] => {
  const a = flatten(before);
  const b = flatten(after);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const had = a.has(path);
    const has = b.has(path);
    if (had && has && same(a.get(path), b.get(path))) continue;
    const field = fieldWords(path);
    if (!had) changes.push({ field, kind: 'added', after: valueWords(path, b.get(path)) });
    else if (!has) changes.push({ field, kind: 'removed', before: valueWords(path, a.get(path)) });
    else changes.push({ field, kind: 'changed', before: valueWords(path, a.get(path)), after: valueWords(path, b.get(path)) });
  }
  return changes;
};

/** What of an order's state the history compares: its record, not ids or bookkeeping times. */
const comparable = (s: OrderState): Record<string, unknown> => {
  switch (s.status) {
    case 'none':
      return {};
    case 'discarded':
      return { stage: 'discarded draft' };
    case 'draft':
      return { stage: 'draft', enteringAgencyOri: s.enteringAgencyOri, clonedFrom: s.clonedFrom, details: s.details, images: s.images };
    case 'issued':
      return {
        stage: 'added order',
        enteringAgencyOri: s.enteringAgencyOri,
        clonedFrom: s.clonedFrom,
        details: s.details,
        expiresAt: s.expiresAt,
        dojDeadline: s.dojDeadline,
        images: s.images,
        services: s.services.map(({ byEnteringAgency: _b, serviceId: _id, ...rest }) => rest),
        renewals: s.renewals,
        canceled: s.canceled,
        doj: s.doj,
      };
  }
};

/**
 * The order's history with what each event changed: the events are folded with the domain's own
 * `evolve` (the same code the server runs) and each state is compared with the one before. Once
 * an event's data is withheld from this user, later states are unknown, so no diff is shown.
 */
export const historyEntries = (events: readonly HistoryEvent[]): HistoryEntry[] => {
  let state: OrderState = initialState;
  let known = true;
  return events.map((e) => {
    if (!known || e.data === undefined) {
      known = false;
      return { ...e };
    }
    const next = evolve(state, { type: e.type, schemaVersion: 1, data: e.data } as OrderEvent);
    const changes = diffValues(comparable(state), comparable(next));
    state = next;
    return { ...e, changes };
  });
};

const EVENT_WORDS: Record<string, string> = {
  DraftCreated: 'Draft created',
  DraftUpdated: 'Draft updated',
  DraftDiscarded: 'Draft discarded',
  OrderCloned: 'Cloned from another order',
  OrderAdded: 'Order added to the registry',
  OrderModified: 'Order modified',
  OrderRenewed: 'Order renewed',
  ServiceRecorded: 'Proof of service recorded',
  OrderCanceled: 'Order canceled',
  ImageAttached: 'Image attached',
  ImageReplaced: 'Image replaced',
  ImageRemoved: 'Image removed',
  DojAcknowledgementRecorded: 'DOJ acknowledged the record',
  DojRejectionRecorded: 'DOJ rejected the record',
  DojResponseReviewed: 'DOJ answer reviewed',
};
export const eventWords = (type: string): string => EVENT_WORDS[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2');
