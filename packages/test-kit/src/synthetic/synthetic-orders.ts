import * as E from 'fp-ts/Either';
import {
  addDays,
  addYears,
  CALIFORNIA_COUNTIES,
  californiaCourtCalendar,
  formInfo,
  fromCaliforniaLocal,
  OrderDetails,
  resolveExpiration,
  type CountyCode,
  type FormNumber,
} from '@ccpor/domain';
import { COUNTY_POPULATION_THOUSANDS, courtOf, sheriffOf } from './california-counties';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from './names';
import { CASE_PREFIX, FORM_MIX } from './order-mix';
import { Prng } from './prng';
import { TYPO_KINDS, typo, type TypoKind } from './typos';
import { Weighted, zipf } from './weighted';

/** A synthetic person, with the identity the generator knows to be true (for recall checks). */
export interface SyntheticPerson {
  /** The same number for every order about this person, however their name was entered. */
  readonly personId: number;
  readonly last: string;
  readonly first: string;
  readonly dateOfBirth: string;
  readonly sex: 'F' | 'M';
  readonly race: string;
}

export interface SyntheticOrder {
  readonly orderId: string;
  readonly enteringAgencyOri: string;
  readonly details: OrderDetails;
  /** When the order ends, by the domain's duration rules (null: never). */
  readonly expiresAt: string | null;
  /** The restrained person as the generator knows them; `details` holds the name as entered. */
  readonly restrained: SyntheticPerson;
  /** Set when this order's surname was entered with a slip (the true one is `restrained.last`). */
  readonly typo?: TypoKind;
}

export interface SyntheticOrderOptions {
  readonly seed: number | string;
  /** First and last year orders are issued in (default 2012–2025). */
  readonly fromYear?: number;
  readonly toYear?: number;
  /** Share of orders about a restrained person already seen (default 0.15). */
  readonly repeatShare?: number;
  /** Share of those repeats entered with a one-letter slip in the surname (default 0.4). */
  readonly typoShare?: number;
  /** Share of repeats entered in another county (default 0.5). */
  readonly otherCountyShare?: number;
  /** Decode every order through the domain's OrderDetails codec (default true; benchmarks may skip it). */
  readonly validate?: boolean;
}

const COUNTIES = new Weighted<CountyCode>(CALIFORNIA_COUNTIES.map(([code]) => [code, COUNTY_POPULATION_THOUSANDS[code]] as const));
const RACES = new Weighted<string>([['H', 40], ['W', 35], ['A', 15], ['B', 6], ['P', 1], ['I', 1], ['U', 2]]);
const SURNAME_DRAW = zipf(SURNAMES);
const MALE_DRAW = zipf(MALE_FIRST_NAMES);
const FEMALE_DRAW = zipf(FEMALE_FIRST_NAMES);

