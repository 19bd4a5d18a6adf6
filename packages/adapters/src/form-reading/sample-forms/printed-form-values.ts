import { californiaLocalDate, EYE, HAIR, RACE, toCaliforniaLocal, type DraftDetails, type PersonName } from '@ccpor/domain';
import type { FormLayout, LayoutField } from '../layouts';

/** What a filled-in form holds in each box, by the layout's keys: text, or whether a box is checked. */
export type PrintedValues = Readonly<Record<string, string | boolean>>;

const mdy = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

const clock = (hhmm: string): string => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};

const words = (meaning: string | undefined): string | undefined => meaning?.split(/ or |, /i)[0];

const namePart = (name: PersonName | undefined, part: string | undefined): string | undefined => {
  if (!name) return undefined;
  if (part === 'last') return name.last;
  if (part === 'first') return name.first;
  if (part === 'middle') return name.middle;
  return `${name.last}, ${name.first}${name.middle ? ` ${name.middle}` : ''}`;
};

/** What a clerk or judge writes in one box of the form for these order details (undefined: left blank). */
const printedValue = (d: DraftDetails, f: LayoutField): string | boolean | undefined => {
  const [head, index, rest] = f.fills.split('.');
  const person = head === 'restrainedPerson' ? d.restrainedPerson : head === 'protectedPersons' ? d.protectedPersons?.[Number(index)] : undefined;
  const attribute = head === 'restrainedPerson' ? index : rest;
  if (person !== undefined || head === 'restrainedPerson' || head === 'protectedPersons') {
    const p = person as (typeof d.restrainedPerson & { race?: string }) | undefined;
    switch (attribute) {
      case 'name':
        return namePart(p?.name, f.part);
      case 'dateOfBirth':
        return p?.dateOfBirth ? mdy(p.dateOfBirth) : undefined;
      case 'sex':
        return p?.sex;
      case 'race':
        return words(p?.race ? RACE.table[p.race as keyof typeof RACE.table] : undefined);
      case 'height':
        return p?.height ? `${p.height[0]}'${Number(p.height.slice(1))}"` : undefined;
      case 'weight':
        return p?.weight ? String(Number(p.weight)) : undefined;
      case 'eyes':
        return words(p?.eyes ? EYE.table[p.eyes] : undefined);
      case 'hair':
        return words(p?.hair ? HAIR.table[p.hair] : undefined);
      case 'relationship':
        return p?.relationship;
      default:
        return undefined;
    }
  }
  const provision = (kind: string) => d.provisions?.find((p) => p.kind === kind);
  switch (f.fills) {
    case 'form':
      return d.form;
    case 'caseNumber':
      return d.caseNumber;
    case 'judicialOfficer':
      return d.judicialOfficer;
    case 'terms':
      return d.terms;
    case 'petitioner.name':
      return d.petitioner?.kind === 'person' ? namePart(d.petitioner.name, f.part) : undefined;
    case 'issuedAt': {
      if (!d.issuedAt) return undefined;
      return f.part === 'time' ? clock(toCaliforniaLocal(d.issuedAt).time.slice(0, 5)) : mdy(californiaLocalDate(d.issuedAt));
    }
    case 'expiration': {
      const e = d.expiration;
      if (e?.kind !== 'date') return undefined;
      return f.part === 'time' ? (e.time ? clock(e.time) : undefined) : mdy(e.date);
    }
    case 'hearing': {
      const h = d.hearing;
      if (!h) return undefined;
      if (f.part === 'department') return h.department;
      return f.part === 'time' ? clock(toCaliforniaLocal(h.at).time.slice(0, 5)) : mdy(californiaLocalDate(h.at));
    }
    case 'serviceByMailPermitted':
      return d.serviceByMailPermitted === true;
    case 'provisions.stay-away': {
      const p = provision('stay-away');
      if (p?.kind !== 'stay-away') return f.part === undefined || f.part.startsWith('place-') ? false : undefined;
      if (f.part === 'yards') return String(p.distanceYards);
      if (f.part?.startsWith('place-')) return p.places.includes(f.part.slice(6) as never);
      return true;
    }
    case 'provisions.firearm-relinquishment': {
      const p = provision('firearm-relinquishment');
      if (f.part === 'hours') return p?.kind === 'firearm-relinquishment' ? String(p.withinHours) : undefined;
      return p !== undefined;
    }
    default:
      return f.fills.startsWith('provisions.') ? provision(f.fills.slice('provisions.'.length)) !== undefined : undefined;
  }
};

/**
 * The form as a clerk would fill it in for these details: each box the layout names, written
 * the way forms are written (MM/DD/YYYY, 5'10", "Brown"), check boxes checked or not. The
 * benchmark and tests compare what the readers read with these values.
 */
export const printedFormValues = (layout: FormLayout, details: DraftDetails): PrintedValues => {
  const out: Record<string, string | boolean> = {};
  for (const f of layout.fields) {
    const v = printedValue(details, f);
    if (v === undefined || v === '') {
      if (f.kind === 'checkbox') out[f.key] = false;
      continue;
    }
    out[f.key] = v;
  }
  return out;
};