const TEMPORARY_FORMS: ReadonlySet<FormNumber> = new Set(['DV-110', 'CH-110', 'EA-110', 'WV-110', 'SV-110', 'GV-110', 'JV-250']);
/** After-hearing forms the law gives no default length: a written expiration, in years from issue. */
const WRITTEN_YEARS: Partial<Record<FormNumber, number>> = { 'WV-130': 3, 'SV-130': 3, 'GV-130': 1, 'CR-160': 3, 'CR-161': 3 };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A UUID (version 4 layout) from the generator, so order ids are reproducible too. */
const uuid = (rng: Prng): string => {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * Seeded synthetic orders for benchmarks, demos and tests: names drawn Zipf-weighted from a
 * California mix, counties by population, the registry's form mix, realistic stages and dates,
 * and a share of orders about people already in the registry, some of them entered with a
 * one-letter slip in the surname, often in another county. The same seed gives the same orders.
 */
export class SyntheticOrders {
  private readonly rng: Prng;
  private readonly people: { person: SyntheticPerson; county: CountyCode }[] = [];
  private readonly options: Required<SyntheticOrderOptions>;
  private caseCounter = 0;
  private personCounter = 0;

  constructor(options: SyntheticOrderOptions) {
    this.options = {
      fromYear: 2012,
      toYear: 2025,
      repeatShare: 0.15,
      typoShare: 0.4,
      otherCountyShare: 0.5,
      validate: true,
      ...options,
    };
    this.rng = new Prng(options.seed);
  }

  /** The next order. */
  next(): SyntheticOrder {
    const rng = this.rng;
    const form = FORM_MIX.draw(rng);
    const info = formInfo(form);
    const issueDate = this.issueDate();
    const issuedAt = fromCaliforniaLocal(issueDate, `${pad(rng.between(8, 16), 2)}:${pad(rng.int(60), 2)}`);

    let county = COUNTIES.draw(rng);
    let restrained: SyntheticPerson;
    let enteredLast: string;
    let slip: TypoKind | undefined;
    const previous = this.people.length > 0 && rng.chance(this.options.repeatShare) ? rng.pick(this.people) : undefined;
    if (previous && previous.person.dateOfBirth < addYears(issueDate, -18)) {
      restrained = previous.person;
      if (!rng.chance(this.options.otherCountyShare)) county = previous.county;
      slip = rng.chance(this.options.typoShare) ? rng.pick(TYPO_KINDS) : undefined;
      enteredLast = slip ? typo(restrained.last, slip, rng) : restrained.last;
    } else {
      const sex = info.type === 'DV' || info.type === 'CPO' || info.type === 'EPO' ? (rng.chance(0.78) ? 'M' : 'F') : rng.chance(0.6) ? 'M' : 'F';
      restrained = this.person(sex, issueDate, info.type === 'JV' ? [12, 17] : [18, 75]);
      enteredLast = restrained.last;
      this.people.push({ person: restrained, county });
    }

    const court = courtOf(county);
    const prefix = CASE_PREFIX[info.type] ?? 'CV';
    const caseNumber = `${issueDate.slice(2, 4)}${prefix}${pad(++this.caseCounter % 1_000_000, 6)}`;
    const protectedPersons = this.protectedPersons(info.type, restrained, issueDate);
    const input: Record<string, unknown> = {
      form,
      court,
      caseNumber,
      issuedAt,
      restrainedPerson: {
        name: { last: enteredLast, first: restrained.first },
        dateOfBirth: restrained.dateOfBirth,
        sex: restrained.sex,
        race: restrained.race,
      },
      protectedPersons,
      ...(info.type === 'CH' && rng.chance(0.05) ? { sealed: true } : {}),
      ...(rng.chance(0.3) ? { assignedAgencies: [sheriffOf(county)] } : {}),
    };
    if (TEMPORARY_FORMS.has(form)) {
      input.hearing = { at: fromCaliforniaLocal(addDays(issueDate, rng.between(14, 21)), '08:30') };
    } else if (WRITTEN_YEARS[form] !== undefined) {
      input.expiration = { kind: 'date', date: addYears(issueDate, WRITTEN_YEARS[form]!) };
    } else if (form === 'JV-255') {
      input.expiration = { kind: 'date', date: addYears(issueDate, 3) };
    } else if (info.stage === 'after-hearing' && rng.chance(0.3)) {
      input.expiration = { kind: 'date', date: addYears(issueDate, rng.between(1, 5)) };
    }
    const details = this.options.validate ? decode(input) : (input as unknown as OrderDetails);
    const expiresAt = E.getOrElseW(() => {
      throw new Error(`synthetic ${form} has no valid expiration`);
    })(resolveExpiration(details, californiaCourtCalendar));
    return {
      orderId: uuid(rng),
      enteringAgencyOri: court.ori,
      details,
      expiresAt,
      restrained,
      ...(slip ? { typo: slip } : {}),
    };
  }

  /** `count` orders. */
  take(count: number): SyntheticOrder[] {
    return Array.from({ length: count }, () => this.next());
  }

  private issueDate(): string {
    const rng = this.rng;
    // Later years hold somewhat more orders (a registry grows), by a triangular draw.
    const span = this.options.toYear - this.options.fromYear + 1;
    const year = this.options.fromYear + Math.floor(Math.sqrt(rng.next()) * span);
    return addDays(`${year}-01-01`, rng.int(365));
  }

  private person(sex: 'F' | 'M', issueDate: string, [minAge, maxAge]: readonly [number, number]): SyntheticPerson {
    const rng = this.rng;
    // Ages skew young: most restrained and protected adults are in their twenties to forties.
    const age = minAge + Math.floor(Math.pow(rng.next(), 1.6) * (maxAge - minAge + 1));
    const dateOfBirth = addDays(addYears(issueDate, -age - 1), rng.between(1, 364));
    return {
      personId: this.personCounter++,
      last: SURNAME_DRAW.draw(rng),
      first: (sex === 'M' ? MALE_DRAW : FEMALE_DRAW).draw(rng),
      dateOfBirth,
      sex,
      race: RACES.draw(rng),
    };
  }

  private protectedPersons(type: string, restrained: SyntheticPerson, issueDate: string): Record<string, unknown>[] {
    const rng = this.rng;
    const adult = this.person(restrained.sex === 'M' ? 'F' : 'M', issueDate, [18, 70]);
    const family = type === 'DV' || type === 'EPO' || type === 'CPO';
    // Partners often share a surname in DV cases.
    const last = family && rng.chance(0.35) ? restrained.last : adult.last;
    const people: Record<string, unknown>[] = [
      { name: { last, first: adult.first }, dateOfBirth: adult.dateOfBirth, sex: adult.sex, race: adult.race, confidential: false, minor: false },
    ];
    if (family && rng.chance(0.3)) {
      for (let i = rng.between(1, 2); i > 0; i--) {
        const child = this.person(rng.chance(0.5) ? 'M' : 'F', issueDate, [0, 16]);
        people.push({ name: { last, first: child.first }, dateOfBirth: child.dateOfBirth, sex: child.sex, confidential: true, minor: true });
      }
    }
    return people;
  }
}

const decode = (input: Record<string, unknown>): OrderDetails => {
  const decoded = OrderDetails.decode(input);
  if (E.isLeft(decoded)) throw new Error(`the synthetic generator built an invalid order: ${JSON.stringify(input).slice(0, 300)}`);
  return decoded.right;
};
